package org.nfpvnfm.vnfm.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Objects;
import java.util.concurrent.Callable;
import org.jspecify.annotations.Nullable;
import org.nfpvnfm.cli.Nfp;
import org.nfpvnfm.cli.NfpSubcommand;
import org.nfpvnfm.cli.SamplesCommand;
import org.nfpvnfm.events.EventType;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code nfp demo}: the main job on embedded defaults, end to end ({@link Demo}): a VNFM, a Kafka
 * broker and a DPDK node started here, driven over SOL003 HTTP, the paper's chain measured as a
 * parallel graph and as a sequential chain, its events read back, and everything stopped.
 */
@Command(
    name = "demo",
    description = {
      "The main job on embedded defaults: start the VNFM (H2 database, embedded Kafka broker, a"
          + " local DPDK node on virtual devices, no hugepages), act as an NFVO over SOL003 HTTP"
          + " (onboard the paper's sample package, create, instantiate), replay a generated"
          + " data-centre trace through the NFP parallel graph and through the sequential chain"
          + " of the same NFs, print the compiled graph, both plans' latency and throughput side"
          + " by side and the events read back from Kafka, then terminate and shut everything"
          + " down. About two minutes on two cores.",
      "Everything it writes goes under --work (emptied first): the trace, the VNFM's database"
          + " and packages, the broker's log, and demo.log."
    },
    exitCodeListHeading = "%nExit codes:%n",
    exitCodeList = {
      "0:every step worked and both plans delivered packets",
      "1:a step failed (the message says which and why; demo.log has the details)",
      "2:usage error"
    })
public final class DemoCommand implements Callable<Integer>, NfpSubcommand {

  @Spec @Nullable CommandSpec spec;

  @Option(
      names = {"-h", "--help"},
      usageHelp = true,
      description = "Show this help and exit.")
  boolean help;

  @Option(
      names = "--work",
      paramLabel = "DIR",
      description = "Where the demo writes (emptied first). Default: ${DEFAULT-VALUE}.")
  Path work = Path.of("nfp-demo");

  @Option(
      names = "--package",
      paramLabel = "DIR",
      description =
          "The SOL004 package to onboard. Default: samples-vnfd/"
              + Demo.PACKAGE
              + " (the paper's"
              + " chain, VPN -> {Monitor | Firewall} -> Load balancer).")
  @Nullable Path packageFolder;

  @Option(
      names = "--packets",
      paramLabel = "N",
      description =
          "Packets in the generated trace, replayed in a loop. Default: ${DEFAULT-VALUE}.")
  int packets = 32_768;

  @Option(
      names = "--rate",
      paramLabel = "PPS",
      description = "Offered load of the latency measurement. Default: ${DEFAULT-VALUE}.")
  long ratePps = 50_000;

  @Option(
      names = "--seconds",
      paramLabel = "S",
      description = "Length of each measurement window. Default: ${DEFAULT-VALUE}.")
  double seconds = 5;

  @Option(
      names = "--quick",
      description = "A short run (4096 packets, 1 s windows): checks the path, measures little.")
  boolean quick;

  /** What the last run did, for the test that checks it; null before a run or after a failure. */
  Demo.@Nullable Report report;

  @Override
  public Object command() {
    return new DemoCommand();
  }

  @Override
  public Integer call() throws Exception {
    CommandLine cli = Objects.requireNonNull(spec).commandLine();
    PrintWriter out = cli.getOut();
    PrintWriter err = cli.getErr();
    if (packets < 64 || packets > 1_000_000 || ratePps < 1 || !(seconds >= 0.2)) {
      throw new CommandLine.ParameterException(
          cli,
          "--packets must be 64 to 1000000, --rate at least 1 and --seconds at least 0.2 (got "
              + packets
              + ", "
              + ratePps
              + ", "
              + seconds
              + ")");
    }
    Path pkg = packageFolder;
    if (pkg == null) {
      Path samples = SamplesCommand.findSamples();
      pkg = samples == null ? null : samples.resolve(Demo.PACKAGE);
    }
    if (pkg == null || !Files.isDirectory(pkg)) {
      err.println(
          "nfp demo: no package folder "
              + (pkg == null ? "samples-vnfd/" + Demo.PACKAGE : pkg)
              + ". Run it from the repository (./nfp demo) or pass --package DIR.");
      err.flush();
      return Nfp.EXIT_PROBLEMS;
    }
    Duration window = Duration.ofMillis(Math.round((quick ? 1 : seconds) * 1000));
    Demo.Settings settings =
        new Demo.Settings(
            work.toAbsolutePath().normalize(),
            pkg.toAbsolutePath().normalize(),
            quick ? 4096 : packets,
            quick ? 512 : 4096,
            ratePps,
            quick ? Duration.ofMillis(500) : Duration.ofSeconds(2),
            window);
    Demo.Report report;
    try {
      report = new Demo(settings, out).run();
      this.report = report;
    } catch (RuntimeException | IOException e) {
      out.flush();
      err.println("nfp demo: " + e.getMessage());
      Path log = settings.work().resolve("demo.log");
      if (Files.exists(log)) {
        err.println("nfp demo: the log is " + log);
      }
      err.flush();
      return Nfp.EXIT_PROBLEMS;
    }
    boolean ok =
        report.parallel().latency().delivered() > 0
            && report.sequential().latency().delivered() > 0
            && report.parallel().throughput().delivered() > 0
            && report.sequential().throughput().delivered() > 0
            && report.eventCounts().getOrDefault(EventType.VNF_INSTANCE_DELETED.shortName(), 0L)
                == 2
            && report.apiClosed()
            && report.brokerClosed();
    if (!ok) {
      err.println("nfp demo: the run did not show what it should (see above)");
      err.flush();
      return Nfp.EXIT_PROBLEMS;
    }
    return 0;
  }
}
