package org.nfpvnfm.vnfm.internal.pm;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.glassfish.jersey.server.ResourceConfig;
import org.nfpvnfm.dpdk.node.NodeStats;
import org.nfpvnfm.events.EventData;
import org.nfpvnfm.events.EventType;
import org.nfpvnfm.vnfm.internal.events.EventSink;
import org.nfpvnfm.vnfm.internal.events.OutgoingEvent;
import org.nfpvnfm.vnfm.internal.fm.DeployedVnfs;
import org.nfpvnfm.vnfm.internal.fm.NodeCounters;
import org.nfpvnfm.vnfm.internal.lcm.Placement;
import org.nfpvnfm.vnfm.internal.nodes.ComputeNodes;
import org.nfpvnfm.vnfm.internal.rest.ApiPart;
import org.nfpvnfm.vnfm.internal.store.Database;

/**
 * Publishes each deployed graph's dataplane figures on the telemetry topic every {@code interval}:
 * packets received, delivered and dropped in the interval, the delivery rate, and the latency
 * percentiles of the graph's generation. The first read of a graph is its baseline and publishes
 * nothing; a counter that went down means a new generation (healed, scaled), whose values count
 * whole.
 */
public final class TelemetryPublisher implements ApiPart {
  private static final System.Logger LOG = System.getLogger(TelemetryPublisher.class.getName());

  private record Baseline(Instant at, long accepted, long delivered, long dropped) {}

  private final Database db;
  private final NodeCounters counters;
  private final EventSink sink;
  private final Duration interval;
  private final Clock clock;
  private final Map<String, Baseline> last = new HashMap<>();
  private final ScheduledExecutorService timer =
      Executors.newSingleThreadScheduledExecutor(
          Thread.ofPlatform().name("nfp-telemetry").daemon().factory());

  public TelemetryPublisher(
      Database db, ComputeNodes nodes, EventSink sink, Duration interval, Clock clock) {
    this.db = db;
    this.counters = new NodeCounters(nodes, "the telemetry publisher");
    this.sink = sink;
    this.interval = interval;
    this.clock = clock;
  }

  @Override
  public void register(ResourceConfig config) {}

  @Override
  public void start() {
    if (interval.isZero()) {
      return;
    }
    long ms = interval.toMillis();
    timer.scheduleAtFixedRate(this::publishSafely, ms, ms, TimeUnit.MILLISECONDS);
  }

  private void publishSafely() {
    try {
      publishOnce();
    } catch (RuntimeException e) {
      LOG.log(System.Logger.Level.WARNING, "telemetry not published this time: " + e);
    }
  }

  /** One round: reads every node with deployed graphs, and emits one event per graph. */
  synchronized int publishOnce() {
    List<DeployedVnfs.DeployedVnf> vnfs =
        db.inTransaction(
            c -> {
              return DeployedVnfs.read(c);
            });
    Set<String> nodes = new HashSet<>();
    vnfs.forEach(v -> nodes.add(v.placement().node()));
    Map<String, NodeStats> stats = counters.read(nodes);
    Instant now = clock.instant();
    List<OutgoingEvent> events = new ArrayList<>();
    Set<String> seen = new HashSet<>();
    for (DeployedVnfs.DeployedVnf v : vnfs) {
      Placement p = v.placement();
      NodeStats s = stats.get(p.node());
      if (s == null) {
        continue;
      }
      for (Placement.Deployment d : p.deployments()) {
        NodeStats.Graph g = s.graph(d.deployment());
        if (g == null) {
          continue;
        }
        String key = p.node() + "/" + d.deployment();
        seen.add(key);
        Baseline b = last.put(key, new Baseline(now, g.accepted(), g.delivered(), g.dropped()));
        if (b == null) {
          continue;
        }
        boolean newGeneration =
            g.accepted() < b.accepted()
                || g.delivered() < b.delivered()
                || g.dropped() < b.dropped();
        long received = newGeneration ? g.accepted() : g.accepted() - b.accepted();
        long delivered = newGeneration ? g.delivered() : g.delivered() - b.delivered();
        long dropped = newGeneration ? g.dropped() : g.dropped() - b.dropped();
        double seconds = Math.max(1e-3, Duration.between(b.at(), now).toNanos() / 1e9);
        NodeStats.Latency l = g.latency();
        events.add(
            OutgoingEvent.of(
                EventType.GRAPH_TELEMETRY,
                v.instanceId(),
                new EventData.GraphTelemetry(
                    v.instanceId(),
                    d.deployment(),
                    d.graph(),
                    p.node(),
                    b.at().toString(),
                    now.toString(),
                    received,
                    delivered,
                    dropped,
                    Math.round(delivered / seconds * 10) / 10.0,
                    l.count() == 0
                        ? null
                        : new EventData.Latency(l.count(), l.p50(), l.p99(), l.p999(), l.max()))));
      }
    }
    last.keySet().retainAll(seen);
    if (!events.isEmpty()) {
      db.inTransaction(
          c -> {
            sink.emitAll(c, events);
          });
    }
    return events.size();
  }

  @Override
  public void close() {
    timer.shutdownNow();
  }
}
