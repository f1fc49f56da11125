package org.nfpvnfm.dpdk.node;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.tuple;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.function.LongSupplier;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nfpvnfm.dpdk.DpdkTestSupport;
import org.nfpvnfm.dpdk.nf.NfFactory;
import org.nfpvnfm.engine.NfpCompiler;
import org.nfpvnfm.engine.ServiceGraph;

/**
 * Reconfiguration while packets flow (docs/dataplane-design.md, "Reconfiguration"): deploy a graph,
 * replace it with its sequential plan, run its blocks on two mergers and back on one, undeploy it
 * and deploy it again, all under continuous traffic. No generation of the graph may lose a packet
 * it accepted: each one's final counters ({@link Node#retired} for the removed ones, {@link
 * Node#stats} for the last) must account for every packet as delivered or dropped by an NF or a
 * merge verdict, with nothing lost at removal, no full ring and no timeout; and across generations
 * the port's packets must all be accepted by one of them or counted unclassified (while none was
 * deployed), and every delivered packet sent.
 */
@Tag("integration")
class NodeReconfigurationTest {
  private static final String SAMPLE = "samples-vnfd/valid/datacenter-north-south";
  private static final int LOOP = 512;
  private static final Set<String> VERDICTS = Set.of("dropped by NF", "dropped by merge verdict");

  @TempDir Path dir;

  @Test
  void deployReplaceMergersUndeployAndDeployAgainLoseNothingWhilePacketsFlow() throws Exception {
    DpdkTestSupport.eal();
    ServiceGraph parallel = Graphs.catchAll(Graphs.sample(SAMPLE, NfpCompiler.Plan.PARALLEL));
    ServiceGraph sequential = Graphs.catchAll(Graphs.sample(SAMPLE, NfpCompiler.Plan.SEQUENTIAL));
    assertThat(sequential.merges())
        .as("blocks of the sequential plan (expected: some, for the merger changes)")
        .isNotEmpty();
    // A rate the NFs keep up with even when the workers share their cores with other work, and a
    // merger timeout no scheduling hiccup reaches: this test is about reconfiguration alone.
    NodeConfig config =
        Replay.looping(dir, "reconf", Traffic.tagged(31, LOOP, 64))
            .withRxRate(10_000)
            .withMergerTimeout(Duration.ofSeconds(2));
    NfFactory nfs = NfFactory.profileNfs();

    List<NodeStats.Graph> generations = new ArrayList<>();
    NodeStats end;
    List<NodeStats.Graph> retired;
    try (Node node = Node.start(config)) {
      LongSupplier unclassified = () -> node.stats().ports().getFirst().unclassified();
      awaitAtLeast("unclassified before the first deployment", unclassified, 500);

      node.deploy("g", parallel, nfs);
      awaitDelivered(node, 2_000);
      node.replace("g", sequential, nfs);
      awaitDelivered(node, 2_000);
      node.setMergers("g", 2);
      awaitDelivered(node, 2_000);
      node.setMergers("g", 1);
      awaitDelivered(node, 2_000);
      node.undeploy("g");
      long before = unclassified.getAsLong();
      awaitAtLeast("unclassified while undeployed", unclassified, before + 500);
      node.deploy("g", parallel, nfs);
      awaitDelivered(node, 2_000);

      node.pauseReceive();
      assertThat(node.awaitIdle(Duration.ofMillis(100), Duration.ofSeconds(20)))
          .as("node drained")
          .isTrue();
      end = node.stats();
      retired = node.retired();
      generations.addAll(retired);
      generations.add(Objects.requireNonNull(end.graph("g")));
      assertThat(end.pools())
          .as("mbufs in use once drained (expected: the looped trace's, no header copies)")
          .extracting(NodeStats.Pool::inUse)
          .containsExactly(LOOP, 0);
    }

    assertThat(generations)
        .as("generations of g")
        .extracting(NodeStats.Graph::shape, NodeStats.Graph::mergers)
        .containsExactly(
            tuple(parallel.shape(), 1),
            tuple(sequential.shape(), 1),
            tuple(sequential.shape(), 2),
            tuple(sequential.shape(), 1),
            tuple(parallel.shape(), 1));
    for (int i = 0; i < generations.size(); i++) {
      NodeStats.Graph g = generations.get(i);
      assertThat(g.drops().keySet())
          .as("drop reasons of generation %d, %s (expected: NF and merge verdicts only)", i, g)
          .isSubsetOf(VERDICTS);
      assertThat(g.delivered() + g.dropped())
          .as("generation %d: delivered + dropped (expected: accepted); %s", i, g)
          .isEqualTo(g.accepted());
      assertThat(g.queued() + g.pending()).as("generation %d: left in flight", i).isZero();
      assertThat(g.delivered()).as("generation %d: delivered", i).isPositive();
    }

    NodeStats.Port port = end.ports().getFirst();
    long accepted = generations.stream().mapToLong(NodeStats.Graph::accepted).sum();
    long delivered = generations.stream().mapToLong(NodeStats.Graph::delivered).sum();
    assertThat(port.malformed()).as("malformed packets").isEmpty();
    assertThat(accepted + port.unclassified())
        .as("accepted by some generation + unclassified (expected: every packet received)")
        .isEqualTo(port.received());
    NodeStats.Port out = end.ports().get(1);
    assertThat(out.sent()).as("packets sent (expected: every one delivered)").isEqualTo(delivered);
    assertThat(out.txDropped()).as("packets the device refused").isZero();
  }

  @Test
  void replacingAGraphWhoseNfIsStalledWaitsForItAndLosesNothing() throws Exception {
    DpdkTestSupport.eal();
    // B sleeps for a second with packets waiting in its ring. The drain waits for every worker to
    // come round, so replace returns once B is back and has handed on what it held.
    NodeFaultTest.Sleepy b = new NodeFaultTest.Sleepy(1_000, 0);
    ServiceGraph graph = NodeFaultTest.graph(NodeFaultTest.Where.OUTSIDE_A_BLOCK, false);
    NodeConfig config =
        Replay.looping(dir, "stuck", Traffic.tagged(32, LOOP, 16))
            .withWorkers(3)
            .withPlacement(Map.of("A", 1, "C", 1, "B", 2))
            .withRxRate(5_000)
            .withMergerTimeout(Duration.ofMillis(100));
    NodeStats end;
    List<NodeStats.Graph> retired;
    try (Node node = Node.start(config)) {
      node.deploy("g", graph, NodeFaultTest.with("B", b));
      awaitDelivered(node, 1_000);
      b.armed.set(true);
      Thread.sleep(200);
      long waiting = Objects.requireNonNull(node.stats().graph("g")).queued();
      node.replace("g", graph, NfFactory.profileNfs());
      assertThat(b.stalled.getCount())
          .as("B still asleep when replace returned (expected: no, the drain waits for it)")
          .isZero();
      assertThat(waiting).as("packets waiting for B when the replacement began").isPositive();
      awaitDelivered(node, 1_000);
      node.pauseReceive();
      assertThat(node.awaitIdle(Duration.ofMillis(100), Duration.ofSeconds(20)))
          .as("node drained")
          .isTrue();
      end = node.stats();
      retired = node.retired();
      assertThat(end.pools())
          .as("mbufs in use once drained (expected: the looped trace's)")
          .extracting(NodeStats.Pool::inUse)
          .containsExactly(LOOP, 0);
    }
    assertThat(retired).hasSize(1);
    NodeStats.Graph old = retired.getFirst();
    assertThat(old.drops()).as("drops of the stalled generation: %s", old).isEmpty();
    assertThat(old.delivered()).as("stalled generation: delivered").isEqualTo(old.accepted());
    assertThat(old.latency().max())
        .as("the longest latency of the stalled generation (ns): B's sleep")
        .isGreaterThan(Duration.ofMillis(500).toNanos());
    // The new generation's B is placed by name too, on the worker the old B held asleep: until it
    // woke, backpressure made the classifier refuse what the new B's ring could not take. Refused
    // packets were never accepted; nothing accepted is lost.
    NodeStats.Graph now = Objects.requireNonNull(end.graph("g"));
    assertThat(now.drops()).as("drops of the new generation").isEmpty();
    assertThat(now.delivered() + now.dropped())
        .as("new generation: delivered + dropped (expected: accepted); %s", now)
        .isEqualTo(now.accepted());
  }

  @Test
  void receiveRateSetWhileRunningLimitsWhatTheNodeTakesAndZeroLiftsTheLimit() throws Exception {
    DpdkTestSupport.eal();
    NodeConfig config = Replay.looping(dir, "rate", Traffic.tagged(33, LOOP, 64));
    try (Node node = Node.start(config)) {
      LongSupplier received = () -> node.stats().ports().getFirst().received();
      awaitAtLeast("received with no limit", received, 5_000);

      node.setReceiveRate(2_000);
      Thread.sleep(50); // the limit is seen by the next poll; what came before it is not counted
      long before = received.getAsLong();
      long t0 = System.nanoTime();
      Thread.sleep(500);
      long taken = received.getAsLong() - before;
      double seconds = (System.nanoTime() - t0) / 1e9;
      // At most the rate over the window, plus one bucket (a burst at this rate) and the poll in
      // flight; and, the workers sleeping when idle, still close to it on average.
      assertThat(taken)
          .as("packets taken in %.3f s at 2000 packets/s", seconds)
          .isGreaterThan((long) (2_000 * seconds / 2))
          .isLessThanOrEqualTo((long) (2_000 * seconds) + 2L * config.burst() + 64);

      node.setReceiveRate(0);
      long limited = received.getAsLong();
      awaitAtLeast("received once the limit is lifted", received, limited + 20_000);

      assertThatThrownBy(() -> node.setReceiveRate(-1))
          .isInstanceOf(IllegalArgumentException.class)
          .hasMessageContaining("expected: 0 or more");
    }
  }

  private static void awaitDelivered(Node node, long atLeast) throws InterruptedException {
    awaitAtLeast(
        "delivered by the generation deployed now",
        () -> Objects.requireNonNull(node.stats().graph("g")).delivered(),
        atLeast);
  }

  private static void awaitAtLeast(String what, LongSupplier value, long atLeast)
      throws InterruptedException {
    long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
    long now;
    while ((now = value.getAsLong()) < atLeast) {
      assertThat(System.nanoTime())
          .as("%s: %d (expected: %d within 20 s)", what, now, atLeast)
          .isLessThan(deadline);
      Thread.sleep(5);
    }
  }
}
