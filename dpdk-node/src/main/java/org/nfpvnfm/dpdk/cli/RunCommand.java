package org.nfpvnfm.dpdk.cli;

import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.Callable;
import org.jspecify.annotations.Nullable;
import org.nfpvnfm.cli.Nfp;
import org.nfpvnfm.cli.NfpSubcommand;
import org.nfpvnfm.dpdk.DpdkException;
import org.nfpvnfm.dpdk.Eal;
import org.nfpvnfm.dpdk.nf.NetworkFunction;
import org.nfpvnfm.dpdk.nf.NfFactory;
import org.nfpvnfm.dpdk.nf.NfImplementations;
import org.nfpvnfm.dpdk.nf.ProfileNf;
import org.nfpvnfm.dpdk.node.Node;
import org.nfpvnfm.dpdk.node.NodeConfig;
import org.nfpvnfm.dpdk.node.NodeStats;
import org.nfpvnfm.engine.Compilation;
import org.nfpvnfm.engine.GraphCompilation;
import org.nfpvnfm.engine.NfpCompiler;
import org.nfpvnfm.engine.ServiceGraph;
import org.nfpvnfm.tosca.Diagnostic;
import org.nfpvnfm.tosca.LoadResult;
import org.nfpvnfm.tosca.ToscaLoader;
import org.nfpvnfm.tosca.nfp.NfImplementation;
import org.nfpvnfm.tosca.nfp.NfpModel;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code nfp run PACKAGE --in TRACE.pcap --out OUT.pcap}: compiles a package, starts a DPDK node
 * (EAL without hugepages, a {@code net_pcap} device reading the trace and writing the output),
 * deploys its graphs, replays the trace through them and prints what happened to the packets.
 */
@Command(
    name = "run",
    description = {
      "Replay a pcap through a package's compiled service graphs on a DPDK node, writing the"
          + " packets that come out to another pcap.",
      "PACKAGE is a .yaml file, a package folder or a .zip/.csar package. Every graph that"
          + " compiles is deployed, in template order; a packet goes to the first graph whose"
          + " classifier matches it. An NF whose action profile names an installed"
          + " implementation (function, config) runs it; the others run as profile models, which"
          + " do exactly what their action profile declares."
    },
    exitCodeListHeading = "%nExit codes:%n",
    exitCodeList = {
      "0:the trace was replayed (drops by NFs are results, not errors)",
      "1:the package has errors, the trace cannot be read, or DPDK cannot start",
      "2:usage error"
    })
public final class RunCommand implements Callable<Integer>, NfpSubcommand {

  @Spec @Nullable CommandSpec spec;

  @Option(
      names = {"-h", "--help"},
      usageHelp = true,
      description = "Show this help and exit.")
  boolean help;

  @Parameters(index = "0", paramLabel = "PACKAGE", description = "The descriptor to run.")
  Path path = Path.of("");

  @Option(names = "--in", required = true, paramLabel = "TRACE", description = "Input pcap.")
  Path in = Path.of("");

  @Option(names = "--out", required = true, paramLabel = "FILE", description = "Output pcap.")
  Path out = Path.of("");

  @Option(
      names = "--sequential",
      description = "Run each graph's sequential plan (the NFs one after another) instead.")
  boolean sequential;

  @Option(
      names = "--workers",
      paramLabel = "N",
      description = "Worker threads (cores) of the node. Default: ${DEFAULT-VALUE}.")
  int workers = 2;

  @Option(
      names = "--mergers",
      paramLabel = "N",
      description = "Merger instances per parallel block. Default: ${DEFAULT-VALUE}.")
  int mergers = 1;

  private @Nullable NfpModel model;

  @Option(
      names = "--timeout",
      paramLabel = "SECONDS",
      description = "Give up when the trace has not drained by then. Default: ${DEFAULT-VALUE}.")
  int timeoutSeconds = 600;

  @Override
  public Object command() {
    return new RunCommand();
  }

  @Override
  public Integer call() throws InterruptedException {
    CommandLine cli = Objects.requireNonNull(spec).commandLine();
    PrintWriter stdout = cli.getOut();
    PrintWriter err = cli.getErr();
    if (workers < 1 || mergers < 1) {
      throw new CommandLine.ParameterException(
          cli, "--workers and --mergers must be at least 1 (got " + workers + ", " + mergers + ")");
    }
    if (!Files.isReadable(in)) {
      err.println("nfp run: cannot read the trace " + in);
      err.flush();
      return Nfp.EXIT_PROBLEMS;
    }
    List<ServiceGraph> graphs = compile(err);
    if (graphs.isEmpty()) {
      err.flush();
      return Nfp.EXIT_PROBLEMS;
    }
    List<String> models = new ArrayList<>();
    NfFactory factory = factory(models);
    NodeConfig config =
        NodeConfig.defaults(
                "net_pcap_run,rx_pcap=" + in.toAbsolutePath() + ",tx_pcap=" + out.toAbsolutePath())
            .withWorkers(workers)
            .withMergers(mergers, NodeConfig.Balance.FLOW)
            .withRingSize(4096);
    NodeStats stats;
    long started = System.nanoTime();
    try {
      if (Eal.current().isEmpty()) {
        Eal.start(ealArguments());
      }
      try (Node node = Node.startPaused(config)) {
        for (ServiceGraph g : graphs) {
          node.deploy(g.name(), g, factory);
        }
        node.resumeReceive();
        if (!node.awaitIdle(Duration.ofMillis(300), Duration.ofSeconds(timeoutSeconds))) {
          err.println("nfp run: the trace did not drain in " + timeoutSeconds + " s");
        }
        stats = node.stats();
      }
    } catch (DpdkException | IllegalArgumentException | IllegalStateException e) {
      err.println("nfp run: " + e.getMessage());
      err.flush();
      return Nfp.EXIT_PROBLEMS;
    }
    double seconds = (System.nanoTime() - started) / 1e9;
    if (!models.isEmpty()) {
      stdout.println(
          "profile models (no implementation named, or none installed, for): "
              + String.join(", ", models));
    }
    stdout.print(report(stats, seconds));
    stdout.flush();
    return 0;
  }

  /**
   * Real NFs where the descriptor names an implementation an installed NF SDK provides ({@code
   * function}, {@code config}), profile models for the others, listed in {@code models}.
   */
  private NfFactory factory(List<String> models) {
    List<NfImplementations> implementations = NfImplementations.load();
    NfpModel m = model;
    return (graph, nf) -> {
      NfImplementation impl =
          m == null
              ? null
              : m.nf(nf.name())
                  .map(org.nfpvnfm.tosca.nfp.NetworkFunction::implementation)
                  .orElse(null);
      if (impl != null) {
        for (NfImplementations i : implementations) {
          Optional<NetworkFunction> made = i.create(nf, impl);
          if (made.isPresent()) {
            return made.get();
          }
        }
      }
      models.add(graph.name() + "/" + nf.name());
      return new ProfileNf(nf.profile(), ProfileNf.seedFor(nf.id()));
    };
  }

  private List<ServiceGraph> compile(PrintWriter err) {
    LoadResult loaded = ToscaLoader.create().load(path);
    List<Diagnostic> diagnostics = new ArrayList<>(loaded.diagnostics());
    List<ServiceGraph> graphs = new ArrayList<>();
    NfpModel nfp = loaded.nfp();
    this.model = nfp;
    if (loaded.ok() && nfp != null) {
      Compilation c =
          NfpCompiler.create()
              .plan(sequential ? NfpCompiler.Plan.SEQUENTIAL : NfpCompiler.Plan.PARALLEL)
              .compile(nfp);
      diagnostics.addAll(c.diagnostics());
      for (GraphCompilation g : c.graphs()) {
        g.serviceGraph().ifPresent(graphs::add);
      }
    }
    diagnostics.stream().filter(Diagnostic::isError).forEach(err::println);
    if (diagnostics.stream().anyMatch(Diagnostic::isError)) {
      err.println("nfp run: " + path + " has errors; nothing was run");
      return List.of();
    }
    if (graphs.isEmpty()) {
      err.println("nfp run: " + path + " has no service graph to run (no NFP rules or VNFFG)");
    }
    return graphs;
  }

  /** One process, one EAL: no hugepages, no PCI scan, a file prefix of its own, quiet logs. */
  static List<String> ealArguments() {
    return List.of(
        "--no-huge",
        "--no-pci",
        "-m",
        "512",
        "--file-prefix",
        "nfp-run-" + ProcessHandle.current().pid(),
        "--no-telemetry",
        "--log-level=lib.eal:warning",
        "--log-level=pmd.net.pcap:error");
  }

  static String report(NodeStats stats, double seconds) {
    StringBuilder b = new StringBuilder();
    for (NodeStats.Port p : stats.ports()) {
      b.append(
          "port %s: %d received, %d malformed%s, %d unclassified, %d sent%n"
              .formatted(
                  p.name(),
                  p.received(),
                  p.malformed().values().stream().mapToLong(Long::longValue).sum(),
                  p.malformed().isEmpty() ? "" : " " + p.malformed(),
                  p.unclassified(),
                  p.sent()));
    }
    for (NodeStats.Graph g : stats.graphs()) {
      b.append(
          "graph %s: %s, %d merger(s) per block%n  %d accepted, %d delivered, %d dropped%s%n"
              .formatted(
                  g.name(),
                  g.shape(),
                  g.mergers(),
                  g.accepted(),
                  g.delivered(),
                  g.dropped(),
                  g.drops().isEmpty() ? "" : " " + reasons(g.drops())));
      NodeStats.Latency l = g.latency();
      b.append(
          "  latency (accept to transmit): p50 %s, p99 %s, max %s%n"
              .formatted(micros(l.p50()), micros(l.p99()), micros(l.max())));
    }
    for (NodeStats.Nf nf : stats.nfs()) {
      b.append(
          "  nf %s/%s on worker %d: %d in, %d passed, %d dropped, %d failed%n"
              .formatted(
                  nf.graph(),
                  nf.name(),
                  nf.worker(),
                  nf.received(),
                  nf.passed(),
                  nf.dropped(),
                  nf.failed()));
    }
    b.append("%.2f s%n".formatted(seconds));
    return b.toString();
  }

  private static String reasons(Map<String, Long> drops) {
    StringBuilder b = new StringBuilder("(");
    drops.forEach((k, v) -> b.append(b.length() > 1 ? ", " : "").append(k).append(' ').append(v));
    return b.append(')').toString();
  }

  private static String micros(long nanos) {
    return String.format(Locale.ROOT, "%.1f µs", nanos / 1000.0);
  }
}
