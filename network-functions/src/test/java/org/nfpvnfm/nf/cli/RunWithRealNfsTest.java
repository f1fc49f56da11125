package org.nfpvnfm.nf.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nfpvnfm.cli.Nfp;
import org.nfpvnfm.dpdk.Eal;
import org.nfpvnfm.nf.profile.PcapReader;
import picocli.CommandLine;

/**
 * {@code nfp run} on a descriptor whose action profiles name real implementations: the firewall's
 * rules decide which packets come out, and only the NF without an implementation runs as a model.
 */
@Tag("integration")
class RunWithRealNfsTest {
  @TempDir Path dir;

  private static byte[] tcp(int i, int dport) {
    ByteBuffer b = ByteBuffer.allocate(64);
    b.putLong(0x0011223344550066L).putInt(0x778899aa).putShort((short) 0x0800);
    b.put((byte) 0x45).put((byte) 0).putShort((short) 50).putInt(0);
    b.put((byte) 64).put((byte) 6).putShort((short) 0).putInt(0x0a000000 | i).putInt(0xcb007101);
    b.putShort((short) (40000 + i)).putShort((short) dport).putInt(i).putInt(0);
    b.putShort((short) 0x5018).putShort((short) 512).putInt(0);
    return b.array();
  }

  @Test
  void runsTheNamedImplementationsAndModelsTheRest() throws Exception {
    if (Eal.current().isEmpty()) {
      Eal.start(Eal.testArguments());
    }
    Path descriptor =
        Files.writeString(
            dir.resolve("chain.yaml"),
            """
            tosca_definitions_version: tosca_simple_yaml_1_3
            topology_template:
              node_templates:
                FW: { type: tosca.nodes.Compute }
                MON: { type: tosca.nodes.Compute }
              groups:
                chain: { type: tosca.groups.Root, members: [ FW, MON ] }
              policies:
                - fw_profile:
                    type: nfp.policies.ActionProfile
                    properties:
                      profile: firewall
                      function: firewall
                      config: { rules: [ "-A FORWARD -p tcp --dport 22 -j DROP" ] }
                    targets: [ FW ]
                - mon_profile:
                    type: nfp.policies.ActionProfile
                    properties: { profile: monitor }
                    targets: [ MON ]
                - fw_before_mon:
                    type: nfp.policies.Order
                    properties: { nf: FW, relation: before, other: MON }
                    targets: [ chain ]
            """);
    List<byte[]> trace = new ArrayList<>();
    for (int i = 0; i < 40; i++) {
      trace.add(tcp(i, i % 4 == 0 ? 22 : 443));
    }
    Path in = ProfileCommandTest.pcap(dir.resolve("in.pcap"), trace);
    Path out = dir.resolve("out.pcap");
    StringWriter stdout = new StringWriter();
    StringWriter stderr = new StringWriter();
    CommandLine cli = Nfp.commandLine();
    cli.setOut(new PrintWriter(stdout));
    cli.setErr(new PrintWriter(stderr));

    int code =
        cli.execute("run", descriptor.toString(), "--in", in.toString(), "--out", out.toString());

    assertThat(code).as("exit code; stderr %s", stderr).isZero();
    assertThat(stdout.toString().lines())
        .contains("profile models (no implementation named, or none installed, for): template/MON")
        .contains("  40 accepted, 30 delivered, 10 dropped (dropped by NF 10)");
    List<byte[]> written = PcapReader.read(out);
    assertThat(written).as("packets out: the firewall dropped the 10 to port 22").hasSize(30);
    assertThat(written).allMatch(f -> ((f[36] & 0xff) << 8 | (f[37] & 0xff)) == 443);
  }
}
