package org.nfpvnfm.nf.l3_forwarder;

import java.util.List;
import java.util.TreeSet;

/**
 * IPv6 longest-prefix match with one hash probe per prefix length present (Waldvogel et al.'s
 * per-length tables, searched linearly from the longest length down rather than by binary search,
 * which would need markers): route tables have few distinct lengths (/32, /48, /56, /64, /128, the
 * default), so a lookup is a handful of probes into one open-addressing table keyed by (masked
 * address, length). Immutable after construction.
 */
final class Ipv6Lpm {
  private final int[] lengths;
  private final long[] highMasks;
  private final long[] lowMasks;
  private final long[] keyHigh;
  private final long[] keyLow;
  private final byte[] keyLength;
  // nextHop + 1; 0 marks an empty slot.
  private final int[] value;
  private final int mask;

  /** One IPv6 route: {@code nextHop} is a dense index. */
  record Route(long high, long low, int length, int nextHop) {}

  /** {@code routes} must hold no prefix twice. */
  Ipv6Lpm(List<Route> routes) {
    TreeSet<Integer> distinct = new TreeSet<>();
    for (Route r : routes) {
      distinct.add(r.length());
    }
    lengths = distinct.descendingSet().stream().mapToInt(Integer::intValue).toArray();
    highMasks = new long[lengths.length];
    lowMasks = new long[lengths.length];
    for (int i = 0; i < lengths.length; i++) {
      IpPrefix p = new IpPrefix(6, 0, 0, lengths[i]);
      highMasks[i] = p.highMask();
      lowMasks[i] = p.lowMask();
    }
    // At most half full, so a probe sequence stays short.
    int capacity = Integer.highestOneBit(Math.max(4, routes.size() * 2) - 1) << 1;
    keyHigh = new long[capacity];
    keyLow = new long[capacity];
    keyLength = new byte[capacity];
    value = new int[capacity];
    mask = capacity - 1;
    for (Route r : routes) {
      int slot = hash(r.high(), r.low(), r.length()) & mask;
      while (value[slot] != 0) {
        slot = (slot + 1) & mask;
      }
      keyHigh[slot] = r.high();
      keyLow[slot] = r.low();
      keyLength[slot] = (byte) r.length();
      value[slot] = r.nextHop() + 1;
    }
  }

  /** The next-hop index for the address, or -1 when no route covers it. */
  int lookup(long high, long low) {
    for (int i = 0; i < lengths.length; i++) {
      long h = high & highMasks[i];
      long l = low & lowMasks[i];
      int len = lengths[i];
      int slot = hash(h, l, len) & mask;
      while (value[slot] != 0) {
        if (keyHigh[slot] == h && keyLow[slot] == l && (keyLength[slot] & 0xff) == len) {
          return value[slot] - 1;
        }
        slot = (slot + 1) & mask;
      }
    }
    return -1;
  }

  private static int hash(long high, long low, int length) {
    long x = high * 0x9E3779B97F4A7C15L ^ Long.rotateLeft(low * 0xC2B2AE3D27D4EB4FL, 31) ^ length;
    x ^= x >>> 33;
    x *= 0xFF51AFD7ED558CCDL;
    x ^= x >>> 33;
    return (int) x;
  }
}
