package org.nfpvnfm.dpdk.internal.ffm;

/** The shim library or the DPDK libraries it links could not be loaded. */
public final class ShimLoadException extends Exception {
  ShimLoadException(String message, Throwable cause) {
    super(message, cause);
  }

  ShimLoadException(String message) {
    super(message);
  }
}
