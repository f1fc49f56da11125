package org.nfpvnfm.vnfm.internal.lcm;

import java.time.Duration;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.concurrent.atomic.LongAdder;
import org.nfpvnfm.dpdk.metrics.Histogram;

/**
 * What this VNFM process's lifecycle operations did since it started, by operation ({@code
 * INSTANTIATE}...): runs started (a new occurrence, a retry, a rollback, a resume after a restart),
 * and how they ended. A run that ends COMPLETED adds the occurrence's duration, from its start time
 * to its completion, to a histogram. Read by the metrics ({@code nfp_vnfm_operations_...}).
 */
public final class OperationRuns {
  /** Bucket bounds of the duration histogram, in seconds. */
  public static final double[] DURATION_BUCKETS = {
    0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30, 60, 120, 300
  };

  private final ConcurrentMap<String, LongAdder> started = new ConcurrentHashMap<>();
  private final ConcurrentMap<String, LongAdder> completed = new ConcurrentHashMap<>();
  private final ConcurrentMap<String, LongAdder> failed = new ConcurrentHashMap<>();
  private final ConcurrentMap<String, LongAdder> rolledBack = new ConcurrentHashMap<>();
  private final ConcurrentMap<String, Histogram> durations = new ConcurrentHashMap<>();

  void started(String operation) {
    count(started, operation);
  }

  /**
   * A run ended with the occurrence in {@code state}; {@code took} is the occurrence's duration
   * when it COMPLETED.
   */
  void ended(String operation, String state, Duration took) {
    switch (state) {
      case OperationState.COMPLETED -> {
        count(completed, operation);
        durations
            .computeIfAbsent(operation, o -> new Histogram(DURATION_BUCKETS))
            .observe(took.toNanos() / 1e9);
      }
      case OperationState.FAILED_TEMP, OperationState.FAILED -> count(failed, operation);
      case OperationState.ROLLED_BACK -> count(rolledBack, operation);
      default -> {}
    }
  }

  /** Runs begun, by operation. */
  public Map<String, Long> started() {
    return snapshot(started);
  }

  /** Runs that ended COMPLETED, by operation. */
  public Map<String, Long> completed() {
    return snapshot(completed);
  }

  /** Runs that ended FAILED_TEMP or FAILED, by operation. */
  public Map<String, Long> failed() {
    return snapshot(failed);
  }

  /** Runs that ended ROLLED_BACK (a rollback, a refused grant, a cancellation), by operation. */
  public Map<String, Long> rolledBack() {
    return snapshot(rolledBack);
  }

  /** Durations of the COMPLETED occurrences, by operation. */
  public Map<String, Histogram.Snapshot> durations() {
    Map<String, Histogram.Snapshot> out = new TreeMap<>();
    durations.forEach((op, h) -> out.put(op, h.snapshot()));
    return out;
  }

  private static void count(ConcurrentMap<String, LongAdder> m, String operation) {
    m.computeIfAbsent(operation, o -> new LongAdder()).increment();
  }

  private static Map<String, Long> snapshot(ConcurrentMap<String, LongAdder> m) {
    Map<String, Long> out = new TreeMap<>();
    m.forEach((op, n) -> out.put(op, n.sum()));
    return out;
  }
}
