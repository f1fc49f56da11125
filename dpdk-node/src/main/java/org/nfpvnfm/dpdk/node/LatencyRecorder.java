package org.nfpvnfm.dpdk.node;

import org.HdrHistogram.Histogram;

/**
 * Per-packet latencies recorded by one thread (the egress) and read by another (statistics), with
 * nothing but plain stores on the recording side. HdrHistogram's own recorders enter a critical
 * section with two atomic operations per value; at millions of packets a second that was the
 * egress's largest cost. Here the writer fills a plain histogram and, once per burst, looks at one
 * volatile request counter; when the reader asks, the writer swaps in the spare histogram and
 * acknowledges, and the reader takes the full one. The volatile write of the acknowledgement orders
 * every value recorded before it before the reader's reads.
 */
final class LatencyRecorder {
  static final long MAX_NANOS = 60_000_000_000L;

  private Histogram active = new Histogram(1, MAX_NANOS, 3);
  private Histogram spare = new Histogram(1, MAX_NANOS, 3);
  private volatile int requested;
  private volatile int acknowledged;

  /** The writer: one packet's latency. */
  void record(long nanos) {
    active.recordValue(Math.max(1, Math.min(nanos, MAX_NANOS)));
  }

  /** The writer, after each burst: swaps histograms when the reader asked for one. */
  void endOfBurst() {
    int r = requested;
    if (r != acknowledged) {
      Histogram full = active;
      active = spare;
      spare = full;
      acknowledged = r;
    }
  }

  /**
   * The reader (one at a time): adds what was recorded since the last call to {@code into}. Waits
   * for the writer's next burst, at most {@code timeoutNanos}; returns false when it did not come
   * (the writer is stuck), having added nothing.
   */
  boolean drainInto(Histogram into, long timeoutNanos) {
    int r = requested + 1;
    requested = r;
    long deadline = System.nanoTime() + timeoutNanos;
    while (acknowledged != r) {
      if (System.nanoTime() > deadline) {
        return false;
      }
      Thread.onSpinWait();
    }
    into.add(spare);
    spare.reset();
    return true;
  }

  /**
   * The reader, once the writer has stopped for good (the graph's egress rings are off the transmit
   * task and it went round since): takes everything without a hand-shake.
   */
  void drainStoppedInto(Histogram into) {
    into.add(active);
    into.add(spare);
    active.reset();
    spare.reset();
  }

  /** The reader: forgets what was recorded so far. */
  void reset(long timeoutNanos) {
    Histogram discard = new Histogram(1, MAX_NANOS, 3);
    drainInto(discard, timeoutNanos);
  }
}
