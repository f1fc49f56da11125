package org.nfpvnfm.dpdk;

/**
 * A DPDK setup step failed: the shim or DPDK is missing, the EAL refused its arguments, a pool,
 * ring or port could not be made. The fast path never throws it; bursts return counts.
 */
public final class DpdkException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  private final int errno;

  DpdkException(String message, int errno) {
    super(message);
    this.errno = errno;
  }

  DpdkException(String message, Throwable cause) {
    super(message, cause);
    this.errno = 0;
  }

  /** The (rte_)errno DPDK reported, positive; 0 when the failure was not DPDK's. */
  public int errno() {
    return errno;
  }
}
