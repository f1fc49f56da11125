package org.nfpvnfm.dpdk.internal.ffm;

import static java.lang.foreign.ValueLayout.ADDRESS;
import static java.lang.foreign.ValueLayout.JAVA_LONG;

import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;

/**
 * A preallocated off-heap array of pointers ({@code struct rte_mbuf *[n]}), what DPDK's burst calls
 * read and write. Allocated once and reused: a burst passes this and an index, never a new segment.
 * Its memory is shared between threads (a burst may be filled by one lcore and drained by another,
 * one at a time). It lives in an automatic arena, freed by the garbage collector once the array is
 * unreachable: every access to a segment of a shared arena checks that the arena is still open, and
 * on the packet path, where each hand-over stages a pointer here, that check was the largest single
 * cost of performing a forwarding row. {@link #close()} only marks the array closed.
 */
public final class PointerArray implements AutoCloseable {
  private final Arena arena;
  final MemorySegment segment;
  private final int length;

  public PointerArray(int length) {
    if (length <= 0) {
      throw new IllegalArgumentException("length: " + length + " (expected: > 0)");
    }
    this.arena = Arena.ofAuto();
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
    // Nothing to free by hand: see the class comment.
  }
}
