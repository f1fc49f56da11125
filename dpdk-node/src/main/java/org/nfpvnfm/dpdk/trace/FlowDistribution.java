package org.nfpvnfm.dpdk.trace;

import org.jspecify.annotations.Nullable;

/**
 * Which flow each packet belongs to: {@code uniform:N}, N flows equally likely, or {@code
 * zipf:N:S}, flow k (k = 1..N) with probability proportional to 1/k^S, so that a few heavy flows
 * carry much of the traffic, as in real networks. Flows are numbered by popularity: flow 1 is the
 * heaviest. What a flow's 5-tuple is, {@link TraceGenerator} derives from its number and the seed.
 *
 * <p>Immutable; two distributions are equal when their text forms ({@link #toString()}) are.
 */
public final class FlowDistribution {

  /**
   * The most flows a trace can have: each flow has a source address of its own in 10.0.0.0/8, which
   * holds 2²⁴ addresses.
   */
  public static final int MAX_FLOWS = 1 << 24;

  /** The largest Zipf exponent accepted: beyond it nearly every packet is flow 1's. */
  public static final double MAX_EXPONENT = 10;

  private static final String EXPECTED =
      "expected: uniform:N or zipf:N:S, such as uniform:1024 or zipf:10000:1.1";

  private final int flows;
  private final double exponent;
  private final String name;
  private final @Nullable ZipfSampler zipf;

  private FlowDistribution(int flows, double exponent, String name) {
    this.flows = flows;
    this.exponent = exponent;
    this.name = name;
    this.zipf = exponent == 0 ? null : new ZipfSampler(flows, exponent);
  }

  /** {@code flows} flows, each as likely as the others. */
  public static FlowDistribution uniform(int flows) {
    checkFlows(flows, "uniform:" + flows);
    return new FlowDistribution(flows, 0, "uniform:" + flows);
  }

  /** {@code flows} flows, flow k with probability proportional to 1/k^{@code exponent}. */
  public static FlowDistribution zipf(int flows, double exponent) {
    String name = "zipf:" + flows + ":" + format(exponent);
    checkFlows(flows, name);
    if (!(exponent > 0 && exponent <= MAX_EXPONENT)) {
      throw new IllegalArgumentException(
          "flow distribution "
              + name
              + ": Zipf exponent "
              + format(exponent)
              + " (expected: above 0 and at most "
              + format(MAX_EXPONENT)
              + "; 1 is classic Zipf)");
    }
    return new FlowDistribution(flows, exponent, name);
  }

  /**
   * Parses {@code uniform:N} or {@code zipf:N:S}.
   *
   * @throws IllegalArgumentException naming the text and what is expected
   */
  public static FlowDistribution parse(String text) {
    String[] parts = text.strip().split(":", -1);
    if (parts.length == 2 && parts[0].equalsIgnoreCase("uniform")) {
      return uniform(count(parts[1], text));
    }
    if (parts.length == 3 && parts[0].equalsIgnoreCase("zipf")) {
      // Plain decimals only: parseDouble would also take "1e1", "0x1p0", "NaN" and "2d".
      if (!parts[2].matches("[0-9]{1,3}(\\.[0-9]{1,9})?")) {
        throw new IllegalArgumentException(
            "flow distribution \""
                + text
                + "\": \""
                + parts[2]
                + "\" is not an exponent ("
                + EXPECTED
                + ")");
      }
      double s = Double.parseDouble(parts[2]);
      return zipf(count(parts[1], text), s);
    }
    throw new IllegalArgumentException("flow distribution \"" + text + "\" (" + EXPECTED + ")");
  }

  private static int count(String digits, String text) {
    if (digits.isEmpty()
        || digits.length() > 9
        || !digits.chars().allMatch(c -> c >= '0' && c <= '9')) {
      throw new IllegalArgumentException(
          "flow distribution \""
              + text
              + "\": \""
              + digits
              + "\" is not a number of flows ("
              + EXPECTED
              + ")");
    }
    return Integer.parseInt(digits);
  }

  private static void checkFlows(int flows, String name) {
    if (flows < 1 || flows > MAX_FLOWS) {
      throw new IllegalArgumentException(
          "flow distribution " + name + ": " + flows + " flows (expected: 1 to " + MAX_FLOWS + ")");
    }
  }

  private static String format(double value) {
    return value == Math.rint(value) && Math.abs(value) < 1e15
        ? Long.toString((long) value)
        : Double.toString(value);
  }

  /** How many flows there are. */
  public int flows() {
    return flows;
  }

  /** The Zipf exponent; 0 for a uniform distribution. */
  public double exponent() {
    return exponent;
  }

  /** A flow's number, 1 (the heaviest under Zipf) to {@link #flows()}. */
  int sample(SplitMix64 random) {
    ZipfSampler z = zipf;
    if (flows == 1) {
      return 1;
    }
    return z == null ? 1 + random.nextInt(flows) : z.sample(random);
  }

  @Override
  public boolean equals(@Nullable Object o) {
    return o instanceof FlowDistribution other && name.equals(other.name);
  }

  @Override
  public int hashCode() {
    return name.hashCode();
  }

  /** The text {@link #parse} reads back: {@code uniform:1024}, {@code zipf:10000:1.1}. */
  @Override
  public String toString() {
    return name;
  }
}
