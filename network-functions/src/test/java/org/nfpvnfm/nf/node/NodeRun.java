package org.nfpvnfm.nf.node;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.nfpvnfm.dpdk.Eal;
import org.nfpvnfm.dpdk.nf.NfFactory;
import org.nfpvnfm.dpdk.node.Node;
import org.nfpvnfm.dpdk.node.NodeConfig;
import org.nfpvnfm.dpdk.node.NodeStats;
import org.nfpvnfm.engine.ServiceGraph;

/**
 * Replays a trace through one graph on a DPDK node, pcap to pcap: a net_pcap device reads the trace
 * and writes what leaves. Every ring holds the whole trace, so the classifier never refuses a
 * packet, and the mergers wait a second for a packet's last version, far longer than any real NF
 * takes, so that a slow NF on a busy machine cannot turn into a merge timeout.
 */
final class NodeRun {
  private static final AtomicInteger DEVICES = new AtomicInteger();

  /** What left the node, and its counters just before it closed. */
  record Result(List<byte[]> out, NodeStats stats) {
    NodeStats.Graph graph() {
      return stats.graphs().getFirst();
    }
  }

  private NodeRun() {}

  static Result run(Path dir, String label, ServiceGraph graph, List<byte[]> trace, NfFactory nfs)
      throws IOException, InterruptedException {
    if (Eal.current().isEmpty()) {
      Eal.start(Eal.testArguments());
    }
    int n = DEVICES.incrementAndGet();
    Path in = dir.resolve(label + "-" + n + "-in.pcap");
    Path out = dir.resolve(label + "-" + n + "-out.pcap");
    Pcap.write(in, trace);
    NodeConfig config =
        NodeConfig.defaults("net_pcap" + (300 + n) + ",rx_pcap=" + in + ",tx_pcap=" + out)
            .withRingSize(Integer.highestOneBit(2 * trace.size() - 1))
            .withMergerTimeout(Duration.ofSeconds(1));
    NodeStats stats;
    try (Node node = Node.startPaused(config)) {
      node.deploy("g", graph, nfs);
      node.resumeReceive();
      assertThat(node.awaitIdle(Duration.ofMillis(300), Duration.ofSeconds(30)))
          .as("%s: the node drained", label)
          .isTrue();
      stats = node.stats();
    }
    NodeStats.Graph g = stats.graphs().getFirst();
    assertThat(g.accepted())
        .as("%s: packets accepted (expected: the whole trace); %s", label, stats)
        .isEqualTo(trace.size());
    assertThat(g.delivered() + g.dropped())
        .as(
            "%s: delivered %d + dropped %s (expected: every accepted packet)",
            label, g.delivered(), g.drops())
        .isEqualTo(g.accepted());
    List<byte[]> frames = Pcap.read(out);
    assertThat((long) frames.size())
        .as("%s: frames in the output pcap (expected: those delivered)", label)
        .isEqualTo(g.delivered());
    return new Result(frames, stats);
  }
}
