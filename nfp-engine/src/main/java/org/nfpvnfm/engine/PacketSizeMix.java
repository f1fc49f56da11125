package org.nfpvnfm.engine;

import java.util.List;

/**
 * Packet sizes and how often each occurs, for memory-overhead reports.
 *
 * @param shares sizes in bytes (whole frame) with their share of packets; shares add up to 1
 */
public record PacketSizeMix(String name, List<Share> shares) {

  public record Share(int bytes, double fraction) {
    public Share {
      if (bytes < 60 || bytes > 9216 || !(fraction > 0 && fraction <= 1)) {
        throw new IllegalArgumentException(
            "share %d bytes × %.3f (expected: 60..9216 bytes, 0 < fraction <= 1)"
                .formatted(bytes, fraction));
      }
    }
  }

  /**
   * A data-centre mix: bimodal, many small packets (acknowledgements, requests) and many full-size
   * ones, with a mean of 724 bytes, the mean the paper uses (after Benson et al., IMC 2010). The
   * exact shares are ours; only the mean is the paper's.
   */
  public static final PacketSizeMix DATACENTER =
      new PacketSizeMix(
          "datacenter",
          List.of(
              new Share(64, 0.37),
              new Share(128, 0.08),
              new Share(256, 0.05),
              new Share(512, 0.05),
              new Share(1024, 0.05),
              new Share(1500, 0.40)));

  public PacketSizeMix {
    shares = List.copyOf(shares);
    double sum = shares.stream().mapToDouble(Share::fraction).sum();
    if (shares.isEmpty() || Math.abs(sum - 1) > 1e-6) {
      throw new IllegalArgumentException(
          "mix %s: shares add up to %.6f (expected: 1)".formatted(name, sum));
    }
  }

  /** Every packet {@code bytes} long. */
  public static PacketSizeMix of(int bytes) {
    return new PacketSizeMix(bytes + "B", List.of(new Share(bytes, 1)));
  }

  public double meanBytes() {
    return shares.stream().mapToDouble(s -> s.bytes() * s.fraction()).sum();
  }
}
