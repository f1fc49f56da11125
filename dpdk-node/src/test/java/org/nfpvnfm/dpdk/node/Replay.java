package org.nfpvnfm.dpdk.node;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.nfpvnfm.dpdk.DpdkTestSupport;
import org.nfpvnfm.dpdk.PcapFiles;
import org.nfpvnfm.dpdk.nf.NfFactory;
import org.nfpvnfm.engine.ServiceGraph;

/** Replays a trace through a node running one graph, from pcap to pcap, and checks the counts. */
final class Replay {
  private static final AtomicInteger DEVICES = new AtomicInteger();

  /** What came out, and the node's statistics just before it closed. */
  record Result(List<byte[]> out, NodeStats stats) {
    NodeStats.Graph graph() {
      return stats.graphs().getFirst();
    }
  }

  private Replay() {}

  static NodeConfig config(Path dir, String name) {
    int n = DEVICES.incrementAndGet();
    Path in = dir.resolve(name + "-" + n + "-in.pcap");
    Path out = dir.resolve(name + "-" + n + "-out.pcap");
    return NodeConfig.defaults("net_pcap" + (100 + n) + ",rx_pcap=" + in + ",tx_pcap=" + out)
        .withRingSize(4096);
  }

  /**
   * A node fed without end: a net_pcap device that replays {@code packets} in a loop ({@code
   * infinite_rx=1}) and a net_null device that takes what leaves. Give it a receive rate ({@link
   * NodeConfig#withRxRate}) unless the test wants the NFs overrun.
   */
  static NodeConfig looping(Path dir, String name, List<byte[]> packets) throws IOException {
    int n = DEVICES.incrementAndGet();
    Path in = dir.resolve(name + "-" + n + "-loop.pcap");
    PcapFiles.write(in, packets);
    return NodeConfig.defaults("net_null")
        .withPorts(
            "net_pcap" + (100 + n) + ",rx_pcap=" + in + ",infinite_rx=1", "net_null" + (100 + n));
  }

  static Path inputOf(NodeConfig config) {
    return Path.of(value(config.inPort(), "rx_pcap="));
  }

  static Path outputOf(NodeConfig config) {
    return Path.of(value(config.inPort(), "tx_pcap="));
  }

  private static String value(String devargs, String key) {
    int at = devargs.indexOf(key) + key.length();
    int end = devargs.indexOf(',', at);
    return end < 0 ? devargs.substring(at) : devargs.substring(at, end);
  }

  /**
   * Runs {@code packets} through {@code graph} with profile NFs; asserts the node drained, every
   * packet was classified and is accounted for (delivered or dropped for a counted reason), and (by
   * closing the node) that every mbuf went back to its pool.
   */
  static Result run(NodeConfig config, ServiceGraph graph, List<byte[]> packets)
      throws IOException, InterruptedException {
    return run(config, graph, packets, NfFactory.profileNfs());
  }

  /** As {@link #run(NodeConfig, ServiceGraph, List)}, with the NFs {@code nfs} makes. */
  static Result run(NodeConfig config, ServiceGraph graph, List<byte[]> packets, NfFactory nfs)
      throws IOException, InterruptedException {
    DpdkTestSupport.eal();
    PcapFiles.write(inputOf(config), packets);
    NodeStats stats;
    try (Node node = Node.startPaused(config)) {
      node.deploy("g", graph, nfs);
      node.resumeReceive();
      assertThat(node.awaitIdle(Duration.ofMillis(300), Duration.ofSeconds(60)))
          .as("node drained")
          .isTrue();
      stats = node.stats();
    }
    NodeStats.Graph g = stats.graphs().getFirst();
    assertThat(g.accepted())
        .as("accepted (expected: every packet); %s", stats)
        .isEqualTo(packets.size());
    assertThat(g.delivered() + g.dropped())
        .as("delivered %d + dropped %s (expected: accepted)", g.delivered(), g.drops())
        .isEqualTo(g.accepted());
    return new Result(PcapFiles.read(outputOf(config)), stats);
  }
}
