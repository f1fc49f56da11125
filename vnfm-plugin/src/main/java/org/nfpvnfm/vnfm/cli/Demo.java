package org.nfpvnfm.vnfm.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.PrintWriter;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.logging.FileHandler;
import java.util.logging.Handler;
import java.util.logging.Logger;
import java.util.logging.SimpleFormatter;
import org.nfpvnfm.dpdk.node.Node;
import org.nfpvnfm.dpdk.node.NodeStats;
import org.nfpvnfm.dpdk.trace.FlowDistribution;
import org.nfpvnfm.dpdk.trace.Prefix;
import org.nfpvnfm.dpdk.trace.SizeDistribution;
import org.nfpvnfm.dpdk.trace.TraceGenerator;
import org.nfpvnfm.dpdk.trace.TraceSpec;
import org.nfpvnfm.dpdk.trace.TraceSummary;
import org.nfpvnfm.engine.PacketSizeMix;
import org.nfpvnfm.engine.ServiceGraph;
import org.nfpvnfm.engine.cli.GraphReport;
import org.nfpvnfm.events.Event;
import org.nfpvnfm.events.EventConsumer;
import org.nfpvnfm.events.EventData;
import org.nfpvnfm.events.EventType;
import org.nfpvnfm.events.Topics;
import org.nfpvnfm.events.broker.EmbeddedKafka;
import org.nfpvnfm.vnfm.Vnfm;
import org.nfpvnfm.vnfm.VnfmConfig;
import org.nfpvnfm.vnfm.internal.events.EventsPart;
import org.nfpvnfm.vnfm.internal.lcm.LcmPart;
import org.nfpvnfm.vnfm.internal.nodes.LocalComputeNode;
import org.nfpvnfm.vnfm.internal.rest.Json;

/**
 * The main job, end to end on embedded defaults ({@code nfp demo}): a data-centre trace written as
 * a pcap; a VNFM with its H2 database, its embedded Kafka broker and a local DPDK node whose port
 * replays that trace in a loop; an NFVO's calls over SOL003 HTTP (token, onboarding, create,
 * instantiate, terminate, delete); the same package run once with the NFP engine's parallel graph
 * and once as the sequential chain, each measured at a fixed offered load (latency) and at the most
 * the node takes (throughput); the events read back from Kafka; and a clean shutdown.
 *
 * <p>The VNFM is driven only over HTTP, as an NFVO would. The node is touched directly for what a
 * traffic generator does: it holds the port's replay while nothing is deployed, and sets the
 * offered load and the measurement windows.
 */
final class Demo {
  static final String PACKAGE = "valid/paper-chain-sol004";
  static final String CLIENT_ID = "nfvo";
  static final String CLIENT_SECRET = "nfvo-secret";

  /** What the classifier of the paper's chain takes: IPv4 TCP to the server farm's prefix. */
  static final Prefix SERVER_FARM = Prefix.parse("10.20.0.0/16");

  private static final String MARKER = ".nfp-demo";
  private static final Duration OPERATION_TIMEOUT = Duration.ofSeconds(120);
  private static final Duration EVENTS_TIMEOUT = Duration.ofSeconds(30);
  private static final int STEPS = 10;
  private static int devices;

  /**
   * @param work the folder for the trace, the VNFM's data and the log (emptied first)
   * @param packageFolder the SOL004 package to onboard
   * @param packets packets in the trace (the node replays it in a loop)
   * @param flows flows in the trace (Zipf-distributed, exponent 1.1: a few heavy hitters)
   * @param ratePps the offered load of the latency measurement
   * @param warmup how long each plan runs before it is measured
   * @param window how long each measurement lasts
   */
  record Settings(
      Path work,
      Path packageFolder,
      int packets,
      int flows,
      long ratePps,
      Duration warmup,
      Duration window) {}

  /** One measurement window of one plan. */
  record Window(
      long offeredPps,
      double seconds,
      long accepted,
      long delivered,
      Map<String, Long> drops,
      NodeStats.Latency latency,
      long unclassified) {

    /** Packets the graph took and finished (delivered or dropped by a verdict), per second. */
    double pps() {
      return accepted / seconds;
    }

    long dropped() {
      return drops.values().stream().mapToLong(Long::longValue).sum();
    }
  }

  /** One plan: the instance that ran it and what it measured. */
  record Run(
      String plan,
      String instanceId,
      String deployment,
      String node,
      String shape,
      int length,
      Window latency,
      Window throughput,
      List<String> nfs) {}

  /** What the demo did, for its summary and for the test that checks it. */
  record Report(
      TraceSummary trace,
      String vnfPkgId,
      String vnfdId,
      Run parallel,
      Run sequential,
      List<Event> events,
      Map<String, Long> eventCounts,
      boolean apiClosed,
      boolean brokerClosed,
      Duration took) {}

  private final Settings settings;
  private final PrintWriter out;
  private final long started = System.nanoTime();
  private int step;

  Demo(Settings settings, PrintWriter out) {
    this.settings = settings;
    this.out = out;
  }

  Report run() throws IOException, InterruptedException {
    prepare(settings.work());
    Path log = settings.work().resolve("demo.log");
    Logger root = Logger.getLogger("");
    Handler[] handlers = root.getHandlers();
    FileHandler file = new FileHandler(log.toString(), false);
    file.setFormatter(new SimpleFormatter());
    for (Handler h : handlers) {
      root.removeHandler(h);
    }
    root.addHandler(file);
    try {
      return runLogged(log);
    } finally {
      root.removeHandler(file);
      file.close();
      for (Handler h : handlers) {
        root.addHandler(h);
      }
    }
  }

  private Report runLogged(Path log) throws IOException, InterruptedException {
    say("NFP-VNFM demo: a VNFM, a Kafka broker and a DPDK node in this process, driven over");
    say("SOL003 HTTP as an NFVO would; logs in " + log);
    say("");

    // 1. The trace.
    Path trace = settings.work().resolve("trace.pcap");
    step(
        "Generating a data-centre trace: %,d packets over %,d Zipf flows, 80%% TCP, to %s"
            .formatted(settings.packets(), settings.flows(), SERVER_FARM));
    TraceSpec spec =
        new TraceSpec(
            settings.packets(),
            SizeDistribution.DATA_CENTRE,
            FlowDistribution.zipf(settings.flows(), 1.1),
            0,
            0.8,
            1_000_000,
            2026,
            List.of(SERVER_FARM));
    TraceSummary summary = TraceGenerator.write(spec, trace);
    detail(
        "%s: %,d packets, %,d distinct flows, %,d TCP, mean frame %.0f B (sizes %s)"
            .formatted(
                settings.work().relativize(trace),
                summary.packets(),
                summary.distinctFlows(),
                summary.tcpPackets(),
                summary.meanFrameSize(),
                SizeDistribution.DATA_CENTRE));

    // 2. The VNFM.
    int device = ++devices;
    VnfmConfig config = config(trace, device);
    step("Starting the VNFM: H2 database, embedded Kafka broker, local DPDK node, SOL003 API");
    try (Vnfm vnfm = Vnfm.start(config)) {
      LcmPart lcm = Objects.requireNonNull(vnfm.part(LcmPart.class), "no lifecycle part");
      LocalComputeNode local =
          (LocalComputeNode) lcm.nodes().get(LocalComputeNode.NAME).orElseThrow();
      Node node = local.node();
      node.pauseReceive(); // the trace waits in the port until a graph is there to take it
      EventsPart eventsPart = Objects.requireNonNull(vnfm.part(EventsPart.class), "no events");
      EmbeddedKafka broker = Objects.requireNonNull(eventsPart.broker(), "no embedded broker");
      URI api = vnfm.uri();
      detail("API       " + api + " (OAuth2: the built-in issuer at " + api + "oauth2/token)");
      detail("database  " + config.jdbcUrl().replaceFirst(";.*", ""));
      detail("Kafka     " + broker.bootstrapServers() + ", log in " + broker.dir());
      detail(
          "DPDK node %s: %d workers; port in %s (the trace, looped), out %s"
              .formatted(
                  local.name(),
                  local.workers(),
                  config.nodes().local().inPort().replaceFirst(",.*", ""),
                  config.nodes().local().outPort()));

      // 3. Onboarding.
      NfvoClient nfvo = new NfvoClient(api, this::detail);
      step("NFVO: authenticate and onboard " + settings.packageFolder());
      nfvo.authenticate(CLIENT_ID, CLIENT_SECRET);
      JsonNode pkg = nfvo.onboard(settings.packageFolder(), OPERATION_TIMEOUT);
      String vnfdId = pkg.path("vnfdId").asText();
      detail(
          "package %s: %s %s %s, vnfdId %s"
              .formatted(
                  pkg.path("id").asText(),
                  pkg.path("vnfProvider").asText(),
                  pkg.path("vnfProductName").asText(),
                  pkg.path("vnfSoftwareVersion").asText(),
                  vnfdId));

      // 4-5. The parallel graph, then the sequential chain.
      Run parallel = instantiateAndMeasure(nfvo, vnfdId, "parallel", node, true);
      Run sequential = instantiateAndMeasure(nfvo, vnfdId, "sequential", node, false);

      // 6. Side by side.
      step("Results: the same NFs, the same trace, the same node");
      results(parallel, sequential);

      // 7. Events.
      step("Events read back from Kafka (" + broker.bootstrapServers() + ")");
      List<Event> events =
          readEvents(broker, Set.of(parallel.instanceId(), sequential.instanceId()));
      Map<String, Long> counts = printEvents(events);

      // 8. Shutdown.
      step("Shutting down: VNFM API, event relay, DPDK node, Kafka broker, database");
      int apiPort = api.getPort();
      int kafkaPort = broker.port();
      vnfm.close();
      boolean apiClosed = !listening(apiPort);
      boolean brokerClosed = !listening(kafkaPort);
      detail(
          "API port %d %s; Kafka port %d %s"
              .formatted(
                  apiPort,
                  apiClosed ? "closed" : "STILL OPEN",
                  kafkaPort,
                  brokerClosed ? "closed" : "STILL OPEN"));
      Duration took = Duration.ofNanos(System.nanoTime() - started);
      say("");
      say(verdict(parallel, sequential, took));
      return new Report(
          summary,
          pkg.path("id").asText(),
          vnfdId,
          parallel,
          sequential,
          events,
          counts,
          apiClosed,
          brokerClosed,
          took);
    }
  }

  private Run instantiateAndMeasure(
      NfvoClient nfvo, String vnfdId, String plan, Node node, boolean printGraph)
      throws InterruptedException {
    step("NFVO: create a VNF instance and instantiate it with the " + plan + " plan");
    String id = nfvo.create(vnfdId, "paper-chain-" + plan);
    ObjectNode body = Json.MAPPER.createObjectNode().put("flavourId", "simple");
    body.putObject("additionalParams").put("nfpPlan", plan);
    String op = nfvo.start(id, "instantiate", body);
    long t0 = System.nanoTime();
    nfvo.await(op, OPERATION_TIMEOUT, state -> detail("    operation %s: %s".formatted(op, state)));
    detail("instantiated in %.2f s".formatted((System.nanoTime() - t0) / 1e9));
    JsonNode vnfc = nfvo.instance(id).path("instantiatedVnfInfo").path("vnfcResourceInfo").path(0);
    String nodeName = vnfc.path("computeResource").path("resourceProviderId").asText();
    String deployment = vnfc.path("computeResource").path("resourceId").asText().split("/")[0];
    ServiceGraph graph =
        Objects.requireNonNull(
            node.graph(deployment), "the node has no deployment " + deployment + " of " + id);
    detail("deployed as %s on node %s: %s".formatted(deployment, nodeName, graph.shape()));
    if (printGraph) {
      say("");
      for (String line : GraphReport.of(graph, PacketSizeMix.DATACENTER).split("\n")) {
        say("      | " + line);
      }
      say("");
    }

    step("Replaying the trace through the " + plan + " " + (printGraph ? "graph" : "chain"));
    Window latency = measure(node, deployment, settings.ratePps(), "latency");
    Window throughput = measure(node, deployment, 0, "throughput");

    detail("NFVO: terminate and delete the instance");
    String term =
        nfvo.start(
            id, "terminate", Json.MAPPER.createObjectNode().put("terminationType", "GRACEFUL"));
    nfvo.await(
        term, OPERATION_TIMEOUT, state -> detail("    operation %s: %s".formatted(term, state)));
    nfvo.delete(id);
    return new Run(
        plan,
        id,
        deployment,
        nodeName,
        graph.shape(),
        graph.summary().length(),
        latency,
        throughput,
        graph.nfs().stream().map(n -> n.name()).toList());
  }

  /**
   * Runs the deployment for the warm-up, then measures it over the window: the window starts and
   * ends with the node drained, so every packet counted was received, processed and delivered (or
   * dropped by a verdict) inside it.
   */
  private Window measure(Node node, String deployment, long ratePps, String what)
      throws InterruptedException {
    String load = ratePps == 0 ? "as fast as it goes" : "at %,d packets/s".formatted(ratePps);
    out.printf(Locale.ROOT, "      %-10s %-24s ", what, load);
    out.flush();
    node.setReceiveRate(ratePps);
    node.resumeReceive();
    sleepShowing(settings.warmup(), '.');
    node.pauseReceive();
    node.awaitIdle(Duration.ofMillis(50), Duration.ofSeconds(10));
    node.resetLatency();
    NodeStats start = node.stats();
    NodeStats.Graph before = graph(start, deployment);
    long t0 = System.nanoTime();
    node.resumeReceive();
    sleepShowing(settings.window(), '#');
    node.pauseReceive();
    double seconds = (System.nanoTime() - t0) / 1e9;
    node.awaitIdle(Duration.ofMillis(50), Duration.ofSeconds(10));
    NodeStats end = node.stats();
    NodeStats.Graph after = graph(end, deployment);
    Map<String, Long> drops = new LinkedHashMap<>();
    after.drops().forEach((k, v) -> drops.put(k, v - before.drops().getOrDefault(k, 0L)));
    drops.values().removeIf(v -> v == 0);
    Window w =
        new Window(
            ratePps,
            seconds,
            after.accepted() - before.accepted(),
            after.delivered() - before.delivered(),
            drops,
            after.latency(),
            end.ports().getFirst().unclassified() - start.ports().getFirst().unclassified());
    out.printf(
        Locale.ROOT,
        " %,.0f packets/s, p50 %s, p99 %s%n",
        w.pps(),
        micros(w.latency().p50()),
        micros(w.latency().p99()));
    out.flush();
    return w;
  }

  private static NodeStats.Graph graph(NodeStats stats, String deployment) {
    return Objects.requireNonNull(stats.graph(deployment), "no graph " + deployment);
  }

  private void sleepShowing(Duration d, char mark) throws InterruptedException {
    long end = System.nanoTime() + d.toNanos();
    long tick = Math.max(100, d.toMillis() / 8);
    while (true) {
      long left = (end - System.nanoTime()) / 1_000_000;
      if (left <= 0) {
        return;
      }
      Thread.sleep(Math.min(tick, left));
      out.print(mark);
      out.flush();
    }
  }

  private void results(Run p, Run s) {
    String row = "      %-34s %-28s %-28s%n";
    out.printf(Locale.ROOT, row, "", "parallel graph", "sequential chain");
    out.printf(Locale.ROOT, row, "shape", p.shape(), s.shape());
    out.printf(Locale.ROOT, row, "NFs a packet waits for in a row", p.length(), s.length());
    String at = "at %,d packets/s to the port".formatted(settings.ratePps());
    out.printf(Locale.ROOT, row, "latency " + at, "", "");
    out.printf(
        Locale.ROOT,
        row,
        "  p50 / p99",
        micros(p.latency().latency().p50()) + " / " + micros(p.latency().latency().p99()),
        micros(s.latency().latency().p50()) + " / " + micros(s.latency().latency().p99()));
    out.printf(
        Locale.ROOT,
        row,
        "  p99.9 / max",
        micros(p.latency().latency().p999()) + " / " + micros(p.latency().latency().max()),
        micros(s.latency().latency().p999()) + " / " + micros(s.latency().latency().max()));
    out.printf(
        Locale.ROOT,
        row,
        "  packets taken / delivered",
        "%,d / %,d".formatted(p.latency().accepted(), p.latency().delivered()),
        "%,d / %,d".formatted(s.latency().accepted(), s.latency().delivered()));
    out.printf(
        Locale.ROOT,
        row,
        "throughput (as fast as it goes)",
        mpps(p.throughput().pps()),
        mpps(s.throughput().pps()));
    out.printf(
        Locale.ROOT,
        row,
        "  latency p50 / p99 under it",
        micros(p.throughput().latency().p50()) + " / " + micros(p.throughput().latency().p99()),
        micros(s.throughput().latency().p50()) + " / " + micros(s.throughput().latency().p99()));
    out.printf(
        Locale.ROOT,
        row,
        "  dropped by a verdict (NFs' own)",
        "%,d".formatted(p.throughput().dropped() + p.latency().dropped()),
        "%,d".formatted(s.throughput().dropped() + s.latency().dropped()));
    long unclassified =
        p.latency().unclassified()
            + p.throughput().unclassified()
            + s.latency().unclassified()
            + s.throughput().unclassified();
    detail(
        ("in these windows the port also took %,d packets no graph matches (the trace's UDP"
                + " flows): counted as unclassified, as the classifier must")
            .formatted(unclassified));
    out.flush();
  }

  private List<Event> readEvents(EmbeddedKafka broker, Set<String> instances) {
    List<Event> events = new ArrayList<>();
    Set<String> deleted = new java.util.HashSet<>();
    Instant deadline = Instant.now().plus(EVENTS_TIMEOUT);
    try (EventConsumer consumer =
        EventConsumer.builder(broker.settings())
            .topics(List.of(Topics.PACKAGES, Topics.LIFECYCLE, Topics.TELEMETRY))
            .fromBeginning(true)
            .clientId("nfp-demo")
            .build()) {
      while (deleted.size() < instances.size() && Instant.now().isBefore(deadline)) {
        for (Event e : consumer.poll(Duration.ofMillis(500))) {
          events.add(e);
          if (e.data() instanceof EventData.VnfInstanceDeleted d
              && instances.contains(d.vnfInstanceId())) {
            deleted.add(d.vnfInstanceId());
          }
        }
      }
      // What the relay published in the same round as the last deletion, on other partitions.
      events.addAll(consumer.poll(Duration.ofMillis(500)));
    }
    if (deleted.size() < instances.size()) {
      detail(
          "only %d of %d instances' deletions arrived within %d s"
              .formatted(deleted.size(), instances.size(), EVENTS_TIMEOUT.toSeconds()));
    }
    events.sort(java.util.Comparator.comparing(e -> e.cloudEvent().time()));
    return events;
  }

  private Map<String, Long> printEvents(List<Event> events) {
    Map<String, Long> counts = new LinkedHashMap<>();
    Instant first = events.isEmpty() ? Instant.now() : events.getFirst().cloudEvent().time();
    int telemetry = 0;
    for (Event e : events) {
      EventType type = EventType.byType(e.cloudEvent().type()).orElse(null);
      String name = type == null ? e.cloudEvent().type() : type.shortName();
      counts.merge(name, 1L, Long::sum);
      if (type == EventType.GRAPH_TELEMETRY) {
        telemetry++;
        continue;
      }
      out.printf(
          Locale.ROOT,
          "      +%7.3f s  %-22s %-32s %s%n",
          Duration.between(first, e.cloudEvent().time()).toNanos() / 1e9,
          e.topic(),
          name,
          describe(e.data()));
    }
    if (telemetry > 0) {
      out.printf(
          Locale.ROOT,
          "      and %d %s events on %s (each deployed graph's counters and latency)%n",
          telemetry,
          EventType.GRAPH_TELEMETRY.shortName(),
          Topics.TELEMETRY);
    }
    detail(
        "%d events in all, each a CloudEvent with a JSON Schema (docs/events.md)"
            .formatted(events.size()));
    out.flush();
    return counts;
  }

  private static String describe(EventData d) {
    return switch (d) {
      case EventData.PackageOnboarded p -> p.vnfProductName() + " " + p.vnfSoftwareVersion();
      case EventData.PackageStateChanged p ->
          "package " + p.vnfPkgId() + " " + p.operationalState();
      case EventData.VnfInstanceCreated c -> "instance " + c.vnfInstanceId();
      case EventData.VnfInstanceDeleted c -> "instance " + c.vnfInstanceId();
      case EventData.OperationStateChanged o ->
          o.operation() + " " + o.operationState() + " of " + o.vnfInstanceId();
      case EventData.GraphCompiled g -> g.plan() + ": " + g.shape();
      case EventData.GraphDeployed g -> g.deployment() + " on node " + g.node();
      case EventData.GraphUndeployed g -> g.deployment() + " (" + g.reason() + ")";
      default -> "";
    };
  }

  private String verdict(Run p, Run s, Duration took) {
    double latency = change(p.latency().latency().p50(), s.latency().latency().p50());
    double throughput = change(p.throughput().pps(), s.throughput().pps());
    return String.format(
        Locale.ROOT,
        "Done in %.0f s. Parallel against sequential on this machine: p50 latency %s, throughput"
            + " %s (%d CPUs; docs/benchmarks.md has the measurements on more cores).",
        took.toMillis() / 1000.0,
        latency < 0
            ? "%.0f%% lower".formatted(-latency * 100)
            : "%.0f%% higher".formatted(latency * 100),
        throughput >= 0
            ? "%.0f%% higher".formatted(throughput * 100)
            : "%.0f%% lower".formatted(-throughput * 100),
        Runtime.getRuntime().availableProcessors());
  }

  private static double change(double parallel, double sequential) {
    return sequential == 0 ? 0 : parallel / sequential - 1;
  }

  private VnfmConfig config(Path trace, int device) {
    VnfmConfig d = VnfmConfig.defaults(settings.work().resolve("vnfm"));
    VnfmConfig.LocalNodeConfig local =
        new VnfmConfig.LocalNodeConfig(
            true,
            "net_pcap_demo" + device + ",rx_pcap=" + trace.toAbsolutePath() + ",infinite_rx=1",
            "net_null_demo" + device,
            2,
            List.of(
                "--no-huge",
                "--no-pci",
                "-m",
                "512",
                "--file-prefix",
                "nfp-demo-" + ProcessHandle.current().pid(),
                "--no-telemetry",
                "--log-level=lib.eal:warning",
                "--log-level=pmd.net.pcap:error"),
            // The looped trace lives in the pool, with room for what is in flight.
            settings.packets() + VnfmConfig.LocalNodeConfig.DEFAULT_POOL_SIZE);
    // The embedded broker on a free port; telemetry often enough to show in a short run.
    VnfmConfig.EventsConfig events =
        d.events().with(true, "", 0).withTelemetryInterval(Duration.ofSeconds(2));
    return new VnfmConfig(
        d.dataDir(),
        new VnfmConfig.HttpConfig("127.0.0.1", 0, "", d.http().tls()),
        d.database(),
        d.security(),
        d.nfvo(),
        new VnfmConfig.NodesConfig(local, Map.of()),
        d.notifications(),
        d.monitoring(),
        events);
  }

  /** Empties {@code work} when it is the demo's own (it has the marker file), then creates it. */
  private static void prepare(Path work) throws IOException {
    if (Files.exists(work)) {
      boolean empty;
      try (var entries = Files.list(work)) {
        empty = entries.findAny().isEmpty();
      }
      if (!empty && !Files.exists(work.resolve(MARKER))) {
        throw new IllegalArgumentException(
            work
                + " exists and is not a folder nfp demo made (no "
                + MARKER
                + " file in it): give another --work folder");
      }
      LoadCommand.deleteTree(work);
    }
    Files.createDirectories(work);
    Files.writeString(work.resolve(MARKER), "made by nfp demo; emptied by its next run\n");
  }

  private static boolean listening(int port) {
    try (Socket s = new Socket()) {
      s.connect(new InetSocketAddress("127.0.0.1", port), 500);
      return true;
    } catch (IOException e) {
      return false;
    }
  }

  private void step(String what) {
    step++;
    out.printf(
        Locale.ROOT,
        "[%d/%d] %s  (%.1f s)%n",
        step,
        STEPS,
        what,
        (System.nanoTime() - started) / 1e9);
    out.flush();
  }

  private void detail(String what) {
    out.println("      " + what);
    out.flush();
  }

  private void say(String what) {
    out.println(what);
    out.flush();
  }

  static String micros(long nanos) {
    return String.format(Locale.ROOT, "%.1f µs", nanos / 1000.0);
  }

  static String mpps(double pps) {
    return String.format(Locale.ROOT, "%.3f Mpps", pps / 1e6);
  }
}
