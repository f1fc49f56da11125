package org.nfpvnfm.dpdk.metrics;

import java.util.LinkedHashMap;
import java.util.Map;
import org.nfpvnfm.dpdk.node.NodeStats;

/**
 * A node's counters ({@link NodeStats}) as Prometheus metrics, all named {@code nfp_node_...}; the
 * node agent serves them at {@code GET /metrics}. docs/observability.md lists every family.
 *
 * <p>Graph latency is what the node measures: acceptance (after classification) to transmit, over
 * every packet delivered since the graph's current generation was deployed (or its latency reset).
 * The node keeps it in an HdrHistogram and reports percentiles, not a sum, so it is a summary with
 * {@code quantile} samples and {@code _count} but no {@code _sum}; quantiles are exact to three
 * significant digits.
 */
public final class NodeMetrics {
  private static final double NANOS = 1e9;

  private NodeMetrics() {}

  /**
   * Adds the families of {@code stats} to {@code out}.
   *
   * @param node the node's name, the {@code node} label of {@code nfp_node_info}
   * @param version the software's version, likewise
   */
  public static void write(PrometheusText out, String node, String version, NodeStats stats) {
    out.gauge("nfp_node_info", "The node and the software it runs; always 1.")
        .sample(1L, "node", node, "version", version);
    out.gauge("nfp_node_workers", "Worker cores (threads) running the node's tasks.")
        .sample((long) stats.workers().size());
    out.gauge("nfp_node_graphs", "Service graphs deployed on the node.")
        .sample((long) stats.graphs().size());
    ports(out, stats);
    graphs(out, stats);
    nfs(out, stats);
    mergers(out, stats);
    pools(out, stats);
    workers(out, stats);
  }

  private static void ports(PrometheusText out, NodeStats stats) {
    for (NodeStats.Port p : stats.ports()) {
      String[] l = {"port", p.name()};
      out.counter("nfp_node_port_rx_packets_total", "Packets the port received (device counter).")
          .sample(p.device().inPackets(), l);
      out.counter("nfp_node_port_tx_packets_total", "Packets the port sent (device counter).")
          .sample(p.device().outPackets(), l);
      out.counter("nfp_node_port_rx_bytes_total", "Bytes the port received (device counter).")
          .sample(p.device().inBytes(), l);
      out.counter("nfp_node_port_tx_bytes_total", "Bytes the port sent (device counter).")
          .sample(p.device().outBytes(), l);
      out.counter(
              "nfp_node_port_rx_missed_packets_total",
              "Packets the device dropped because its receive queue was full (imissed).")
          .sample(p.device().inMissed(), l);
      out.counter("nfp_node_port_rx_errors_total", "Erroneous packets the device received.")
          .sample(p.device().inErrors(), l);
      out.counter("nfp_node_port_tx_errors_total", "Packets the device failed to send.")
          .sample(p.device().outErrors(), l);
      out.counter(
              "nfp_node_port_rx_nombuf_total",
              "Receive failures for want of an mbuf (device counter).")
          .sample(p.device().rxNoMbuf(), l);
      out.counter(
              "nfp_node_port_polled_packets_total",
              "Packets the node's receive task took from the port.")
          .sample(p.received(), l);
      for (Map.Entry<String, Long> m : p.malformed().entrySet()) {
        out.counter(
                "nfp_node_port_malformed_packets_total",
                "Packets dropped at receive because they could not be parsed, by parse status.")
            .sample(m.getValue(), "port", p.name(), "reason", m.getKey());
      }
      out.counter(
              "nfp_node_port_unclassified_packets_total",
              "Packets dropped at receive because no deployed graph's classifier took them.")
          .sample(p.unclassified(), l);
      out.counter("nfp_node_port_sent_packets_total", "Packets the node's transmit task sent out.")
          .sample(p.sent(), l);
      out.counter(
              "nfp_node_port_tx_dropped_packets_total",
              "Packets dropped at transmit because the device refused them.")
          .sample(p.txDropped(), l);
    }
  }

  private static void graphs(PrometheusText out, NodeStats stats) {
    for (NodeStats.Graph g : stats.graphs()) {
      String[] l = {"graph", g.name()};
      out.gauge("nfp_node_graph_info", "A deployed graph and its shape; always 1.")
          .sample(1L, "graph", g.name(), "shape", g.shape());
      out.gauge("nfp_node_graph_mergers", "Merger instances per parallel block of the graph.")
          .sample((long) g.mergers(), l);
      out.counter(
              "nfp_node_graph_accepted_packets_total",
              "Packets the classifier accepted into the graph (what it received).")
          .sample(g.accepted(), l);
      out.counter(
              "nfp_node_graph_refused_packets_total",
              "Packets refused at the graph's entry because it was behind (backpressure).")
          .sample(g.refused(), l);
      out.counter(
              "nfp_node_graph_delivered_packets_total",
              "Packets the graph delivered to the egress.")
          .sample(g.delivered(), l);
      out.counter("nfp_node_graph_delivered_bytes_total", "Bytes of the packets delivered.")
          .sample(g.deliveredBytes(), l);
      for (Map.Entry<String, Long> d : g.drops().entrySet()) {
        out.counter(
                "nfp_node_graph_dropped_packets_total",
                "Accepted packets the graph dropped, by reason (only reasons that occurred).")
            .sample(d.getValue(), "graph", g.name(), "reason", d.getKey());
      }
      out.counter(
              "nfp_node_graph_copies_total",
              "Header and full packet copies the graph's forwarding rows made.")
          .sample(g.copies(), l);
      out.counter("nfp_node_graph_copied_bytes_total", "Bytes written into those copies.")
          .sample(g.copiedBytes(), l);
      out.gauge("nfp_node_graph_queued_packets", "Packets waiting in the graph's rings.")
          .sample((long) g.queued(), l);
      out.gauge("nfp_node_graph_pending_packets", "Packets the graph's mergers hold, waiting.")
          .sample((long) g.pending(), l);
      NodeStats.Latency lat = g.latency();
      Map<Double, Double> q = new LinkedHashMap<>();
      q.put(0.5, lat.p50() / NANOS);
      q.put(0.9, lat.p90() / NANOS);
      q.put(0.99, lat.p99() / NANOS);
      q.put(0.999, lat.p999() / NANOS);
      out.summary(
              "nfp_node_graph_latency_seconds",
              "Acceptance-to-transmit latency of the packets delivered since the graph was"
                  + " deployed: percentiles (3 significant digits) and count, no sum.")
          .summary(q, null, lat.count(), l);
      out.gauge(
              "nfp_node_graph_latency_max_seconds",
              "The largest acceptance-to-transmit latency since the graph was deployed.")
          .sample(lat.max() / NANOS, l);
    }
  }

  private static void nfs(PrometheusText out, NodeStats stats) {
    for (NodeStats.Nf n : stats.nfs()) {
      String[] l = {"graph", n.graph(), "nf", n.name()};
      out.counter("nfp_node_nf_received_packets_total", "Packets the NF runtime took in.")
          .sample(n.received(), l);
      out.counter("nfp_node_nf_passed_packets_total", "Packets the NF passed on (out).")
          .sample(n.passed(), l);
      out.counter("nfp_node_nf_dropped_packets_total", "Packets the NF dropped by its verdict.")
          .sample(n.dropped(), l);
      out.counter(
              "nfp_node_nf_failed_packets_total",
              "Packets lost because the NF threw while processing them.")
          .sample(n.failed(), l);
      out.counter(
              "nfp_node_nf_malformed_packets_total",
              "Packets the NF runtime could not parse for the NF.")
          .sample(n.malformed(), l);
      out.counter(
              "nfp_node_nf_ring_full_total", "Packets not forwarded because a next ring was full.")
          .sample(n.ringFull(), l);
      out.counter(
              "nfp_node_nf_copy_failed_total", "Copies the NF runtime could not make (no mbuf).")
          .sample(n.copyFailed(), l);
      out.gauge("nfp_node_nf_ring_fill", "Entries waiting in the NF's receive rings.")
          .sample((long) n.ringFill(), l);
      out.gauge("nfp_node_nf_ring_capacity", "Capacity of the NF's receive rings.")
          .sample((long) n.ringCapacity(), l);
      out.gauge("nfp_node_nf_worker", "The worker the NF runs on (-1: not placed).")
          .sample((long) n.worker(), l);
      out.counter(
              "nfp_node_nf_sampled_packets_total",
              "Packets in the bursts whose NF processing time was measured (one burst in eight).")
          .sample(n.timedPackets(), l);
      out.counter(
              "nfp_node_nf_sampled_processing_seconds_total",
              "NF processing time of those sampled bursts; divided by the sampled packets, the"
                  + " NF's own cost per packet.")
          .sample(n.timedNanos() / NANOS, l);
    }
  }

  private static void mergers(PrometheusText out, NodeStats stats) {
    for (NodeStats.Merger m : stats.mergers()) {
      String[] l = {
        "graph",
        m.graph(),
        "merge",
        Integer.toString(m.merge()),
        "instance",
        Integer.toString(m.instance())
      };
      out.counter("nfp_node_merger_merged_packets_total", "Packets the merger merged and sent on.")
          .sample(m.merged(), l);
      out.counter("nfp_node_merger_dropped_packets_total", "Packets dropped by a merge verdict.")
          .sample(m.dropped(), l);
      out.counter(
              "nfp_node_merger_timed_out_packets_total",
              "Packets the merger gave up waiting for (merger timeout).")
          .sample(m.timedOut(), l);
      out.counter("nfp_node_merger_collisions_total", "Merge-table slot collisions.")
          .sample(m.collisions(), l);
      out.counter("nfp_node_merger_duplicates_total", "Copies that arrived twice.")
          .sample(m.duplicates(), l);
      out.counter("nfp_node_merger_failed_total", "Merges that failed.").sample(m.failed(), l);
      out.counter(
              "nfp_node_merger_unsupported_header_ops_total",
              "Merges with a header operation the merger cannot apply.")
          .sample(m.unsupportedHeaderOps(), l);
      out.counter(
              "nfp_node_merger_ring_full_total", "Packets not forwarded because a ring was full.")
          .sample(m.ringFull(), l);
      out.gauge("nfp_node_merger_pending_packets", "Packets the merger holds, waiting.")
          .sample((long) m.pending(), l);
      out.gauge("nfp_node_merger_ring_fill", "Entries waiting in the merger's rings.")
          .sample((long) m.ringFill(), l);
    }
  }

  private static void pools(PrometheusText out, NodeStats stats) {
    for (NodeStats.Pool p : stats.pools()) {
      out.gauge("nfp_node_pool_mbufs", "Mbufs in the pool.")
          .sample((long) p.size(), "pool", p.name());
      out.gauge("nfp_node_pool_mbufs_in_use", "Mbufs of the pool in use.")
          .sample((long) p.inUse(), "pool", p.name());
    }
  }

  private static void workers(PrometheusText out, NodeStats stats) {
    for (NodeStats.Worker w : stats.workers()) {
      String[] l = {"worker", Integer.toString(w.index())};
      out.counter("nfp_node_worker_loops_total", "Rounds of the worker's task loop.")
          .sample(w.loops(), l);
      out.counter("nfp_node_worker_task_failures_total", "Tasks that threw on the worker.")
          .sample(w.taskFailures(), l);
      out.gauge(
              "nfp_node_worker_stalled_seconds",
              "How long the worker has been inside one task, when over a millisecond; else 0.")
          .sample(w.stalledMillis() / 1e3, l);
    }
  }
}
