package org.nfpvnfm.dpdk.trace;

import java.util.Arrays;
import java.util.Locale;
import org.jspecify.annotations.Nullable;

/**
 * How long a trace's frames are: each packet's size is drawn from this distribution, independently
 * of its flow. Sizes are Ethernet frame sizes as a pcap record holds them: destination MAC to the
 * end of the payload, without the 4-byte FCS (which NICs add and strip), so from {@value
 * #MIN_FRAME} (the shortest frame Ethernet carries) to {@value #MAX_FRAME} (a 1500-byte IP packet,
 * no VLAN tag).
 *
 * <p>Immutable; two distributions are equal when their text forms ({@link #toString()}) are.
 */
public final class SizeDistribution {

  /** The shortest frame: 64 bytes on the wire less the FCS. */
  public static final int MIN_FRAME = 60;

  /** The longest frame: a 1500-byte IP packet and its 14-byte Ethernet header, no FCS, no VLAN. */
  public static final int MAX_FRAME = 1514;

  /**
   * The simple IMIX: IP packets of 40, 576 and 1500 bytes in the proportions 7:4:1, as frames of
   * 60, 590 and 1514 bytes (the 64/594/1518 often quoted counts the FCS; 40 + 14 = 54 is padded to
   * 60). Mean 4294/12 = 357.83 bytes.
   */
  public static final SizeDistribution IMIX =
      table("imix", new int[] {60, 590, 1514}, new int[] {7, 4, 1});

  /**
   * A data-centre mix whose mean is exactly 724 bytes, the mean the NFP paper uses (after Benson et
   * al., IMC 2010): bimodal, 49% of frames 128 bytes or shorter (acknowledgements, requests), 43%
   * of 1400 bytes or more (bulk transfers), 8% in between. The shares, in thousandths, are ours;
   * only the mean is the paper's. docs/traces.md gives the reasoning.
   */
  public static final SizeDistribution DATA_CENTRE =
      table(
          "dc",
          new int[] {60, 66, 128, 256, 512, 1024, 1400, 1514},
          new int[] {330, 110, 50, 30, 20, 30, 80, 350});

  private static final String EXPECTED =
      "expected: a frame size in bytes such as 64, uniform:MIN-MAX, imix or dc";

  private final String name;
  // A table: sizes[i] with weight cumulative[i] - cumulative[i - 1]. A uniform range: both empty.
  private final int[] sizes;
  private final int[] cumulative;
  private final int min;
  private final int max;
  private final double mean;

  private SizeDistribution(String name, int[] sizes, int[] cumulative, int min, int max) {
    this.name = name;
    this.sizes = sizes;
    this.cumulative = cumulative;
    this.min = min;
    this.max = max;
    if (sizes.length == 0) {
      this.mean = (min + max) / 2.0;
    } else {
      long sum = 0;
      int previous = 0;
      for (int i = 0; i < sizes.length; i++) {
        sum += (long) sizes[i] * (cumulative[i] - previous);
        previous = cumulative[i];
      }
      // One division of exact integers: the double nearest the true mean (724.0 for dc).
      this.mean = (double) sum / previous;
    }
  }

  private static SizeDistribution table(String name, int[] sizes, int[] weights) {
    int[] cumulative = new int[weights.length];
    int total = 0;
    for (int i = 0; i < weights.length; i++) {
      checkSize(sizes[i], name);
      total += weights[i];
      cumulative[i] = total;
    }
    return new SizeDistribution(
        name,
        sizes.clone(),
        cumulative,
        Arrays.stream(sizes).min().orElseThrow(),
        Arrays.stream(sizes).max().orElseThrow());
  }

  /** Every frame {@code bytes} long. */
  public static SizeDistribution fixed(int bytes) {
    checkSize(bytes, Integer.toString(bytes));
    return new SizeDistribution(
        Integer.toString(bytes), new int[] {bytes}, new int[] {1}, bytes, bytes);
  }

  /** Every size from {@code min} to {@code max} bytes (both included) equally likely. */
  public static SizeDistribution uniform(int min, int max) {
    String name = "uniform:" + min + "-" + max;
    checkSize(min, name);
    checkSize(max, name);
    if (min > max) {
      throw new IllegalArgumentException(
          "size distribution "
              + name
              + ": MIN "
              + min
              + " > MAX "
              + max
              + " (expected: MIN <= MAX)");
    }
    return new SizeDistribution(name, new int[0], new int[0], min, max);
  }

  /**
   * Parses {@code 64} (one size), {@code uniform:MIN-MAX}, {@code imix} or {@code dc} (also {@code
   * datacenter}, as {@code nfp compile --mix} names it).
   *
   * @throws IllegalArgumentException naming the text and what is expected
   */
  public static SizeDistribution parse(String text) {
    String t = text.strip().toLowerCase(Locale.ROOT);
    if (t.equals("imix")) {
      return IMIX;
    }
    if (t.equals("dc") || t.equals("datacenter")) {
      return DATA_CENTRE;
    }
    if (t.startsWith("uniform:")) {
      String range = t.substring("uniform:".length());
      int dash = range.indexOf('-');
      if (dash < 0) {
        throw new IllegalArgumentException(
            "size distribution \""
                + text
                + "\": no range (expected: uniform:MIN-MAX, such as"
                + " uniform:64-1500)");
      }
      return uniform(
          number(range.substring(0, dash), text), number(range.substring(dash + 1), text));
    }
    if (!t.isEmpty() && t.chars().allMatch(c -> c >= '0' && c <= '9')) {
      return fixed(number(t, text));
    }
    throw new IllegalArgumentException("size distribution \"" + text + "\" (" + EXPECTED + ")");
  }

  private static int number(String digits, String text) {
    if (digits.isEmpty()
        || digits.length() > 9
        || !digits.chars().allMatch(c -> c >= '0' && c <= '9')) {
      throw new IllegalArgumentException(
          "size distribution \""
              + text
              + "\": \""
              + digits
              + "\" is not a size ("
              + EXPECTED
              + ")");
    }
    return Integer.parseInt(digits);
  }

  private static void checkSize(int bytes, String name) {
    if (bytes < MIN_FRAME || bytes > MAX_FRAME) {
      throw new IllegalArgumentException(
          "size distribution "
              + name
              + ": frame size "
              + bytes
              + " (expected: "
              + MIN_FRAME
              + " to "
              + MAX_FRAME
              + " bytes, an Ethernet frame without its FCS)");
    }
  }

  /** The exact mean frame size in bytes (as near as a double holds it). */
  public double mean() {
    return mean;
  }

  /** The shortest size drawn. */
  public int min() {
    return min;
  }

  /** The longest size drawn. */
  public int max() {
    return max;
  }

  /** The probability of a frame of {@code bytes} bytes: 0 for a size never drawn. */
  public double probability(int bytes) {
    if (sizes.length == 0) {
      return bytes >= min && bytes <= max ? 1.0 / (max - min + 1) : 0;
    }
    for (int i = 0; i < sizes.length; i++) {
      if (sizes[i] == bytes) {
        return (double) (cumulative[i] - (i == 0 ? 0 : cumulative[i - 1]))
            / cumulative[cumulative.length - 1];
      }
    }
    return 0;
  }

  /** One size; consumes no draw when there is only one. */
  int sample(SplitMix64 random) {
    if (sizes.length == 0) {
      return min + random.nextInt(max - min + 1);
    }
    if (sizes.length == 1) {
      return sizes[0];
    }
    int r = random.nextInt(cumulative[cumulative.length - 1]);
    int i = 0;
    while (r >= cumulative[i]) {
      i++;
    }
    return sizes[i];
  }

  @Override
  public boolean equals(@Nullable Object o) {
    return o instanceof SizeDistribution other && name.equals(other.name);
  }

  @Override
  public int hashCode() {
    return name.hashCode();
  }

  /**
   * The text {@link #parse} reads back: {@code 64}, {@code uniform:64-1500}, {@code imix}, {@code
   * dc}.
   */
  @Override
  public String toString() {
    return name;
  }
}
