package org.nfpvnfm.vnfm.internal.pm;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.jspecify.annotations.Nullable;
import org.nfpvnfm.dpdk.node.NodeStats;
import org.nfpvnfm.vnfm.internal.fm.DeployedVnfs;
import org.nfpvnfm.vnfm.internal.fm.NodeCounters;
import org.nfpvnfm.vnfm.internal.rest.Json;
import org.nfpvnfm.vnfm.internal.store.Database;

/**
 * Collects the PM jobs' metrics, makes their reports and evaluates the thresholds. Every {@link
 * #TICK} it looks which jobs are due a collection (every {@code collectionPeriod} seconds) and
 * whether the thresholds are due (every {@code thresholdInterval}); if any are, it reads the
 * counters of each node that runs one of their VNFs once, and all of them share that read. A job's
 * values wait in memory until its report is due (every {@code reportingPeriod} seconds), when they
 * become one stored report, announced to the {@link PmListener}. A job without values at that time
 * (its VNFs not instantiated, or their node unreadable) makes no report.
 *
 * <p>What is only in memory is lost with the VNFM: values collected since the last report, the
 * previous reads that rates are computed from, and the jobs' schedule, which restarts from the
 * VNFM's start. Reports and the thresholds' sides and crossings are stored.
 */
final class PmCollector implements AutoCloseable {
  private static final System.Logger LOG = System.getLogger(PmCollector.class.getName());

  /** How often due work is looked for: the granularity of every period. */
  static final Duration TICK = Duration.ofMillis(200);

  /** Reports kept per job; older ones are deleted. */
  static final int KEPT_REPORTS = 100;

  /** Crossings kept per threshold. */
  static final int KEPT_CROSSINGS = 20;

  private record Sample(
      String object, @Nullable String sub, String metric, Instant at, Number value) {}

  private static final class JobState {
    Instant nextCollection;
    Instant nextReport;
    final Map<String, VnfCounters> previous = new HashMap<>();
    List<Sample> pending = new ArrayList<>();

    JobState(Instant nextCollection, Instant nextReport) {
      this.nextCollection = nextCollection;
      this.nextReport = nextReport;
    }
  }

  private final Database db;
  private final NodeCounters counters;
  private final PmListener listener;
  private final PmLinks links;
  private final Duration thresholdInterval;
  private final ScheduledExecutorService timer =
      Executors.newSingleThreadScheduledExecutor(
          r -> Thread.ofPlatform().name("nfp-pm-collector").daemon().unstarted(r));

  // Touched only by tick(), which is synchronized.
  private final Map<String, JobState> jobs = new HashMap<>();
  private final Map<String, VnfCounters> thresholdPrevious = new HashMap<>();
  private final Map<String, Threshold.State> thresholdStates = new HashMap<>();
  private Instant nextThresholds = Instant.EPOCH;

  PmCollector(
      Database db,
      NodeCounters counters,
      PmListener listener,
      PmLinks links,
      Duration thresholdInterval) {
    this.db = db;
    this.counters = counters;
    this.listener = listener;
    this.links = links;
    this.thresholdInterval = thresholdInterval;
  }

  void start() {
    timer.scheduleWithFixedDelay(this::tickQuietly, 0, TICK.toMillis(), TimeUnit.MILLISECONDS);
  }

  private void tickQuietly() {
    try {
      tick();
    } catch (RuntimeException e) {
      LOG.log(System.Logger.Level.WARNING, "the PM collector's round failed: " + e, e);
    }
  }

  /** One round: collects for the jobs due, reports for the jobs due, evaluates if due. */
  synchronized void tick() {
    Instant now = Instant.now();
    List<PmJob> all =
        db.inTransaction(
            tx -> {
              return PmStore.jobs(tx);
            });
    Set<String> ids = new HashSet<>();
    List<PmJob> due = new ArrayList<>();
    for (PmJob j : all) {
      ids.add(j.id());
      JobState st =
          jobs.computeIfAbsent(
              j.id(), k -> new JobState(now, now.plusSeconds(j.criteria().reportingPeriod())));
      Instant boundary = j.criteria().reportingBoundary();
      if (!now.isBefore(st.nextCollection) && (boundary == null || now.isBefore(boundary))) {
        due.add(j);
      }
    }
    jobs.keySet().retainAll(ids);

    List<Threshold> thresholds = List.of();
    if (!now.isBefore(nextThresholds)) {
      nextThresholds = now.plus(thresholdInterval);
      thresholds =
          db.inTransaction(
              tx -> {
                return PmStore.thresholds(tx);
              });
      Set<String> tids = new HashSet<>();
      thresholds.forEach(t -> tids.add(t.id()));
      thresholdPrevious.keySet().retainAll(tids);
      thresholdStates.keySet().retainAll(tids);
    }

    if (!due.isEmpty() || !thresholds.isEmpty()) {
      Set<String> wanted = new HashSet<>();
      due.forEach(j -> wanted.addAll(j.objectInstanceIds()));
      thresholds.forEach(t -> wanted.add(t.objectInstanceId()));
      Map<String, VnfCounters> read = read(wanted);
      for (PmJob j : due) {
        JobState st = jobs.get(j.id());
        if (st != null) {
          collect(j, st, read);
          st.nextCollection = next(st.nextCollection, j.criteria().collectionPeriod(), now);
        }
      }
      for (Threshold t : thresholds) {
        VnfCounters c = read.get(t.objectInstanceId());
        if (c != null) {
          evaluate(t, c);
        }
      }
    }

    for (PmJob j : all) {
      JobState st = jobs.get(j.id());
      if (st != null && !now.isBefore(st.nextReport)) {
        report(j, st, now);
        st.nextReport = next(st.nextReport, j.criteria().reportingPeriod(), now);
      }
    }
  }

  /** The next time after {@code scheduled}; a period missed (a slow round) is skipped. */
  private static Instant next(Instant scheduled, int seconds, Instant now) {
    Instant t = scheduled.plusSeconds(seconds);
    return t.isAfter(now) ? t : now.plusSeconds(seconds);
  }

  /** The counters of each of {@code instances} that is instantiated on a node that answers. */
  private Map<String, VnfCounters> read(Set<String> instances) {
    List<DeployedVnfs.DeployedVnf> deployed =
        db
            .inTransaction(
                tx -> {
                  return DeployedVnfs.read(tx);
                })
            .stream()
            .filter(d -> instances.contains(d.instanceId()))
            .toList();
    Map<String, NodeStats> stats =
        counters.read(deployed.stream().map(d -> d.placement().node()).toList());
    Instant at = Instant.now();
    Map<String, VnfCounters> out = new HashMap<>();
    for (DeployedVnfs.DeployedVnf d : deployed) {
      NodeStats s = stats.get(d.placement().node());
      if (s != null) {
        out.put(d.instanceId(), VnfCounters.of(d.placement(), s, at));
      }
    }
    return out;
  }

  /** The metrics a job collects: its metrics, then its groups' (each once). */
  static List<Metrics.Metric> metricsOf(PmJob j) {
    Set<Metrics.Metric> out = new LinkedHashSet<>();
    List<String> names = j.criteria().performanceMetric();
    if (names != null) {
      names.forEach(n -> Metrics.metric(n).ifPresent(out::add));
    }
    List<String> groups = j.criteria().performanceMetricGroup();
    if (groups != null) {
      groups.forEach(g -> out.addAll(Metrics.group(g)));
    }
    return List.copyOf(out);
  }

  private static Set<String> subs(@Nullable List<String> ids) {
    return ids == null ? Set.of() : Set.copyOf(ids);
  }

  private void collect(PmJob j, JobState st, Map<String, VnfCounters> read) {
    for (String object : j.objectInstanceIds()) {
      VnfCounters now = read.get(object);
      if (now == null) {
        continue;
      }
      VnfCounters before = st.previous.put(object, now);
      for (Metrics.Metric m : metricsOf(j)) {
        for (Metrics.Value v : Metrics.measure(m, now, before, subs(j.subObjectInstanceIds()))) {
          st.pending.add(
              new Sample(object, v.subObjectInstanceId(), m.name(), now.at(), v.value()));
        }
      }
    }
  }

  private void report(PmJob j, JobState st, Instant now) {
    if (st.pending.isEmpty()) {
      return;
    }
    List<Sample> samples = st.pending;
    st.pending = new ArrayList<>();
    Map<List<Object>, ObjectNode> entries = new LinkedHashMap<>();
    Set<String> objects = new LinkedHashSet<>();
    for (Sample s : samples) {
      objects.add(s.object());
      List<Object> key = java.util.Arrays.asList(s.object(), s.sub(), s.metric());
      ObjectNode e =
          entries.computeIfAbsent(
              key,
              k -> {
                ObjectNode n = Json.MAPPER.createObjectNode();
                n.put("objectType", j.objectType());
                n.put("objectInstanceId", s.object());
                if (s.sub() != null) {
                  n.put("subObjectInstanceId", s.sub());
                }
                n.put("performanceMetric", s.metric());
                n.putArray("performanceValues");
                return n;
              });
      ObjectNode value =
          ((ArrayNode) e.get("performanceValues")).addObject().put("timeStamp", s.at().toString());
      value.set("value", Json.MAPPER.valueToTree(s.value()));
    }
    ObjectNode report = Json.MAPPER.createObjectNode();
    ArrayNode list = report.putArray("entries");
    entries.values().forEach(list::add);
    String reportId = UUID.randomUUID().toString();
    db.inTransaction(
        tx -> {
          if (PmStore.job(tx, j.id(), false).isEmpty()) {
            return;
          }
          PmStore.insertReport(tx, j.id(), reportId, now, PmStore.json(report));
          PmStore.pruneReports(tx, j.id(), KEPT_REPORTS);
          for (String object : objects) {
            ObjectNode n = notification("PerformanceInformationAvailableNotification", now);
            n.put("pmJobId", j.id());
            n.put("objectType", j.objectType());
            n.put("objectInstanceId", object);
            ObjectNode l = n.putObject("_links");
            l.putObject("objectInstance").put("href", links.instance(object));
            l.putObject("pmJob").put("href", links.job(j.id()));
            l.putObject("performanceReport").put("href", links.report(j.id(), reportId));
            listener.reportAvailable(tx, j.id(), n);
          }
        });
  }

  private void evaluate(Threshold t, VnfCounters now) {
    Metrics.Metric m = Metrics.metric(t.criteria().performanceMetric()).orElse(null);
    if (m == null) {
      return;
    }
    VnfCounters before = thresholdPrevious.put(t.id(), now);
    Threshold.State state =
        thresholdStates.computeIfAbsent(
            t.id(),
            id ->
                db.inTransaction(
                    tx -> {
                      return PmStore.state(tx, id);
                    }));
    double value = t.criteria().simpleThresholdDetails().thresholdValue();
    double hysteresis = t.criteria().simpleThresholdDetails().hysteresis();
    Set<String> above = new HashSet<>(state.above());
    List<Threshold.Crossing> crossed = new ArrayList<>();
    for (Metrics.Value v : Metrics.measure(m, now, before, subs(t.subObjectInstanceIds()))) {
      String key = v.subObjectInstanceId() == null ? "" : v.subObjectInstanceId();
      double x = v.value().doubleValue();
      if (!above.contains(key) && x > value + hysteresis) {
        above.add(key);
        crossed.add(new Threshold.Crossing(now.at(), "UP", v.subObjectInstanceId(), v.value()));
      } else if (above.contains(key) && x < value - hysteresis) {
        above.remove(key);
        crossed.add(new Threshold.Crossing(now.at(), "DOWN", v.subObjectInstanceId(), v.value()));
      }
    }
    if (crossed.isEmpty()) {
      return;
    }
    List<Threshold.Crossing> kept = new ArrayList<>(state.crossings());
    kept.addAll(crossed);
    Threshold.State next =
        new Threshold.State(
            above, kept.subList(Math.max(0, kept.size() - KEPT_CROSSINGS), kept.size()));
    db.inTransaction(
        tx -> {
          if (PmStore.threshold(tx, t.id(), false).isEmpty()) {
            return;
          }
          PmStore.setState(tx, t.id(), next);
          for (Threshold.Crossing c : crossed) {
            ObjectNode n = notification("ThresholdCrossedNotification", c.timeStamp());
            n.put("thresholdId", t.id());
            n.put("crossingDirection", c.crossingDirection());
            n.put("objectType", t.objectType());
            n.put("objectInstanceId", t.objectInstanceId());
            if (c.subObjectInstanceId() != null) {
              n.put("subObjectInstanceId", c.subObjectInstanceId());
            }
            n.put("performanceMetric", m.name());
            n.set("performanceValue", Json.MAPPER.valueToTree(c.performanceValue()));
            ObjectNode l = n.putObject("_links");
            l.putObject("objectInstance").put("href", links.instance(t.objectInstanceId()));
            l.putObject("threshold").put("href", links.threshold(t.id()));
            listener.thresholdCrossed(tx, t.id(), n);
          }
        });
    thresholdStates.put(t.id(), next);
  }

  private static ObjectNode notification(String type, Instant at) {
    ObjectNode n = Json.MAPPER.createObjectNode();
    n.put("id", UUID.randomUUID().toString());
    n.put("notificationType", type);
    n.put("timeStamp", at.toString());
    return n;
  }

  @Override
  public void close() {
    // No interrupt: a round in a database transaction finishes; no new round starts.
    timer.shutdown();
    try {
      if (!timer.awaitTermination(10, TimeUnit.SECONDS)) {
        LOG.log(System.Logger.Level.WARNING, "the PM collector did not stop within 10 s");
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
