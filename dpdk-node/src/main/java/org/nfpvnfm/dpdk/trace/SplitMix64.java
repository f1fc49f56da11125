package org.nfpvnfm.dpdk.trace;

/**
 * Steele, Lea and Flood's SplitMix64 generator, written out here rather than taken from {@code
 * java.util}: a trace must be the same bytes on every JDK, and the JDK specifies neither {@code
 * SplittableRandom}'s exact algorithm nor how its bounded draws use the bits. Every draw below is
 * defined by this file alone.
 */
final class SplitMix64 {
  private static final long GOLDEN_GAMMA = 0x9e37_79b9_7f4a_7c15L;

  private long state;

  SplitMix64(long seed) {
    this.state = seed;
  }

  /** A generator for item {@code index} of the stream {@code stream} of {@code seed}. */
  static SplitMix64 of(long seed, long stream, long index) {
    return new SplitMix64(mix(mix(seed ^ mix(stream)) + index * GOLDEN_GAMMA));
  }

  /** SplitMix64's output function: a bijection of 64-bit values that mixes every bit. */
  static long mix(long value) {
    long z = value;
    z = (z ^ (z >>> 30)) * 0xbf58_476d_1ce4_e5b9L;
    z = (z ^ (z >>> 27)) * 0x94d0_49bb_1331_11ebL;
    return z ^ (z >>> 31);
  }

  long nextLong() {
    state += GOLDEN_GAMMA;
    return mix(state);
  }

  /** A uniform int in {@code [0, bound)} without bias (Lemire's multiply-and-reject). */
  int nextInt(int bound) {
    if (bound <= 0) {
      throw new IllegalArgumentException("bound: " + bound + " (expected: > 0)");
    }
    long m = (nextLong() >>> 32) * bound;
    long low = m & 0xffff_ffffL;
    if (low < bound) {
      long threshold = (0x1_0000_0000L - bound) % bound;
      while (low < threshold) {
        m = (nextLong() >>> 32) * bound;
        low = m & 0xffff_ffffL;
      }
    }
    return (int) (m >>> 32);
  }

  /** A uniform double in {@code [0, 1)}, a multiple of 2⁻⁵³. */
  double nextDouble() {
    return (nextLong() >>> 11) * 0x1.0p-53;
  }
}
