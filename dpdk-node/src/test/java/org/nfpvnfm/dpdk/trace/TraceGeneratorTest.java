package org.nfpvnfm.dpdk.trace;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.lang.foreign.MemorySegment;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.Iterator;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nfpvnfm.dpdk.packet.Checksums;
import org.nfpvnfm.dpdk.packet.PacketParser;
import org.nfpvnfm.dpdk.packet.ParseStatus;
import org.nfpvnfm.dpdk.packet.ParsedPacket;

class TraceGeneratorTest {
  @TempDir Path dir;

  /** IPv4 and IPv6, TCP and UDP, every size from 60 to 1514, heavy and light flows. */
  private static final TraceSpec MIXED =
      TraceSpec.defaults()
          .withPackets(20_000)
          .withSizes(SizeDistribution.uniform(60, 1514))
          .withFlows(FlowDistribution.zipf(500, 1.1))
          .withIpv6Share(0.3)
          .withTcpShare(0.5)
          .withSeed(99);

  private static List<byte[]> all(TraceSpec spec) {
    List<byte[]> frames = new ArrayList<>();
    TraceGenerator.frames(spec).forEachRemaining(frames::add);
    return frames;
  }

  private static int u16(byte[] b, int off) {
    return (b[off] & 0xff) << 8 | (b[off + 1] & 0xff);
  }

  @Test
  void theSameSpecAndSeedGiveTheSameBytes() throws IOException {
    Path a = dir.resolve("a.pcap");
    Path b = dir.resolve("b.pcap");
    TraceSummary first = TraceGenerator.write(MIXED, a);
    TraceSummary second = TraceGenerator.write(MIXED.withSeed(99), b);
    assertThat(Files.mismatch(a, b)).isEqualTo(-1L);
    assertThat(second).isEqualTo(first);
    // The iterator gives the file's frames.
    List<byte[]> frames = all(MIXED);
    List<TracePcap.Record> records = TracePcap.read(a).records();
    assertThat(frames).hasSameSizeAs(records);
    for (int i = 0; i < frames.size(); i++) {
      assertThat(records.get(i).frame()).as("frame %d", i).isEqualTo(frames.get(i));
    }
  }

  @Test
  void anotherSeedGivesOtherBytes() throws IOException {
    Path a = dir.resolve("a.pcap");
    Path b = dir.resolve("b.pcap");
    TraceGenerator.write(MIXED.withPackets(100), a);
    TraceGenerator.write(MIXED.withPackets(100).withSeed(100), b);
    assertThat(Files.size(a)).isPositive();
    assertThat(Files.mismatch(a, b)).isNotEqualTo(-1L);
  }

  @Test
  void everyFrameOfAMixedTraceParsesOkWithValidChecksums() {
    ParsedPacket p = new ParsedPacket();
    int ipv4 = 0;
    int ipv6 = 0;
    int tcp = 0;
    int udp = 0;
    Set<Integer> lengths = new HashSet<>();
    int i = 0;
    for (byte[] frame : all(MIXED)) {
      ParseStatus status = PacketParser.parse(MemorySegment.ofArray(frame), p);
      assertThat(status).as("frame %d: %s", i, p).isEqualTo(ParseStatus.OK);
      assertThat(p.l3End())
          .as("frame %d: IP length covers the frame, no padding", i)
          .isEqualTo(frame.length);
      assertThat(p.isFragment()).isFalse();
      assertThat(Checksums.l4ChecksumValid(p)).as("frame %d: L4 checksum", i).isTrue();
      // Checksum 0 would mean "none" for UDP over IPv4: every frame carries one.
      assertThat(u16(frame, p.l4Offset() + (p.protocol() == 6 ? 16 : 6))).isNotZero();
      if (p.ipVersion() == 4) {
        ipv4++;
        assertThat(Checksums.ipv4HeaderChecksumValid(p)).as("frame %d: IPv4 checksum", i).isTrue();
        assertThat(frame[p.l3Offset() + 12]).as("source in 10.0.0.0/8").isEqualTo((byte) 10);
      } else {
        ipv6++;
        assertThat(p.ipVersion()).isEqualTo(6);
        assertThat(u16(frame, p.l3Offset() + 8)).as("source in fd00::/96").isEqualTo(0xfd00);
        assertThat(u16(frame, p.l3Offset() + 24))
            .as("destination in 2001:db8::/32")
            .isEqualTo(0x2001);
        assertThat(u16(frame, p.l3Offset() + 26)).isEqualTo(0x0db8);
      }
      if (p.protocol() == 6) {
        tcp++;
        assertThat(p.l4HeaderLength()).isEqualTo(20);
        assertThat(frame[p.l4Offset() + 13]).as("ACK|PSH").isEqualTo((byte) 0x18);
      } else {
        udp++;
        assertThat(p.protocol()).isEqualTo(17);
      }
      assertThat(p.payloadLength()).isEqualTo(frame.length - p.payloadOffset());
      lengths.add(frame.length);
      i++;
    }
    assertThat(ipv4).isPositive();
    assertThat(ipv6).isPositive();
    assertThat(tcp).isPositive();
    assertThat(udp).isPositive();
    // IPv6 TCP frames are never shorter than their 74 bytes of headers; the rest reach 60.
    assertThat(lengths).contains(60, 1514);
    assertThat(lengths.stream().mapToInt(Integer::intValue).max().orElseThrow()).isEqualTo(1514);
  }

  @Test
  void anIpv6FrameDrawnShorterThanItsHeadersGrowsToFitThem() {
    TraceSpec spec =
        TraceSpec.defaults()
            .withPackets(200)
            .withIpv6Share(1)
            .withSizes(SizeDistribution.fixed(60));
    Set<Integer> lengths = new HashSet<>();
    TraceGenerator.frames(spec).forEachRemaining(f -> lengths.add(f.length));
    // 14 + 40 + 8 for UDP, 14 + 40 + 20 for TCP.
    assertThat(lengths).containsExactlyInAnyOrder(62, 74);
  }

  @Test
  void destinationsComeFromTheGivenPrefixes() {
    TraceSpec spec =
        TraceSpec.defaults()
            .withPackets(2000)
            .withFlows(FlowDistribution.uniform(300))
            .withDstPrefixes(List.of(Prefix.parse("203.0.113.0/24"), Prefix.parse("198.51.100.7")));
    Set<Integer> seen = new HashSet<>();
    for (byte[] frame : all(spec)) {
      int dst = ByteBuffer.wrap(frame).getInt(30);
      assertThat(dst >>> 8 == 0xcb0071 || dst == 0xc6336407).as("destination %08x", dst).isTrue();
      seen.add(dst >>> 8 == 0xcb0071 ? 0 : 1);
    }
    assertThat(seen).containsExactlyInAnyOrder(0, 1);
  }

  @Test
  void writesAClassicPcapWithOneRecordPerFrameAtTheGivenRate() throws IOException {
    Path file = dir.resolve("t.pcap");
    TraceSpec spec = MIXED.withPackets(3000).withRatePps(1000);
    TraceSummary summary = TraceGenerator.write(spec, file);

    TracePcap pcap = TracePcap.read(file);
    assertThat(pcap.magic()).isEqualTo(0xa1b2c3d4);
    assertThat(pcap.versionMajor()).isEqualTo(2);
    assertThat(pcap.versionMinor()).isEqualTo(4);
    assertThat(pcap.thisZone()).isZero();
    assertThat(pcap.sigFigs()).isZero();
    assertThat(pcap.snapLength()).isEqualTo(65535);
    assertThat(pcap.linkType()).isEqualTo(1);
    List<TracePcap.Record> records = pcap.records();
    assertThat(records).hasSize(3000);
    long bytes = 0;
    Set<Integer> sources = new HashSet<>();
    int ipv6 = 0;
    int tcp = 0;
    ParsedPacket p = new ParsedPacket();
    for (int i = 0; i < records.size(); i++) {
      TracePcap.Record r = records.get(i);
      long micros = i * 1000L; // 1000 pps: one packet per millisecond
      assertThat(r.seconds()).isEqualTo(TraceGenerator.EPOCH_SECONDS + micros / 1_000_000);
      assertThat(r.micros()).isEqualTo(micros % 1_000_000);
      assertThat(r.capturedLength()).isEqualTo(r.originalLength()).isEqualTo(r.frame().length);
      bytes += r.capturedLength();
      PacketParser.parse(MemorySegment.ofArray(r.frame()), p);
      ByteBuffer b = ByteBuffer.wrap(r.frame());
      // One source address per flow: IPv4 10.x.y.z, or fd00::10.x.y.z.
      sources.add(b.getInt(p.ipVersion() == 4 ? 26 : 34));
      ipv6 += p.ipVersion() == 6 ? 1 : 0;
      tcp += p.protocol() == 6 ? 1 : 0;
    }
    assertThat(Files.size(file)).isEqualTo(24 + 16L * records.size() + bytes);
    assertThat(summary.packets()).isEqualTo(3000);
    assertThat(summary.bytes()).isEqualTo(bytes);
    assertThat(summary.meanFrameSize()).isEqualTo(bytes / 3000.0);
    assertThat(summary.distinctFlows()).isEqualTo(sources.size());
    assertThat(summary.ipv6Packets()).isEqualTo(ipv6);
    assertThat(summary.tcpPackets()).isEqualTo(tcp);
    assertThat(summary.durationMicros()).isEqualTo(2_999_000);
  }

  @Test
  void stampsPacketsToTheMicrosecondRoundingDown() throws IOException {
    Path file = dir.resolve("t.pcap");
    TraceGenerator.write(MIXED.withPackets(10).withRatePps(3), file);
    List<TracePcap.Record> records = TracePcap.read(file).records();
    // Packet 1 at 1/3 s, packet 2 at 2/3 s.
    assertThat(records.get(1).micros()).isEqualTo(333_333);
    assertThat(records.get(2).micros()).isEqualTo(666_666);
    assertThat(records.get(3).seconds()).isEqualTo(TraceGenerator.EPOCH_SECONDS + 1);
    assertThat(records.get(3).micros()).isZero();
  }

  @Test
  void tcpSequenceNumbersAdvanceByEachSegmentsPayload() {
    TraceSpec spec =
        TraceSpec.defaults().withPackets(50).withFlows(FlowDistribution.uniform(1)).withTcpShare(1);
    long expected = -1;
    for (byte[] frame : all(spec)) {
      ByteBuffer b = ByteBuffer.wrap(frame);
      long seq = Integer.toUnsignedLong(b.getInt(38));
      if (expected >= 0) {
        assertThat(seq).isEqualTo(expected);
      }
      expected = (seq + frame.length - 54) & 0xffff_ffffL;
    }
  }

  private static Optional<Path> tshark() {
    String path = System.getenv("PATH");
    if (path == null) {
      return Optional.empty();
    }
    for (String d : path.split(java.io.File.pathSeparator)) {
      Path candidate = Path.of(d, "tshark");
      if (Files.isExecutable(candidate)) {
        return Optional.of(candidate);
      }
    }
    return Optional.empty();
  }

  /**
   * Wireshark, an independent reader, finds every IPv4 header, TCP and UDP checksum right. (Its
   * application dissectors are not asked: random payloads on ports 53 or 80 are not DNS or HTTP,
   * and Wireshark says so.) Skipped where tshark is not installed; CI installs it.
   */
  @Test
  void tsharkReadsTheTraceAndFindsEveryChecksumRight() throws Exception {
    Optional<Path> tshark = tshark();
    assumeTrue(tshark.isPresent(), "tshark is not installed");
    Path file = dir.resolve("mixed.pcap");
    TraceSummary summary = TraceGenerator.write(MIXED.withPackets(5000), file);
    Path fields = dir.resolve("fields.txt");
    Process p =
        new ProcessBuilder(
                tshark.orElseThrow().toString(),
                "-n",
                "-r",
                file.toString(),
                "-o",
                "ip.check_checksum:TRUE",
                "-o",
                "tcp.check_checksum:TRUE",
                "-o",
                "udp.check_checksum:TRUE",
                "-T",
                "fields",
                "-E",
                "separator=,",
                "-e",
                "frame.len",
                "-e",
                "ip.len",
                "-e",
                "ipv6.plen",
                "-e",
                "ip.checksum.status",
                "-e",
                "tcp.checksum.status",
                "-e",
                "udp.checksum.status")
            .redirectOutput(fields.toFile())
            .redirectError(ProcessBuilder.Redirect.DISCARD)
            .start();
    assertThat(p.waitFor(120, TimeUnit.SECONDS)).as("tshark finished").isTrue();
    assertThat(p.exitValue()).as("tshark exit code").isZero();
    List<String> lines = Files.readAllLines(fields, StandardCharsets.UTF_8);
    assertThat(lines).hasSize(5000);
    int ipv6 = 0;
    int tcp = 0;
    for (String line : lines) {
      String[] f = line.split(",", -1);
      int frame = Integer.parseInt(f[0]);
      if (f[1].isEmpty()) {
        ipv6++;
        assertThat(Integer.parseInt(f[2])).as(line).isEqualTo(frame - 54);
      } else {
        assertThat(Integer.parseInt(f[1])).as(line).isEqualTo(frame - 14);
        assertThat(f[3]).as("IPv4 checksum status (1: good) in %s", line).isEqualTo("1");
      }
      if (!f[4].isEmpty()) {
        tcp++;
        assertThat(f[4]).as("TCP checksum status in %s", line).isEqualTo("1");
      } else {
        assertThat(f[5]).as("UDP checksum status in %s", line).isEqualTo("1");
      }
    }
    assertThat(ipv6).isEqualTo(summary.ipv6Packets());
    assertThat(tcp).isEqualTo(summary.tcpPackets());
  }

  @Test
  void aFramesIteratorEndsAfterTheLastPacket() {
    Iterator<byte[]> frames = TraceGenerator.frames(TraceSpec.defaults().withPackets(2));
    frames.next();
    frames.next();
    assertThat(frames.hasNext()).isFalse();
    assertThatThrownBy(frames::next).hasMessageContaining("2 packets");
  }

  @Test
  void rejectsASpecOutsideItsRangesNamingTheValue() {
    TraceSpec d = TraceSpec.defaults();
    assertThatThrownBy(() -> d.withPackets(0))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("packets: 0 (expected: 1 to");
    assertThatThrownBy(() -> d.withIpv6Share(1.5))
        .hasMessageContaining("IPv6 share: 1.5 (expected: a fraction from 0 to 1");
    assertThatThrownBy(() -> d.withTcpShare(-0.1)).hasMessageContaining("TCP share: -0.1");
    assertThatThrownBy(() -> d.withTcpShare(Double.NaN)).hasMessageContaining("TCP share: NaN");
    assertThatThrownBy(() -> d.withRatePps(0)).hasMessageContaining("rate: 0 packets per second");
    assertThatThrownBy(() -> d.withPackets(TraceSpec.MAX_PACKETS).withRatePps(1))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> d.withDstPrefixes(List.of(Prefix.parse("2001:db8::/32"))))
        .hasMessageContaining("no IPv4 prefix");
    assertThatThrownBy(
            () -> d.withDstPrefixes(List.of(Prefix.parse("10.0.0.0/8"))).withIpv6Share(0.1))
        .hasMessageContaining("no IPv6 prefix");
  }
}
