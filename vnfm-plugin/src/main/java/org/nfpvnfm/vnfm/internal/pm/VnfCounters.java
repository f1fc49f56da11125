package org.nfpvnfm.vnfm.internal.pm;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import org.jspecify.annotations.Nullable;
import org.nfpvnfm.dpdk.node.NodeStats;
import org.nfpvnfm.vnfm.internal.lcm.Placement;

/**
 * One VNF instance's dataplane counters at one read: its graphs' counters summed over its
 * deployments, and each NF runtime's by VNFC id ({@code <deployment>/<NF>}). Counters count since
 * the graph's current generation on the node (its deployment, or the last heal or scale, which
 * build it anew).
 *
 * @param at when the node's counters were read
 * @param accepted packets the classifier accepted into the VNF's graphs
 * @param refused packets refused because a graph was behind (backpressure)
 * @param delivered packets delivered to the egress
 * @param deliveredBytes their bytes
 * @param dropped accepted packets dropped, for any reason
 * @param mergeTimedOut packets the mergers gave up waiting for
 * @param latencyP50 the median acceptance-to-transmit latency in ns, the worst of the graphs; null
 *     before a packet was delivered
 * @param latencyP99 the 99th percentile, likewise
 * @param nfs each NF runtime's counters by VNFC id
 */
record VnfCounters(
    Instant at,
    long accepted,
    long refused,
    long delivered,
    long deliveredBytes,
    long dropped,
    long mergeTimedOut,
    @Nullable Long latencyP50,
    @Nullable Long latencyP99,
    Map<String, Nf> nfs) {

  VnfCounters {
    nfs = Map.copyOf(nfs);
  }

  /** An NF runtime's packet counters. */
  record Nf(long received, long passed, long dropped, long failed) {}

  /** The counters of the VNF placed by {@code placement}, from its node's {@code stats}. */
  static VnfCounters of(Placement placement, NodeStats stats, Instant at) {
    long accepted = 0;
    long refused = 0;
    long delivered = 0;
    long bytes = 0;
    long dropped = 0;
    long timedOut = 0;
    Long p50 = null;
    Long p99 = null;
    Map<String, Nf> nfs = new LinkedHashMap<>();
    for (Placement.Deployment d : placement.deployments()) {
      NodeStats.Graph g = stats.graph(d.deployment());
      if (g != null) {
        accepted += g.accepted();
        refused += g.refused();
        delivered += g.delivered();
        bytes += g.deliveredBytes();
        dropped += g.dropped();
        if (g.latency().count() > 0) {
          p50 = Math.max(p50 == null ? 0 : p50, g.latency().p50());
          p99 = Math.max(p99 == null ? 0 : p99, g.latency().p99());
        }
      }
      for (NodeStats.Nf n : stats.nfs()) {
        if (n.graph().equals(d.deployment())) {
          nfs.put(
              d.deployment() + "/" + n.name(),
              new Nf(n.received(), n.passed(), n.dropped(), n.failed()));
        }
      }
      for (NodeStats.Merger m : stats.mergers()) {
        if (m.graph().equals(d.deployment())) {
          timedOut += m.timedOut();
        }
      }
    }
    return new VnfCounters(
        at, accepted, refused, delivered, bytes, dropped, timedOut, p50, p99, nfs);
  }
}
