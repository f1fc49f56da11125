package org.nfpvnfm.vnfm.internal.pm;

import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.ToLongFunction;
import org.jspecify.annotations.Nullable;

/**
 * The performance metrics this VNFM measures over the dataplane's counters, named in the manner of
 * ETSI GS NFV-IFA 027 ({@code VNF.<area>.<what>}) and grouped as SOL003's {@code
 * performanceMetricGroup}s. Every metric's object is a VNF instance ({@code objectType} {@code
 * Vnf}); the per-NF ones are measured per VNFC, the {@code subObjectInstanceId} of a value. The
 * list, with units and meaning, is in docs/vnfm-fault-performance.md.
 */
final class Metrics {
  private Metrics() {}

  /** How a metric's value comes from two reads of the counters. */
  enum Kind {
    /** A counter's value at the read (it only grows, within a graph generation). */
    COUNTER,
    /** A counter's growth per second between the previous read and this one. */
    RATE,
    /** A value as read (a latency percentile). */
    GAUGE
  }

  /**
   * A metric.
   *
   * @param name its name in requests and reports
   * @param group the group it belongs to
   * @param unit what its values count
   * @param kind how a value is made
   * @param perNf whether it is measured per NF runtime (VNFC) rather than per VNF
   */
  record Metric(String name, String group, String unit, Kind kind, boolean perNf) {}

  /** A measured value: of the VNF when {@code subObjectInstanceId} is null, else of that VNFC. */
  record Value(@Nullable String subObjectInstanceId, Number value) {}

  static final String PACKETS = "VNF.nfp.packets";
  static final String THROUGHPUT = "VNF.nfp.throughput";
  static final String LATENCY = "VNF.nfp.latency";
  static final String NF = "VNF.nfp.nf";
  static final String MERGER = "VNF.nfp.merger";

  private static final Map<String, Metric> ALL = new LinkedHashMap<>();

  static {
    for (Metric m :
        List.of(
            new Metric(PACKETS + ".accepted", PACKETS, "packets", Kind.COUNTER, false),
            new Metric(PACKETS + ".delivered", PACKETS, "packets", Kind.COUNTER, false),
            new Metric(PACKETS + ".dropped", PACKETS, "packets", Kind.COUNTER, false),
            new Metric(PACKETS + ".refused", PACKETS, "packets", Kind.COUNTER, false),
            new Metric(THROUGHPUT + ".pps", THROUGHPUT, "packets/s", Kind.RATE, false),
            new Metric(THROUGHPUT + ".bps", THROUGHPUT, "bits/s", Kind.RATE, false),
            new Metric(LATENCY + ".p50", LATENCY, "µs", Kind.GAUGE, false),
            new Metric(LATENCY + ".p99", LATENCY, "µs", Kind.GAUGE, false),
            new Metric(NF + ".received", NF, "packets", Kind.COUNTER, true),
            new Metric(NF + ".passed", NF, "packets", Kind.COUNTER, true),
            new Metric(NF + ".dropped", NF, "packets", Kind.COUNTER, true),
            new Metric(NF + ".failed", NF, "packets", Kind.COUNTER, true),
            new Metric(MERGER + ".timedOut", MERGER, "packets", Kind.COUNTER, false))) {
      ALL.put(m.name(), m);
    }
  }

  static Optional<Metric> metric(String name) {
    return Optional.ofNullable(ALL.get(name));
  }

  /** The metrics of a group, in catalogue order; empty for an unknown group. */
  static List<Metric> group(String group) {
    return ALL.values().stream().filter(m -> m.group().equals(group)).toList();
  }

  static Set<String> names() {
    return ALL.keySet();
  }

  static Set<String> groups() {
    Set<String> out = new java.util.LinkedHashSet<>();
    ALL.values().forEach(m -> out.add(m.group()));
    return out;
  }

  /**
   * The values of {@code m} at {@code now}, given the previous read {@code before} (null at the
   * first read: a rate has no value yet). A per-NF metric has a value per VNFC, restricted to
   * {@code vnfcs} when that is not empty.
   */
  static List<Value> measure(
      Metric m, VnfCounters now, @Nullable VnfCounters before, Set<String> vnfcs) {
    List<Value> out = new ArrayList<>();
    switch (m.name()) {
      case PACKETS + ".accepted" -> out.add(new Value(null, now.accepted()));
      case PACKETS + ".delivered" -> out.add(new Value(null, now.delivered()));
      case PACKETS + ".dropped" -> out.add(new Value(null, now.dropped()));
      case PACKETS + ".refused" -> out.add(new Value(null, now.refused()));
      case THROUGHPUT + ".pps" -> rate(now, before, VnfCounters::delivered, 1, out);
      case THROUGHPUT + ".bps" -> rate(now, before, VnfCounters::deliveredBytes, 8, out);
      case LATENCY + ".p50" -> micros(now.latencyP50(), out);
      case LATENCY + ".p99" -> micros(now.latencyP99(), out);
      case MERGER + ".timedOut" -> out.add(new Value(null, now.mergeTimedOut()));
      default -> {
        if (m.perNf()) {
          now.nfs()
              .forEach(
                  (vnfc, nf) -> {
                    if (vnfcs.isEmpty() || vnfcs.contains(vnfc)) {
                      out.add(new Value(vnfc, nfValue(m, nf)));
                    }
                  });
        } else {
          throw new IllegalStateException("no measurement for metric " + m.name());
        }
      }
    }
    return out;
  }

  private static long nfValue(Metric m, VnfCounters.Nf nf) {
    return switch (m.name()) {
      case NF + ".received" -> nf.received();
      case NF + ".passed" -> nf.passed();
      case NF + ".dropped" -> nf.dropped();
      case NF + ".failed" -> nf.failed();
      default -> throw new IllegalStateException("no per-NF measurement for " + m.name());
    };
  }

  private static void rate(
      VnfCounters now,
      @Nullable VnfCounters before,
      ToLongFunction<VnfCounters> counter,
      int scale,
      List<Value> out) {
    if (before == null) {
      return;
    }
    double seconds = Duration.between(before.at(), now.at()).toNanos() / 1e9;
    if (seconds <= 0) {
      return;
    }
    long a = counter.applyAsLong(before);
    long b = counter.applyAsLong(now);
    // A counter that went down belongs to a new generation of the graph (healed, scaled): what
    // it counted since then is the growth.
    long grown = b >= a ? b - a : b;
    out.add(new Value(null, round(grown * (double) scale / seconds)));
  }

  private static void micros(@Nullable Long nanos, List<Value> out) {
    if (nanos != null) {
      out.add(new Value(null, round(nanos / 1000.0)));
    }
  }

  /** Three decimals are more than the counters' precision. */
  private static double round(double v) {
    return Math.round(v * 1000) / 1000.0;
  }
}
