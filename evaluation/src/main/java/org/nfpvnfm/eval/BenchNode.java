package org.nfpvnfm.eval;

import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.nfpvnfm.dpdk.Eal;
import org.nfpvnfm.dpdk.nf.NfFactory;
import org.nfpvnfm.dpdk.node.Node;
import org.nfpvnfm.dpdk.node.NodeConfig;
import org.nfpvnfm.dpdk.node.NodeStats;
import org.nfpvnfm.dpdk.plan.Calibration;
import org.nfpvnfm.dpdk.plan.CostModel;
import org.nfpvnfm.dpdk.plan.ExecutionPlan;
import org.nfpvnfm.dpdk.plan.PlanChooser;

/**
 * Runs one execution plan of a graph on a fresh DPDK node and measures it (docs/benchmarks.md, "How
 * the bench measures"): the node reads a pcap in a loop ({@code net_pcap}, {@code infinite_rx}) and
 * sends to {@code net_null}, its workers busy-poll one per CPU; after a warm-up the latency
 * histogram is reset and the counters are read over a window. One EAL serves every run of the
 * process; each run attaches its own pair of virtual devices.
 */
final class BenchNode {
  private static int devices;

  private final Eal eal;
  private final Calibration calibration;
  private final int workers;
  private Duration warmup;
  private Duration window;

  /** What one run measured. */
  record Run(
      String plan,
      String shape,
      int workersUsed,
      long offeredPps,
      double seconds,
      long processed,
      long delivered,
      long deliveredBytes,
      long copies,
      long copiedBytes,
      Map<String, Long> drops,
      NodeStats.Latency latency,
      Map<String, Double> nfNanos) {

    /** Packets the graph finished (delivered or dropped by a verdict) per second, in millions. */
    double mpps() {
      return processed / seconds / 1e6;
    }

    double p50Micros() {
      return latency.p50() / 1000.0;
    }

    double p99Micros() {
      return latency.p99() / 1000.0;
    }
  }

  BenchNode(Duration warmup, Duration window) {
    this.eal =
        Eal.current()
            .orElseGet(
                () ->
                    Eal.start(
                        List.of(
                            "-l",
                            "0",
                            "--no-huge",
                            "--no-pci",
                            "-m",
                            "1024",
                            "--file-prefix",
                            "nfp-bench-" + ProcessHandle.current().pid(),
                            "--no-telemetry",
                            "--log-level=lib.eal:warning",
                            "--log-level=pmd.net.pcap:error")));
    // Before any node starts: the workers would busy-poll the cores being measured.
    this.calibration = Calibration.measure(eal);
    this.workers = Math.max(2, eal.processCpuCount());
    this.warmup = warmup;
    this.window = window;
  }

  /**
   * Runs the node's packet path for {@code total} before anything is measured: a run measured while
   * the JIT still compiles the receive, forwarding and merge code would count the compiler.
   */
  void warmUp(Duration total, Path trace) throws InterruptedException {
    BenchChain chain =
        BenchChain.of(
            "warm-up", BenchChain.same("W", "firewall", 2, Workloads.config("firewall")), true);
    List<ExecutionPlan> plans =
        new PlanChooser(model(64, Map.of())).candidates(chain.parallel(), chain.sequential());
    for (ExecutionPlan p : plans) {
      warm(p, chain.nfs(), trace, total.dividedBy(plans.size()));
    }
  }

  /** Runs {@code plan} for {@code time} unmeasured, so that its NFs' code is compiled. */
  void warm(ExecutionPlan plan, NfFactory nfs, Path trace, Duration time)
      throws InterruptedException {
    Duration saveWarmup = warmup;
    Duration saveWindow = window;
    warmup = time;
    window = Duration.ofMillis(1);
    try {
      run(plan, nfs, trace, 0);
    } finally {
      warmup = saveWarmup;
      window = saveWindow;
    }
  }

  Duration warmupTime() {
    return warmup;
  }

  Calibration calibration() {
    return calibration;
  }

  int workers() {
    return workers;
  }

  /** The cost model of this node for traffic of {@code packetBytes} mean size. */
  CostModel model(int packetBytes, Map<String, Double> nfNanos) {
    return new CostModel(calibration, workers, 0, 0, 1, packetBytes, nfNanos);
  }

  /** Runs {@code plan} with {@code nfs} on {@code trace}, offered {@code ratePps} (0: all). */
  Run run(ExecutionPlan plan, NfFactory nfs, Path trace, long ratePps) throws InterruptedException {
    int n = ++devices;
    NodeConfig config =
        NodeConfig.defaults("net_null")
            .withPorts(
                "net_pcap" + (500 + n) + ",rx_pcap=" + trace.toAbsolutePath() + ",infinite_rx=1",
                "net_null" + (500 + n))
            .withWorkers(workers)
            .withIdle(NodeConfig.Idle.SPIN)
            .withRxRate(ratePps);
    try (Node node = Node.startPaused(config)) {
      node.deploy("bench", plan.graph(), nfs, plan.placement());
      node.resumeReceive();
      Thread.sleep(warmup.toMillis());
      // The window starts and ends with the node drained, so that every packet it counts was
      // received, copied, merged and delivered (or dropped) inside it: counters taken while
      // packets are in flight disagree with each other by what the rings hold.
      node.pauseReceive();
      node.awaitIdle(Duration.ofMillis(50), Duration.ofSeconds(10));
      node.resetLatency();
      NodeStats before = node.stats();
      long t0 = System.nanoTime();
      node.resumeReceive();
      Thread.sleep(window.toMillis());
      node.pauseReceive();
      double seconds = (System.nanoTime() - t0) / 1e9;
      node.awaitIdle(Duration.ofMillis(50), Duration.ofSeconds(10));
      NodeStats after = node.stats();
      NodeStats.Graph g0 = Objects.requireNonNull(before.graph("bench"));
      NodeStats.Graph g1 = Objects.requireNonNull(after.graph("bench"));
      Map<String, Long> drops = new LinkedHashMap<>();
      g1.drops().forEach((k, v) -> drops.put(k, v - g0.drops().getOrDefault(k, 0L)));
      drops.values().removeIf(v -> v == 0);
      long delivered = g1.delivered() - g0.delivered();
      long verdicts =
          drops.getOrDefault("dropped by NF", 0L)
              + drops.getOrDefault("dropped by merge verdict", 0L);
      Map<String, Double> costs = new LinkedHashMap<>();
      for (NodeStats.Nf nf : after.nfs()) {
        costs.put(nf.name(), nf.nanosPerPacket());
      }
      return new Run(
          plan.name(),
          g1.shape(),
          (int) plan.workersUsed(),
          ratePps,
          seconds,
          delivered + verdicts,
          delivered,
          g1.deliveredBytes() - g0.deliveredBytes(),
          g1.copies() - g0.copies(),
          g1.copiedBytes() - g0.copiedBytes(),
          drops,
          g1.latency(),
          costs);
    }
  }
}
