package org.nfpvnfm.vnfm.internal.nodes;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.nfpvnfm.dpdk.Eal;
import org.nfpvnfm.dpdk.agent.NodeAgent;
import org.nfpvnfm.dpdk.nf.NfFactory;
import org.nfpvnfm.dpdk.node.Node;
import org.nfpvnfm.dpdk.node.NodeConfig;
import org.nfpvnfm.dpdk.node.NodeStats;
import org.nfpvnfm.engine.NfpCompiler;
import org.nfpvnfm.engine.ServiceGraph;
import org.nfpvnfm.tosca.ToscaLoader;

/**
 * A remote compute node: a real node (DPDK vdev) behind its real agent on loopback, driven by the
 * VNFM's client; and the choice of a node for a new VNF among several.
 */
@Tag("integration")
class RemoteComputeNodeTest {
  private static ServiceGraph graph;
  private Node node;
  private NodeAgent agent;
  private RemoteComputeNode remote;
  private final HttpClient http = HttpClient.newHttpClient();

  @BeforeAll
  static void compile() {
    Eal.startForTests();
    graph =
        NfpCompiler.create()
            .compile(
                ToscaLoader.create()
                    .load(Path.of("../samples-vnfd/valid/paper-chain-tacker-vnffgd.yaml"))
                    .nfpModel()
                    .orElseThrow())
            .serviceGraphs()
            .getFirst();
  }

  @BeforeEach
  void start() throws Exception {
    node = Node.start(NodeConfig.defaults("net_null4,size=64").withWorkers(2));
    agent =
        NodeAgent.start(
            node,
            NfFactory.profileNfs(),
            new InetSocketAddress(InetAddress.getLoopbackAddress(), 0));
    remote =
        new RemoteComputeNode(
            "rack2", URI.create("http://127.0.0.1:" + agent.address().getPort() + "/"), http);
  }

  @AfterEach
  void stop() {
    agent.close();
    node.close();
  }

  @Test
  void deploysScalesReadsAndRemovesAGraphThroughTheAgent() throws Exception {
    assertThat(remote.workers()).isEqualTo(2);
    remote.deploy("vnf-1.chain", graph, null);
    assertThat(remote.deployments()).containsExactly("vnf-1.chain");
    assertThat(node.graphs()).containsExactly("vnf-1.chain");
    remote.setMergers("vnf-1.chain", 3);
    assertThat(node.mergers("vnf-1.chain")).isEqualTo(3);

    // The node's counters come back whole: the port's (net_null sends packets all the time, which
    // the sample's classifier does not take) and the graph's.
    Instant deadline = Instant.now().plus(Duration.ofSeconds(10));
    NodeStats stats = remote.stats();
    while (stats.ports().getFirst().received() == 0) {
      assertThat(Instant.now()).as("packets at the remote node's port").isBefore(deadline);
      Thread.sleep(20);
      stats = remote.stats();
    }
    NodeStats.Graph g = java.util.Objects.requireNonNull(stats.graph("vnf-1.chain"));
    assertThat(g.shape()).isEqualTo(graph.shape());
    assertThat(g.mergers()).isEqualTo(3);
    assertThat(stats.nfs()).extracting(NodeStats.Nf::name).contains("VPN_VNFD", "LB_VNFD");

    remote.deploy("vnf-1.chain", graph, null);
    assertThat(node.graphs()).as("a second deploy replaces").containsExactly("vnf-1.chain");
    remote.undeploy("vnf-1.chain");
    assertThat(node.graphs()).isEmpty();
    remote.undeploy("vnf-1.chain");
  }

  @Test
  void aRefusalNamesTheNodeAndIsNotRetriable() {
    assertThatThrownBy(() -> remote.setMergers("nothing-here", 2))
        .isInstanceOfSatisfying(NodeException.class, e -> assertThat(e.retriable()).isFalse())
        .hasMessageContaining("rack2")
        .hasMessageContaining("404");
  }

  @Test
  void anUnreachableNodeIsRetriable() {
    agent.close();
    assertThatThrownBy(() -> remote.deploy("x", graph, null))
        .isInstanceOfSatisfying(NodeException.class, e -> assertThat(e.retriable()).isTrue())
        .hasMessageMatching("(?s).*cannot be reached: (?i:connection refused).*");
  }

  @Test
  void aNewVnfGoesOnTheLeastLoadedNodeThatAnswers() {
    RemoteComputeNode gone = new RemoteComputeNode("gone", URI.create("http://127.0.0.1:1/"), http);
    ComputeNodes nodes = new ComputeNodes(List.of(gone, remote));
    assertThat(nodes.choose().name()).isEqualTo("rack2");
    assertThatThrownBy(() -> new ComputeNodes(List.of(gone)).choose())
        .isInstanceOf(NodeException.class)
        .hasMessageContaining("no compute node can be reached");
    assertThatThrownBy(() -> new ComputeNodes(List.of()).choose())
        .hasMessageContaining("no compute node is configured");
  }
}
