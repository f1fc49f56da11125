package org.nfpvnfm.dpdk.metrics;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.DoubleAdder;
import java.util.concurrent.atomic.LongAdder;

/**
 * Observations counted into fixed buckets, as a Prometheus histogram reports them: for each upper
 * bound the observations at or below it, their sum and their count. Any thread may observe; a
 * {@link #snapshot} taken meanwhile may miss observations in flight, never counts one twice.
 */
public final class Histogram {
  private final double[] bounds;
  private final LongAdder[] buckets;
  private final DoubleAdder sum = new DoubleAdder();

  /** A histogram with these upper bounds (finite, increasing); {@code +Inf} is always added. */
  public Histogram(double... bounds) {
    if (bounds.length == 0) {
      throw new IllegalArgumentException("a histogram needs at least one bucket bound");
    }
    for (int i = 0; i < bounds.length; i++) {
      if (!Double.isFinite(bounds[i]) || (i > 0 && bounds[i] <= bounds[i - 1])) {
        throw new IllegalArgumentException(
            "bucket bounds must be finite and increasing (got "
                + java.util.Arrays.toString(bounds)
                + ")");
      }
    }
    this.bounds = bounds.clone();
    this.buckets = new LongAdder[bounds.length + 1];
    for (int i = 0; i < buckets.length; i++) {
      buckets[i] = new LongAdder();
    }
  }

  /** Counts one observation. */
  public void observe(double value) {
    int i = 0;
    while (i < bounds.length && value > bounds[i]) {
      i++;
    }
    buckets[i].increment();
    sum.add(value);
  }

  /** The counts so far: cumulative per bound, and the count is the {@code +Inf} bucket's. */
  public Snapshot snapshot() {
    List<Double> b = new ArrayList<>(bounds.length);
    List<Long> cumulative = new ArrayList<>(bounds.length);
    long running = 0;
    for (int i = 0; i < bounds.length; i++) {
      running += buckets[i].sum();
      b.add(bounds[i]);
      cumulative.add(running);
    }
    running += buckets[bounds.length].sum();
    return new Snapshot(b, cumulative, running, sum.sum());
  }

  /**
   * @param bounds the finite upper bounds
   * @param cumulative observations at or below each bound
   * @param count every observation (the {@code +Inf} bucket)
   * @param sum the observations' sum
   */
  public record Snapshot(List<Double> bounds, List<Long> cumulative, long count, double sum) {
    public Snapshot {
      bounds = List.copyOf(bounds);
      cumulative = List.copyOf(cumulative);
    }
  }
}
