package org.nfpvnfm.dpdk.agent;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.nfpvnfm.dpdk.DpdkTestSupport;
import org.nfpvnfm.dpdk.PcapFiles;
import org.nfpvnfm.dpdk.metrics.PrometheusText;
import org.nfpvnfm.dpdk.metrics.Scrape;
import org.nfpvnfm.dpdk.nf.NfFactory;
import org.nfpvnfm.dpdk.node.Node;
import org.nfpvnfm.dpdk.node.NodeConfig;
import org.nfpvnfm.dpdk.node.NodeStats;
import org.nfpvnfm.dpdk.packet.PublicFrames;
import org.nfpvnfm.engine.GraphNf;
import org.nfpvnfm.engine.NfpCompiler;
import org.nfpvnfm.engine.ServiceGraph;
import org.nfpvnfm.engine.ServiceGraphJson;

/**
 * {@code GET /metrics} on a real node (a real EAL; a {@code net_pcap} port replaying web traffic
 * that the paper chain's classifier takes, a {@code net_null} port taking what leaves) through a
 * real HTTP server on loopback: the scrape parses as Prometheus text and says what the node's own
 * counters say.
 */
@Tag("integration")
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class NodeAgentMetricsTest {
  private static final int PACKETS = 300;

  @TempDir Path dir;

  @BeforeAll
  static void eal() {
    DpdkTestSupport.eal();
  }

  @Test
  void servesTheNodesCountersAsPrometheusTextEqualToItsStats() throws Exception {
    Path pcap = dir.resolve("web.pcap");
    PcapFiles.write(pcap, webTraffic());
    String in = DpdkTestSupport.uniqueName("net_pcap_metrics") + ",rx_pcap=" + pcap;
    String out = DpdkTestSupport.uniqueName("net_null_metrics");
    NodeConfig config = NodeConfig.defaults(in).withPorts(in, out).withPools(1023, 511);
    ServiceGraph chain = SampleGraphs.compile(SampleGraphs.PAPER_CHAIN, NfpCompiler.Plan.PARALLEL);
    try (HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
        Node node = Node.startPaused(config);
        NodeAgent agent =
            NodeAgent.start(
                node,
                NfFactory.profileNfs(),
                new InetSocketAddress(InetAddress.getLoopbackAddress(), 0))) {
      HttpResponse<String> put =
          http.send(
              HttpRequest.newBuilder(agent.uri().resolve("graphs/chain"))
                  .header("Content-Type", "application/json")
                  .PUT(HttpRequest.BodyPublishers.ofString(ServiceGraphJson.write(chain)))
                  .build(),
              HttpResponse.BodyHandlers.ofString());
      assertThat(put.statusCode()).as(put.body()).isEqualTo(201);
      node.resumeReceive();
      assertThat(node.awaitIdle(Duration.ofMillis(200), Duration.ofSeconds(30)))
          .as("the node replayed the trace and drained within 30 s")
          .isTrue();

      URI metrics = agent.uri().resolve(NodeAgent.METRICS_PATH);
      HttpResponse<String> r =
          http.send(
              HttpRequest.newBuilder(metrics)
                  .header("Accept", "text/plain;version=0.0.4;q=0.5,*/*;q=0.1")
                  .timeout(Duration.ofSeconds(20))
                  .build(),
              HttpResponse.BodyHandlers.ofString());
      NodeStats stats = node.stats();

      assertThat(metrics.getPath()).isEqualTo("/metrics");
      assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
      assertThat(r.headers().firstValue("Content-Type")).hasValue(PrometheusText.CONTENT_TYPE);
      Scrape s = Scrape.parse(r.body());
      String self = agent.uri().getHost() + ":" + agent.uri().getPort();
      assertThat(s.value("nfp_node_info", "node", self)).isEqualTo(1);
      assertThat(s.value("nfp_node_graphs")).isEqualTo(1);
      assertThat(s.value("nfp_node_workers")).isEqualTo(stats.workers().size());
      String inName = stats.ports().getFirst().name();
      assertThat(s.value("nfp_node_port_polled_packets_total", "port", inName)).isEqualTo(PACKETS);
      assertThat(s.value("nfp_node_port_rx_packets_total", "port", inName))
          .isEqualTo(stats.ports().getFirst().device().inPackets());

      NodeStats.Graph g = Objects.requireNonNull(stats.graph("chain"));
      assertThat(g.accepted()).as("packets the chain accepted").isEqualTo(PACKETS);
      assertThat(g.delivered()).as("packets the chain delivered").isPositive();
      assertThat(s.value("nfp_node_graph_accepted_packets_total", "graph", "chain"))
          .isEqualTo(g.accepted());
      assertThat(s.value("nfp_node_graph_delivered_packets_total", "graph", "chain"))
          .isEqualTo(g.delivered());
      assertThat(s.value("nfp_node_graph_delivered_bytes_total", "graph", "chain"))
          .isEqualTo(g.deliveredBytes());
      for (Map.Entry<String, Long> d : g.drops().entrySet()) {
        assertThat(
                s.value(
                    "nfp_node_graph_dropped_packets_total", "graph", "chain", "reason", d.getKey()))
            .isEqualTo(d.getValue().doubleValue());
      }
      assertThat(s.all("nfp_node_graph_dropped_packets_total")).hasSize(g.drops().size());
      assertThat(s.value("nfp_node_graph_latency_seconds_count", "graph", "chain"))
          .isEqualTo(g.latency().count())
          .isEqualTo(g.delivered());
      assertThat(s.value("nfp_node_graph_latency_seconds", "graph", "chain", "quantile", "0.99"))
          .isEqualTo(g.latency().p99() / 1e9)
          .isPositive();
      assertThat(s.all("nfp_node_graph_latency_seconds"))
          .extracting(x -> x.label("quantile"))
          .containsExactly("0.5", "0.9", "0.99", "0.999");

      List<NodeStats.Nf> nfs = stats.nfs();
      assertThat(nfs)
          .extracting(NodeStats.Nf::name)
          .containsExactlyInAnyOrderElementsOf(chain.nfs().stream().map(GraphNf::name).toList());
      for (NodeStats.Nf nf : nfs) {
        String[] l = {"graph", "chain", "nf", nf.name()};
        assertThat(nf.received()).as("packets into %s", nf.name()).isPositive();
        assertThat(s.value("nfp_node_nf_received_packets_total", l)).isEqualTo(nf.received());
        assertThat(s.value("nfp_node_nf_passed_packets_total", l)).isEqualTo(nf.passed());
        assertThat(s.value("nfp_node_nf_dropped_packets_total", l)).isEqualTo(nf.dropped());
      }
      long merged = 0;
      for (NodeStats.Merger m : stats.mergers()) {
        merged +=
            (long)
                s.value(
                    "nfp_node_merger_merged_packets_total",
                    "graph",
                    "chain",
                    "merge",
                    Integer.toString(m.merge()),
                    "instance",
                    Integer.toString(m.instance()));
      }
      assertThat(merged)
          .isEqualTo(stats.mergers().stream().mapToLong(NodeStats.Merger::merged).sum())
          .isPositive();
    }
  }

  /** TCP to port 80 from the branch offices' prefix (172.16.0.0/12), which the chain selects. */
  private static List<byte[]> webTraffic() {
    List<byte[]> frames = new ArrayList<>();
    for (int i = 0; i < PACKETS; i++) {
      byte[] src = {(byte) 172, 16, (byte) (i / 200), (byte) (1 + i % 200)};
      byte[] dst = {10, 0, 0, (byte) (1 + i % 8)};
      frames.add(PublicFrames.ethernet(0x0800, PublicFrames.ipv4Tcp(src, dst, 0, 20000 + i, 80)));
    }
    return frames;
  }
}
