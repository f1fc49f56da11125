package org.nfpvnfm.nf.l3_forwarder;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;

/**
 * IPv4 longest-prefix match with DIR-24-8 (Gupta, Lin, McKeown 1998; DPDK's {@code rte_lpm}): a
 * 2^24-entry table indexed by the address's top 24 bits answers every prefix up to /24 in one
 * memory access; an entry covered by a longer prefix points instead at a 256-entry block indexed by
 * the last octet, so a lookup is at most two accesses and no loop.
 *
 * <p>Entries are {@code short}s to halve the 2^24 table (32 MiB instead of 64): 0 is "no route",
 * 1..0x7fff is a next-hop index plus one, and a set high bit names a block (up to 0x8000 blocks).
 * Immutable after {@link #build}: routes change by building a new table.
 */
final class Dir24x8 {
  static final int MAX_NEXT_HOPS = 0x7fff;
  static final int MAX_BLOCKS = 0x8000;
  private static final int BLOCK_FLAG = 0x8000;

  private final short[] tbl24;
  private final short[] tbl8;

  private Dir24x8(short[] tbl24, short[] tbl8) {
    this.tbl24 = tbl24;
    this.tbl8 = tbl8;
  }

  /** One IPv4 route: {@code nextHop} is a dense index below {@link #MAX_NEXT_HOPS}. */
  record Route(long prefix, int length, int nextHop) {}

  /**
   * Builds the table; {@code routes} must hold no prefix twice.
   *
   * @throws IllegalArgumentException when the routes longer than /24 need more than {@link
   *     #MAX_BLOCKS} blocks
   */
  static Dir24x8 build(List<Route> routes) {
    // Shorter prefixes first, so a longer one simply overwrites the entries it covers; and every
    // prefix up to /24 is in tbl24 before the first block copies its covering entry.
    List<Route> sorted = new ArrayList<>(routes);
    sorted.sort(Comparator.comparingInt(Route::length));
    short[] tbl24 = new short[1 << 24];
    short[] tbl8 = new short[256 * 16];
    int blocks = 0;
    for (Route r : sorted) {
      short value = (short) (r.nextHop() + 1);
      if (r.length() <= 24) {
        int first = (int) (r.prefix() >>> 8);
        int count = 1 << (24 - r.length());
        Arrays.fill(tbl24, first, first + count, value);
        continue;
      }
      int index24 = (int) (r.prefix() >>> 8);
      int entry = tbl24[index24] & 0xffff;
      int block;
      if ((entry & BLOCK_FLAG) != 0) {
        block = entry & ~BLOCK_FLAG;
      } else {
        if (blocks == MAX_BLOCKS) {
          throw new IllegalArgumentException(
              "routes: more than "
                  + MAX_BLOCKS
                  + " /24s hold prefixes longer than /24 (expected: at most "
                  + MAX_BLOCKS
                  + ")");
        }
        block = blocks++;
        if (blocks * 256 > tbl8.length) {
          tbl8 = Arrays.copyOf(tbl8, Math.min(tbl8.length * 2, MAX_BLOCKS * 256));
        }
        // The block starts as the /24's covering route (or none), then the longer prefix cuts in.
        Arrays.fill(tbl8, block * 256, block * 256 + 256, (short) entry);
        tbl24[index24] = (short) (BLOCK_FLAG | block);
      }
      int first = block * 256 + (int) (r.prefix() & 0xff);
      Arrays.fill(tbl8, first, first + (1 << (32 - r.length())), value);
    }
    return new Dir24x8(tbl24, Arrays.copyOf(tbl8, blocks * 256));
  }

  /** The next-hop index for {@code addr} (unsigned 32 bits), or -1 when no route covers it. */
  int lookup(long addr) {
    int a = (int) addr;
    int entry = tbl24[a >>> 8] & 0xffff;
    if ((entry & BLOCK_FLAG) != 0) {
      entry = tbl8[((entry & ~BLOCK_FLAG) << 8) | (a & 0xff)] & 0xffff;
    }
    return entry - 1;
  }

  /** Blocks in use (for tests and counters). */
  int blocks() {
    return tbl8.length / 256;
  }
}
