package org.nfpvnfm.vnfm.internal.fm;

import java.util.Collection;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.nfpvnfm.dpdk.node.NodeStats;
import org.nfpvnfm.vnfm.internal.nodes.ComputeNode;
import org.nfpvnfm.vnfm.internal.nodes.ComputeNodes;

/**
 * Reads the counters of compute nodes, one {@link ComputeNode#stats()} call per node per read. A
 * node that cannot be read is left out of the result (its counters are unknown, which is not the
 * same as still), and logged once when it stops answering and once when it answers again, not at
 * every read.
 */
public final class NodeCounters {
  private static final System.Logger LOG = System.getLogger(NodeCounters.class.getName());

  private final ComputeNodes nodes;
  private final String reader;
  private final Set<String> failing = ConcurrentHashMap.newKeySet();

  /** {@code reader} names who reads, for the log ({@code the fault watcher}). */
  public NodeCounters(ComputeNodes nodes, String reader) {
    this.nodes = nodes;
    this.reader = reader;
  }

  /** The counters of each of {@code names} that could be read. */
  public Map<String, NodeStats> read(Collection<String> names) {
    Map<String, NodeStats> out = new HashMap<>();
    for (String name : Set.copyOf(names)) {
      ComputeNode node = nodes.get(name).orElse(null);
      if (node == null) {
        if (failing.add(name)) {
          LOG.log(
              System.Logger.Level.WARNING,
              reader + ": VNF instances are placed on node " + name + ", which is not configured");
        }
        continue;
      }
      try {
        out.put(name, node.stats());
        if (failing.remove(name)) {
          LOG.log(System.Logger.Level.INFO, reader + ": node " + name + " answers again");
        }
      } catch (RuntimeException e) {
        // NodeException from a remote node; a local node that was closed throws its own.
        if (failing.add(name)) {
          LOG.log(
              System.Logger.Level.WARNING,
              reader + ": cannot read the counters of node " + name + ": " + e.getMessage());
        }
      }
    }
    return out;
  }
}
