package org.nfpvnfm.vnfm.internal.nodes;

import java.net.URI;
import java.net.http.HttpClient;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.nfpvnfm.vnfm.VnfmConfig;

/**
 * The compute nodes the VNFM deploys on, by name: the local node (when enabled) and the remote
 * agents of the configuration. A new VNF's graphs all go on one node (the spec's consolidation: the
 * packets of a chain never cross machines), the one with the fewest deployments per worker.
 */
public final class ComputeNodes implements AutoCloseable {
  private final Map<String, ComputeNode> nodes;

  public ComputeNodes(List<ComputeNode> nodes) {
    Map<String, ComputeNode> m = new LinkedHashMap<>();
    for (ComputeNode n : nodes) {
      if (m.put(n.name(), n) != null) {
        throw new IllegalArgumentException("two compute nodes are named " + n.name());
      }
    }
    this.nodes = m;
  }

  /** The nodes of {@code config}, the local one started here. */
  public static ComputeNodes start(VnfmConfig config, HttpClient http) {
    List<ComputeNode> list = new ArrayList<>();
    if (config.nodes().local().enabled()) {
      list.add(LocalComputeNode.start(config.nodes().local()));
    }
    config
        .nodes()
        .remote()
        .forEach((name, uri) -> list.add(new RemoteComputeNode(name, URI.create(uri), http)));
    return new ComputeNodes(list);
  }

  public Optional<ComputeNode> get(String name) {
    return Optional.ofNullable(nodes.get(name));
  }

  public List<ComputeNode> all() {
    return List.copyOf(nodes.values());
  }

  /**
   * The node a new VNF goes on: the least loaded that answers, by deployments per worker, then by
   * configuration order. Throws {@link NodeException} when there is none.
   */
  public ComputeNode choose() {
    List<NodeException> unreachable = new ArrayList<>();
    ComputeNode best = null;
    double bestLoad = Double.MAX_VALUE;
    for (ComputeNode n : nodes.values()) {
      try {
        double load = n.load();
        if (load < bestLoad) {
          best = n;
          bestLoad = load;
        }
      } catch (NodeException e) {
        unreachable.add(e);
      }
    }
    if (best != null) {
      return best;
    }
    if (!unreachable.isEmpty()) {
      NodeException e =
          new NodeException(
              "no compute node can be reached: "
                  + unreachable.stream()
                      .map(NodeException::getMessage)
                      .collect(java.util.stream.Collectors.joining("; ")),
              true,
              unreachable.getLast());
      unreachable.subList(0, unreachable.size() - 1).forEach(e::addSuppressed);
      throw e;
    }
    throw new NodeException(
        "no compute node is configured (nodes.local.enabled is false and nodes.remote is empty)",
        false);
  }

  @Override
  public void close() {
    nodes.values().forEach(ComputeNode::close);
  }
}
