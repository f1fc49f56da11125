package org.nfpvnfm.dpdk.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.concurrent.Callable;
import org.jspecify.annotations.Nullable;
import org.nfpvnfm.cli.Nfp;
import org.nfpvnfm.cli.NfpSubcommand;
import org.nfpvnfm.dpdk.trace.FlowDistribution;
import org.nfpvnfm.dpdk.trace.Prefix;
import org.nfpvnfm.dpdk.trace.SizeDistribution;
import org.nfpvnfm.dpdk.trace.TraceGenerator;
import org.nfpvnfm.dpdk.trace.TraceSpec;
import org.nfpvnfm.dpdk.trace.TraceSummary;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code nfp trace --out FILE.pcap}: writes a synthetic benchmark trace ({@link TraceGenerator})
 * and prints what it holds. The same options give the same bytes.
 */
@Command(
    name = "trace",
    description = {
      "Write a synthetic pcap trace for benchmarks: valid Ethernet/IPv4/IPv6 TCP and UDP frames"
          + " with right checksums, sizes and flows drawn from the given distributions, the same"
          + " bytes for the same options and seed.",
      "SIZES: a frame size (60 to 1514, FCS excluded), uniform:MIN-MAX, imix (60/590/1514 at"
          + " 7:4:1) or dc (a bimodal data-centre mix, mean exactly 724 bytes).",
      "FLOWS: uniform:N (N flows equally likely) or zipf:N:S (flow k with probability"
          + " proportional to 1/k^S)."
    },
    exitCodeListHeading = "%nExit codes:%n",
    exitCodeList = {
      "0:the trace was written",
      "1:the file cannot be written",
      "2:usage error (a bad option value: one line says which)"
    })
public final class TraceCommand implements Callable<Integer>, NfpSubcommand {

  @Spec @Nullable CommandSpec spec;

  @Option(
      names = {"-h", "--help"},
      usageHelp = true,
      description = "Show this help and exit.")
  boolean help;

  @Option(
      names = {"-o", "--out"},
      required = true,
      paramLabel = "FILE",
      description = "The pcap file to write (replaced if it exists; its folders are made).")
  Path out = Path.of("");

  @Option(
      names = "--packets",
      paramLabel = "N",
      description = "How many packets. Default: ${DEFAULT-VALUE}.")
  long packets = 1_000_000;

  @Option(
      names = "--sizes",
      paramLabel = "SIZES",
      description = "Frame sizes: 64, uniform:64-1500, imix or dc. Default: ${DEFAULT-VALUE}.")
  String sizes = "dc";

  @Option(
      names = "--flows",
      paramLabel = "FLOWS",
      description = "Flows: uniform:N or zipf:N:S. Default: ${DEFAULT-VALUE}.")
  String flows = "uniform:1024";

  @Option(
      names = "--ipv6",
      paramLabel = "SHARE",
      description = "Share of flows that are IPv6, 0 to 1. Default: ${DEFAULT-VALUE}.")
  double ipv6 = 0;

  @Option(
      names = "--tcp",
      paramLabel = "SHARE",
      description =
          "Share of flows that are TCP (the rest UDP), 0 to 1. Default: ${DEFAULT-VALUE}.")
  double tcp = 0.8;

  @Option(
      names = "--rate",
      paramLabel = "PPS",
      description =
          "Packets per second, for the timestamps (from 2024-01-01T00:00:00Z). Default:"
              + " ${DEFAULT-VALUE}.")
  long rate = 1_000_000;

  @Option(
      names = "--seed",
      paramLabel = "S",
      description =
          "The seed: another seed, another trace with the same statistics. Default:"
              + " ${DEFAULT-VALUE}.")
  long seed = 1;

  @Option(
      names = "--dst",
      split = ",",
      paramLabel = "PREFIX",
      description =
          "Destination prefixes, comma-separated, IPv4 and IPv6 (each flow picks one of its IP"
              + " version). Default: 192.168.0.0/16,172.16.0.0/12,198.18.0.0/15,2001:db8::/32.")
  @Nullable List<String> dst;

  @Override
  public Object command() {
    return new TraceCommand();
  }

  @Override
  public Integer call() {
    CommandLine cli = Objects.requireNonNull(spec).commandLine();
    PrintWriter stdout = cli.getOut();
    PrintWriter err = cli.getErr();
    TraceSpec trace;
    // Each option is applied in turn, so that a bad value is reported with its option's name.
    String option = "--packets";
    try {
      trace = TraceSpec.defaults().withPackets(packets);
      option = "--sizes";
      trace = trace.withSizes(SizeDistribution.parse(sizes));
      option = "--flows";
      trace = trace.withFlows(FlowDistribution.parse(flows));
      option = "--tcp";
      trace = trace.withTcpShare(tcp);
      option = "--ipv6";
      trace = trace.withIpv6Share(ipv6);
      option = "--dst";
      List<String> prefixes = dst;
      if (prefixes != null) {
        trace = trace.withDstPrefixes(prefixes.stream().map(Prefix::parse).toList());
      }
      option = "--rate";
      trace = trace.withRatePps(rate);
      trace = trace.withSeed(seed);
    } catch (IllegalArgumentException e) {
      err.println("nfp trace: " + option + ": " + e.getMessage());
      err.flush();
      return Nfp.EXIT_USAGE;
    }
    TraceSummary summary;
    try {
      Path parent = out.toAbsolutePath().getParent();
      if (parent != null) {
        Files.createDirectories(parent);
      }
      summary = TraceGenerator.write(trace, out);
    } catch (IOException e) {
      err.println("nfp trace: cannot write " + out + ": " + e);
      err.flush();
      return Nfp.EXIT_PROBLEMS;
    }
    stdout.print(report(out, trace, summary));
    stdout.flush();
    return 0;
  }

  static String report(Path file, TraceSpec trace, TraceSummary s) {
    return String.format(
        Locale.ROOT,
        "wrote %s: %d packets, %d bytes of frames, mean %.1f B (sizes %s, mean %.1f B)%n"
            + "  flows %s: %d with packets; %d IPv6 packets (%.1f%%), %d TCP packets (%.1f%%)%n"
            + "  %d pps from %s, %.6f s; seed %d%n",
        file,
        s.packets(),
        s.bytes(),
        s.meanFrameSize(),
        trace.sizes(),
        trace.sizes().mean(),
        trace.flows(),
        s.distinctFlows(),
        s.ipv6Packets(),
        100.0 * s.ipv6Packets() / s.packets(),
        s.tcpPackets(),
        100.0 * s.tcpPackets() / s.packets(),
        trace.ratePps(),
        Instant.ofEpochSecond(TraceGenerator.EPOCH_SECONDS),
        s.durationMicros() / 1e6,
        trace.seed());
  }
}
