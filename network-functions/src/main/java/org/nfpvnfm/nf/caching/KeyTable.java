package org.nfpvnfm.nf.caching;

import java.util.Arrays;

/**
 * A fixed-capacity map from byte-string keys to entry numbers (0 to capacity - 1), open addressing
 * with linear probing and backward-shift deletion (no tombstones, so probes stay short after many
 * evictions). Keys live in one preallocated arena, {@code maxKey} bytes per entry: lookups, inserts
 * and removals allocate nothing.
 */
final class KeyTable {
  final int capacity;
  final int maxKey;
  final byte[] keys;
  final int[] keyLength;
  private final long[] hash;
  private final int[] slots;
  private final int mask;
  private final int[] free;
  private int freeCount;

  KeyTable(int capacity, int maxKey) {
    this.capacity = capacity;
    this.maxKey = maxKey;
    keys = new byte[capacity * maxKey];
    keyLength = new int[capacity];
    hash = new long[capacity];
    // Load factor at most one half: probes stay short even when full.
    int n = Integer.highestOneBit(Math.max(2, capacity) * 2 - 1) * 2;
    slots = new int[n];
    Arrays.fill(slots, -1);
    mask = n - 1;
    free = new int[capacity];
    for (int i = 0; i < capacity; i++) {
      free[i] = capacity - 1 - i;
    }
    freeCount = capacity;
  }

  int size() {
    return capacity - freeCount;
  }

  static long hash(byte[] key, int length) {
    long h = 0xcbf29ce484222325L;
    for (int i = 0; i < length; i++) {
      h = (h ^ (key[i] & 0xff)) * 0x100000001b3L;
    }
    return h ^ (h >>> 29);
  }

  /** The entry holding {@code key[0..length)}, or -1. */
  int find(byte[] key, int length, long h) {
    for (int s = (int) h & mask; ; s = (s + 1) & mask) {
      int e = slots[s];
      if (e < 0) {
        return -1;
      }
      if (hash[e] == h && equal(e, key, length)) {
        return e;
      }
    }
  }

  /** Adds a key known to be absent; returns its entry, or -1 when the table is full. */
  int insert(byte[] key, int length, long h) {
    if (freeCount == 0) {
      return -1;
    }
    int e = free[--freeCount];
    System.arraycopy(key, 0, keys, e * maxKey, length);
    keyLength[e] = length;
    hash[e] = h;
    int s = (int) h & mask;
    while (slots[s] >= 0) {
      s = (s + 1) & mask;
    }
    slots[s] = e;
    return e;
  }

  /** Removes entry {@code e}; its number may be handed out again by {@link #insert}. */
  void remove(int e) {
    int s = (int) hash[e] & mask;
    while (slots[s] != e) {
      s = (s + 1) & mask;
    }
    // Backward shift: move later members of the probe run into the hole when their home allows.
    int hole = s;
    for (int j = (hole + 1) & mask; slots[j] >= 0; j = (j + 1) & mask) {
      int home = (int) hash[slots[j]] & mask;
      boolean movable = hole <= j ? (home <= hole || home > j) : (home <= hole && home > j);
      if (movable) {
        slots[hole] = slots[j];
        hole = j;
      }
    }
    slots[hole] = -1;
    free[freeCount++] = e;
  }

  private boolean equal(int e, byte[] key, int length) {
    if (keyLength[e] != length) {
      return false;
    }
    int base = e * maxKey;
    for (int i = 0; i < length; i++) {
      if (keys[base + i] != key[i]) {
        return false;
      }
    }
    return true;
  }
}
