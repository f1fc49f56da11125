package org.nfpvnfm.dpdk.node;

/**
 * A ring entry: an mbuf address with the version it carries and two flags in its low bits. DPDK
 * aligns every mbuf to a cache line (64 bytes), so the low 6 bits of its address are always 0;
 * using them keeps a hand-over one pointer, whatever the version, even when one shared mbuf goes to
 * a merger as several versions. 4 bits of version allow 16 versions per parallel block, above any
 * width the compiler emits (2 to 8).
 */
final class RingEntry {
  static final int MAX_VERSIONS = 16;
  private static final long DROPPED = 1L << 4;
  private static final long FAILED = 1L << 5;
  private static final long TAG_BITS = 0x3fL;

  private RingEntry() {}

  static long of(long mbuf, int version, boolean dropped, boolean failed) {
    return mbuf | version | (dropped ? DROPPED : 0) | (failed ? FAILED : 0);
  }

  static long mbuf(long entry) {
    return entry & ~TAG_BITS;
  }

  static int version(long entry) {
    return (int) (entry & 0xf);
  }

  static boolean dropped(long entry) {
    return (entry & DROPPED) != 0;
  }

  static boolean failed(long entry) {
    return (entry & FAILED) != 0;
  }
}
