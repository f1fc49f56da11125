package org.nfpvnfm.vnfm.internal.metrics;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.jspecify.annotations.Nullable;
import org.nfpvnfm.dpdk.metrics.Histogram;
import org.nfpvnfm.dpdk.metrics.PrometheusText;
import org.nfpvnfm.dpdk.node.NodeStats;
import org.nfpvnfm.vnfm.internal.events.EventRelay;
import org.nfpvnfm.vnfm.internal.events.EventsPart;
import org.nfpvnfm.vnfm.internal.fm.DeployedVnfs;
import org.nfpvnfm.vnfm.internal.lcm.OperationRuns;
import org.nfpvnfm.vnfm.internal.lcm.Placement;
import org.nfpvnfm.vnfm.internal.nodes.ComputeNode;
import org.nfpvnfm.vnfm.internal.nodes.ComputeNodes;
import org.nfpvnfm.vnfm.internal.notify.NotificationPart;
import org.nfpvnfm.vnfm.internal.store.Database;

/**
 * Builds one scrape of the VNFM's metrics (docs/observability.md lists them): what the database
 * holds (operation occurrences, instances, notifications waiting), what this process counted
 * (operation runs, deliveries, events relayed, HTTP requests), and what the compute nodes report
 * for each deployed graph.
 *
 * <p>A scrape must answer even when a node does not: each node's counters are read on a virtual
 * thread, and the scrape waits for all of them together at most {@code metrics.nodeTimeout}; a node
 * that has not answered by then, or failed, is {@code nfp_vnfm_node_up 0} and its graphs are left
 * out. A read that is still running is not started again by the next scrape, which waits for the
 * same one, so an unreachable node costs one pending request, not one per scrape.
 */
public final class VnfmMetrics implements AutoCloseable {
  private static final System.Logger LOG = System.getLogger(VnfmMetrics.class.getName());
  private static final double NANOS = 1e9;

  private final Database db;
  private final OperationRuns runs;
  private final NotificationPart notifications;
  private final EventsPart events;
  private final ComputeNodes nodes;
  private final HttpMetrics http;
  private final Duration nodeTimeout;
  private final String version;
  private final Instant started = Instant.now();
  private final ExecutorService readers = Executors.newVirtualThreadPerTaskExecutor();
  private final ConcurrentMap<String, CompletableFuture<NodeStats>> reading =
      new ConcurrentHashMap<>();

  VnfmMetrics(
      Database db,
      OperationRuns runs,
      NotificationPart notifications,
      EventsPart events,
      ComputeNodes nodes,
      HttpMetrics http,
      Duration nodeTimeout,
      String version) {
    this.db = db;
    this.runs = runs;
    this.notifications = notifications;
    this.events = events;
    this.nodes = nodes;
    this.http = http;
    this.nodeTimeout = nodeTimeout;
    this.version = version;
  }

  /** The metrics as they are now. */
  public PrometheusText scrape() {
    PrometheusText out = new PrometheusText();
    out.gauge("nfp_vnfm_info", "The VNFM and the software it runs; always 1.")
        .sample(1L, "version", version);
    out.gauge("nfp_vnfm_start_time_seconds", "When this VNFM process started, in Unix time.")
        .sample(started.toEpochMilli() / 1e3);
    Stored stored = stored();
    out.gauge("nfp_vnfm_database_up", "Whether the last scrape could read the database (1) or not.")
        .sample(stored == null ? 0L : 1L);
    if (stored != null) {
      stored.write(out);
    }
    operations(out);
    notifications(out);
    relay(out);
    http(out);
    nodes(out, stored == null ? List.of() : stored.deployed());
    return out;
  }

  // ---- what the database holds ---------------------------------------------------------------

  private record Count(String a, String b, long n) {}

  private record Stored(
      List<Count> opOccs,
      List<Count> instances,
      List<Count> deliveries,
      List<DeployedVnfs.DeployedVnf> deployed) {
    void write(PrometheusText out) {
      for (Count c : opOccs) {
        out.gauge(
                "nfp_vnfm_operation_occurrences",
                "Lifecycle operation occurrences in the database, by operation and state.")
            .sample(c.n(), "operation", c.a(), "state", c.b());
      }
      for (Count c : instances) {
        out.gauge("nfp_vnfm_vnf_instances", "VNF instances by instantiation state.")
            .sample(c.n(), "state", c.a());
      }
      long pending = 0;
      long failed = 0;
      for (Count c : deliveries) {
        if (c.a().equals("PENDING")) {
          pending += c.n();
        } else if (c.a().equals("FAILED")) {
          failed += c.n();
        }
      }
      out.gauge(
              "nfp_vnfm_notifications_pending",
              "Notifications waiting to be delivered to a subscriber (one per subscriber).")
          .sample(pending);
      out.gauge(
              "nfp_vnfm_notifications_failed",
              "Notifications given up after the last attempt and kept in the database.")
          .sample(failed);
    }
  }

  private @Nullable Stored stored() {
    try {
      return db.inTransaction(
          c -> {
            return new Stored(
                counts(
                    c,
                    "SELECT operation, operation_state, COUNT(*) FROM vnf_lcm_op_occs"
                        + " GROUP BY operation, operation_state ORDER BY operation, operation_state",
                    true),
                counts(
                    c,
                    "SELECT instantiation_state, COUNT(*) FROM vnf_instances"
                        + " GROUP BY instantiation_state ORDER BY instantiation_state",
                    false),
                counts(
                    c,
                    "SELECT state, COUNT(*) FROM lccn_deliveries GROUP BY state ORDER BY state",
                    false),
                DeployedVnfs.read(c));
          });
    } catch (RuntimeException e) {
      LOG.log(System.Logger.Level.WARNING, "metrics: cannot read the database: " + e.getMessage());
      return null;
    }
  }

  private static List<Count> counts(Connection c, String sql, boolean two) throws SQLException {
    List<Count> out = new ArrayList<>();
    try (PreparedStatement p = c.prepareStatement(sql);
        ResultSet r = p.executeQuery()) {
      while (r.next()) {
        out.add(
            two
                ? new Count(r.getString(1), r.getString(2), r.getLong(3))
                : new Count(r.getString(1), "", r.getLong(2)));
      }
    }
    return out;
  }

  // ---- what this process counted -------------------------------------------------------------

  private void operations(PrometheusText out) {
    runs.started()
        .forEach(
            (op, n) ->
                out.counter(
                        "nfp_vnfm_operations_started_total",
                        "Lifecycle operation runs this process began (new, retried, rolled back,"
                            + " resumed), by operation.")
                    .sample(n, "operation", op));
    runs.completed()
        .forEach(
            (op, n) ->
                out.counter(
                        "nfp_vnfm_operations_completed_total",
                        "Operation runs that ended COMPLETED, by operation.")
                    .sample(n, "operation", op));
    runs.failed()
        .forEach(
            (op, n) ->
                out.counter(
                        "nfp_vnfm_operations_failed_total",
                        "Operation runs that ended FAILED_TEMP or FAILED, by operation.")
                    .sample(n, "operation", op));
    runs.rolledBack()
        .forEach(
            (op, n) ->
                out.counter(
                        "nfp_vnfm_operations_rolled_back_total",
                        "Operation runs that ended ROLLED_BACK, by operation.")
                    .sample(n, "operation", op));
    runs.durations()
        .forEach(
            (op, h) ->
                out.histogram(
                        "nfp_vnfm_operation_duration_seconds",
                        "Duration of the occurrences completed by this process, from their start"
                            + " to COMPLETED, by operation.")
                    .histogram(h, "operation", op));
  }

  private void notifications(PrometheusText out) {
    NotificationPart.DeliveryCounts d = notifications.deliveries();
    out.counter(
            "nfp_vnfm_notifications_delivered_total",
            "Notifications a subscriber accepted (2xx) since this process started.")
        .sample(d.delivered());
    out.counter(
            "nfp_vnfm_notification_attempts_failed_total",
            "Delivery attempts that failed (each is retried, up to notifications.maxAttempts).")
        .sample(d.failedAttempts());
    out.counter(
            "nfp_vnfm_notifications_given_up_total",
            "Notifications given up after their last attempt since this process started.")
        .sample(d.givenUp());
  }

  private void relay(PrometheusText out) {
    EventRelay relay = events.relay();
    if (relay == null) {
      return;
    }
    EventRelay.Stats s = relay.stats();
    out.counter(
            "nfp_vnfm_event_relay_published_total",
            "Events the relay published to Kafka since it started.")
        .sample(s.published());
    out.counter(
            "nfp_vnfm_event_relay_failed_total",
            "Events the brokers refused for good since the relay started.")
        .sample(s.failedForGood());
    out.gauge("nfp_vnfm_event_relay_unsent", "Events in the outbox not yet published.")
        .sample(s.unsent());
    out.gauge(
            "nfp_vnfm_event_relay_lag_seconds",
            "Age of the oldest unpublished event in the outbox; 0 when there is none.")
        .sample(s.oldestUnsent().toMillis() / 1e3);
    out.gauge(
            "nfp_vnfm_event_relay_connected",
            "Whether the relay's last round reached the brokers (1) or not (0).")
        .sample(s.connected() ? 1L : 0L);
    out.gauge(
            "nfp_vnfm_event_relay_standing_by",
            "Whether this relay waits for another VNFM's relay on the same database (1).")
        .sample(relay.standingBy() ? 1L : 0L);
  }

  private void http(PrometheusText out) {
    for (Map.Entry<HttpMetrics.Key, Histogram.Snapshot> e : http.snapshot().entrySet()) {
      HttpMetrics.Key k = e.getKey();
      String[] l = {"method", k.method(), "path", k.path(), "status", k.status()};
      out.counter(
              "nfp_vnfm_http_requests_total",
              "HTTP requests served, by method, path template and status class.")
          .sample(e.getValue().count(), l);
    }
    for (Map.Entry<HttpMetrics.Key, Histogram.Snapshot> e : http.snapshot().entrySet()) {
      HttpMetrics.Key k = e.getKey();
      out.histogram(
              "nfp_vnfm_http_request_duration_seconds",
              "Time from a request's arrival at Jersey to its response, by method, path template"
                  + " and status class.")
          .histogram(e.getValue(), "method", k.method(), "path", k.path(), "status", k.status());
    }
  }

  // ---- what the nodes report -----------------------------------------------------------------

  private void nodes(PrometheusText out, List<DeployedVnfs.DeployedVnf> deployed) {
    Map<String, Optional<NodeStats>> read = readNodes();
    for (Map.Entry<String, Optional<NodeStats>> e : read.entrySet()) {
      String node = e.getKey();
      out.gauge(
              "nfp_vnfm_node_up",
              "Whether the compute node's counters could be read within metrics.nodeTimeout.")
          .sample(e.getValue().isPresent() ? 1L : 0L, "node", node);
      e.getValue()
          .ifPresent(
              s ->
                  out.gauge("nfp_vnfm_node_deployments", "Graphs deployed on the compute node.")
                      .sample((long) s.graphs().size(), "node", node));
    }
    for (DeployedVnfs.DeployedVnf vnf : deployed) {
      Placement p = vnf.placement();
      NodeStats stats = read.getOrDefault(p.node(), Optional.empty()).orElse(null);
      if (stats == null) {
        continue;
      }
      for (Placement.Deployment d : p.deployments()) {
        NodeStats.Graph g = stats.graph(d.deployment());
        if (g == null) {
          continue;
        }
        graph(out, vnf.instanceId(), d.graph(), p.node(), g);
        for (NodeStats.Nf n : stats.nfs()) {
          if (n.graph().equals(d.deployment())) {
            nf(out, vnf.instanceId(), d.graph(), p.node(), n);
          }
        }
      }
    }
  }

  private static void graph(
      PrometheusText out, String instance, String graph, String node, NodeStats.Graph g) {
    String[] l = {"instance", instance, "graph", graph, "node", node};
    out.counter(
            "nfp_vnfm_graph_accepted_packets_total",
            "Packets the node's classifier accepted into the VNF instance's graph.")
        .sample(g.accepted(), l);
    out.counter(
            "nfp_vnfm_graph_refused_packets_total",
            "Packets refused at the graph's entry because it was behind (backpressure).")
        .sample(g.refused(), l);
    out.counter("nfp_vnfm_graph_delivered_packets_total", "Packets the graph delivered.")
        .sample(g.delivered(), l);
    out.counter("nfp_vnfm_graph_delivered_bytes_total", "Bytes of the packets delivered.")
        .sample(g.deliveredBytes(), l);
    out.counter(
            "nfp_vnfm_graph_dropped_packets_total",
            "Accepted packets the graph dropped, for any reason (the node's metrics break them"
                + " down).")
        .sample(g.dropped(), l);
    NodeStats.Latency lat = g.latency();
    Map<Double, Double> q = new LinkedHashMap<>();
    q.put(0.5, lat.p50() / NANOS);
    q.put(0.9, lat.p90() / NANOS);
    q.put(0.99, lat.p99() / NANOS);
    q.put(0.999, lat.p999() / NANOS);
    out.summary(
            "nfp_vnfm_graph_latency_seconds",
            "Acceptance-to-transmit latency of the packets the graph delivered since its current"
                + " generation was deployed: the node's percentiles and count, no sum.")
        .summary(q, null, lat.count(), l);
  }

  private static void nf(
      PrometheusText out, String instance, String graph, String node, NodeStats.Nf n) {
    String[] l = {"instance", instance, "graph", graph, "nf", n.name(), "node", node};
    out.counter("nfp_vnfm_nf_received_packets_total", "Packets the NF runtime took in.")
        .sample(n.received(), l);
    out.counter("nfp_vnfm_nf_passed_packets_total", "Packets the NF passed on.")
        .sample(n.passed(), l);
    out.counter("nfp_vnfm_nf_dropped_packets_total", "Packets the NF dropped by its verdict.")
        .sample(n.dropped(), l);
    out.counter("nfp_vnfm_nf_failed_packets_total", "Packets lost because the NF threw on them.")
        .sample(n.failed(), l);
  }

  /** Each node's counters, or empty for a node that failed or did not answer in time. */
  private Map<String, Optional<NodeStats>> readNodes() {
    Map<String, CompletableFuture<NodeStats>> pending = new LinkedHashMap<>();
    for (ComputeNode n : nodes.all()) {
      pending.put(
          n.name(),
          reading.compute(
              n.name(),
              (name, running) ->
                  running != null && !running.isDone()
                      ? running
                      : CompletableFuture.supplyAsync(n::stats, readers)));
    }
    long deadline = System.nanoTime() + nodeTimeout.toNanos();
    Map<String, Optional<NodeStats>> out = new LinkedHashMap<>();
    for (Map.Entry<String, CompletableFuture<NodeStats>> e : pending.entrySet()) {
      NodeStats stats = null;
      try {
        stats = e.getValue().get(Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
      } catch (TimeoutException x) {
        LOG.log(
            System.Logger.Level.DEBUG,
            () -> "metrics: node " + e.getKey() + " did not answer within " + nodeTimeout);
      } catch (ExecutionException x) {
        LOG.log(
            System.Logger.Level.DEBUG,
            () -> "metrics: cannot read node " + e.getKey() + ": " + x.getCause());
      } catch (InterruptedException x) {
        Thread.currentThread().interrupt();
      }
      out.put(e.getKey(), Optional.ofNullable(stats));
    }
    return out;
  }

  @Override
  public void close() {
    readers.shutdownNow();
  }
}
