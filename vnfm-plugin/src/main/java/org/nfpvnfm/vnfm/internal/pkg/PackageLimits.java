package org.nfpvnfm.vnfm.internal.pkg;

import java.time.Duration;

/**
 * The limits of package handling (documented in {@code docs/vnfm-packages.md}).
 *
 * @param maxPackageBytes the largest package an upload or an NFVO may send; beyond it an upload is
 *     answered 413 and a fetch 502. The default is the TOSCA front end's own limit for a package
 *     (512 MiB), so nothing is stored that the front end would refuse for its size anyway.
 * @param nfvoTimeout how long the NFVO may take to start answering a request (connection and
 *     response headers) before the lifecycle's request is answered 504
 * @param nfvoContentTimeout how long fetching a package's content from the NFVO may take in all
 *     before it is answered 504
 */
public record PackageLimits(
    long maxPackageBytes, Duration nfvoTimeout, Duration nfvoContentTimeout) {

  public static final PackageLimits DEFAULT =
      new PackageLimits(512L * 1024 * 1024, Duration.ofSeconds(30), Duration.ofMinutes(10));

  public PackageLimits {
    if (maxPackageBytes <= 0 || !positive(nfvoTimeout) || !positive(nfvoContentTimeout)) {
      throw new IllegalArgumentException(
          "maxPackageBytes: %d, nfvoTimeout: %s, nfvoContentTimeout: %s (expected: all > 0)"
              .formatted(maxPackageBytes, nfvoTimeout, nfvoContentTimeout));
    }
  }

  private static boolean positive(Duration d) {
    return !d.isNegative() && !d.isZero();
  }
}
