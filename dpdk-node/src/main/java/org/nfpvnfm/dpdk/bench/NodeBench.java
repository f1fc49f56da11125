package org.nfpvnfm.dpdk.bench;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.nfpvnfm.dpdk.Eal;
import org.nfpvnfm.dpdk.node.Node;
import org.nfpvnfm.dpdk.node.NodeConfig;
import org.nfpvnfm.dpdk.node.NodeStats;
import org.nfpvnfm.engine.Compilation;
import org.nfpvnfm.engine.NfpCompiler;
import org.nfpvnfm.engine.ServiceGraph;
import org.nfpvnfm.tosca.LoadResult;
import org.nfpvnfm.tosca.ToscaLoader;

/**
 * One end-to-end measurement of the Java dataplane (docs/benchmarks.md, "Node end to end"): two
 * {@link SyntheticNf}s, A then B, compiled by the engine from a descriptor into either the 2-way
 * parallel graph or the sequential chain, on a node reading a trace in a loop ({@code net_pcap}
 * with {@code infinite_rx}) and sending to {@code net_null}. Placement matches the C reference:
 * worker 0 runs receive, A, the merger and transmit; worker 1 runs B. Prints one JSON line with the
 * same fields as the C reference's.
 *
 * <pre>{@code
 * NodeBench --trace T.pcap --mode parallel|sequential [--rounds N] [--seconds S] [--rate PPS]
 *           [--copy]
 * NodeBench --write-trace T.pcap [--size 64] [--flows 256] [--packets 1024]
 * }</pre>
 */
public final class NodeBench {
  private NodeBench() {}

  public static void main(String[] args) throws Exception {
    String mode = "parallel";
    int rounds = 100;
    double seconds = 2;
    long rate = 0;
    boolean copy = false;
    Path trace = null;
    Path writeTrace = null;
    int size = 64;
    int flows = 256;
    int packets = 1024;
    for (int i = 0; i < args.length; i++) {
      switch (args[i]) {
        case "--mode" -> mode = args[++i];
        case "--rounds" -> rounds = Integer.parseInt(args[++i]);
        case "--seconds" -> seconds = Double.parseDouble(args[++i]);
        case "--rate" -> rate = Long.parseLong(args[++i]);
        case "--copy" -> copy = true;
        case "--trace" -> trace = Path.of(args[++i]);
        case "--write-trace" -> writeTrace = Path.of(args[++i]);
        case "--size" -> size = Integer.parseInt(args[++i]);
        case "--flows" -> flows = Integer.parseInt(args[++i]);
        case "--packets" -> packets = Integer.parseInt(args[++i]);
        case "--warmup" -> warmupSeconds = Double.parseDouble(args[++i]);
        default -> throw new IllegalArgumentException("unknown argument " + args[i]);
      }
    }
    if (writeTrace != null) {
      writeTrace(writeTrace, size, flows, packets);
      return;
    }
    if (trace == null || !(mode.equals("parallel") || mode.equals("sequential"))) {
      throw new IllegalArgumentException("usage: --trace T.pcap --mode parallel|sequential ...");
    }
    System.out.println(run(trace, mode, rounds, seconds, rate, copy));
  }

  static double warmupSeconds = 3;

  static String run(Path trace, String mode, int rounds, double seconds, long rate, boolean copy)
      throws IOException, InterruptedException {
    ServiceGraph graph = graph(mode.equals("parallel"), copy);
    Eal.start(
        List.of(
            "-l",
            "0",
            "--no-huge",
            "--no-pci",
            "-m",
            "512",
            "--file-prefix",
            "nfpbench-" + ProcessHandle.current().pid(),
            "--no-telemetry",
            "--log-level=lib.eal:warning",
            "--log-level=pmd.net.pcap:error",
            "--vdev=net_pcap0,rx_pcap=" + trace.toAbsolutePath() + ",infinite_rx=1",
            "--vdev=net_null0"));
    NodeConfig config =
        NodeConfig.defaults("net_pcap0")
            .withPorts("net_pcap0", "net_null0")
            .withWorkers(2)
            .withIdle(NodeConfig.Idle.SPIN)
            .withRxRate(rate)
            .withPlacement(Map.of("A", 0, "B", 1));
    SyntheticNf a = new SyntheticNf(rounds, true);
    SyntheticNf b = new SyntheticNf(rounds, copy);
    try (Node node = Node.startPaused(config)) {
      node.deploy("bench", graph, (g, nf) -> nf.name().equals("A") ? a : b);
      node.resumeReceive();
      // Warm-up: on two cores the JIT's compiler threads compete with two busy-polling workers,
      // so the packet path reaches its compiled form later than on an idle machine.
      Thread.sleep((long) (warmupSeconds * 1000));
      node.resetLatency();
      NodeStats before = node.stats();
      long t0 = System.nanoTime();
      Thread.sleep((long) (seconds * 1000));
      NodeStats after = node.stats();
      double dt = (System.nanoTime() - t0) / 1e9;
      node.pauseReceive();
      node.awaitIdle(Duration.ofMillis(100), Duration.ofSeconds(10));
      NodeStats.Graph g0 = before.graphs().getFirst();
      NodeStats.Graph g1 = after.graphs().getFirst();
      long tx = g1.delivered() - g0.delivered();
      long rx = g1.accepted() - g0.accepted();
      long dropped = g1.dropped() - g0.dropped();
      long refused = g1.refused() - g0.refused();
      NodeStats.Latency l = g1.latency();
      return String.format(
          Locale.ROOT,
          "{\"impl\":\"java\",\"mode\":\"%s\",\"rounds\":%d,\"copy\":%b,\"seconds\":%.2f,"
              + "\"rx\":%d,\"refused\":%d,\"tx\":%d,\"dropped\":%d,\"mpps\":%.3f,"
              + "\"latency_ns\":{\"p50\":%d,\"p99\":%d,\"max\":%d},\"offered_pps\":%d,"
              + "\"shape\":\"%s\",\"drops\":\"%s\"}",
          mode,
          rounds,
          copy,
          dt,
          rx,
          refused,
          tx,
          dropped,
          tx / dt / 1e6,
          l.p50(),
          l.p99(),
          l.max(),
          rate,
          g1.shape(),
          g1.drops());
    }
  }

  /** A before B, both reading the 5-tuple; A writes DSCP, and B too with {@code copy}. */
  public static ServiceGraph graph(boolean parallel, boolean copy) throws IOException {
    String fields = "{ sip: r, dip: r, sport: r, dport: r, protocol: r";
    String yaml =
        """
        tosca_definitions_version: tosca_simple_yaml_1_3
        description: The node benchmark's two NFs (docs/benchmarks.md).
        topology_template:
          node_templates:
            A: { type: tosca.nodes.Compute }
            B: { type: tosca.nodes.Compute }
          groups:
            chain: { type: tosca.groups.Root, members: [ A, B ] }
          policies:
            - a_profile:
                type: nfp.policies.ActionProfile
                properties: { fields: %s, dscp: w } }
                targets: [ A ]
            - b_profile:
                type: nfp.policies.ActionProfile
                properties: { fields: %s%s } }
                targets: [ B ]
            - a_before_b:
                type: nfp.policies.Order
                properties: { nf: A, relation: before, other: B }
                targets: [ chain ]
        """
            .formatted(fields, fields, copy ? ", dscp: w" : "");
    Path file = Files.createTempFile("nfp-bench-", ".yaml");
    try {
      Files.writeString(file, yaml);
      LoadResult loaded = ToscaLoader.create().load(file);
      if (!loaded.ok() || loaded.nfp() == null) {
        throw new IllegalStateException("bench descriptor: " + loaded.diagnostics());
      }
      Compilation c =
          NfpCompiler.create()
              .plan(parallel ? NfpCompiler.Plan.PARALLEL : NfpCompiler.Plan.SEQUENTIAL)
              .compile(loaded.nfp());
      if (!c.ok()) {
        throw new IllegalStateException("bench descriptor: " + c.diagnostics());
      }
      return c.serviceGraphs().getFirst();
    } finally {
      Files.deleteIfExists(file);
    }
  }

  /** A classic pcap of UDP/IPv4 frames of {@code size} bytes over {@code flows} flows. */
  public static void writeTrace(Path file, int size, int flows, int packets) throws IOException {
    int frame = Math.max(size, 60);
    ByteBuffer out =
        ByteBuffer.allocate(24 + packets * (16 + frame)).order(ByteOrder.LITTLE_ENDIAN);
    out.putInt(0xa1b2c3d4).putShort((short) 2).putShort((short) 4).putInt(0).putInt(0);
    out.putInt(65535).putInt(1);
    List<byte[]> frames = new ArrayList<>();
    for (int f = 0; f < flows; f++) {
      ByteBuffer b = ByteBuffer.allocate(frame);
      b.put(
          new byte[] {0, 0x11, 0x22, 0x33, 0x44, 0x55, 0, 0x66, 0x77, (byte) 0x88, (byte) 0x99, 0});
      b.putShort((short) 0x0800);
      int ipLength = frame - 14;
      b.put((byte) 0x45).put((byte) 0).putShort((short) ipLength).putInt(0);
      b.put((byte) 64).put((byte) 17).putShort((short) 0);
      b.putInt(0x0a000000 | f).putInt(0xc0a80001);
      b.putShort((short) (1024 + f)).putShort((short) 4789).putShort((short) (ipLength - 20));
      b.putShort((short) 0);
      frames.add(b.array());
    }
    for (int i = 0; i < packets; i++) {
      byte[] f = frames.get(i % flows);
      out.putInt(1 + i / 1000).putInt(i % 1000).putInt(f.length).putInt(f.length).put(f);
    }
    Files.write(file, out.array());
  }
}
