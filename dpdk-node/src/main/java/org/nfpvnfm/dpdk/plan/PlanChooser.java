package org.nfpvnfm.dpdk.plan;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.nfpvnfm.engine.GraphNf;
import org.nfpvnfm.engine.MergeEntry;
import org.nfpvnfm.engine.NfpCompiler;
import org.nfpvnfm.engine.ServiceGraph;

/**
 * Enumerates a graph's execution plans on a node and picks the one the {@link CostModel} predicts
 * fastest at the offered load (docs/execution-plans.md, "Choosing").
 *
 * <p>The candidates, for the parallel graph and for its sequential plan each: every task on the
 * receive task's core (run to completion: {@code one-core}, {@code parallel-one-core}); NFs spread
 * over the other cores in chain order as the node places them by default ({@code pipeline}, {@code
 * parallel}); and NFs placed by cost, heaviest first on the least loaded core ({@code *-balanced}).
 * The best of these is then improved by moving one NF at a time to another core while the
 * prediction improves ({@code mixed}: for instance a parallel block's heavy branches on their own
 * cores and the light NFs with the receive task).
 */
public final class PlanChooser {
  private static final NfpCompiler.Plan SEQ = NfpCompiler.Plan.SEQUENTIAL;
  private static final NfpCompiler.Plan PAR = NfpCompiler.Plan.PARALLEL;
  private final CostModel model;

  public PlanChooser(CostModel model) {
    this.model = model;
  }

  public CostModel model() {
    return model;
  }

  /**
   * The pick and every candidate's prediction, best first.
   *
   * @param offeredPps the load the predictions' latency is for (0: an idle node)
   */
  public record Choice(ExecutionPlan plan, long offeredPps, List<CostModel.Estimate> ranked) {
    public Choice {
      ranked = List.copyOf(ranked);
    }

    public CostModel.Estimate estimate(String planName) {
      return ranked.stream()
          .filter(e -> e.plan().name().equals(planName))
          .findFirst()
          .orElseThrow(() -> new IllegalArgumentException("no plan named " + planName));
    }
  }

  /**
   * The candidates for {@code parallel} (the engine's graph) and {@code sequential} (the same NFs
   * as the reference chain, normally the engine's sequential plan of the same descriptor; the
   * graphs must have the same NFs by name).
   */
  public List<ExecutionPlan> candidates(ServiceGraph parallel, ServiceGraph sequential) {
    Map<String, ExecutionPlan> plans = new LinkedHashMap<>();
    add(plans, new ExecutionPlan("one-core", SEQ, sequential, onOneCore(sequential)));
    add(plans, new ExecutionPlan("pipeline", SEQ, sequential, spread(sequential)));
    add(plans, new ExecutionPlan("pipeline-balanced", SEQ, sequential, balanced(sequential)));
    // The sequential chain's own tables when nothing runs in parallel: nothing more to try. A
    // parallel graph whose merger would have to replay header operations (two branches adding or
    // removing headers) is no plan yet: the node's merger drops such packets (counted as "header
    // ops not replayed"), so it is left out rather than ranked on a cost it does not have.
    boolean merged = parallel.merges().stream().allMatch(m -> m.headerOps().isEmpty());
    if (!parallel.equals(sequential) && merged) {
      add(plans, new ExecutionPlan("parallel-one-core", PAR, parallel, onOneCore(parallel)));
      add(plans, new ExecutionPlan("parallel", PAR, parallel, spread(parallel)));
      add(plans, new ExecutionPlan("parallel-balanced", PAR, parallel, balanced(parallel)));
    }
    return List.copyOf(plans.values());
  }

  /** A plan is added unless one with the same tables and placement is already there. */
  private static void add(Map<String, ExecutionPlan> plans, ExecutionPlan p) {
    for (ExecutionPlan q : plans.values()) {
      if (q.graph().equals(p.graph()) && q.placement().equals(p.placement())) {
        return;
      }
    }
    plans.put(p.name(), p);
  }

  /** Picks among {@link #candidates} and their improvement by single moves. */
  public Choice choose(ServiceGraph parallel, ServiceGraph sequential, long offeredPps) {
    List<ExecutionPlan> plans = new ArrayList<>(candidates(parallel, sequential));
    List<CostModel.Estimate> ranked = model.rank(plans, offeredPps);
    ExecutionPlan improved = improve(ranked.getFirst().plan(), offeredPps);
    if (!improved.placement().equals(ranked.getFirst().plan().placement())) {
      plans.add(improved);
      ranked = model.rank(plans, offeredPps);
    }
    return new Choice(ranked.getFirst().plan(), offeredPps, ranked);
  }

  /** Picks among the given plans only (for measuring every candidate and the pick side by side). */
  public Choice choose(List<ExecutionPlan> plans, long offeredPps) {
    List<CostModel.Estimate> ranked = model.rank(plans, offeredPps);
    return new Choice(ranked.getFirst().plan(), offeredPps, ranked);
  }

  /** Moves one NF at a time to the core that improves the prediction most, while one does. */
  ExecutionPlan improve(ExecutionPlan start, long offeredPps) {
    ExecutionPlan best = start;
    double bestScore = score(model.estimate(best), offeredPps);
    for (int round = 0; round < 4 * start.graph().nfs().size(); round++) {
      ExecutionPlan next = null;
      double nextScore = bestScore;
      for (GraphNf nf : best.graph().nfs()) {
        for (int w = 0; w < model.workers(); w++) {
          if (Integer.valueOf(w).equals(best.placement().get(nf.name()))) {
            continue;
          }
          Map<String, Integer> moved = new HashMap<>(best.placement());
          moved.put(nf.name(), w);
          ExecutionPlan candidate = best.withPlacement("mixed", moved);
          double s = score(model.estimate(candidate), offeredPps);
          if (s < nextScore * 0.99) {
            next = candidate;
            nextScore = s;
          }
        }
      }
      if (next == null) {
        break;
      }
      best = next;
      bestScore = nextScore;
    }
    return best;
  }

  /** Latency at the load; an overloaded plan ranks by how much it lacks. */
  private static double score(CostModel.Estimate e, long offeredPps) {
    double l = e.latencyAt(offeredPps);
    return Double.isFinite(l) ? l : 1e12 + offeredPps / e.maxPps();
  }

  private Map<String, Integer> base(ServiceGraph g, int mergerWorker) {
    Map<String, Integer> p = new HashMap<>();
    for (MergeEntry m : g.merges()) {
      for (int i = 0; i < model.mergers(); i++) {
        p.put("merge " + m.id() + "#" + i, mergerWorker);
      }
    }
    return p;
  }

  private Map<String, Integer> onOneCore(ServiceGraph g) {
    Map<String, Integer> p = base(g, model.rxWorker());
    g.nfs().forEach(nf -> p.put(nf.name(), model.rxWorker()));
    return p;
  }

  /** NF i of the chain on core rx+1+i (mod cores), as the node places NFs by default. */
  private Map<String, Integer> spread(ServiceGraph g) {
    Map<String, Integer> p = base(g, model.rxWorker());
    List<Integer> order = g.sequentialOrder();
    for (int i = 0; i < order.size(); i++) {
      p.put(g.nf(order.get(i)).name(), (model.rxWorker() + 1 + i) % model.workers());
    }
    return p;
  }

  /** Heaviest NF first onto the least loaded core, the port tasks' work counted on theirs. */
  private Map<String, Integer> balanced(ServiceGraph g) {
    Map<String, Integer> p = base(g, model.rxWorker());
    double[] load = new double[model.workers()];
    double stage = model.calibration().packetNanos();
    load[model.rxWorker()] += stage;
    load[model.txWorker()] += stage;
    load[model.rxWorker()] += g.merges().size() * 2 * model.calibration().mergeNanos();
    List<GraphNf> nfs = new ArrayList<>(g.nfs());
    nfs.sort(
        Comparator.comparingDouble((GraphNf nf) -> model.nfNanos().getOrDefault(nf.name(), 0.0))
            .reversed()
            .thenComparing(GraphNf::id));
    for (GraphNf nf : nfs) {
      int w = 0;
      for (int i = 1; i < load.length; i++) {
        if (load[i] < load[w]) {
          w = i;
        }
      }
      p.put(nf.name(), w);
      load[w] += stage + model.nfNanos().getOrDefault(nf.name(), 0.0);
    }
    return p;
  }
}
