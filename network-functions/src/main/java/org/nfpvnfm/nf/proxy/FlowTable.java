package org.nfpvnfm.nf.proxy;

/**
 * A fixed-size flow table for the fast path: keys are (address a, address b, protocol, port pair),
 * an IPv4 address in the low long with 0 above; values are two longs. Open addressing with a
 * bounded probe window instead of unbounded linear probing: an entry lives in one of {@link
 * #WINDOW} slots after its hash, so a lookup reads at most that many, idle entries are reused in
 * place without tombstones, and a full window evicts its least recently used entry (counted) rather
 * than failing. Nothing is allocated after construction. Public so that the load balancer reuses
 * it; one thread uses an instance.
 */
public final class FlowTable {
  static final int WINDOW = 16;

  private final long[] aHigh;
  private final long[] aLow;
  private final long[] bHigh;
  private final long[] bLow;
  // protocol << 32 | port pair; -1 marks an empty slot (no real key has it: protocol < 256).
  private final long[] meta;
  private final long[] valueHigh;
  private final long[] valueLow;
  private final long[] lastSeen;
  private final int mask;
  private final long idleNanos;
  private long inserted;
  private long evicted;
  private long expired;

  /** {@code capacity} is rounded up to a power of two (at least {@link #WINDOW}). */
  public FlowTable(int capacity, long idleNanos) {
    int c = Integer.highestOneBit(Math.max(WINDOW, capacity) - 1) << 1;
    aHigh = new long[c];
    aLow = new long[c];
    bHigh = new long[c];
    bLow = new long[c];
    meta = new long[c];
    java.util.Arrays.fill(meta, -1L);
    valueHigh = new long[c];
    valueLow = new long[c];
    lastSeen = new long[c];
    mask = c - 1;
    this.idleNanos = idleNanos;
  }

  /**
   * The slot holding the live key, refreshed to {@code now}; -1 when absent or idle longer than the
   * timeout.
   */
  public int find(long ah, long al, long bh, long bl, int protocol, int ports, long now) {
    long m = ((long) protocol << 32) | (ports & 0xffff_ffffL);
    int start = hash(ah, al, bh, bl, m);
    for (int k = 0; k < WINDOW; k++) {
      int s = (start + k) & mask;
      if (meta[s] == m && aLow[s] == al && bLow[s] == bl && aHigh[s] == ah && bHigh[s] == bh) {
        if (now - lastSeen[s] > idleNanos) {
          meta[s] = -1L;
          expired++;
          return -1;
        }
        lastSeen[s] = now;
        return s;
      }
    }
    return -1;
  }

  /**
   * Inserts or overwrites the key's entry with the value; returns its slot. Takes the first slot in
   * the window that is the key's own, empty or idle, else evicts the least recently seen.
   */
  public int put(
      long ah, long al, long bh, long bl, int protocol, int ports, long vh, long vl, long now) {
    long m = ((long) protocol << 32) | (ports & 0xffff_ffffL);
    int start = hash(ah, al, bh, bl, m);
    int free = -1;
    int oldest = -1;
    for (int k = 0; k < WINDOW; k++) {
      int s = (start + k) & mask;
      if (meta[s] == m && aLow[s] == al && bLow[s] == bl && aHigh[s] == ah && bHigh[s] == bh) {
        free = s;
        break;
      }
      if (free < 0) {
        if (meta[s] == -1L) {
          free = s;
        } else if (now - lastSeen[s] > idleNanos) {
          expired++;
          meta[s] = -1L;
          free = s;
        } else if (oldest < 0 || lastSeen[s] < lastSeen[oldest]) {
          oldest = s;
        }
      }
    }
    int s;
    if (free >= 0) {
      s = free;
      if (meta[s] == -1L) {
        inserted++;
      }
    } else {
      s = oldest;
      evicted++;
      inserted++;
    }
    aHigh[s] = ah;
    aLow[s] = al;
    bHigh[s] = bh;
    bLow[s] = bl;
    meta[s] = m;
    valueHigh[s] = vh;
    valueLow[s] = vl;
    lastSeen[s] = now;
    return s;
  }

  public long valueHigh(int slot) {
    return valueHigh[slot];
  }

  public long valueLow(int slot) {
    return valueLow[slot];
  }

  /** Entries not yet idle at {@code now} (a scan: not for the fast path). */
  public long live(long now) {
    long n = 0;
    for (int s = 0; s <= mask; s++) {
      if (meta[s] != -1L && now - lastSeen[s] <= idleNanos) {
        n++;
      }
    }
    return n;
  }

  public int capacity() {
    return mask + 1;
  }

  /** Entries created (a key new to the table). */
  public long inserted() {
    return inserted;
  }

  /** Live entries pushed out of a full window. */
  public long evicted() {
    return evicted;
  }

  /** Idle entries found and cleared. */
  public long expired() {
    return expired;
  }

  private int hash(long ah, long al, long bh, long bl, long m) {
    long x = al * 0x9E3779B97F4A7C15L;
    x ^= Long.rotateLeft(bl * 0xC2B2AE3D27D4EB4FL, 23);
    x ^= Long.rotateLeft(ah * 0x165667B19E3779F9L, 41);
    x ^= Long.rotateLeft(bh * 0x85EBCA77C2B2AE63L, 13);
    x ^= m * 0x27D4EB2F165667C5L;
    x ^= x >>> 32;
    x *= 0xFF51AFD7ED558CCDL;
    x ^= x >>> 29;
    return (int) x & mask;
  }
}
