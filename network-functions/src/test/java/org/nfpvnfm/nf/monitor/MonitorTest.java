package org.nfpvnfm.nf.monitor;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.nfpvnfm.nf.Frames.tcp4;
import static org.nfpvnfm.nf.Frames.tcp6;
import static org.nfpvnfm.nf.Frames.udp4;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nfpvnfm.nf.Frames;
import org.nfpvnfm.nf.NfConfig;
import org.nfpvnfm.nf.NfConfigException;
import org.nfpvnfm.nf.NfHarness;
import org.nfpvnfm.nf.NfHarness.Outcome;
import org.nfpvnfm.nf.NfRegistry;
import org.nfpvnfm.tosca.nfp.BuiltInProfiles;

@Tag("integration")
class MonitorTest {
  private static NfHarness harness;

  @BeforeAll
  static void start() {
    harness = new NfHarness();
  }

  @AfterAll
  static void stop() {
    harness.close();
  }

  private static MonitorNf monitor(DatagramSocket collector, Map<String, Object> extra) {
    Map<String, Object> p = new java.util.HashMap<>(extra);
    p.put("collector", "127.0.0.1:" + collector.getLocalPort());
    return (MonitorNf) new MonitorProvider().create(NfConfig.of("mon", p));
  }

  private static DatagramSocket collector() throws IOException {
    DatagramSocket s = new DatagramSocket(0, InetAddress.getLoopbackAddress());
    s.setSoTimeout(5000);
    return s;
  }

  private static byte[] receive(DatagramSocket s) throws IOException {
    DatagramPacket d = new DatagramPacket(new byte[65535], 65535);
    s.receive(d);
    return Arrays.copyOf(d.getData(), d.getLength());
  }

  private static List<Map<Integer, Object>> records(List<byte[]> messages) {
    Ipfix ipfix = new Ipfix();
    List<Map<Integer, Object>> out = new ArrayList<>();
    for (byte[] m : messages) {
      out.addAll(ipfix.decode(m, m.length).records());
    }
    return out;
  }

  @Test
  void isFoundByTheRegistryWithTheBuiltInProfile() {
    assertThat(NfRegistry.load().find("monitor")).isPresent();
    assertThat(new MonitorProvider().profile()).isEqualTo(BuiltInProfiles.MONITOR);
  }

  @Test
  void exportsOneRecordPerFlowWithPacketAndOctetCounts() throws IOException {
    try (DatagramSocket c = collector();
        MonitorNf nf = monitor(c, Map.of("export_interval_ms", 3_600_000))) {
      byte[] a = tcp4("10.0.0.1", 1234, "192.0.2.1", 80, "hello");
      List<Outcome> out =
          harness.run(
              nf,
              List.of(
                  a,
                  a,
                  tcp4("10.0.0.1", 1234, "192.0.2.1", 80, "x"),
                  tcp6("2001:db8::1", 5, "2001:db8::2", 443, "v6")));
      assertThat(out).noneMatch(Outcome::dropped);
      assertThat(out.getFirst().bytes()).isEqualTo(a);
      nf.flush();
      byte[] message = receive(c);
      Ipfix.Message m = new Ipfix().decode(message, message.length);
      assertThat(m.version()).isEqualTo(10);
      assertThat(m.length()).isEqualTo(message.length);
      assertThat(m.sequence()).isZero();
      assertThat(m.records()).hasSize(2);
      Map<Integer, Object> v4 =
          m.records().stream().filter(r -> r.containsKey(8)).findFirst().orElseThrow();
      assertThat(v4)
          .containsEntry(8, "10.0.0.1")
          .containsEntry(12, "192.0.2.1")
          .containsEntry(7, 1234L)
          .containsEntry(11, 80L)
          .containsEntry(4, 6L)
          .containsEntry(2, 3L)
          .containsEntry(1, 3L * 40 + 5 + 5 + 1)
          .containsEntry(136, 4L);
      assertThat((Long) v4.get(153)).isGreaterThanOrEqualTo((Long) v4.get(152));
      Map<Integer, Object> v6 =
          m.records().stream().filter(r -> r.containsKey(27)).findFirst().orElseThrow();
      assertThat(v6)
          .containsEntry(27, "2001:db8:0:0:0:0:0:1")
          .containsEntry(2, 1L)
          .containsEntry(1, 40L + 20 + 2);
      assertThat(nf.counters())
          .containsEntry("flows_exported", 2L)
          .containsEntry("flows_active", 0L);
    }
  }

  @Test
  void idleFlowsAreExportedFromProcessAndActiveOnesKept() throws Exception {
    try (DatagramSocket c = collector();
        MonitorNf nf =
            monitor(
                c,
                Map.of(
                    "idle_timeout_ms",
                    100,
                    "export_interval_ms",
                    1,
                    "active_timeout_ms",
                    3_600_000))) {
      harness.run(nf, udp4("10.0.0.1", 53, "10.0.0.2", 53, new byte[4]));
      TimeUnit.MILLISECONDS.sleep(250);
      harness.run(nf, udp4("10.0.0.9", 53, "10.0.0.2", 53, new byte[4]));
      List<Map<Integer, Object>> r = records(List.of(receive(c)));
      assertThat(r)
          .singleElement()
          .satisfies(
              x ->
                  assertThat(x)
                      .containsEntry(8, "10.0.0.1")
                      .containsEntry(136, 1L)
                      .containsEntry(4, 17L));
      assertThat(nf.counters()).containsEntry("flows_active", 1L);
    }
  }

  @Test
  void activeTimeoutExportsDeltasAndKeepsTheFlow() throws Exception {
    try (DatagramSocket c = collector();
        MonitorNf nf = monitor(c, Map.of("active_timeout_ms", 50, "export_interval_ms", 1))) {
      byte[] a = udp4("10.0.0.1", 1, "10.0.0.2", 2, new byte[0]);
      harness.run(nf, List.of(a, a));
      TimeUnit.MILLISECONDS.sleep(120);
      harness.run(nf, a);
      nf.flush();
      List<Map<Integer, Object>> r = records(List.of(receive(c), receive(c)));
      assertThat(r).extracting(x -> x.get(2)).containsExactly(3L, 0L);
      assertThat(r).extracting(x -> x.get(136)).containsExactly(2L, 4L);
    }
  }

  @Test
  void aFullTableCountsAndNonIpFramesPass() throws IOException {
    try (DatagramSocket c = collector();
        MonitorNf nf = monitor(c, Map.of("flow_table_size", 2, "export_interval_ms", 3_600_000))) {
      byte[] truncated = Arrays.copyOf(tcp4("10.0.0.1", 1, "10.0.0.2", 2, ""), 14 + 20 + 6);
      List<Outcome> out =
          harness.run(
              nf,
              List.of(
                  udp4("10.0.0.1", 1, "10.0.0.2", 2, new byte[0]),
                  udp4("10.0.0.1", 2, "10.0.0.2", 2, new byte[0]),
                  udp4("10.0.0.1", 3, "10.0.0.2", 2, new byte[0]),
                  Frames.arp(),
                  truncated));
      assertThat(out).noneMatch(Outcome::dropped);
      assertThat(out.getLast().malformed()).isTrue();
      assertThat(nf.counters())
          .containsEntry("packets", 4L)
          .containsEntry("non_ip", 1L)
          .containsEntry("flow_table_full", 1L)
          .containsEntry("flows_active", 2L);
    }
  }

  @Test
  void manyFlowsSpanSeveralMessagesWithRunningSequenceNumbers() throws IOException {
    try (DatagramSocket c = collector();
        MonitorNf nf =
            monitor(c, Map.of("export_interval_ms", 3_600_000, "flow_table_size", 1024))) {
      for (int k = 0; k < 4; k++) {
        List<byte[]> frames = new ArrayList<>();
        for (int i = 0; i < 100; i++) {
          frames.add(udp4("10.0.0.1", k * 100 + i, "10.0.0.2", 9, new byte[0]));
        }
        harness.run(nf, frames);
      }
      nf.flush();
      Ipfix ipfix = new Ipfix();
      long expected = 0;
      int seen = 0;
      while (seen < 400) {
        byte[] m = receive(c);
        assertThat(m.length).isLessThanOrEqualTo(1472);
        Ipfix.Message msg = ipfix.decode(m, m.length);
        assertThat(msg.sequence()).isEqualTo(expected);
        expected += msg.records().size();
        seen += msg.records().size();
      }
      assertThat(seen).isEqualTo(400);
    }
  }

  @Test
  void tsharkDecodesTheExport(@TempDir Path dir) throws Exception {
    Assumptions.assumeTrue(
        new ProcessBuilder("sh", "-c", "command -v tshark").start().waitFor() == 0,
        "tshark is not installed: the cross-check with Wireshark's IPFIX dissector is skipped");
    byte[] message;
    int port;
    try (DatagramSocket c = collector();
        MonitorNf nf = monitor(c, Map.of("export_interval_ms", 3_600_000))) {
      port = c.getLocalPort();
      byte[] a = tcp4("198.51.100.7", 40000, "192.0.2.10", 80, "hello");
      harness.run(nf, List.of(a, a));
      nf.flush();
      message = receive(c);
    }
    Path pcap = dir.resolve("export.pcap");
    Files.write(pcap, pcap(message, port));
    Process p =
        new ProcessBuilder(
                "tshark", "-r", pcap.toString(), "-d", "udp.port==" + port + ",cflow", "-V")
            .redirectErrorStream(true)
            .start();
    String text = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertThat(p.waitFor()).as(text).isZero();
    assertThat(text)
        .contains("Version: 10")
        .contains("SrcAddr: 198.51.100.7")
        .contains("DstAddr: 192.0.2.10")
        .contains("SrcPort: 40000")
        .contains("DstPort: 80")
        .contains("Protocol: TCP (6)")
        .contains("Packets: 2")
        .contains("Octets: 90")
        .doesNotContain("Malformed")
        .doesNotContain("[Expert Info");
  }

  /** One Ethernet/IPv4/UDP frame around {@code payload}, in a classic pcap file. */
  private static byte[] pcap(byte[] payload, int port) {
    ByteBuffer udp = ByteBuffer.allocate(8 + payload.length);
    udp.putShort((short) 50000)
        .putShort((short) port)
        .putShort((short) (8 + payload.length))
        .putShort((short) 0)
        .put(payload);
    byte[] frame = Frames.ipv4("127.0.0.1", "127.0.0.1", 17, 64, 0, udp.array());
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    ByteBuffer h = ByteBuffer.allocate(24 + 16).order(ByteOrder.LITTLE_ENDIAN);
    h.putInt(0xa1b2c3d4)
        .putShort((short) 2)
        .putShort((short) 4)
        .putInt(0)
        .putInt(0)
        .putInt(65535)
        .putInt(1);
    h.putInt((int) (System.currentTimeMillis() / 1000))
        .putInt(0)
        .putInt(frame.length)
        .putInt(frame.length);
    out.writeBytes(h.array());
    out.writeBytes(frame);
    return out.toByteArray();
  }

  @Test
  void reportsEveryConfigurationProblem() {
    assertThatThrownBy(
            () ->
                new MonitorProvider()
                    .create(
                        NfConfig.of(
                            "mon",
                            Map.of("idle_timeout_ms", 0, "flow_table_size", -1, "color", "red"))))
        .isInstanceOfSatisfying(
            NfConfigException.class,
            e ->
                assertThat(e.problems())
                    .hasSize(4)
                    .anyMatch(s -> s.startsWith("collector: missing"))
                    .anyMatch(s -> s.startsWith("idle_timeout_ms: 0"))
                    .anyMatch(s -> s.startsWith("flow_table_size: -1"))
                    .anyMatch(s -> s.startsWith("color: unknown property")));
    assertThatThrownBy(
            () ->
                new MonitorProvider()
                    .create(NfConfig.of("mon", Map.of("collector", "localhost:99999"))))
        .isInstanceOf(NfConfigException.class)
        .hasMessageContaining("collector: localhost:99999");
  }
}
