package org.nfpvnfm.tosca.nfp;

/** An inclusive range of transport ports. */
public record PortRange(int low, int high) {
  public PortRange {
    if (low < 0 || high > 65535 || low > high) {
      throw new IllegalArgumentException(
          "low: %d, high: %d (expected: 0 <= low <= high <= 65535)".formatted(low, high));
    }
  }
}
