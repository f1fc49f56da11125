package org.nfpvnfm.dpdk.node;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nfpvnfm.dpdk.DpdkTestSupport;
import org.nfpvnfm.dpdk.bench.NodeBench;
import org.nfpvnfm.dpdk.bench.SyntheticNf;
import org.nfpvnfm.dpdk.nf.NetworkFunction;
import org.nfpvnfm.dpdk.nf.NfFactory;
import org.nfpvnfm.dpdk.nf.PacketBatch;
import org.nfpvnfm.dpdk.plan.Calibration;
import org.nfpvnfm.dpdk.plan.CostModel;
import org.nfpvnfm.dpdk.plan.ExecutionPlan;
import org.nfpvnfm.dpdk.plan.PlanChooser;
import org.nfpvnfm.dpdk.plan.Replanner;
import org.nfpvnfm.engine.NfpCompiler;
import org.nfpvnfm.engine.ServiceGraph;

/**
 * Moving a running graph from one execution plan to another (docs/execution-plans.md,
 * "Re-planning"): the same NF instances carry on, and no packet is lost.
 */
@Tag("integration")
class NodeReplanTest {
  private static final String SAMPLE = "samples-vnfd/valid/datacenter-north-south";
  private static final int LOOP = 512;

  @TempDir Path dir;

  /** Counts the packets each NF instance saw, around a profile NF. */
  static final class Counting implements NetworkFunction {
    final NetworkFunction inner;
    final AtomicLong seen = new AtomicLong();

    Counting(NetworkFunction inner) {
      this.inner = inner;
    }

    @Override
    public void process(PacketBatch batch) {
      seen.addAndGet(batch.size());
      inner.process(batch);
    }
  }

  @Test
  void replanningBetweenTheParallelGraphAndItsSequentialPlanKeepsTheNfsAndLosesNothing()
      throws Exception {
    DpdkTestSupport.eal();
    ServiceGraph parallel = Graphs.catchAll(Graphs.sample(SAMPLE, NfpCompiler.Plan.PARALLEL));
    ServiceGraph sequential = Graphs.catchAll(Graphs.sample(SAMPLE, NfpCompiler.Plan.SEQUENTIAL));
    NodeConfig config =
        Replay.looping(dir, "replan", Traffic.tagged(41, LOOP, 64))
            .withRxRate(10_000)
            .withMergerTimeout(Duration.ofSeconds(2));
    Map<String, Counting> made = new ConcurrentHashMap<>();
    NfFactory profile = NfFactory.profileNfs();
    NfFactory counting =
        (g, nf) -> made.computeIfAbsent(nf.name(), n -> new Counting(profile.create(g, nf)));
    Map<String, Integer> allOnZero = new java.util.HashMap<>();
    sequential.nfs().forEach(nf -> allOnZero.put(nf.name(), 0));

    List<NodeStats.Graph> generations = new ArrayList<>();
    NodeStats end;
    try (Node node = Node.start(config)) {
      node.deploy("g", parallel, counting);
      int instances = made.size();
      awaitDelivered(node, 1_000);
      node.replan("g", sequential, allOnZero);
      NodeStats moved = node.stats();
      assertThat(moved.nfs())
          .as("every NF on worker 0 after the re-plan")
          .allMatch(nf -> nf.worker() == 0);
      awaitDelivered(node, 1_000);
      node.replan("g", parallel, Map.of());
      awaitDelivered(node, 1_000);
      assertThat(made).as("NF instances (expected: made once, at deploy)").hasSize(instances);

      assertThatThrownBy(() -> node.replan("g", NodeBench.graph(true, false), Map.of()))
          .isInstanceOf(IllegalArgumentException.class)
          .hasMessageContaining("expected: the same NFs");

      node.pauseReceive();
      assertThat(node.awaitIdle(Duration.ofMillis(100), Duration.ofSeconds(20))).isTrue();
      end = node.stats();
      generations.addAll(node.retired());
      generations.add(Objects.requireNonNull(end.graph("g")));
    }
    assertThat(generations)
        .extracting(NodeStats.Graph::shape)
        .containsExactly(parallel.shape(), sequential.shape(), parallel.shape());
    long received = 0;
    for (NodeStats.Graph g : generations) {
      assertThat(g.drops().keySet())
          .as("drop reasons of %s", g)
          .isSubsetOf("dropped by NF", "dropped by merge verdict");
      assertThat(g.delivered() + g.dropped()).as("accounted: %s", g).isEqualTo(g.accepted());
      received += g.accepted();
    }
    assertThat(received + end.ports().getFirst().unclassified())
        .as(
            "accepted by the generations (expected: every packet received, less those before the deployment); %s; %s",
            generations, end.ports().getFirst())
        .isEqualTo(end.ports().getFirst().received());
    // The first NF of the chain sees every packet in every generation: one instance throughout.
    assertThat(made.values()).allMatch(nf -> nf.seen.get() > 0);
    String first = sequential.nf(sequential.sequentialOrder().getFirst()).name();
    assertThat(Objects.requireNonNull(made.get(first)).seen.get()).isEqualTo(received);
  }

  @Test
  void theReplannerMovesHeavyNfsOffOneCoreOnceItHasMeasuredThem() throws Exception {
    DpdkTestSupport.eal();
    ServiceGraph parallel = NodeBench.graph(true, false);
    ServiceGraph sequential = NodeBench.graph(false, false);
    // The NFs read the 5-tuple of UDP/IPv4 packets: the node benchmark's trace.
    Path trace = dir.resolve("bench.pcap");
    NodeBench.writeTrace(trace, 64, 64, LOOP);
    NodeConfig config =
        NodeConfig.defaults("net_null")
            .withPorts("net_pcap990,rx_pcap=" + trace + ",infinite_rx=1", "net_null990")
            .withRxRate(20_000)
            .withMergerTimeout(Duration.ofSeconds(2));
    // The machine as the model sees it, fixed so that the test does not depend on this host's
    // timing; the NFs' costs start unknown (0), so the first choice is to run on one core.
    Calibration machine = new Calibration(2, 230, 40, 120, 8, 60, 50, 0.05, 15);
    CostModel model = new CostModel(machine, 2, 0, 0, 1, 64, Map.of("A", 0.0, "B", 0.0));
    PlanChooser.Choice first = new PlanChooser(model).choose(parallel, sequential, 0);
    assertThat(first.plan().name()).isEqualTo("one-core");
    // About 10 µs each: heavy enough that running A and B side by side pays.
    NfFactory heavy = (g, nf) -> new SyntheticNf(3_000, false);
    try (Node node = Node.start(config)) {
      ExecutionPlan plan = first.plan();
      node.deploy("g", plan.graph(), heavy, plan.placement());
      Replanner replanner = new Replanner(node, "g", parallel, sequential, model, plan, 0);
      Optional<Replanner.Decision> decision = Optional.empty();
      long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
      while (decision.isEmpty() && System.nanoTime() < deadline) {
        Thread.sleep(200);
        decision = replanner.step();
      }
      assertThat(decision).as("a re-plan within 20 s").isPresent();
      assertThat(decision.get().from()).isEqualTo("one-core");
      assertThat(replanner.current().tables()).isEqualTo(NfpCompiler.Plan.PARALLEL);
      assertThat(replanner.current().workersUsed()).isEqualTo(2);
      assertThat(decision.get().nfNanos().get("B")).isGreaterThan(1_000.0);
      assertThat(node.stats().graph("g"))
          .extracting(NodeStats.Graph::shape)
          .isEqualTo(parallel.shape());
      long before = Objects.requireNonNull(node.stats().graph("g")).delivered();
      awaitDelivered(node, before + 500);
      node.pauseReceive();
      assertThat(node.awaitIdle(Duration.ofMillis(100), Duration.ofSeconds(20))).isTrue();
      List<NodeStats.Graph> generations = new ArrayList<>(node.retired());
      generations.add(Objects.requireNonNull(node.stats().graph("g")));
      for (NodeStats.Graph g : generations) {
        assertThat(g.drops()).as("drops of %s", g).isEmpty();
        assertThat(g.delivered()).as("delivered by %s", g).isEqualTo(g.accepted());
      }
    }
  }

  private static void awaitDelivered(Node node, long atLeast) throws InterruptedException {
    long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
    long now;
    while ((now = Objects.requireNonNull(node.stats().graph("g")).delivered()) < atLeast) {
      assertThat(System.nanoTime())
          .as("delivered %d (expected: %d within 20 s)", now, atLeast)
          .isLessThan(deadline);
      Thread.sleep(5);
    }
  }
}
