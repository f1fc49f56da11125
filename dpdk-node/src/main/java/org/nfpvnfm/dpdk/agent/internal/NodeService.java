package org.nfpvnfm.dpdk.agent.internal;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;
import org.nfpvnfm.dpdk.agent.GraphInfo;
import org.nfpvnfm.dpdk.agent.GraphStats;
import org.nfpvnfm.dpdk.agent.NoSuchGraphException;
import org.nfpvnfm.dpdk.agent.NodeInfo;
import org.nfpvnfm.dpdk.nf.NfFactory;
import org.nfpvnfm.dpdk.node.Node;
import org.nfpvnfm.dpdk.node.NodeStats;
import org.nfpvnfm.engine.GraphNf;
import org.nfpvnfm.engine.ServiceGraph;
import org.nfpvnfm.engine.ServiceGraphJson;

/**
 * What the agent's resources delegate to: reads the node into the agent's documents, parses request
 * bodies, and deploys, replaces and removes graphs.
 *
 * <p>Changes go through one lock: {@code PUT} decides between deploy and replace by looking first,
 * and {@link Node}'s own lock covers each call but not the look and the call together. Code that
 * drives the same node directly (an embedding VNFM) should not race the agent for one name.
 *
 * <p>Failures: {@link NoSuchGraphException} for a name that is not deployed, {@link
 * IllegalArgumentException} for a request that is wrong (name, body, graph, tables), {@link
 * JsonProcessingException} for a body that is not JSON at all; anything else is the node's fault.
 */
public final class NodeService {

  /**
   * Deployment names: they end up in URLs, task names ({@code name/nf}, used by {@code placement})
   * and log lines, so plain characters only.
   */
  private static final Pattern NAME = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]{0,63}");

  private static final ObjectMapper STRICT =
      JsonMapper.builder().enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS).build();

  private final Node node;
  private final NfFactory nfs;
  private final Object changes = new Object();

  public NodeService(Node node, NfFactory nfs) {
    this.node = node;
    this.nfs = nfs;
  }

  /** The result of a {@code PUT}: whether the name was new (deployed) or taken (replaced). */
  public record Deployed(boolean created, GraphInfo graph) {}

  public NodeInfo node() {
    NodeStats stats = node.stats();
    List<NodeInfo.Port> ports = new ArrayList<>();
    List<NodeStats.Port> sp = stats.ports();
    if (sp.size() == 1) {
      ports.add(new NodeInfo.Port(sp.getFirst().name(), "in+out"));
    } else {
      ports.add(new NodeInfo.Port(sp.get(0).name(), "in"));
      ports.add(new NodeInfo.Port(sp.get(1).name(), "out"));
    }
    List<NodeInfo.Worker> workers =
        stats.workers().stream()
            .map(w -> new NodeInfo.Worker(w.index(), w.lcore(), w.tasks()))
            .toList();
    return new NodeInfo(
        NodeInfo.Config.of(node.config()),
        ports,
        workers,
        stats.graphs().stream().map(NodeStats.Graph::name).toList());
  }

  public List<GraphInfo> graphs() {
    NodeStats stats = node.stats();
    List<GraphInfo> out = new ArrayList<>();
    for (String name : node.graphs()) {
      GraphInfo info = info(name, stats);
      if (info != null) {
        out.add(info);
      }
    }
    return out;
  }

  /** The graph deployed as {@code name} in the engine's JSON format (ServiceGraphJson). */
  public String graphJson(String name) {
    return ServiceGraphJson.write(require(name));
  }

  /**
   * Deploys the service graph in {@code body} as {@code name}, or replaces the graph deployed under
   * that name.
   */
  public Deployed put(String name, String body) {
    checkName(name);
    if (body.isBlank()) {
      throw new IllegalArgumentException(
          "the request has no body (expected: a service graph in JSON, as nfp compile --json"
              + " writes it)");
    }
    ServiceGraph graph = ServiceGraphJson.read(body);
    synchronized (changes) {
      boolean created = node.graph(name) == null;
      if (created) {
        node.deploy(name, graph, nfs);
      } else {
        node.replace(name, graph, nfs);
      }
      return new Deployed(created, requireInfo(name));
    }
  }

  /** Removes the graph deployed as {@code name}, after draining it. */
  public void delete(String name) {
    synchronized (changes) {
      require(name);
      node.undeploy(name);
    }
  }

  /** Sets the merger instances per parallel block of {@code name} from {@code {"mergers": N}}. */
  public GraphInfo setMergers(String name, String body) throws JsonProcessingException {
    int mergers = parseMergers(body);
    synchronized (changes) {
      require(name);
      node.setMergers(name, mergers);
      return requireInfo(name);
    }
  }

  public NodeStats stats() {
    return node.stats();
  }

  public GraphStats graphStats(String name) {
    NodeStats stats = node.stats();
    NodeStats.Graph graph = stats.graph(name);
    if (graph == null) {
      throw new NoSuchGraphException(name, node.graphs());
    }
    return new GraphStats(
        graph,
        stats.nfs().stream().filter(n -> n.graph().equals(name)).toList(),
        stats.mergers().stream().filter(m -> m.graph().equals(name)).toList());
  }

  private ServiceGraph require(String name) {
    ServiceGraph graph = node.graph(name);
    if (graph == null) {
      throw new NoSuchGraphException(name, node.graphs());
    }
    return graph;
  }

  private GraphInfo requireInfo(String name) {
    GraphInfo info = info(name, node.stats());
    if (info == null) {
      throw new NoSuchGraphException(name, node.graphs());
    }
    return info;
  }

  /** {@code name}'s brief, or null when it is no longer deployed (removed since the snapshot). */
  private @Nullable GraphInfo info(String name, NodeStats stats) {
    ServiceGraph graph = node.graph(name);
    NodeStats.Graph counters = stats.graph(name);
    if (graph == null || counters == null) {
      return null;
    }
    return new GraphInfo(
        name,
        graph.name(),
        graph.shape(),
        graph.nfs().stream().map(GraphNf::name).toList(),
        counters.mergers());
  }

  private static void checkName(String name) {
    if (!NAME.matcher(name).matches()) {
      throw new IllegalArgumentException(
          "graph name \"%s\" is not allowed (expected: 1 to 64 letters, digits, '.', '_' or '-',"
                  .formatted(name)
              + " starting with a letter or digit)");
    }
  }

  private static int parseMergers(String body) throws JsonProcessingException {
    String expected = "(expected: {\"mergers\": N} with N an integer >= 1)";
    if (body.isBlank()) {
      throw new IllegalArgumentException("the request has no body " + expected);
    }
    JsonNode tree = STRICT.readTree(body);
    if (tree == null || !tree.isObject()) {
      throw new IllegalArgumentException(
          "the body is a JSON " + (tree == null ? "nothing" : tree.getNodeType()) + " " + expected);
    }
    List<String> unknown = new ArrayList<>();
    tree.fieldNames().forEachRemaining(f -> unknown.add(f));
    unknown.remove("mergers");
    if (!unknown.isEmpty()) {
      throw new IllegalArgumentException("unknown fields " + unknown + " " + expected);
    }
    JsonNode n = tree.get("mergers");
    if (n == null) {
      throw new IllegalArgumentException("no field \"mergers\" " + expected);
    }
    if (!n.isIntegralNumber() || !n.canConvertToInt()) {
      throw new IllegalArgumentException("mergers: " + n + " " + expected);
    }
    return n.intValue();
  }
}
