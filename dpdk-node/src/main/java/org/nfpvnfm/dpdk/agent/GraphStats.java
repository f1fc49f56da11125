package org.nfpvnfm.dpdk.agent;

import java.util.List;
import org.nfpvnfm.dpdk.node.NodeStats;

/**
 * {@code GET /api/v1/stats/graphs/{name}}: one graph's part of {@link NodeStats}: its counters and
 * latency, and those of its NF runtimes and merger instances.
 */
public record GraphStats(
    NodeStats.Graph graph, List<NodeStats.Nf> nfs, List<NodeStats.Merger> mergers) {
  public GraphStats {
    nfs = List.copyOf(nfs);
    mergers = List.copyOf(mergers);
  }
}
