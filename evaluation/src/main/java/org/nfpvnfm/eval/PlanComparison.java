package org.nfpvnfm.eval;

import java.io.PrintStream;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.jspecify.annotations.Nullable;
import org.nfpvnfm.dpdk.plan.CostModel;
import org.nfpvnfm.dpdk.plan.ExecutionPlan;
import org.nfpvnfm.dpdk.plan.PlanChooser;
import org.nfpvnfm.engine.NfpCompiler;
import org.nfpvnfm.eval.report.ResultTable;

/**
 * Every execution plan of one chain on one trace, measured side by side in one run, and the plan
 * the chooser picks (docs/benchmarks.md, "Plans and the chooser"):
 *
 * <ol>
 *   <li>the chain runs on one core at full load; the node's per-NF counters give each NF's cost
 *       (the online measurement the chooser works from);
 *   <li>every candidate plan runs at full load: its throughput;
 *   <li>the offered load is set to half the slowest plan's throughput, so that every plan carries
 *       it, and every plan runs at that load: its latency;
 *   <li>the chooser, given the calibration, the measured NF costs and the offered load, picks a
 *       plan without seeing the measurements of step 2 and 3; the table shows how close its pick
 *       came.
 * </ol>
 */
final class PlanComparison {

  /** One plan's two runs and the model's prediction for it. */
  record PlanResult(
      ExecutionPlan plan, BenchNode.Run full, BenchNode.Run loaded, double predictedNanos) {}

  /** All plans of one point of an experiment. */
  record Result(
      String point,
      List<PlanResult> plans,
      String chosen,
      long offeredPps,
      Map<String, Double> nfNanos) {

    PlanResult plan(String name) {
      return plans.stream()
          .filter(p -> p.plan().name().equals(name))
          .findFirst()
          .orElseThrow(() -> new IllegalArgumentException("no plan " + name + " in " + point));
    }

    boolean has(String name) {
      return plans.stream().anyMatch(p -> p.plan().name().equals(name));
    }

    /**
     * The plan with the lowest p50 among those that delivered packets. A plan can deliver none
     * where its merger drops what it cannot merge (header operations in parallel branches are not
     * replayed yet, docs/dataplane-design.md): it is shown, never the best.
     */
    PlanResult best() {
      return plans.stream()
          .filter(p -> p.loaded().delivered() > 0)
          .min(Comparator.comparingDouble(p -> p.loaded().latency().p50()))
          .orElse(plans.getFirst());
    }

    /** The plan's p50 in µs, or NaN when it delivered nothing. */
    double p50(String name) {
      BenchNode.Run r = plan(name).loaded();
      return r.delivered() > 0 ? r.p50Micros() : Double.NaN;
    }

    /** The pick's p50 over the best plan's, minus one: 0.03 is 3% slower than the best. */
    double chosenExcess() {
      return (double) plan(chosen).loaded().latency().p50() / best().loaded().latency().p50() - 1;
    }

    /** The latency cut of the parallel plan against the sequential pipeline, at p50. */
    double parallelCut() {
      if (!has("parallel")) {
        return 0;
      }
      return 1 - p50("parallel") / p50("pipeline");
    }
  }

  private final BenchNode node;
  private final PrintStream log;

  PlanComparison(BenchNode node, PrintStream log) {
    this.node = node;
    this.log = log;
  }

  /** Measures every plan of {@code chain} on {@code trace} (mean size {@code packetBytes}). */
  Result compare(String point, BenchChain chain, Path trace, int packetBytes)
      throws InterruptedException {
    return compare(point, chain, trace, packetBytes, List.of());
  }

  /** As {@link #compare(String, BenchChain, Path, int)}, only the plans named (all when empty). */
  Result compare(String point, BenchChain chain, Path trace, int packetBytes, List<String> only)
      throws InterruptedException {
    CostModel blind = node.model(packetBytes, Map.of());
    ExecutionPlan oneCore =
        new PlanChooser(blind)
            .candidates(chain.parallel(), chain.sequential()).stream()
                .filter(p -> p.name().equals("one-core"))
                .findFirst()
                .orElseThrow();
    // This chain's NFs run first unmeasured: on two cores the JIT's compiler threads compete
    // with the busy-polling workers, and a run measured while they compile is not the NFs'.
    node.warm(oneCore, chain.nfs(), trace, node.warmupTime().multipliedBy(3));
    BenchNode.Run first = node.run(oneCore, chain.nfs(), trace, 0);
    Map<String, Double> costs = first.nfNanos();
    CostModel model = node.model(packetBytes, costs);
    PlanChooser chooser = new PlanChooser(model);
    List<ExecutionPlan> plans = new ArrayList<>();
    for (ExecutionPlan p : chooser.candidates(chain.parallel(), chain.sequential())) {
      if (only.isEmpty() || only.contains(p.name())) {
        plans.add(p);
      }
    }
    List<BenchNode.Run> full = new ArrayList<>();
    for (ExecutionPlan p : plans) {
      full.add(p.name().equals("one-core") ? first : node.run(p, chain.nfs(), trace, 0));
      log.printf(Locale.ROOT, "  %s %-18s %7.3f Mpps%n", point, p.name(), full.getLast().mpps());
    }
    double slowest =
        full.stream().mapToDouble(BenchNode.Run::mpps).filter(m -> m > 0).min().orElse(0);
    long offered = Math.max(1_000, (long) (slowest * 1e6 / 2));
    PlanChooser.Choice choice = chooser.choose(chain.parallel(), chain.sequential(), offered);
    ExecutionPlan pick = choice.plan();
    boolean known = false;
    for (ExecutionPlan p : plans) {
      if (p.graph().equals(pick.graph()) && p.placement().equals(pick.placement())) {
        pick = p;
        known = true;
      }
    }
    if (!known && only.isEmpty()) {
      plans.add(pick);
      full.add(node.run(pick, chain.nfs(), trace, 0));
    } else if (!known) {
      // Restricted to some plans: the chooser picks among those.
      pick = chooser.choose(plans, offered).plan();
    }
    List<PlanResult> results = new ArrayList<>();
    for (int i = 0; i < plans.size(); i++) {
      ExecutionPlan p = plans.get(i);
      BenchNode.Run loaded = node.run(p, chain.nfs(), trace, offered);
      double predicted = model.estimate(p).latencyAt(offered);
      results.add(new PlanResult(p, full.get(i), loaded, predicted));
      log.printf(
          Locale.ROOT,
          "  %s %-18s at %d kpps: p50 %.1f µs, p99 %.1f µs (predicted %.1f µs)%s%n",
          point,
          p.name(),
          offered / 1000,
          loaded.p50Micros(),
          loaded.p99Micros(),
          predicted / 1000,
          p == pick ? "  <- chosen" : "");
    }
    return new Result(point, results, pick.name(), offered, costs);
  }

  /**
   * The columns every summary ends with: the sequential pipeline's and the parallel graph's p50,
   * the cut, one core's p50, the best plan measured, the chooser's pick and how far it fell short.
   */
  static ResultTable.Builder summaryColumns(ResultTable.Builder t) {
    return t.decimal("sequential", "µs", 1)
        .decimal("parallel", "µs", 1)
        .decimal("cut", "%", 1)
        .decimal("one core", "µs", 1)
        .text("best")
        .text("chosen")
        .decimal("chosen vs best", "%", 1);
  }

  /** {@code first} cells, then {@link #summaryColumns}' cells for {@code r}. */
  static @Nullable Object[] summaryRow(Result r, @Nullable Object... first) {
    boolean parallel = r.has("parallel");
    List<@Nullable Object> cells = new ArrayList<>(Arrays.asList(first));
    cells.add(finite(r.p50("pipeline")));
    cells.add(parallel ? finite(r.p50("parallel")) : null);
    cells.add(parallel ? finite(100 * r.parallelCut()) : null);
    cells.add(finite(r.p50("one-core")));
    cells.add(r.best().plan().name());
    cells.add(r.chosen());
    cells.add(finite(100 * r.chosenExcess()));
    return cells.toArray();
  }

  /** A figure, or no figure (an empty cell) where a ratio had nothing to divide by. */
  static @Nullable Double finite(double v) {
    return Double.isFinite(v) ? v : null;
  }

  /** The long table: every plan of every point. */
  static ResultTable.Builder plansTable(String id, String title) {
    return ResultTable.builder(id, title)
        .text("point")
        .text("plan")
        .text("tables")
        .integer("cores used", "")
        .decimal("max throughput", "Mpps", 3)
        .integer("offered", "kpps")
        .decimal("p50", "µs", 1)
        .decimal("p99", "µs", 1)
        .decimal("predicted", "µs", 1)
        .text("chosen")
        .text("drops");
  }

  /** Drops other than the NFs' own verdicts, in the latency run: what went wrong, if anything. */
  private static String drops(BenchNode.Run r) {
    StringBuilder b = new StringBuilder();
    r.drops()
        .forEach(
            (reason, n) -> {
              if (!reason.equals("dropped by NF") && !reason.equals("dropped by merge verdict")) {
                b.append(b.isEmpty() ? "" : ", ").append(reason).append(": ").append(n);
              }
            });
    return b.toString();
  }

  static void addPlans(ResultTable.Builder t, Result r) {
    for (PlanResult p : r.plans()) {
      t.row(
          r.point(),
          p.plan().name(),
          p.plan().tables() == NfpCompiler.Plan.PARALLEL ? "parallel" : "sequential",
          p.plan().workersUsed(),
          p.full().mpps(),
          r.offeredPps() / 1000,
          p.loaded().delivered() > 0 ? p.loaded().p50Micros() : null,
          p.loaded().delivered() > 0 ? p.loaded().p99Micros() : null,
          Double.isFinite(p.predictedNanos()) ? p.predictedNanos() / 1000 : null,
          p.plan().name().equals(r.chosen()) ? "chosen" : "",
          drops(p.loaded()));
    }
  }
}
