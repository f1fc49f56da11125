package org.nfpvnfm.dpdk.plan;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.nfpvnfm.dpdk.bench.NodeBench;
import org.nfpvnfm.engine.MergeEntry;
import org.nfpvnfm.engine.NfpCompiler;
import org.nfpvnfm.engine.ServiceGraph;

/** The cost model's arithmetic and the chooser's picks, on hand-made machine costs. */
class PlanChooserTest {
  /** Roughly this VM's figures: a cross-core hop dwarfs a light NF. */
  static final Calibration VM = new Calibration(2, 230, 40, 120, 8, 60, 50, 0.05, 15);

  static ServiceGraph parallel;
  static ServiceGraph sequential;

  @BeforeAll
  static void graphs() throws Exception {
    parallel = NodeBench.graph(true, false);
    sequential = NodeBench.graph(false, false);
    assertThat(parallel.plan()).isEqualTo(NfpCompiler.Plan.PARALLEL);
    assertThat(sequential.plan()).isEqualTo(NfpCompiler.Plan.SEQUENTIAL);
  }

  static CostModel model(int workers, double a, double b) {
    return new CostModel(VM, workers, 0, 0, 1, 64, Map.of("A", a, "B", b));
  }

  @Test
  void oneCoreLatencyIsTheSumOfEveryStageOnThatCore() {
    CostModel m = model(2, 100, 300);
    ExecutionPlan oneCore =
        new ExecutionPlan(
            "one-core", NfpCompiler.Plan.SEQUENTIAL, sequential, Map.of("A", 0, "B", 0));
    CostModel.Estimate e = m.estimate(oneCore);
    // rx + (stage + A) + (stage + B) + tx, all on worker 0, nothing on worker 1
    assertThat(e.latencyNanos()).isCloseTo(40 + 140 + 340 + 40, within(1e-9));
    assertThat(e.workerNanos()).containsExactly(560, 0);
    assertThat(e.maxPps()).isCloseTo(1e9 / 560, within(1e-6));
  }

  @Test
  void aStageOnAnotherCorePaysTheHopAndTheCrossCoreCost() {
    CostModel m = model(2, 100, 300);
    ExecutionPlan pipeline =
        new ExecutionPlan(
            "pipeline", NfpCompiler.Plan.SEQUENTIAL, sequential, Map.of("A", 1, "B", 1));
    CostModel.Estimate e = m.estimate(pipeline);
    // rx@0, hop to 1 (A pays the cross-core cost), B@1, hop back to tx@0 (cross-core again)
    assertThat(e.latencyNanos())
        .isCloseTo(40 + 230 + (140 + 120) + 340 + 230 + (40 + 120), within(1e-9));
    assertThat(e.workerNanos()).containsExactly(40 + 160, 260 + 340);
  }

  @Test
  void lightNfsRunToCompletionOnOneCore() {
    PlanChooser.Choice c = new PlanChooser(model(2, 20, 20)).choose(parallel, sequential, 0);
    assertThat(c.plan().name()).isEqualTo("one-core");
    assertThat(c.plan().workersUsed()).isEqualTo(1);
    assertThat(c.ranked()).extracting(e -> e.plan().name()).contains("parallel", "pipeline");
  }

  @Test
  void heavyNfsRunInParallelOnTwoCores() {
    PlanChooser.Choice c = new PlanChooser(model(2, 5000, 5000)).choose(parallel, sequential, 0);
    assertThat(c.plan().tables()).isEqualTo(NfpCompiler.Plan.PARALLEL);
    assertThat(c.plan().placement().get("A")).isNotEqualTo(c.plan().placement().get("B"));
    double best = c.ranked().getFirst().latencyNanos();
    double oneCore = c.estimate("one-core").latencyNanos();
    assertThat(best).isLessThan(oneCore * 0.7);
  }

  @Test
  void aLoadOneCoreCannotCarryMovesWorkToTheOtherCore() {
    CostModel m = model(2, 400, 400);
    PlanChooser chooser = new PlanChooser(m);
    assertThat(chooser.choose(parallel, sequential, 0).plan().workersUsed())
        .as("idle: 400 ns NFs are still cheaper than two hops")
        .isEqualTo(1);
    CostModel.Estimate oneCore = m.estimate(chooser.choose(parallel, sequential, 0).plan());
    long beyond = (long) (oneCore.maxPps() * 0.95);
    PlanChooser.Choice loaded = chooser.choose(parallel, sequential, beyond);
    assertThat(loaded.plan().workersUsed()).isEqualTo(2);
    assertThat(m.estimate(loaded.plan()).latencyAt(beyond)).isFinite();
  }

  @Test
  void everyCandidatePlacesEveryTaskOnAWorker() {
    PlanChooser chooser = new PlanChooser(model(4, 100, 900));
    List<ExecutionPlan> plans = chooser.candidates(parallel, sequential);
    assertThat(plans)
        .extracting(ExecutionPlan::name)
        .contains("one-core", "pipeline", "parallel", "parallel-one-core");
    for (ExecutionPlan p : plans) {
      Map<String, Integer> expected = new HashMap<>();
      p.graph().nfs().forEach(nf -> expected.put(nf.name(), 0));
      p.graph().merges().forEach(mg -> expected.put("merge " + mg.id() + "#0", 0));
      assertThat(p.placement().keySet()).as(p.describe()).isEqualTo(expected.keySet());
      assertThat(p.placement().values()).allMatch(w -> w >= 0 && w < 4);
    }
  }

  @Test
  void aParallelGraphWhoseMergerWouldReplayHeaderOperationsIsNoCandidate() {
    MergeEntry m = parallel.merges().getFirst();
    MergeEntry withOps =
        new MergeEntry(
            m.id(),
            m.versions(),
            m.output(),
            m.fields(),
            List.of(new MergeEntry.HeaderOp(1, 1)),
            m.drop(),
            m.parentMerge(),
            m.parentVersion(),
            m.next());
    ServiceGraph g = parallel;
    ServiceGraph tunnels =
        new ServiceGraph(
            g.formatVersion(),
            g.name(),
            g.nfs(),
            g.referenceChain(),
            g.classifiers(),
            g.root(),
            g.forwarding(),
            List.of(withOps),
            g.buffers(),
            g.egress(),
            g.summary());
    assertThat(new PlanChooser(model(2, 5000, 5000)).candidates(tunnels, sequential))
        .extracting(ExecutionPlan::tables)
        .containsOnly(NfpCompiler.Plan.SEQUENTIAL);
  }

  @Test
  void aPlanWithAnUnplacedTaskIsRejectedNamingIt() {
    ExecutionPlan broken =
        new ExecutionPlan("broken", NfpCompiler.Plan.SEQUENTIAL, sequential, Map.of("A", 0));
    assertThatThrownBy(() -> model(2, 1, 1).estimate(broken))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("task B");
  }
}
