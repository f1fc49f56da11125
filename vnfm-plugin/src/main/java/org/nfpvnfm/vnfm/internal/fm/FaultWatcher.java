package org.nfpvnfm.vnfm.internal.fm;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.UUID;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.jspecify.annotations.Nullable;
import org.nfpvnfm.dpdk.node.NodeStats;
import org.nfpvnfm.vnfm.internal.lcm.Placement;
import org.nfpvnfm.vnfm.internal.store.Database;

/**
 * Raises and clears alarms from the compute nodes' counters. Every {@code interval} it reads the
 * counters of each node that runs an instantiated VNF (one read per node) and, for each of the
 * VNF's deployments, looks at two conditions:
 *
 * <ul>
 *   <li>an NF runtime's {@code failed} counter rose: its NF threw, or broke packets (MAJOR, {@code
 *       softwareError}, the root cause);
 *   <li>a merger's {@code timedOut} counter rose (summed over the block's merger instances): a
 *       version of a packet came too late, so some NF of the block is slow or stalled (MINOR,
 *       {@code timeoutExpired}; a symptom, not the root cause).
 * </ul>
 *
 * A condition has at most one active alarm: a further rise keeps it active and restarts its quiet
 * period. It is cleared once the counter has not risen for {@code quietPeriod}, or at once when the
 * deployment leaves the instance's placement (terminated). A node whose counters cannot be read
 * neither raises nor clears: its counters are unknown.
 *
 * <p>A counter is compared with its value at the previous read. At the first read after the VNFM
 * starts there is none (what rose before is history), except for an active alarm, which keeps its
 * last value in the store; a deployment that appears later starts from zero, so failures in its
 * first interval count. A counter that went down belongs to a new generation of the graph (healed,
 * scaled): any value above zero is a rise.
 */
final class FaultWatcher implements AutoCloseable {
  private static final System.Logger LOG = System.getLogger(FaultWatcher.class.getName());

  /** How long a cleared alarm is kept before it is forgotten. */
  static final Duration CLEARED_RETENTION = Duration.ofDays(7);

  private static final Duration PRUNE_EVERY = Duration.ofHours(1);

  /** What raised an alarm. */
  enum Kind {
    NF_FAILED,
    MERGE_TIMEOUT
  }

  /**
   * One counter of one deployment at one read.
   *
   * @param instanceId the VNF instance
   * @param kind the condition
   * @param node the node it runs on
   * @param deployment the deployment (graph) on the node
   * @param item the NF's name, or {@code merge N} for a block's mergers
   * @param count the counter
   * @param lastFailure the NF's last failure, if any
   */
  private record Observation(
      String instanceId,
      Kind kind,
      String node,
      String deployment,
      String item,
      long count,
      @Nullable String lastFailure) {
    String key() {
      return condition(instanceId, kind, deployment, item);
    }

    String where() {
      return instanceId + "|" + deployment;
    }

    String resource() {
      return deployment + "/" + item;
    }
  }

  private final Database db;
  private final NodeCounters counters;
  private final AlarmListener listener;
  private final Duration interval;
  private final Duration quietPeriod;
  private final ScheduledExecutorService timer =
      Executors.newSingleThreadScheduledExecutor(
          r -> Thread.ofPlatform().name("nfp-fault-watcher").daemon().unstarted(r));

  // Touched only by check(), which is synchronized.
  private final Map<String, Long> previous = new HashMap<>();
  private Set<String> seenDeployments = Set.of();
  private boolean firstRead = true;
  private Instant lastPrune = Instant.EPOCH;

  FaultWatcher(
      Database db,
      NodeCounters counters,
      AlarmListener listener,
      Duration interval,
      Duration quietPeriod) {
    this.db = db;
    this.counters = counters;
    this.listener = listener;
    this.interval = interval;
    this.quietPeriod = quietPeriod;
  }

  /** The key of a condition: the instance, the kind, the deployment and the NF or merge block. */
  static String condition(String instanceId, Kind kind, String deployment, String item) {
    return instanceId + "|" + kind + "|" + deployment + "|" + item;
  }

  void start() {
    timer.scheduleWithFixedDelay(this::checkQuietly, 0, interval.toMillis(), TimeUnit.MILLISECONDS);
  }

  private void checkQuietly() {
    try {
      check();
    } catch (RuntimeException e) {
      // The next round tries again; a database that is down is logged each round, as it should.
      LOG.log(System.Logger.Level.WARNING, "the fault watcher's round failed: " + e, e);
    }
  }

  /** One round: reads the counters, raises and clears. */
  synchronized void check() {
    Instant now = Instant.now();
    List<DeployedVnfs.DeployedVnf> deployed =
        db.inTransaction(
            c -> {
              return DeployedVnfs.read(c);
            });
    Map<String, NodeStats> stats =
        counters.read(deployed.stream().map(d -> d.placement().node()).toList());

    Map<String, Observation> observed = new LinkedHashMap<>();
    Set<String> deployments = new HashSet<>();
    Set<String> readable = new HashSet<>();
    for (DeployedVnfs.DeployedVnf d : deployed) {
      NodeStats s = stats.get(d.placement().node());
      for (Placement.Deployment dep : d.placement().deployments()) {
        String where = d.instanceId() + "|" + dep.deployment();
        deployments.add(where);
        if (s != null) {
          readable.add(where);
          observe(d.instanceId(), d.placement().node(), dep.deployment(), s, observed);
        }
      }
    }

    Map<String, AlarmStore.Active> active = new HashMap<>();
    for (AlarmStore.Active a :
        db.inTransaction(
            c -> {
              return AlarmStore.active(c);
            })) {
      active.put(a.condition(), a);
    }
    Set<String> rose = new HashSet<>();
    for (Observation o : observed.values()) {
      AlarmStore.Active a = active.get(o.key());
      Long before = previous.get(o.key());
      if (before == null && a != null) {
        before = a.lastCount();
      } else if (before == null && !firstRead && !seenDeployments.contains(o.where())) {
        before = 0L;
      }
      previous.put(o.key(), o.count());
      if (before == null) {
        continue;
      }
      boolean up = o.count() > before || (o.count() < before && o.count() > 0);
      long added = o.count() > before ? o.count() - before : o.count();
      if (up) {
        rose.add(o.key());
      }
      if (up && a == null) {
        raise(o, added, now);
      } else if (a != null && (up || o.count() != a.lastCount())) {
        db.inTransaction(
            c -> {
              AlarmStore.observed(c, a.id(), o.count(), up, now);
            });
      }
    }
    previous.keySet().retainAll(observed.keySet());

    for (AlarmStore.Active a : active.values()) {
      String[] k = a.condition().split("\\|", 4);
      String where = k[0] + "|" + k[2];
      if (!deployments.contains(where)) {
        clear(a, now, "cleared: deployment " + k[2] + " was removed (the VNF instance terminated)");
      } else if (readable.contains(where)
          && !rose.contains(a.condition())
          && Duration.between(a.lastRise(), now).compareTo(quietPeriod) >= 0) {
        clear(
            a,
            now,
            "cleared: the counter has not risen since "
                + a.lastRise()
                + " (quiet period "
                + quietPeriod
                + ")");
      }
    }
    firstRead = false;
    seenDeployments = deployments;
    if (Duration.between(lastPrune, now).compareTo(PRUNE_EVERY) >= 0) {
      lastPrune = now;
      db.inTransaction(
          c -> {
            AlarmStore.pruneCleared(c, now.minus(CLEARED_RETENTION));
          });
    }
  }

  private static void observe(
      String instanceId,
      String node,
      String deployment,
      NodeStats s,
      Map<String, Observation> out) {
    for (NodeStats.Nf nf : s.nfs()) {
      if (nf.graph().equals(deployment)) {
        Observation o =
            new Observation(
                instanceId,
                Kind.NF_FAILED,
                node,
                deployment,
                nf.name(),
                nf.failed(),
                nf.lastFailure());
        out.put(o.key(), o);
      }
    }
    Map<Integer, Long> timedOut = new TreeMap<>();
    for (NodeStats.Merger m : s.mergers()) {
      if (m.graph().equals(deployment)) {
        timedOut.merge(m.merge(), m.timedOut(), Long::sum);
      }
    }
    timedOut.forEach(
        (merge, count) -> {
          Observation o =
              new Observation(
                  instanceId, Kind.MERGE_TIMEOUT, node, deployment, "merge " + merge, count, null);
          out.put(o.key(), o);
        });
  }

  private void raise(Observation o, long added, Instant now) {
    boolean nf = o.kind() == Kind.NF_FAILED;
    List<String> details = new ArrayList<>();
    if (nf) {
      details.add(
          added
              + " packet(s) failed in NF runtime "
              + o.resource()
              + " on node "
              + o.node()
              + " since the previous check");
      if (o.lastFailure() != null) {
        details.add("last failure: " + o.lastFailure());
      }
    } else {
      details.add(
          added
              + " packet(s) timed out in "
              + o.resource()
              + " on node "
              + o.node()
              + " since the previous check: a version from an NF of the parallel block came too"
              + " late (the NF is slow or stalled)");
    }
    Alarm alarm =
        new Alarm(
            UUID.randomUUID().toString(),
            o.instanceId(),
            new Alarm.FaultyResourceInfo(
                new Alarm.ResourceHandle(
                    o.node(), o.resource(), nf ? "nfp.nf-runtime" : "nfp.merger"),
                "COMPUTE"),
            now,
            null,
            null,
            null,
            Alarm.UNACKNOWLEDGED,
            nf ? "MAJOR" : "MINOR",
            now,
            "PROCESSING_ERROR_ALARM",
            nf ? "NF runtime failure" : "merge timeout",
            nf ? "softwareError" : "timeoutExpired",
            nf,
            null,
            details);
    db.inTransaction(
        c -> {
          AlarmStore.insert(c, alarm, o.key(), o.count());
          listener.raised(c, alarm);
          if (nf) {
            listener.nfRuntimeFailed(c, alarm, o.node(), o.deployment(), o.item(), added);
          }
        });
  }

  private void clear(AlarmStore.Active a, Instant now, String detail) {
    db.inTransaction(
        c -> {
          Alarm alarm = AlarmStore.get(c, a.id(), true).orElse(null);
          if (alarm == null || alarm.alarmClearedTime() != null) {
            return;
          }
          Alarm cleared = alarm.cleared(now, detail);
          AlarmStore.update(c, cleared);
          listener.cleared(c, cleared);
        });
  }

  @Override
  public void close() {
    // No interrupt: a round in a database transaction finishes; no new round starts.
    timer.shutdown();
    try {
      if (!timer.awaitTermination(10, TimeUnit.SECONDS)) {
        LOG.log(System.Logger.Level.WARNING, "the fault watcher did not stop within 10 s");
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
