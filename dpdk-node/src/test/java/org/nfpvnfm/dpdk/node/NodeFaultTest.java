package org.nfpvnfm.dpdk.node;

import static org.assertj.core.api.Assertions.assertThat;

import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.nio.ByteOrder;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.locks.LockSupport;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.nfpvnfm.dpdk.DpdkTestSupport;
import org.nfpvnfm.dpdk.Mbufs;
import org.nfpvnfm.dpdk.nf.NetworkFunction;
import org.nfpvnfm.dpdk.nf.NfFactory;
import org.nfpvnfm.dpdk.nf.PacketBatch;
import org.nfpvnfm.dpdk.nf.ProfileNf;
import org.nfpvnfm.engine.Compilation;
import org.nfpvnfm.engine.NfpCompiler;
import org.nfpvnfm.engine.ServiceGraph;
import org.nfpvnfm.tosca.SourceLocation;
import org.nfpvnfm.tosca.nfp.Access;
import org.nfpvnfm.tosca.nfp.ActionProfile;
import org.nfpvnfm.tosca.nfp.ForwardingGraph;
import org.nfpvnfm.tosca.nfp.NfpModel;
import org.nfpvnfm.tosca.nfp.NfpRule;
import org.nfpvnfm.tosca.nfp.PacketField;

/**
 * Faults on the node (docs/dataplane-design.md, "Proof" 3): an NF that throws, drops everything,
 * stalls or is too slow, and a merger whose versions never all arrive. Each test checks the
 * counters that must say what happened, that traffic after the fault is forwarded again, that the
 * node drains, and (by closing it) that no mbuf leaked.
 *
 * <p>The graph is three NFs, A and B reading headers and C rewriting the TTL, pinned last: its
 * parallel plan is {@code {A | B} -> C} (B inside a parallel block, its drops and failures go to
 * the merger), its sequential plan {@code A -> B -> C} (B outside any block). B is the faulty one.
 */
@Tag("integration")
class NodeFaultTest {
  private static final SourceLocation HERE = SourceLocation.ofFile("NodeFaultTest");
  private static final int PACKETS = 2000;
  private static final long RATE = 5_000;
  private static final Duration MERGER_TIMEOUT = Duration.ofMillis(100);
  private static final long STALL_MILLIS = 500;
  private static final int LOOP = 256;

  @TempDir Path dir;

  /** Which graph B runs in. */
  enum Where {
    /** {@code A -> B -> C}: B's drops and failures are its own. */
    OUTSIDE_A_BLOCK(NfpCompiler.Plan.SEQUENTIAL, "A -> B -> C"),
    /** {@code {A | B} -> C}: B's drops and failures go to the block's merger. */
    INSIDE_A_BLOCK(NfpCompiler.Plan.PARALLEL, "{A | B} -> C");

    final NfpCompiler.Plan plan;
    final String shape;

    Where(NfpCompiler.Plan plan, String shape) {
      this.plan = plan;
      this.shape = shape;
    }
  }

  static ServiceGraph graph(Where where, boolean bMayDrop) {
    ActionProfile a =
        new ActionProfile(
            "a", Map.of(PacketField.SIP, Access.READ, PacketField.DIP, Access.READ), false, false);
    ActionProfile b =
        new ActionProfile(
            "b",
            Map.of(PacketField.SPORT, Access.READ, PacketField.DPORT, Access.READ),
            false,
            bMayDrop);
    ActionProfile c =
        new ActionProfile("c", Map.of(PacketField.TTL, Access.READ_WRITE), false, false);
    List<org.nfpvnfm.tosca.nfp.NetworkFunction> nfs =
        List.of(
            new org.nfpvnfm.tosca.nfp.NetworkFunction("A", null, a, HERE),
            new org.nfpvnfm.tosca.nfp.NetworkFunction("B", null, b, HERE),
            new org.nfpvnfm.tosca.nfp.NetworkFunction("C", null, c, HERE));
    NfpModel model =
        new NfpModel(
            nfs,
            List.of(
                new ForwardingGraph(
                    "abc",
                    null,
                    ForwardingGraph.Shape.TACKER,
                    List.of("A", "B", "C"),
                    List.of(),
                    HERE)),
            List.of(new NfpRule.Position("C", NfpRule.Placement.LAST, List.of(), HERE)));
    Compilation compiled = NfpCompiler.create().plan(where.plan).compile(model);
    assertThat(compiled.ok()).as("%s", compiled.diagnostics()).isTrue();
    ServiceGraph g = compiled.serviceGraphs().getFirst();
    assertThat(g.shape()).as("shape of the %s plan", where.plan).isEqualTo(where.shape);
    return g;
  }

  /** Profile NFs, except {@code nf}, which is {@code custom}. */
  static NfFactory with(String nf, NetworkFunction custom) {
    return (graph, n) ->
        n.name().equals(nf) ? custom : new ProfileNf(n.profile(), ProfileNf.seedFor(n.id()));
  }

  /** The trace index in packet {@code i}'s trailer ({@link Traffic#tagged}). */
  static int traceIndex(PacketBatch batch, int i) {
    long mbuf = batch.mbuf(i);
    MemorySegment data = Mbufs.data(mbuf);
    return data.get(
        ValueLayout.JAVA_INT_UNALIGNED.withOrder(ByteOrder.BIG_ENDIAN), Mbufs.dataLength(mbuf) - 4);
  }

  private static NodeStats.Nf nf(NodeStats stats, String name) {
    return stats.nfs().stream().filter(n -> n.name().equals(name)).findFirst().orElseThrow();
  }

  private static List<Integer> indices(List<byte[]> frames) {
    return frames.stream().map(f -> Traffic.tag(f).index()).toList();
  }

  private static List<Integer> allBut(Set<Integer> gone) {
    return IntStream.range(0, PACKETS).filter(i -> !gone.contains(i)).boxed().toList();
  }

  @ParameterizedTest
  @EnumSource(Where.class)
  void anNfThatThrowsFailsItsBurstAndTheNodeGoesOn(Where where) throws Exception {
    Set<Integer> failed = ConcurrentHashMap.newKeySet();
    NetworkFunction b =
        batch -> {
          for (int i = 0; i < batch.size(); i++) {
            int index = traceIndex(batch, i);
            if (index >= 600 && index < 640) {
              for (int j = 0; j < batch.size(); j++) {
                failed.add(traceIndex(batch, j));
              }
              throw new IllegalStateException("B fails on trace index " + index);
            }
          }
        };
    List<byte[]> trace = Traffic.tagged(11, PACKETS, 64);

    Replay.Result r =
        Replay.run(
            Replay.config(dir, "throws").withMergerTimeout(Duration.ofSeconds(2)),
            Graphs.catchAll(graph(where, false)),
            trace,
            with("B", b));

    assertThat(failed).as("packets in the bursts B threw on").hasSizeGreaterThanOrEqualTo(40);
    NodeStats.Nf stats = nf(r.stats(), "B");
    assertThat(stats.failed())
        .as("B's failed packets (expected: its bursts that threw)")
        .isEqualTo(failed.size());
    assertThat(stats.passed()).as("B's passed packets").isEqualTo(PACKETS - failed.size());
    assertThat(stats.lastFailure()).contains("B fails on trace index");
    assertThat(r.graph().drops())
        .as("the graph's drops")
        .isEqualTo(Map.of("NF failed", (long) failed.size()));
    if (where == Where.INSIDE_A_BLOCK) {
      NodeStats.Merger m = r.stats().mergers().getFirst();
      assertThat(m.failed())
          .as("packets the merger gave up for B's failed versions")
          .isEqualTo(failed.size());
      assertThat(m.timedOut())
          .as("merge timeouts (expected: none, failed versions still arrive)")
          .isZero();
    }
    assertThat(indices(r.out()))
        .as("trace indices out (expected: all but those of the bursts B threw on, in order)")
        .containsExactlyElementsOf(allBut(failed));
  }

  @ParameterizedTest
  @EnumSource(Where.class)
  void anNfThatDropsEverythingHasEveryPacketCountedThenTrafficFlowsAgain(Where where)
      throws Exception {
    NetworkFunction b =
        batch -> {
          for (int i = 0; i < batch.size(); i++) {
            if (traceIndex(batch, i) < PACKETS / 2) {
              batch.drop(i);
            }
          }
        };
    List<byte[]> trace = Traffic.tagged(12, PACKETS, 64);

    Replay.Result r =
        Replay.run(
            Replay.config(dir, "drops").withMergerTimeout(Duration.ofSeconds(2)),
            Graphs.catchAll(graph(where, true)),
            trace,
            with("B", b));

    String reason = where == Where.INSIDE_A_BLOCK ? "dropped by merge verdict" : "dropped by NF";
    assertThat(r.graph().drops())
        .as("the graph's drops (expected: the first half of the trace, all of it)")
        .isEqualTo(Map.of(reason, (long) PACKETS / 2));
    assertThat(nf(r.stats(), "B").dropped()).isEqualTo(PACKETS / 2);
    assertThat(r.graph().delivered()).isEqualTo(PACKETS / 2);
    assertThat(indices(r.out()))
        .as("trace indices out (expected: the second half, in order)")
        .containsExactlyElementsOf(IntStream.range(PACKETS / 2, PACKETS).boxed().toList());
  }

  /** B's fault on continuous traffic: it sleeps once when armed, or per burst while slow. */
  static final class Sleepy implements NetworkFunction {
    final AtomicBoolean armed = new AtomicBoolean();
    final AtomicBoolean slow = new AtomicBoolean();
    final CountDownLatch stalled = new CountDownLatch(1);
    final long stallNanos;
    final long slowNanosPerBurst;

    Sleepy(long stallMillis, long slowMillisPerBurst) {
      this.stallNanos = TimeUnit.MILLISECONDS.toNanos(stallMillis);
      this.slowNanosPerBurst = TimeUnit.MILLISECONDS.toNanos(slowMillisPerBurst);
    }

    @Override
    public void process(PacketBatch batch) {
      if (armed.compareAndSet(true, false)) {
        sleep(stallNanos);
        stalled.countDown();
      }
      if (slow.get()) {
        sleep(slowNanosPerBurst);
      }
    }

    private static void sleep(long nanos) {
      long end = System.nanoTime() + nanos;
      while (System.nanoTime() < end) {
        LockSupport.parkNanos(end - System.nanoTime());
      }
    }
  }

  /**
   * Continuous traffic at {@value #RATE} packets/s from a looping trace, B alone on worker 2 so
   * that only B stops when it sleeps (A and C on worker 1; receive, transmit and mergers on worker
   * 0). The rate is low and rings and merger timeout long enough that a worker off its core for a
   * while (these tests share two cores with whatever else runs) costs nothing outside the fault.
   */
  private NodeConfig looping(String name, int ringSize) throws Exception {
    return Replay.looping(dir, name, Traffic.tagged(21, LOOP, 16))
        .withWorkers(3)
        .withPlacement(Map.of("A", 1, "C", 1, "B", 2))
        .withRingSize(ringSize)
        .withRxRate(RATE)
        .withMergerTimeout(MERGER_TIMEOUT);
  }

  private static NodeStats.Graph awaitDelivered(Node node, long atLeast)
      throws InterruptedException {
    long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
    while (true) {
      NodeStats.Graph g = Objects.requireNonNull(node.stats().graph("g"));
      if (g.delivered() >= atLeast) {
        return g;
      }
      assertThat(System.nanoTime())
          .as("delivered %d (expected: %d within 20 s); %s", g.delivered(), atLeast, node.stats())
          .isLessThan(deadline);
      Thread.sleep(5);
    }
  }

  /**
   * Stops the traffic, waits until the node drained, checks that the only mbufs out are the
   * trace's, which net_pcap keeps to loop it ({@code infinite_rx}), and returns the counters.
   */
  private static NodeStats drain(Node node) throws InterruptedException {
    node.pauseReceive();
    assertThat(node.awaitIdle(Duration.ofMillis(100), Duration.ofSeconds(20)))
        .as("node drained")
        .isTrue();
    NodeStats stats = node.stats();
    assertThat(stats.pools())
        .as("mbufs in use once drained (expected: the looped trace's, no header copies)")
        .extracting(NodeStats.Pool::inUse)
        .containsExactly(LOOP, 0);
    return stats;
  }

  @Test
  void aStalledNfHoldsTrafficBackTheClassifierRefusesNewPacketsAndNothingAcceptedIsLost()
      throws Exception {
    DpdkTestSupport.eal();
    Sleepy b = new Sleepy(STALL_MILLIS, 0);
    NodeStats end;
    try (Node node = Node.startPaused(looping("stall", 1024))) {
      node.deploy("g", graph(Where.OUTSIDE_A_BLOCK, false), with("B", b));
      node.resumeReceive();
      NodeStats.Graph before = awaitDelivered(node, 2_000);
      assertThat(before.drops()).as("drops before the stall").isEmpty();

      b.armed.set(true);
      Thread.sleep(STALL_MILLIS / 2);
      NodeStats mid = node.stats();
      NodeStats.Worker w = mid.workers().get(2);
      assertThat(w.stalledIn()).as("the task worker 2 is stuck in").isEqualTo("g/B");
      assertThat(w.stalledMillis()).isGreaterThanOrEqualTo(STALL_MILLIS / 4);
      // Backpressure: B's ring is full and A takes no more than it holds, so A never meets a full
      // ring; with A's ring full too the node stops taking packets from the port, which holds
      // them (one graph: nothing to refuse for, the port is the graph's queue).
      assertThat(nf(mid, "B").ringFill()).as("entries waiting for B mid-stall").isGreaterThan(900);
      assertThat(b.stalled.await(10, TimeUnit.SECONDS)).as("the stall ended").isTrue();
      Thread.sleep(100);
      NodeStats afterStall = node.stats();
      NodeStats.Graph stalled = Objects.requireNonNull(afterStall.graph("g"));
      assertThat(nf(afterStall, "A").ringFull()).as("what A could not hand to B").isZero();
      assertThat(stalled.refused())
          .as("packets refused (expected: none, held in the port)")
          .isZero();
      assertThat(stalled.drops()).as("drops of accepted packets").isEmpty();

      NodeStats.Graph later = awaitDelivered(node, stalled.delivered() + 3_000);
      assertThat(later.drops()).as("drops once B is back").isEmpty();
      end = drain(node);
    }
    assertAccounted(end);
  }

  @Test
  void aMergerWhoseVersionsNeverAllArriveTimesThePacketsOutAndTrafficFlowsAgain() throws Exception {
    DpdkTestSupport.eal();
    Sleepy b = new Sleepy(STALL_MILLIS, 0);
    NodeStats end;
    try (Node node = Node.startPaused(looping("lost", 1024))) {
      node.deploy("g", graph(Where.INSIDE_A_BLOCK, false), with("B", b));
      node.resumeReceive();
      NodeStats.Graph before = awaitDelivered(node, 2_000);
      assertThat(before.drops()).as("drops before the stall").isEmpty();

      b.armed.set(true);
      assertThat(b.stalled.await(10, TimeUnit.SECONDS)).as("the stall ended").isTrue();
      // A's versions whose B versions waited in B's stalled ring time out within the merger
      // timeout; those B versions come late when B wakes and are freed, counted as late, not as
      // drops. Backpressure stops the classifier from accepting more than B's ring holds.
      Thread.sleep(MERGER_TIMEOUT.toMillis() + 150);
      NodeStats afterStall = node.stats();
      NodeStats.Graph stalled = Objects.requireNonNull(afterStall.graph("g"));
      NodeStats.Merger m = afterStall.mergers().getFirst();
      assertThat(m.timedOut())
          .as("packets the merger gave up waiting for B's version")
          .isGreaterThan(500);
      assertThat(stalled.drops().keySet()).as("drop reasons").containsExactly("merge timeout");

      NodeStats.Graph later = awaitDelivered(node, stalled.delivered() + 3_000);
      assertThat(later.drops())
          .as("drops once B is back (expected: none new)")
          .isEqualTo(stalled.drops());
      end = drain(node);
    }
    NodeStats.Graph g = Objects.requireNonNull(end.graph("g"));
    long timedOut = Objects.requireNonNull(g.drops().get("merge timeout"));
    assertThat(g.delivered() + timedOut)
        .as("delivered %d + timed out %d (expected: accepted)", g.delivered(), timedOut)
        .isEqualTo(g.accepted());
    assertThat(g.queued() + g.pending()).as("packets still in the graph").isZero();
  }

  @Test
  void aSlowNfSlowsItsGraphDownWithoutLosingAcceptedPacketsAndCatchesUpAfterwards()
      throws Exception {
    DpdkTestSupport.eal();
    // 20 ms per burst of at most 32: at most 1 600 packets/s, against 5 000 offered.
    Sleepy b = new Sleepy(0, 20);
    NodeStats end;
    try (Node node = Node.startPaused(looping("slow", 512))) {
      node.deploy("g", graph(Where.OUTSIDE_A_BLOCK, false), with("B", b));
      node.resumeReceive();
      NodeStats.Graph before = awaitDelivered(node, 2_000);
      assertThat(before.drops()).as("drops while B keeps up").isEmpty();

      b.slow.set(true);
      Thread.sleep(STALL_MILLIS);
      NodeStats whileSlow = node.stats();
      b.slow.set(false);
      Thread.sleep(100);
      NodeStats afterSlow = node.stats();
      NodeStats.Graph slow = Objects.requireNonNull(afterSlow.graph("g"));
      assertThat(slow.delivered() - before.delivered())
          .as("delivered while B was slow (expected: some, B still works)")
          .isGreaterThan(200);
      assertThat(nf(afterSlow, "A").ringFull()).as("what A could not hand to B").isZero();
      assertThat(nf(whileSlow, "B").ringFill())
          .as("entries waiting for B while it was slow (its ring of 512 full)")
          .isGreaterThan(400);
      assertThat(slow.refused()).as("packets refused (expected: none, held in the port)").isZero();
      assertThat(slow.drops()).as("drops of accepted packets").isEmpty();

      NodeStats.Graph later = awaitDelivered(node, slow.delivered() + 3_000);
      assertThat(later.drops()).as("drops once B is fast again").isEmpty();
      end = drain(node);
    }
    assertAccounted(end);
  }

  /** Every packet the graph accepted was delivered or dropped for a counted reason. */
  private static void assertAccounted(NodeStats stats) {
    NodeStats.Graph g = Objects.requireNonNull(stats.graph("g"));
    assertThat(g.queued() + g.pending()).as("packets still in the graph").isZero();
    assertThat(g.delivered() + g.dropped())
        .as("delivered %d + dropped %s (expected: accepted)", g.delivered(), g.drops())
        .isEqualTo(g.accepted());
  }
}
