package org.nfpvnfm.dpdk.plan;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import org.nfpvnfm.engine.CopyKind;
import org.nfpvnfm.engine.GraphNode;
import org.nfpvnfm.engine.MergeEntry;
import org.nfpvnfm.engine.ServiceGraph;

/**
 * Predicts an execution plan's latency and throughput on a node (docs/execution-plans.md, "The cost
 * model") from the machine's {@link Calibration} and each NF's cost per packet.
 *
 * <p>Latency: one packet is walked through the plan's graph. Each stage starts when the packet has
 * arrived (a ring hop later when it comes from another worker) and its worker is free (branches
 * placed on one worker run one after another); it takes the runtime's per-packet work plus the NF's
 * cost, plus the cross-core cost when the packet comes from another core. A parallel block first
 * pays its copies at the sender; its merger takes every version in turn. At an offered load, each
 * worker on the packet's path adds the M/D/1 queueing wait {@code ρ/(2(1-ρ))} of its service time.
 *
 * <p>Throughput: every worker's work per packet (all tasks placed on it) bounds the rate at {@code
 * 1/work}; the plan's bound is its busiest worker's.
 *
 * @param rxWorker the worker of the node's receive task
 * @param txWorker the worker of the node's transmit task
 * @param mergers merger instances per block (the node's); a block's merge work is split evenly
 * @param packetBytes the traffic's mean packet size (full copies cost more for longer packets)
 */
public record CostModel(
    Calibration calibration,
    int workers,
    int rxWorker,
    int txWorker,
    int mergers,
    int packetBytes,
    Map<String, Double> nfNanos) {

  /** A utilisation above which a plan counts as overloaded at the offered load. */
  public static final double MAX_UTILISATION = 0.85;

  public CostModel {
    nfNanos = Map.copyOf(nfNanos);
  }

  /** This model with other NF costs. */
  public CostModel withNfNanos(Map<String, Double> costs) {
    return new CostModel(calibration, workers, rxWorker, txWorker, mergers, packetBytes, costs);
  }

  /**
   * A plan's prediction.
   *
   * @param latencyNanos one packet's latency on an idle node
   * @param workerNanos each worker's work per packet
   * @param maxPps the highest rate the busiest worker can take
   */
  public record Estimate(
      ExecutionPlan plan, double latencyNanos, double[] workerNanos, double maxPps) {

    public Estimate {
      workerNanos = workerNanos.clone();
    }

    /** Latency at {@code offeredPps} (queueing added), or infinity when it overloads the plan. */
    public double latencyAt(long offeredPps) {
      if (offeredPps <= 0) {
        return latencyNanos;
      }
      double wait = 0;
      for (double w : workerNanos) {
        double rho = w * offeredPps / 1e9;
        if (rho >= MAX_UTILISATION) {
          return Double.POSITIVE_INFINITY;
        }
        wait += rho / (2 * (1 - rho)) * w;
      }
      return latencyNanos + wait;
    }

    @Override
    public boolean equals(Object o) {
      return o instanceof Estimate e
          && e.plan.equals(plan)
          && e.latencyNanos == latencyNanos
          && Arrays.equals(e.workerNanos, workerNanos)
          && e.maxPps == maxPps;
    }

    @Override
    public int hashCode() {
      return plan.hashCode() * 31 + Arrays.hashCode(workerNanos);
    }

    @Override
    public String toString() {
      return "Estimate[%s, %.0f ns, %s, %.0f pps]"
          .formatted(plan.name(), latencyNanos, Arrays.toString(workerNanos), maxPps);
    }
  }

  /**
   * Predicts {@code plan}.
   *
   * @throws IllegalArgumentException when a task of the plan has no worker, or one out of range
   */
  public Estimate estimate(ExecutionPlan plan) {
    Walk walk = new Walk(plan);
    Arrival end = walk.node(plan.graph().root(), new Arrival(walk.rx(), rxWorker));
    double done = walk.stage(txWorker, end, calibration.packetNanos());
    double busiest = Arrays.stream(walk.load).max().orElse(0);
    return new Estimate(plan, done, walk.load, busiest > 0 ? 1e9 / busiest : Double.MAX_VALUE);
  }

  /** Every plan's estimate, best (lowest latency at {@code offeredPps}) first. */
  public List<Estimate> rank(List<ExecutionPlan> plans, long offeredPps) {
    List<Estimate> all = new ArrayList<>();
    for (ExecutionPlan p : plans) {
      all.add(estimate(p));
    }
    all.sort(
        Comparator.comparingDouble((Estimate e) -> e.latencyAt(offeredPps))
            .thenComparing(Comparator.comparingDouble(Estimate::maxPps).reversed()));
    return all;
  }

  /** When a packet is ready, and on which worker. */
  private record Arrival(double at, int worker) {}

  private final class Walk {
    final ExecutionPlan plan;
    final ServiceGraph graph;
    final double[] free = new double[workers];
    final double[] load = new double[workers];

    Walk(ExecutionPlan plan) {
      this.plan = plan;
      this.graph = plan.graph();
    }

    double rx() {
      double t = calibration.packetNanos();
      free[rxWorker] = t;
      load[rxWorker] += t;
      return t;
    }

    int worker(String task) {
      Integer w = plan.placement().get(task);
      if (w == null || w < 0 || w >= workers) {
        throw new IllegalArgumentException(
            "plan %s: task %s has worker %s (expected: 0 to %d)"
                .formatted(plan.name(), task, w, workers - 1));
      }
      return w;
    }

    /** A stage on {@code worker} that costs {@code nanos} per packet; returns when it is done. */
    double stage(int worker, Arrival from, double nanos) {
      return stage(worker, from, nanos, 1.0);
    }

    double stage(int worker, Arrival from, double nanos, double share) {
      boolean remote = from.worker() != worker;
      double cost = nanos + (remote ? calibration.crossCoreNanos() : 0);
      double arrive = from.at() + (remote ? calibration.hopNanos() : 0);
      double start = Math.max(arrive, free[worker]);
      free[worker] = start + cost;
      load[worker] += cost * share;
      return start + cost;
    }

    Arrival node(GraphNode node, Arrival in) {
      return switch (node) {
        case GraphNode.Nf nf -> {
          String name = graph.nf(nf.nf()).name();
          int w = worker(name);
          double cost = calibration.packetNanos() + nfNanos.getOrDefault(name, 0.0);
          yield new Arrival(stage(w, in, cost), w);
        }
        case GraphNode.Series s -> {
          Arrival a = in;
          for (GraphNode part : s.parts()) {
            a = node(part, a);
          }
          yield a;
        }
        case GraphNode.Parallel p -> parallel(p, in);
      };
    }

    Arrival parallel(GraphNode.Parallel p, Arrival in) {
      MergeEntry m = graph.merges().get(p.merge());
      // The sender makes every version's copy before handing any on.
      double copies = 0;
      for (MergeEntry.Version v : m.versions()) {
        copies +=
            switch (v.copy()) {
              case SHARED -> calibration.shareNanos();
              case HEADER_COPY ->
                  Math.min(calibration.headerCopyNanos(), calibration.fullCopyNanos(packetBytes));
              case FULL_COPY -> calibration.fullCopyNanos(packetBytes);
            };
      }
      if (m.versions().stream().allMatch(v -> v.copy() == CopyKind.SHARED)) {
        copies -= calibration.shareNanos(); // the first version is the packet itself
      }
      free[in.worker()] = Math.max(free[in.worker()], in.at()) + copies;
      load[in.worker()] += copies;
      Arrival sent = new Arrival(in.at() + copies, in.worker());
      List<Arrival> ends = new ArrayList<>();
      for (GraphNode branch : p.branches()) {
        ends.add(node(branch, sent));
      }
      ends.sort(Comparator.comparingDouble(Arrival::at));
      double done = 0;
      int mw = -1;
      double share = 1.0 / mergers;
      for (int i = 0; i < mergers; i++) {
        int w = worker("merge " + p.merge() + "#" + i);
        if (i == 0) {
          mw = w;
        } else {
          // Other instances take their share of packets; the walked packet goes to instance 0.
          for (Arrival a : ends) {
            load[w] +=
                share
                    * (calibration.mergeNanos()
                        + (a.worker() != w ? calibration.crossCoreNanos() : 0));
          }
        }
      }
      for (Arrival a : ends) {
        done = stage(mw, a, calibration.mergeNanos(), share);
      }
      return new Arrival(done, mw);
    }
  }
}
