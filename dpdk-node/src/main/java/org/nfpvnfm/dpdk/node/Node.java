package org.nfpvnfm.dpdk.node;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;
import org.HdrHistogram.Histogram;
import org.jspecify.annotations.Nullable;
import org.nfpvnfm.dpdk.DpdkException;
import org.nfpvnfm.dpdk.Eal;
import org.nfpvnfm.dpdk.Mempool;
import org.nfpvnfm.dpdk.Port;
import org.nfpvnfm.dpdk.Ring;
import org.nfpvnfm.dpdk.classify.FlowClassifier;
import org.nfpvnfm.dpdk.nf.NetworkFunction;
import org.nfpvnfm.dpdk.nf.NfFactory;
import org.nfpvnfm.dpdk.packet.ParseStatus;
import org.nfpvnfm.engine.GraphNf;
import org.nfpvnfm.engine.MergeEntry;
import org.nfpvnfm.engine.ServiceGraph;

/**
 * A DPDK compute node: one port in, one port out (possibly the same), worker cores, and the service
 * graphs deployed on it (docs/dataplane-design.md, docs/dpdk-node.md "The node").
 *
 * <p>Graphs are deployed, replaced and removed, and their number of mergers changed, while traffic
 * flows. Deploying publishes the new graph's tasks to the workers before the classifier sends it
 * anything. Removing switches the classifier away first, then drains: it waits until the graph's
 * rings are empty, its mergers hold nothing and no task moved a packet while every worker went
 * round once, so no accepted packet is lost; only then are its tasks taken off the workers and its
 * rings freed. Replacing deploys the new graph, switches the classifier to it in one step and
 * drains the old one. Changing the number of mergers pauses the port (packets wait in its queue,
 * none is lost), drains the graph, and rebuilds its packet path around the same NF instances, whose
 * state therefore survives.
 *
 * <p>Control methods are synchronized; {@link #stats} may be called any time from any thread and
 * does not wait for a control method (a drain takes up to seconds).
 */
public final class Node implements AutoCloseable {
  private static final System.Logger LOG = System.getLogger(Node.class.getName());
  private static final Duration ROUND_TIMEOUT = Duration.ofSeconds(5);
  private static final int PORT_DESCRIPTORS = 1024;
  // How long stats() waits for the transmit task to hand over its latency histogram.
  private static final long LATENCY_WAIT_NANOS = 50_000_000;

  /** Header mbufs: headroom for a pushed tag plus the longest header stack the parser accepts. */
  private static final int HEADER_ROOM = 512;

  private final NodeConfig config;
  private final Mempool pool;
  private final Mempool headerPool;
  private final Port in;
  private final Port out;
  private final RxTask rx;
  private final TxTask tx;
  private final Worker[] workers;
  private final Map<String, GraphRuntime> graphs = new LinkedHashMap<>();
  private final Map<Task, Integer> placed = new ConcurrentHashMap<>();
  private final Map<GraphRuntime, Histogram> latency = new ConcurrentHashMap<>();
  // Each graph's own placement (deploy, replan), by task name within the graph.
  private final Map<String, Map<String, Integer>> placements = new HashMap<>();
  // Final counters of removed graph generations (see retired()); guarded by statsLock.
  private final List<NodeStats.Graph> retired = new ArrayList<>();
  // Removed graphs whose rings could not be freed yet: a worker was stuck in one of their tasks.
  private final List<GraphRuntime> stuck = new ArrayList<>();
  // What stats() reads: the deployed graphs, swapped whole. Freeing a graph's rings holds
  // statsLock, so a reader never touches a freed ring.
  private volatile List<GraphRuntime> live = List.of();
  private final Object statsLock = new Object();
  private int nextNfWorker;
  private boolean closed;

  private Node(NodeConfig config, Eal eal) {
    this.config = config;
    List<AutoCloseable> opened = new ArrayList<>();
    try {
      String tag = Long.toString(System.nanoTime() % 1_000_000_000L, 36);
      pool =
          Mempool.create(
              "nfp-pk-" + tag,
              config.poolSize(),
              Math.min(256, config.poolSize() / (2 * config.workers() + 2)),
              PacketMeta.SIZE,
              Mempool.DEFAULT_DATA_ROOM);
      opened.add(pool);
      headerPool =
          Mempool.create(
              "nfp-hd-" + tag,
              config.headerPoolSize(),
              Math.min(256, config.headerPoolSize() / (2 * config.workers() + 2)),
              PacketMeta.SIZE,
              Mempool.HEADROOM + HEADER_ROOM);
      opened.add(headerPool);
      in = open(config.inPort());
      opened.add(in);
      out = config.outPort().equals(config.inPort()) ? in : open(config.outPort());
      if (out != in) {
        opened.add(out);
      }
      in.start(pool, PORT_DESCRIPTORS, PORT_DESCRIPTORS);
      if (out != in) {
        out.start(pool, PORT_DESCRIPTORS, PORT_DESCRIPTORS);
      }
    } catch (RuntimeException e) {
      for (int i = opened.size() - 1; i >= 0; i--) {
        try {
          opened.get(i).close();
        } catch (Exception suppressed) {
          e.addSuppressed(suppressed);
        }
      }
      throw e;
    }
    rx =
        new RxTask(
            in,
            config.burst(),
            config.rxRatePps(),
            new RxTask.Routing(FlowClassifier.builder().build(), new RxTask.Ingress[0]));
    rx.pause(true);
    tx = new TxTask(out, pool, config.burst());
    workers = new Worker[config.workers()];
    for (int i = 0; i < workers.length; i++) {
      // One worker per core where there are enough cores, as DPDK runs one lcore per core; more
      // workers than cores share them all, left to the kernel.
      int cpus = eal.processCpuCount();
      workers[i] = new Worker(i, eal, config.idle(), workers.length <= cpus ? i : -1);
    }
    place(rx, config.placement().getOrDefault("rx", 0));
    place(tx, config.placement().getOrDefault("tx", 0));
    for (Worker w : workers) {
      w.start();
    }
  }

  /**
   * Starts a node on the running EAL: creates its pools, opens and starts its ports, and starts its
   * workers (with no graph yet: packets are unclassified and dropped until one is deployed).
   *
   * @throws IllegalStateException when the EAL is not running
   * @throws DpdkException when a pool, port or device cannot be created or started
   */
  public static Node start(NodeConfig config) {
    Node node = startPaused(config);
    node.resumeReceive();
    return node;
  }

  /**
   * As {@link #start}, but the node takes nothing from its port until {@link #resumeReceive}: for a
   * finite trace (a pcap replay), which must not start before its graphs are deployed.
   */
  public static Node startPaused(NodeConfig config) {
    Eal eal =
        Eal.current()
            .orElseThrow(
                () ->
                    new IllegalStateException(
                        "the EAL is not running (expected: Eal.start first)"));
    return new Node(config, eal);
  }

  /** Stops taking packets from the port; they wait in its queue (or the device drops them). */
  public void pauseReceive() {
    rx.pause(true);
  }

  /** Takes packets from the port again. */
  public void resumeReceive() {
    rx.pause(false);
  }

  /**
   * Takes at most {@code pps} packets per second from the port from now on (0: as many as come), as
   * {@link NodeConfig#rxRatePps} does from the start: to offer a looped trace at a given load.
   */
  public void setReceiveRate(long pps) {
    if (pps < 0) {
      throw new IllegalArgumentException("receive rate: " + pps + " (expected: 0 or more)");
    }
    rx.rate(pps);
  }

  private static Port open(String spec) {
    if (!spec.contains(",")) {
      try {
        return Port.named(spec);
      } catch (DpdkException e) {
        // Not a port the EAL has: a virtual device to attach, such as net_null1.
      }
    }
    return Port.attach(spec);
  }

  public NodeConfig config() {
    return config;
  }

  /** Names of the deployed graphs, in deployment order (the classifier's order). */
  public synchronized List<String> graphs() {
    return List.copyOf(graphs.keySet());
  }

  /** Merger instances per parallel block of the graph deployed as {@code name}, or 0. */
  public int mergers(String name) {
    for (GraphRuntime rt : live) {
      if (rt.name.equals(name)) {
        return rt.mergers;
      }
    }
    return 0;
  }

  /** Whether the node is leaving packets in its port ({@link #pauseReceive}). */
  public boolean receivePaused() {
    return rx.paused();
  }

  /** The service graph deployed as {@code name}, if any. */
  public synchronized @Nullable ServiceGraph graph(String name) {
    GraphRuntime rt = graphs.get(name);
    return rt == null ? null : rt.graph;
  }

  /**
   * Deploys {@code graph} as {@code name}, with an NF from {@code nfs} for each of its NFs; traffic
   * its classifiers match goes to it from the next burst on.
   *
   * @throws IllegalArgumentException when the name is taken, an NF has no implementation, the
   *     graph's tables cannot be executed, or its classifiers cannot be matched exactly; nothing is
   *     deployed then
   */
  public synchronized void deploy(String name, ServiceGraph graph, NfFactory nfs) {
    deploy(name, graph, nfs, Map.of());
  }

  /**
   * {@link #deploy(String, ServiceGraph, NfFactory)} with the graph's own placement: a worker for
   * some of its tasks, by name within the graph ({@code "FW"}, {@code "merge 0#0"}), before the
   * node's {@link NodeConfig#placement}. An execution plan ({@code org.nfpvnfm.dpdk.plan}) is a
   * graph's tables and such a placement.
   *
   * @throws IllegalArgumentException as the other {@code deploy}, or when a worker is out of range
   */
  public synchronized void deploy(
      String name, ServiceGraph graph, NfFactory nfs, Map<String, Integer> placement) {
    checkOpen();
    if (graphs.containsKey(name)) {
      throw new IllegalArgumentException(
          "graph " + name + " is already deployed (expected: replace)");
    }
    checkPlacement(placement);
    GraphRuntime rt = build(name, graph, instantiate(graph, nfs), config.mergers());
    placements.put(name, Map.copyOf(placement));
    Map<String, GraphRuntime> next = new LinkedHashMap<>(graphs);
    next.put(name, rt);
    switchTo(next, rt, null);
  }

  private void checkPlacement(Map<String, Integer> placement) {
    placement.forEach(
        (task, worker) -> {
          if (worker < 0 || worker >= workers.length) {
            throw new IllegalArgumentException(
                "placement of %s: %d (expected: 0 to %d)"
                    .formatted(task, worker, workers.length - 1));
          }
        });
  }

  /**
   * Replaces the graph deployed as {@code name} with {@code graph} (new NF instances), without
   * losing a packet: the classifier switches between two bursts and the old graph drains.
   *
   * @throws IllegalArgumentException as {@link #deploy}, or when no graph has that name
   */
  public synchronized void replace(String name, ServiceGraph graph, NfFactory nfs) {
    checkOpen();
    GraphRuntime old = require(name);
    GraphRuntime rt = build(name, graph, instantiate(graph, nfs), old.mergers);
    Map<String, GraphRuntime> next = new LinkedHashMap<>(graphs);
    next.put(name, rt);
    switchTo(next, rt, old);
  }

  /** Removes the graph deployed as {@code name} after draining it; its traffic is unclassified. */
  public synchronized void undeploy(String name) {
    checkOpen();
    GraphRuntime old = require(name);
    Map<String, GraphRuntime> next = new LinkedHashMap<>(graphs);
    next.remove(name);
    switchTo(next, null, old);
    placements.remove(name);
  }

  /**
   * Runs graph {@code name} by another execution plan: {@code graph}'s tables (compiled from the
   * same NFP, so with the same NFs by name, such as the parallel graph and its sequential plan) and
   * {@code placement}, around the same NF instances, whose state survives. Nothing is lost: the
   * port is paused (packets wait in its queue), the graph drains, its packet path is rebuilt, and
   * the port resumes.
   *
   * @throws IllegalArgumentException when no graph has that name, {@code graph}'s NFs are not the
   *     deployed graph's, or a worker is out of range; nothing changes then
   */
  public synchronized void replan(String name, ServiceGraph graph, Map<String, Integer> placement) {
    checkOpen();
    GraphRuntime old = require(name);
    checkPlacement(placement);
    NetworkFunction[] nfs = new NetworkFunction[graph.nfs().size()];
    Set<String> deployedNames = new TreeSet<>();
    old.graph.nfs().forEach(nf -> deployedNames.add(nf.name()));
    Set<String> newNames = new TreeSet<>();
    graph.nfs().forEach(nf -> newNames.add(nf.name()));
    if (!deployedNames.equals(newNames)) {
      throw new IllegalArgumentException(
          "graph %s runs NFs %s; the new plan's are %s (expected: the same NFs)"
              .formatted(name, deployedNames, newNames));
    }
    for (GraphNf nf : graph.nfs()) {
      nfs[nf.id()] = old.nfs[old.graph.nf(nf.name()).orElseThrow().id()];
    }
    rebuild(old, graph, nfs, old.mergers, Map.copyOf(placement));
  }

  /**
   * Runs {@code mergers} merger instances per parallel block of graph {@code name}. The port is
   * paused while the graph drains and its packet path is rebuilt around the same NF instances.
   *
   * @throws IllegalArgumentException when {@code mergers < 1} or no graph has that name
   */
  public synchronized void setMergers(String name, int mergers) {
    checkOpen();
    if (mergers < 1) {
      throw new IllegalArgumentException("mergers: " + mergers + " (expected: >= 1)");
    }
    GraphRuntime old = require(name);
    if (old.mergers == mergers) {
      return;
    }
    rebuild(old, old.graph, old.nfs, mergers, placements.getOrDefault(name, Map.of()));
  }

  /** Rebuilds {@code old}'s packet path with the port paused (packets wait in its queue). */
  private void rebuild(
      GraphRuntime old,
      ServiceGraph graph,
      NetworkFunction[] nfs,
      int mergers,
      Map<String, Integer> placement) {
    GraphRuntime rt = build(old.name, graph, nfs, mergers);
    boolean wasPaused = rx.paused();
    rx.pause(true);
    try {
      awaitRxRounds();
      drain(old);
      Map<String, GraphRuntime> next = new LinkedHashMap<>(graphs);
      next.put(old.name, rt);
      retire(old);
      placements.put(old.name, placement);
      publish(rt);
      graphs.clear();
      graphs.putAll(next);
      live = List.copyOf(graphs.values());
      rx.route(routing(next));
    } finally {
      rx.pause(wasPaused);
    }
  }

  private GraphRuntime require(String name) {
    GraphRuntime rt = graphs.get(name);
    if (rt == null) {
      throw new IllegalArgumentException(
          "no graph named " + name + " is deployed (deployed: " + graphs.keySet() + ")");
    }
    return rt;
  }

  private static NetworkFunction[] instantiate(ServiceGraph graph, NfFactory factory) {
    NetworkFunction[] nfs = new NetworkFunction[graph.nfs().size()];
    for (GraphNf nf : graph.nfs()) {
      nfs[nf.id()] =
          Objects.requireNonNull(
              factory.create(graph, nf), () -> "the NF factory returned null for " + nf.name());
    }
    return nfs;
  }

  private GraphRuntime build(String name, ServiceGraph graph, NetworkFunction[] nfs, int mergers) {
    for (MergeEntry m : graph.merges()) {
      if (m.versions().size() > RingEntry.MAX_VERSIONS) {
        throw new IllegalArgumentException(
            "graph %s: merge %d has %d versions (expected: at most %d)"
                .formatted(name, m.id(), m.versions().size(), RingEntry.MAX_VERSIONS));
      }
    }
    return new GraphRuntime(name, graph, nfs, mergers, config, pool, headerPool);
  }

  /**
   * Routes to {@code next}: {@code added} starts before the switch, {@code removed} drains after.
   */
  private void switchTo(
      Map<String, GraphRuntime> next,
      @Nullable GraphRuntime added,
      @Nullable GraphRuntime removed) {
    RxTask.Routing routing;
    try {
      routing = routing(next);
    } catch (RuntimeException e) {
      if (added != null) {
        added.close();
      }
      throw e;
    }
    if (added != null) {
      publish(added);
    }
    graphs.clear();
    graphs.putAll(next);
    live = List.copyOf(graphs.values());
    rx.route(routing);
    if (removed != null) {
      awaitRxRounds();
      drain(removed);
      retire(removed);
    }
  }

  private RxTask.Routing routing(Map<String, GraphRuntime> next) {
    FlowClassifier.Builder b = FlowClassifier.builder();
    RxTask.Ingress[] ingress = new RxTask.Ingress[next.size()];
    int id = 0;
    for (GraphRuntime rt : next.values()) {
      b.add(id, rt.graph);
      ingress[id++] = rt.ingress;
    }
    return new RxTask.Routing(b.build(), ingress);
  }

  private void publish(GraphRuntime rt) {
    for (NfTask t : rt.nfTasks) {
      Integer explicit = explicitWorker(rt, t.name());
      int w;
      if (explicit != null) {
        w = explicit;
      } else {
        // NFs spread from worker 1 on, leaving worker 0 the port tasks and the mergers.
        w = workers.length == 1 ? 0 : (1 + nextNfWorker++) % workers.length;
      }
      place(t, w);
    }
    for (MergerTask t : rt.mergerTasks) {
      Integer explicit = explicitWorker(rt, t.name());
      place(t, explicit != null ? explicit : 0);
    }
    latency.put(rt, new Histogram(1, LatencyRecorder.MAX_NANOS, 3));
    rt.egress.forEach(tx::add);
  }

  private @Nullable Integer explicitWorker(GraphRuntime rt, String taskName) {
    String inGraph = taskName.substring(rt.name.length() + 1);
    Integer w = placements.getOrDefault(rt.name, Map.of()).get(inGraph);
    if (w != null) {
      return w;
    }
    w = config.placement().get(taskName);
    if (w == null) {
      w = config.placement().get(inGraph);
    }
    return w;
  }

  private void place(Task t, int worker) {
    placed.put(t, worker);
    workers[worker].addTask(t);
  }

  /**
   * Waits until nothing of {@code rt} is in flight (see the class comment). A graph whose NF stalls
   * never drains: after the mergers' timeout and a margin the rest is freed by {@link #retire} and
   * counted as lost at removal.
   */
  private void drain(GraphRuntime rt) {
    long deadline =
        System.nanoTime() + 2 * config.mergerTimeout().toNanos() + Duration.ofSeconds(2).toNanos();
    long quietProgress = -1;
    while (true) {
      boolean empty = rt.queued() == 0 && rt.pending() == 0;
      long progress = rt.progress();
      if (empty && progress == quietProgress) {
        return;
      }
      quietProgress = empty ? progress : -1;
      if (System.nanoTime() > deadline) {
        LOG.log(
            System.Logger.Level.WARNING,
            "graph {0} did not drain in time: {1} entries in rings, {2} packets in mergers",
            rt.name,
            rt.queued(),
            rt.pending());
        return;
      }
      if (!awaitRounds()) {
        return;
      }
    }
  }

  private void retire(GraphRuntime rt) {
    List<Task> tasks = rt.tasks();
    for (Worker w : workers) {
      w.removeTasks(tasks);
    }
    tasks.forEach(placed::remove);
    for (TxTask.EgressRing e : rt.egress) {
      tx.remove(e.ring());
    }
    boolean stopped = awaitRounds();
    synchronized (statsLock) {
      // Its final counters, before close() frees the rings they read; what is still in flight
      // now is what close() frees, lost at removal.
      List<NodeStats.Graph> last = new ArrayList<>();
      collect(
          rt,
          (long) rt.queued() + rt.pending(),
          stopped,
          last,
          new ArrayList<>(),
          new ArrayList<>());
      retired.addAll(last);
      latency.remove(rt);
      if (!stopped) {
        // A worker is still inside one of its tasks: freeing the rings under it would crash the
        // node. The graph stays allocated until close() has stopped every worker.
        stuck.add(rt);
        return;
      }
      int lost = rt.close();
      if (lost > 0) {
        LOG.log(
            System.Logger.Level.WARNING,
            "graph {0} lost {1} packets at removal (it did not drain in time)",
            rt.name,
            lost);
      }
    }
  }

  /** Waits until every worker has begun and finished a round after this call. */
  /**
   * Waits until every worker has begun and finished a round after this call; false when one did not
   * within {@link #ROUND_TIMEOUT} (a task holds it: an NF stuck for good).
   */
  private boolean awaitRounds() {
    long[] start = new long[workers.length];
    for (int i = 0; i < workers.length; i++) {
      start[i] = workers[i].loops();
    }
    long deadline = System.nanoTime() + ROUND_TIMEOUT.toNanos();
    for (int i = 0; i < workers.length; i++) {
      while (workers[i].loops() < start[i] + 2) {
        if (System.nanoTime() > deadline) {
          LOG.log(
              System.Logger.Level.WARNING,
              "worker {0} did not come round in {1} (busy in {2})",
              i,
              ROUND_TIMEOUT,
              workers[i].busyIn());
          return false;
        }
        Thread.onSpinWait();
        Thread.yield();
      }
    }
    return true;
  }

  /** Waits until the receive task has polled twice since the call; false at the timeout. */
  private boolean awaitRxRounds() {
    long start = rx.polls();
    long deadline = System.nanoTime() + ROUND_TIMEOUT.toNanos();
    while (rx.polls() < start + 2) {
      if (System.nanoTime() > deadline) {
        LOG.log(
            System.Logger.Level.WARNING,
            "the receive task did not come round in {0}; its worker is busy in {1}",
            ROUND_TIMEOUT,
            workers[Objects.requireNonNullElse(placed.get(rx), 0)].busyIn());
        return false;
      }
      Thread.yield();
    }
    return true;
  }

  /**
   * Waits until the port has delivered nothing new for {@code quiet} and every graph has drained;
   * returns false at {@code timeout}. For replaying a finite trace (a pcap) and for tests.
   */
  public boolean awaitIdle(Duration quiet, Duration timeout) throws InterruptedException {
    long deadline = System.nanoTime() + timeout.toNanos();
    long lastReceived = -1;
    long since = System.nanoTime();
    while (System.nanoTime() < deadline) {
      long received = rx.received.get();
      if (received != lastReceived) {
        lastReceived = received;
        since = System.nanoTime();
      } else if (System.nanoTime() - since >= quiet.toNanos() && drained()) {
        return true;
      }
      Thread.sleep(1);
    }
    return false;
  }

  private synchronized boolean drained() {
    long before = 0;
    for (GraphRuntime rt : graphs.values()) {
      if (rt.queued() != 0 || rt.pending() != 0) {
        return false;
      }
      before += rt.progress();
    }
    if (!awaitRounds()) {
      return false;
    }
    long after = 0;
    for (GraphRuntime rt : graphs.values()) {
      if (rt.queued() != 0 || rt.pending() != 0) {
        return false;
      }
      after += rt.progress();
    }
    return before == after;
  }

  /** Starts every graph's latency histogram afresh (after a warm-up, say); counters go on. */
  public void resetLatency() {
    synchronized (statsLock) {
      for (GraphRuntime rt : live) {
        rt.counters.latency.reset(LATENCY_WAIT_NANOS);
        Histogram h = latency.get(rt);
        if (h != null) {
          h.reset();
        }
      }
    }
  }

  /**
   * The final counters of every graph generation this node has removed, oldest first: a graph
   * replaced, undeployed, or rebuilt for another number of mergers, taken after its drain, when its
   * tasks had stopped (what was still in flight then is its own "lost at removal"). {@link #stats}
   * covers the deployed generations only, so what a generation delivered while it drained shows
   * here alone.
   */
  public List<NodeStats.Graph> retired() {
    synchronized (statsLock) {
      return List.copyOf(retired);
    }
  }

  /** A snapshot of every counter (see {@link NodeStats}). */
  public NodeStats stats() {
    synchronized (statsLock) {
      return snapshot();
    }
  }

  private NodeStats snapshot() {
    List<NodeStats.Port> ports = new ArrayList<>();
    Map<String, Long> malformed = new LinkedHashMap<>();
    for (ParseStatus s : ParseStatus.values()) {
      long n = rx.malformed.get(s);
      if (n > 0) {
        malformed.put(s.name(), n);
      }
    }
    ports.add(
        new NodeStats.Port(
            in.name(),
            in.stats(),
            rx.received.get(),
            malformed,
            rx.unclassified.get(),
            out == in ? tx.sent.get() : 0,
            out == in ? tx.txDropped.get() : 0));
    if (out != in) {
      ports.add(
          new NodeStats.Port(
              out.name(), out.stats(), 0, Map.of(), 0, tx.sent.get(), tx.txDropped.get()));
    }
    List<NodeStats.Graph> gs = new ArrayList<>();
    List<NodeStats.Nf> nfs = new ArrayList<>();
    List<NodeStats.Merger> ms = new ArrayList<>();
    for (GraphRuntime rt : live) {
      // A deployed generation has lost nothing at removal: only a retired one can.
      collect(rt, 0, false, gs, nfs, ms);
    }
    List<NodeStats.Pool> pools =
        List.of(
            new NodeStats.Pool(pool.name(), pool.size(), pool.inUse()),
            new NodeStats.Pool(headerPool.name(), headerPool.size(), headerPool.inUse()));
    List<NodeStats.Worker> ws = new ArrayList<>();
    long now = System.nanoTime();
    for (Worker w : workers) {
      String busy = w.busyIn();
      long busyMillis = busy == null ? 0 : (now - w.busySince()) / 1_000_000;
      ws.add(
          new NodeStats.Worker(
              w.index(),
              w.lcore(),
              w.cpu(),
              w.tasks().stream().map(Task::name).toList(),
              w.loops(),
              w.taskFailures(),
              busyMillis >= 1 ? busy : null,
              busyMillis >= 1 ? busyMillis : 0));
    }
    return new NodeStats(ports, gs, nfs, ms, pools, ws);
  }

  private void collect(
      GraphRuntime rt,
      long lost,
      boolean stopped,
      List<NodeStats.Graph> gs,
      List<NodeStats.Nf> nfs,
      List<NodeStats.Merger> ms) {
    Map<String, Long> drops = new LinkedHashMap<>();
    long ringFull = 0;
    long copyFailed = rt.ingress.row.copyFailed.get();
    long copies = rt.ingress.row.copies.get();
    long copiedBytes = rt.ingress.row.copiedBytes.get();
    for (Outbox o : rt.ingress.outboxes) {
      ringFull += o.ringFull.get();
    }
    for (NfTask t : rt.nfTasks) {
      long full = 0;
      for (Outbox o : t.outboxes()) {
        full += o.ringFull.get();
      }
      ringFull += full;
      copyFailed += t.row().copyFailed.get();
      copies += t.row().copies.get();
      copiedBytes += t.row().copiedBytes.get();
      if (!t.insideBlock()) {
        add(drops, "dropped by NF", t.dropped.get());
        add(drops, "NF failed", t.failed.get() + t.malformedDropped.get());
      }
      int fill = 0;
      int capacity = 0;
      for (Ring r : t.in()) {
        fill += r.count();
        capacity += r.capacity();
      }
      Throwable failure = t.lastFailure();
      nfs.add(
          new NodeStats.Nf(
              rt.name,
              t.name().substring(rt.name.length() + 1),
              Objects.requireNonNullElse(placed.get(t), -1),
              t.received.get(),
              t.passed.get(),
              t.dropped.get(),
              t.failed.get(),
              t.malformedDropped.get(),
              full,
              t.row().copyFailed.get(),
              fill,
              capacity,
              t.timedPackets.get(),
              t.timedNanos.get(),
              failure == null ? null : failure.toString()));
    }
    for (MergerTask t : rt.mergerTasks) {
      Merger m = t.merger();
      long full = 0;
      for (Outbox o : t.outboxes()) {
        full += o.ringFull.get();
      }
      ringFull += full;
      copyFailed += t.row().copyFailed.get();
      copies += t.row().copies.get();
      copiedBytes += t.row().copiedBytes.get();
      boolean top = m.entry().parentMerge() < 0;
      if (top) {
        add(drops, "dropped by merge verdict", m.dropped());
        add(drops, "NF failed", m.failed());
      }
      add(drops, "merge timeout", m.timedOut());
      add(drops, "merge collision", m.collisions());
      add(drops, "header ops not replayed", m.unsupportedHeaderOps());
      add(drops, "plan error", m.duplicates() + t.planErrors.get());
      int fill = 0;
      for (Ring r : t.in()) {
        fill += r.count();
      }
      String name = t.name();
      int hash = name.lastIndexOf('#');
      ms.add(
          new NodeStats.Merger(
              rt.name,
              m.entry().id(),
              Integer.parseInt(name.substring(hash + 1)),
              Objects.requireNonNullElse(placed.get(t), -1),
              m.merged(),
              m.dropped(),
              m.timedOut(),
              m.collisions(),
              m.duplicates(),
              m.failed(),
              m.unsupportedHeaderOps(),
              m.pending(),
              full,
              fill));
    }
    add(drops, "ring full", ringFull);
    add(drops, "no mbuf for copy", copyFailed + rt.counters.egressFailed.get());
    add(drops, "lost at removal", lost);
    Histogram h = latency.computeIfAbsent(rt, g -> new Histogram(1, LatencyRecorder.MAX_NANOS, 3));
    if (stopped) {
      rt.counters.latency.drainStoppedInto(h);
    } else {
      rt.counters.latency.drainInto(h, LATENCY_WAIT_NANOS);
    }
    gs.add(
        new NodeStats.Graph(
            rt.name,
            rt.graph.shape(),
            rt.mergers,
            rt.ingress.accepted.get(),
            rt.ingress.refused.get(),
            rt.counters.delivered.get(),
            rt.counters.deliveredBytes.get(),
            copies,
            copiedBytes,
            drops,
            new NodeStats.Latency(
                h.getTotalCount(),
                h.getValueAtPercentile(50),
                h.getValueAtPercentile(90),
                h.getValueAtPercentile(99),
                h.getValueAtPercentile(99.9),
                h.getMaxValue()),
            rt.queued(),
            rt.pending()));
  }

  private static void add(Map<String, Long> drops, String reason, long n) {
    if (n > 0) {
      drops.merge(reason, n, Long::sum);
    }
  }

  private void checkOpen() {
    if (closed) {
      throw new IllegalStateException("the node is closed");
    }
  }

  /**
   * Drains and removes every graph, stops the workers, closes the ports (a pcap device writes its
   * file here) and frees the pools.
   *
   * @throws IllegalStateException when mbufs are still out after all that (a leak); the pools are
   *     then kept
   */
  @Override
  public synchronized void close() {
    if (closed) {
      return;
    }
    for (String name : List.copyOf(graphs.keySet())) {
      undeploy(name);
    }
    closed = true;
    boolean allStopped = true;
    try {
      for (Worker w : workers) {
        if (!w.stop(ROUND_TIMEOUT.toMillis())) {
          allStopped = false;
          LOG.log(
              System.Logger.Level.WARNING,
              "worker {0} did not stop: busy in {1}",
              w.index(),
              w.busyIn());
        }
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      allStopped = false;
    }
    if (allStopped) {
      synchronized (statsLock) {
        stuck.forEach(GraphRuntime::close);
        stuck.clear();
      }
    }
    in.close();
    if (out != in) {
      out.close();
    }
    pool.close();
    headerPool.close();
  }
}
