package org.nfpvnfm.dpdk.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nfpvnfm.cli.Nfp;
import org.nfpvnfm.dpdk.DpdkTestSupport;
import org.nfpvnfm.dpdk.PcapFiles;
import picocli.CommandLine;

/** {@code nfp run}: a pcap through a package on a real node, and its errors. */
@Tag("integration")
class RunCommandTest {
  @TempDir Path dir;

  private final StringWriter out = new StringWriter();
  private final StringWriter err = new StringWriter();

  private int run(String... args) {
    // The test JVM shares one EAL (DPDK allows one per process): start it as every test does, so
    // the command finds it running with the same arguments... or reuses it.
    DpdkTestSupport.eal();
    CommandLine cli = Nfp.commandLine();
    cli.setOut(new PrintWriter(out));
    cli.setErr(new PrintWriter(err));
    return cli.execute(args);
  }

  private static Path sample(String relative) {
    for (Path d = Path.of("").toAbsolutePath(); d != null; d = d.getParent()) {
      if (Files.exists(d.resolve(relative))) {
        return d.resolve(relative);
      }
    }
    throw new IllegalStateException(relative);
  }

  /** A TCP segment to 203.0.113.1:80, which the data-centre sample's classifier takes. */
  private static byte[] tcp(int i) {
    byte[] f = new byte[64];
    f[12] = 0x08;
    f[14] = 0x45;
    f[17] = 50; // total length: 20 + 20 + 10
    f[22] = 64;
    f[23] = 6;
    f[26] = 10;
    f[29] = (byte) i;
    f[30] = (byte) 203;
    f[32] = 113;
    f[33] = 1;
    f[34] = (byte) 0xc3;
    f[35] = (byte) 0x50;
    f[37] = 80;
    f[46] = 0x50; // data offset 5
    f[47] = 0x18;
    return f;
  }

  @Test
  void replaysATraceThroughTheSamplePackageAndWritesThePacketsThatComeOut() throws Exception {
    List<byte[]> trace = new ArrayList<>();
    for (int i = 0; i < 200; i++) {
      trace.add(tcp(i));
    }
    Path in = dir.resolve("in.pcap");
    Path output = dir.resolve("out.pcap");
    PcapFiles.write(in, trace);

    int code =
        run(
            "run",
            sample("samples-vnfd/valid/datacenter-north-south").toString(),
            "--in",
            in.toString(),
            "--out",
            output.toString());

    assertThat(code).as("exit code; stderr: %s", err).isZero();
    assertThat(out.toString()).contains("graph ").contains("accepted").contains("latency");
    assertThat(Files.exists(output)).isTrue();
    List<byte[]> written = PcapFiles.read(output);
    assertThat(written.size()).as("packets out of %s", out).isPositive().isLessThanOrEqualTo(200);
  }

  @Test
  void refusesAPackageWithErrorsAndRunsNothing() throws Exception {
    Path in = dir.resolve("in.pcap");
    PcapFiles.write(in, List.of(tcp(1)));
    int code =
        run(
            "run",
            sample("samples-vnfd/invalid/nfp-order-cycle.yaml").toString(),
            "--in",
            in.toString(),
            "--out",
            dir.resolve("out.pcap").toString());
    assertThat(code).isEqualTo(Nfp.EXIT_PROBLEMS);
    assertThat(err.toString()).contains("has errors; nothing was run");
    assertThat(dir.resolve("out.pcap")).doesNotExist();
  }

  @Test
  void saysSoWhenTheTraceCannotBeRead() {
    int code =
        run(
            "run",
            sample("samples-vnfd/valid/datacenter-north-south").toString(),
            "--in",
            dir.resolve("missing.pcap").toString(),
            "--out",
            dir.resolve("out.pcap").toString());
    assertThat(code).isEqualTo(Nfp.EXIT_PROBLEMS);
    assertThat(err.toString()).contains("cannot read the trace");
  }
}
