package org.nfpvnfm.dpdk.plan;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.jspecify.annotations.Nullable;
import org.nfpvnfm.dpdk.node.Node;
import org.nfpvnfm.dpdk.node.NodeStats;
import org.nfpvnfm.engine.ServiceGraph;

/**
 * Keeps a deployed graph on the plan its NFs' measured costs call for (docs/execution-plans.md,
 * "Re-planning"). Every interval it reads the NFs' costs and the offered load from the node's
 * counters (what the interval added, so a change shows within one interval); when a cost or the
 * load has drifted by more than a quarter since the last choice, it chooses again, and switches
 * when the new plan is predicted at least 10% faster than the running one under the same costs (so
 * that noise does not flap between two close plans). The switch is {@link Node#replan}: the same NF
 * instances, nothing lost.
 */
public final class Replanner implements AutoCloseable {
  private static final System.Logger LOG = System.getLogger(Replanner.class.getName());
  private static final double DRIFT = 0.25;
  private static final double GAIN = 0.10;

  /** A re-plan: when, from which plan to which, and the costs and load it was chosen for. */
  public record Decision(
      Instant at,
      String from,
      String to,
      Map<String, Double> nfNanos,
      long offeredPps,
      double predictedFromNanos,
      double predictedToNanos) {
    public Decision {
      nfNanos = Map.copyOf(nfNanos);
    }
  }

  private final Node node;
  private final String graphName;
  private final ServiceGraph parallel;
  private final ServiceGraph sequential;
  private volatile PlanChooser chooser;
  private volatile ExecutionPlan current;
  private long chosenForPps;
  private final Map<String, long[]> lastSamples = new HashMap<>();
  private long lastOffered = -1;
  private long lastAt;
  private final List<Decision> decisions = new ArrayList<>();
  private @Nullable ScheduledExecutorService timer;

  /**
   * Watches graph {@code graphName}, deployed on {@code node} by {@code current}, whose tables come
   * from {@code parallel} or its sequential plan {@code sequential}; {@code model}'s NF costs are
   * those {@code current} was chosen with.
   */
  public Replanner(
      Node node,
      String graphName,
      ServiceGraph parallel,
      ServiceGraph sequential,
      CostModel model,
      ExecutionPlan current,
      long offeredPps) {
    this.node = node;
    this.graphName = graphName;
    this.parallel = parallel;
    this.sequential = sequential;
    this.chooser = new PlanChooser(model);
    this.current = current;
    this.chosenForPps = offeredPps;
  }

  /** Steps every {@code interval} on a daemon thread until closed. */
  public Replanner start(Duration interval) {
    ScheduledExecutorService t =
        Executors.newSingleThreadScheduledExecutor(
            r -> Thread.ofPlatform().name("nfp-replanner-" + graphName).daemon().unstarted(r));
    t.scheduleWithFixedDelay(
        () -> {
          try {
            step();
          } catch (RuntimeException e) {
            LOG.log(System.Logger.Level.WARNING, "re-planning " + graphName + " failed", e);
          }
        },
        interval.toMillis(),
        interval.toMillis(),
        TimeUnit.MILLISECONDS);
    timer = t;
    return this;
  }

  public ExecutionPlan current() {
    return current;
  }

  public CostModel model() {
    return chooser.model();
  }

  public synchronized List<Decision> decisions() {
    return List.copyOf(decisions);
  }

  /**
   * Reads the counters since the last step and re-plans if the costs call for it; returns the
   * decision when it switched.
   */
  public synchronized Optional<Decision> step() {
    NodeStats stats = node.stats();
    NodeStats.Graph g = stats.graph(graphName);
    if (g == null) {
      return Optional.empty();
    }
    long now = System.nanoTime();
    long offered = g.accepted() + g.refused();
    long pps = 0;
    if (lastOffered >= 0 && now > lastAt) {
      pps = (long) ((offered - lastOffered) * 1e9 / (now - lastAt));
    }
    lastOffered = offered;
    lastAt = now;
    Map<String, Double> costs = new HashMap<>(chooser.model().nfNanos());
    boolean drifted = false;
    for (NodeStats.Nf nf : stats.nfs()) {
      if (!nf.graph().equals(graphName)) {
        continue;
      }
      long[] last = lastSamples.getOrDefault(nf.name(), new long[2]);
      long packets = nf.timedPackets() - last[0];
      long nanos = nf.timedNanos() - last[1];
      if (packets < 0) { // a new runtime since the last step (a re-plan): its counters restarted
        packets = nf.timedPackets();
        nanos = nf.timedNanos();
      }
      lastSamples.put(nf.name(), new long[] {nf.timedPackets(), nf.timedNanos()});
      if (packets < 64) {
        continue; // too few samples to tell
      }
      double measured = (double) nanos / packets;
      double known = costs.getOrDefault(nf.name(), 0.0);
      if (Math.abs(measured - known) > DRIFT * Math.max(known, 20)) {
        drifted = true;
      }
      costs.put(nf.name(), measured);
    }
    if (pps > 0
        && Math.abs(pps - chosenForPps) > DRIFT * Math.max(chosenForPps, 1)
        && chosenForPps >= 0) {
      drifted = true;
    }
    if (!drifted) {
      return Optional.empty();
    }
    CostModel model = chooser.model().withNfNanos(costs);
    PlanChooser next = new PlanChooser(model);
    PlanChooser.Choice choice = next.choose(parallel, sequential, pps);
    chooser = next;
    chosenForPps = pps;
    double now1 = model.estimate(current).latencyAt(pps);
    double best = choice.ranked().getFirst().latencyAt(pps);
    if (choice.plan().graph().equals(current.graph())
            && choice.plan().placement().equals(current.placement())
        || !(best < now1 * (1 - GAIN))) {
      return Optional.empty();
    }
    node.replan(graphName, choice.plan().graph(), choice.plan().placement());
    Decision d =
        new Decision(Instant.now(), current.name(), choice.plan().name(), costs, pps, now1, best);
    LOG.log(
        System.Logger.Level.INFO,
        "graph {0}: re-planned from {1} to {2} ({3} ns -> {4} ns predicted at {5} pps)",
        graphName,
        d.from(),
        d.to(),
        Math.round(now1),
        Math.round(best),
        pps);
    current = choice.plan();
    decisions.add(d);
    return Optional.of(d);
  }

  @Override
  public void close() {
    ScheduledExecutorService t = timer;
    if (t != null) {
      t.shutdownNow();
      try {
        t.awaitTermination(5, TimeUnit.SECONDS);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }
  }
}
