package org.nfpvnfm.dpdk;

import org.nfpvnfm.dpdk.internal.ffm.PointerArray;
import org.nfpvnfm.dpdk.internal.ffm.Shim;

/**
 * A reusable burst of up to {@link #capacity()} mbufs: an off-heap pointer array that ports and
 * rings fill and drain in place, plus how many entries are valid. Allocate one per queue and core
 * at setup; the packet path then allocates nothing. Not thread-safe: one owner at a time.
 *
 * <p>The burst owns entries {@code [0, size())}. A call that hands some of them on ({@link
 * Ring#enqueue}, {@link Port#transmit}) returns how many it took, always a prefix; the caller then
 * owns the rest and typically {@link #releaseFrom releases} them or retries.
 */
public final class MbufBurst implements AutoCloseable {
  private final PointerArray pointers;
  private int size;

  public MbufBurst(int capacity) {
    this.pointers = new PointerArray(capacity);
  }

  public int capacity() {
    return pointers.length();
  }

  public int size() {
    return size;
  }

  public boolean isEmpty() {
    return size == 0;
  }

  /** The mbuf at {@code index} (0 &lt;= index &lt; size). */
  public long get(int index) {
    checkIndex(index, size);
    return pointers.get(index);
  }

  /** Adds an mbuf the burst now owns; false when full. */
  public boolean add(long mbuf) {
    if (size == capacity()) {
      return false;
    }
    pointers.set(size++, mbuf);
    return true;
  }

  /**
   * Fills the burst with {@code count} fresh mbufs from {@code pool}, all or none (DPDK's bulk
   * alloc); returns false and leaves the burst empty when the pool has fewer.
   */
  public boolean allocate(Mempool pool, int count) {
    if (count < 0 || count > capacity()) {
      throw new IllegalArgumentException(
          "count: " + count + " (expected: 0 <= count <= capacity " + capacity() + ")");
    }
    releaseAll();
    if (Shim.allocBulk(pool.address(), pointers, 0, count) != 0) {
      return false;
    }
    size = count;
    return true;
  }

  /** Releases entries {@code [from, size())} and empties the burst. */
  public void releaseFrom(int from) {
    checkIndex(from, size + 1);
    if (from < size) {
      Shim.freeBulk(pointers, from, size - from);
    }
    size = 0;
  }

  /** Releases every mbuf the burst holds. */
  public void releaseAll() {
    releaseFrom(0);
  }

  /** Forgets the entries without releasing them: their new owner took them. */
  public void clear() {
    size = 0;
  }

  PointerArray pointers() {
    return pointers;
  }

  void setSize(int size) {
    this.size = size;
  }

  /** Releases the mbufs still held and frees the pointer array. */
  @Override
  public void close() {
    releaseAll();
    pointers.close();
  }

  private static void checkIndex(int index, int bound) {
    if (index < 0 || index >= bound) {
      throw new IndexOutOfBoundsException(
          "index: " + index + " (expected: 0 <= index < " + bound + ")");
    }
  }
}
