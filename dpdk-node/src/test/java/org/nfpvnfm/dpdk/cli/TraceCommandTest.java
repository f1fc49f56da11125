package org.nfpvnfm.dpdk.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nfpvnfm.cli.Nfp;
import org.nfpvnfm.dpdk.trace.FlowDistribution;
import org.nfpvnfm.dpdk.trace.Prefix;
import org.nfpvnfm.dpdk.trace.SizeDistribution;
import org.nfpvnfm.dpdk.trace.TraceGenerator;
import org.nfpvnfm.dpdk.trace.TraceSpec;
import picocli.CommandLine;

/** {@code nfp trace}: the file, the summary, and one line for each bad option. */
class TraceCommandTest {
  @TempDir Path dir;

  private final StringWriter out = new StringWriter();
  private final StringWriter err = new StringWriter();

  private int run(String... args) {
    CommandLine cli = Nfp.commandLine();
    cli.setOut(new PrintWriter(out));
    cli.setErr(new PrintWriter(err));
    return cli.execute(args);
  }

  @Test
  void writesTheTraceTheGeneratorWritesAndSummarisesIt() throws Exception {
    Path file = dir.resolve("sub/t.pcap");
    int code =
        run(
            "trace",
            "--out",
            file.toString(),
            "--packets",
            "2000",
            "--sizes",
            "imix",
            "--flows",
            "zipf:100:1.2",
            "--ipv6",
            "0.25",
            "--tcp",
            "0.5",
            "--rate",
            "1000",
            "--seed",
            "7",
            "--dst",
            "203.0.113.0/24,2001:db8:1::/48");

    assertThat(code).as("exit code; stderr: %s", err).isZero();
    assertThat(err.toString()).isEmpty();
    Path expected = dir.resolve("expected.pcap");
    var summary =
        TraceGenerator.write(
            TraceSpec.defaults()
                .withPackets(2000)
                .withSizes(SizeDistribution.IMIX)
                .withFlows(FlowDistribution.zipf(100, 1.2))
                .withIpv6Share(0.25)
                .withTcpShare(0.5)
                .withRatePps(1000)
                .withSeed(7)
                .withDstPrefixes(
                    List.of(Prefix.parse("203.0.113.0/24"), Prefix.parse("2001:db8:1::/48"))),
            expected);
    assertThat(Files.mismatch(file, expected)).isEqualTo(-1L);
    assertThat(out.toString())
        .startsWith("wrote " + file + ": 2000 packets, " + summary.bytes() + " bytes of frames")
        .contains("(sizes imix, mean 357.8 B)")
        .contains("flows zipf:100:1.2: " + summary.distinctFlows() + " with packets")
        .contains(summary.ipv6Packets() + " IPv6 packets")
        .contains(summary.tcpPackets() + " TCP packets")
        .contains("1000 pps from 2024-01-01T00:00:00Z, 1.999000 s; seed 7");
  }

  @Test
  void theDefaultsWriteADataCentreTrace() throws Exception {
    Path file = dir.resolve("t.pcap");
    assertThat(run("trace", "-o", file.toString(), "--packets", "500")).isZero();
    assertThat(out.toString()).contains("sizes dc, mean 724.0 B").contains("flows uniform:1024");
    assertThat(Files.size(file)).isGreaterThan(24 + 500 * 16 + 500 * 60);
  }

  private void assertUsageError(String expected, String... options) {
    out.getBuffer().setLength(0);
    err.getBuffer().setLength(0);
    String[] args = new String[options.length + 3];
    args[0] = "trace";
    args[1] = "--out";
    args[2] = dir.resolve("bad.pcap").toString();
    System.arraycopy(options, 0, args, 3, options.length);

    int code = run(args);

    assertThat(code).as("exit code for %s", List.of(options)).isEqualTo(Nfp.EXIT_USAGE);
    assertThat(err.toString()).as("one line").hasLineCount(1).startsWith("nfp trace: ");
    assertThat(err.toString())
        .contains(expected)
        .doesNotContain("Exception")
        .doesNotContain("\tat ");
    assertThat(dir.resolve("bad.pcap")).doesNotExist();
  }

  @Test
  void aBadOptionValueIsAUsageErrorOfOneLineNamingItAndWhatIsExpected() {
    assertUsageError(
        "--sizes: size distribution \"normal\" (expected: a frame size in bytes such as 64,",
        "--sizes",
        "normal");
    assertUsageError(
        "--sizes: size distribution 40: frame size 40 (expected: 60 to 1514", "--sizes", "40");
    assertUsageError(
        "--flows: flow distribution zipf:0:1: 0 flows (expected: 1 to 16777216)",
        "--flows",
        "zipf:0:1");
    assertUsageError("--flows: flow distribution \"uniform\"", "--flows", "uniform");
    assertUsageError("--ipv6: IPv6 share: 1.5 (expected: a fraction from 0 to 1", "--ipv6", "1.5");
    assertUsageError("--tcp: TCP share: -0.2", "--tcp", "-0.2");
    assertUsageError("--packets: packets: 0 (expected: 1 to", "--packets", "0");
    assertUsageError("--rate: rate: 0 packets per second (expected: at least 1)", "--rate", "0");
    assertUsageError("--dst: prefix \"10.1.0.0/8\": host bits set", "--dst", "10.1.0.0/8");
    assertUsageError(
        "--dst: destination prefixes [2001:db8::/32]: no IPv4 prefix", "--dst", "2001:db8::/32");
  }

  @Test
  void whatPicocliRejectsIsAUsageErrorToo() {
    assertThat(run("trace", "--packets", "10")).isEqualTo(Nfp.EXIT_USAGE);
    assertThat(err.toString()).startsWith("Missing required option: '--out=FILE'");
    err.getBuffer().setLength(0);
    assertThat(run("trace", "--out", "x.pcap", "--packets", "ten")).isEqualTo(Nfp.EXIT_USAGE);
    assertThat(err.toString())
        .startsWith("Invalid value for option '--packets': 'ten' is not a long");
    assertThat(err.toString()).doesNotContain("Exception");
  }

  @Test
  void saysSoWhenTheFileCannotBeWritten() throws Exception {
    Path notAFolder = dir.resolve("file");
    Files.writeString(notAFolder, "x");
    int code = run("trace", "--out", notAFolder.resolve("t.pcap").toString(), "--packets", "10");
    assertThat(code).isEqualTo(Nfp.EXIT_PROBLEMS);
    assertThat(err.toString()).startsWith("nfp trace: cannot write ").doesNotContain("\tat ");
  }

  @Test
  void helpListsTheOptions() {
    assertThat(run("help", "trace")).isZero();
    assertThat(out.toString())
        .contains("--out=FILE")
        .contains("--sizes=SIZES")
        .contains("--flows=FLOWS")
        .contains("--ipv6=SHARE")
        .contains("--seed=S")
        .contains("Exit codes:");
  }
}
