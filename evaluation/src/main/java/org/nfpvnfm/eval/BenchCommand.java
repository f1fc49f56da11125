package org.nfpvnfm.eval;

import java.io.PrintStream;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.Callable;
import org.jspecify.annotations.Nullable;
import org.nfpvnfm.cli.Nfp;
import org.nfpvnfm.cli.NfpSubcommand;
import org.nfpvnfm.dpdk.DpdkException;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code nfp bench [EXPERIMENT...] [--smoke] [--out DIR]}: the paper's experiments on this
 * machine's DPDK node (docs/benchmarks.md).
 */
@Command(
    name = "bench",
    description = {
      "Run the paper's experiments end to end on the DPDK node (virtual devices, --no-huge), each"
          + " plan side by side with the sequential chain in one run, and write tables (CSV, JSON,"
          + " Markdown) and plots (PNG) stamped with the machine.",
      "Experiments: calibration, chain (1), complexity (2), degree (3), memory (4), merge-cost"
          + " (5), real-world (6), or all (the default). Every run busy-polls all cores: run it on"
          + " an otherwise idle machine."
    },
    exitCodeListHeading = "%nExit codes:%n",
    exitCodeList = {"0:every experiment ran", "1:an experiment failed", "2:usage error"})
public final class BenchCommand implements Callable<Integer>, NfpSubcommand {
  static final List<String> EXPERIMENTS =
      List.of("calibration", "chain", "complexity", "degree", "memory", "merge-cost", "real-world");

  @Spec @Nullable CommandSpec spec;

  @Option(
      names = {"-h", "--help"},
      usageHelp = true,
      description = "Show this help and exit.")
  boolean help;

  @Parameters(
      arity = "0..*",
      paramLabel = "EXPERIMENT",
      description = "Which experiments (default: all).")
  List<String> experiments = new ArrayList<>();

  @Option(
      names = "--smoke",
      description = "A few seconds per experiment and one point each: checks that it runs.")
  boolean smoke;

  @Option(
      names = "--out",
      paramLabel = "DIR",
      description = "Where tables and plots go (default: docs/benchmarks).")
  Path out = Path.of("docs", "benchmarks");

  @Option(
      names = "--window",
      paramLabel = "SECONDS",
      description = "Measured seconds per run (default: 1.5; 0.2 with --smoke).")
  @Nullable Double window;

  @Option(
      names = "--warmup",
      paramLabel = "SECONDS",
      description = "Seconds each run warms up before measuring (default: 0.7; 0.1 with --smoke).")
  @Nullable Double warmup;

  @Option(
      names = "--nfs",
      split = ",",
      paramLabel = "TYPE",
      description =
          "NF types for the complexity experiment (default: the paper's six, then synthetic NFs"
              + " of 100, 1000 and 3000 hash rounds: hash-N).")
  List<String> nfs = new ArrayList<>(Experiments.COMPLEXITY_NFS);

  @Option(
      names = "--c-binary",
      paramLabel = "PATH",
      description =
          "The C reference for experiment 1 (default: dpdk-node/target/native/nfp-pipeline-ref"
              + " when it is there; without it the C columns stay empty).")
  @Nullable Path cBinary;

  @Override
  public Object command() {
    return new BenchCommand();
  }

  @Override
  public Integer call() throws Exception {
    CommandLine cli = Objects.requireNonNull(spec).commandLine();
    PrintWriter err = cli.getErr();
    Set<String> chosen = new LinkedHashSet<>();
    for (String e : experiments.isEmpty() ? List.of("all") : experiments) {
      if (e.equals("all")) {
        chosen.addAll(EXPERIMENTS);
      } else if (EXPERIMENTS.contains(e)) {
        chosen.add(e);
      } else {
        err.println("nfp bench: no experiment " + e + " (expected: " + EXPERIMENTS + " or all)");
        err.flush();
        return Nfp.EXIT_USAGE;
      }
    }
    for (String type : nfs) {
      try {
        if (BenchChain.synthetic(type) < 0) {
          BenchChain.provider(type);
        }
      } catch (IllegalArgumentException e) {
        err.println("nfp bench: --nfs: " + e.getMessage());
        err.flush();
        return Nfp.EXIT_USAGE;
      }
    }
    double win = window != null ? window : smoke ? 0.2 : 1.5;
    double warm = warmup != null ? warmup : smoke ? 0.1 : 0.7;
    if (!(win > 0) || !(warm >= 0)) {
      err.println("nfp bench: --window must be above 0 and --warmup 0 or more");
      err.flush();
      return Nfp.EXIT_USAGE;
    }
    Path c = cBinary;
    if (c == null && Files.isExecutable(CReference.defaultBinary())) {
      c = CReference.defaultBinary();
    }
    if (c != null && !Files.isExecutable(c)) {
      err.println("nfp bench: --c-binary " + c + " is not an executable file");
      err.flush();
      return Nfp.EXIT_USAGE;
    }
    PrintStream log = System.out;
    BenchNode node;
    try {
      node =
          new BenchNode(
              Duration.ofMillis((long) (warm * 1000)), Duration.ofMillis((long) (win * 1000)));
    } catch (DpdkException e) {
      err.println("nfp bench: cannot start DPDK: " + e.getMessage());
      err.flush();
      return Nfp.EXIT_PROBLEMS;
    }
    log.println("nfp bench: " + node.workers() + " workers; " + node.calibration().describe());
    Experiments x = new Experiments(node, out, "./nfp bench", smoke, c, log);
    log.println("nfp bench: warming up the packet path...");
    x.warmUp(Duration.ofSeconds(smoke ? 2 : 8));
    for (String e : chosen) {
      long t0 = System.nanoTime();
      log.println();
      log.println("== " + e);
      switch (e) {
        case "calibration" -> x.calibration();
        case "chain" -> x.chain();
        case "complexity" -> x.complexity(nfs);
        case "degree" -> x.degree();
        case "memory" -> x.memory();
        case "merge-cost" -> x.mergeCost();
        case "real-world" -> x.realWorld();
        default -> throw new IllegalStateException(e);
      }
      log.printf("== %s took %.0f s%n", e, (System.nanoTime() - t0) / 1e9);
    }
    log.println();
    log.println("nfp bench: tables and plots in " + out.toAbsolutePath());
    log.flush();
    return 0;
  }
}
