package org.nfpvnfm.dpdk.internal.ffm;

import static java.lang.foreign.ValueLayout.ADDRESS;
import static java.lang.foreign.ValueLayout.JAVA_LONG;

import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;

/**
 * A preallocated off-heap array of pointers ({@code struct rte_mbuf *[n]}), what DPDK's burst calls
 * read and write. Allocated once and reused: a burst passes this and an index, never a new segment.
 * Its memory is shared between threads (a burst may be filled by one lcore and drained by another,
 * one at a time) and freed by {@link #close()}.
 */
public final class PointerArray implements AutoCloseable {
  private final Arena arena;
  final MemorySegment segment;
  private final int length;

  public PointerArray(int length) {
    if (length <= 0) {
      throw new IllegalArgumentException("length: " + length + " (expected: > 0)");
    }
    this.arena = Arena.ofShared();
    this.segment = arena.allocate(ADDRESS, length);
    this.length = length;
  }

  public int length() {
    return length;
  }

  public long get(int index) {
    return segment.getAtIndex(JAVA_LONG, index);
  }

  public void set(int index, long pointer) {
    segment.setAtIndex(JAVA_LONG, index, pointer);
  }

  @Override
  public void close() {
    arena.close();
  }
}
