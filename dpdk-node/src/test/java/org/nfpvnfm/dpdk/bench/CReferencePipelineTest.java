package org.nfpvnfm.dpdk.bench;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Runs the C reference pipeline ({@code target/native/nfp-pipeline-ref}, built by Maven from {@code
 * src/bench/c}, docs/c-reference.md) as a child process on small pcap traces: every mode transmits,
 * gives every mbuf back and, for the same admitted packets, does the same NF work, which this test
 * recomputes in Java ({@link #nfHash}) as the reference for the Java dataplane.
 */
@Tag("integration")
class CReferencePipelineTest {
  private static final Path BINARY =
      Path.of("target", "native", "nfp-pipeline-ref").toAbsolutePath();

  /** The benchmark's route table for the L3 forwarder chain. */
  private static final Path ROUTES =
      Path.of("src", "bench", "c", "l3fwd-routes.yaml").toAbsolutePath();

  private static final long TIMEOUT_SECONDS = 30;
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final AtomicInteger RUNS = new AtomicInteger();

  /** UDP flows of the main trace: packet i is in flow i % FLOWS. */
  private static final int FLOWS = 64;

  private static final int TRACE_PACKETS = 256;

  /**
   * A rate at which nothing can be dropped however the two busy-polling lcores get scheduled on a
   * loaded machine: the whole run (0.5 s warm-up + 0.3 s) admits about 800 packets, fewer than a
   * ring (1023) or the merge window (960) holds, so even NF B stalled for the whole run drops none.
   */
  private static final String LOW_RATE = "1000";

  /** Packets of the --packets runs: fewer than the rings and the merge window hold, as above. */
  private static final int PACKETS = 900;

  @TempDir static Path dir;

  private static Path trace;

  @BeforeAll
  static void trace() throws IOException {
    assertThat(BINARY)
        .as("the C reference pipeline (built in generate-resources: ./build -o -q verify)")
        .isExecutable();
    List<byte[]> frames = new ArrayList<>();
    for (int i = 0; i < TRACE_PACKETS; i++) {
      frames.add(udpFrame(i % FLOWS, i));
    }
    trace = dir.resolve("udp.pcap");
    writePcap(trace, frames);
  }

  @ParameterizedTest(name = "{0} copy={1} rate={2}")
  @CsvSource({
    "parallel,   false, 0",
    "parallel,   true,  0",
    "sequential, false, 0",
    "parallel,   false, " + LOW_RATE,
    "parallel,   true,  " + LOW_RATE,
    "sequential, false, " + LOW_RATE,
  })
  void timedRunTransmitsAndGivesEveryMbufBack(String mode, boolean copy, long rate)
      throws Exception {
    List<String> args = new ArrayList<>(List.of("--mode", mode, "--rounds", "10"));
    args.addAll(List.of("--seconds", "0.3", "--rate", Long.toString(rate)));
    if (copy) {
      args.add("--copy");
    }

    JsonNode out = run(trace, args);

    assertThat(out.get("impl").asText()).isEqualTo("c");
    assertThat(out.get("mode").asText()).isEqualTo(mode);
    assertThat(out.get("copy").asBoolean()).isEqualTo(copy);
    assertThat(out.get("tx").asLong()).as("packets transmitted").isPositive();
    assertThat(out.get("leaked").asLong()).as("mbufs not back in the pool").isZero();
    JsonNode latency = out.get("latency_ns");
    assertThat(latency.get("count").asLong())
        .as("latency samples (expected: one per packet sent)")
        .isEqualTo(out.get("tx").asLong());
    assertThat(latency.get("p50").asLong()).isLessThanOrEqualTo(latency.get("p99").asLong());
    assertThat(latency.get("p99").asLong()).isLessThanOrEqualTo(latency.get("max").asLong());
    if (rate > 0) {
      double seconds = out.get("seconds").asDouble();
      assertThat(out.get("dropped").asLong())
          .as("drops at %d packets/s; output: %s", rate, out)
          .isZero();
      // The token bucket holds at most one burst (32) beyond the rate.
      assertThat(out.get("rx").asLong())
          .as("packets received at %d packets/s in %.3f s", rate, seconds)
          .isLessThanOrEqualTo((long) (rate * seconds * 1.05) + 64);
    }
  }

  @Test
  void everyModeDoesTheSameWorkForTheSamePackets() throws Exception {
    int packets = PACKETS;
    int rounds = 100;
    long expectedWork = 0;
    long expectedOut = 0;
    for (int k = 0; k < packets; k++) {
      int i = k % TRACE_PACKETS;
      long h = nfHash(0x0a000000L | (i % FLOWS), 0x0a010001L, 1024 + i % FLOWS, 5001, 17, rounds);
      expectedWork += 2 * (1 + (h & 1023)); // NF A and NF B each count the packet
      expectedOut += outChecksum(udpFrame(i % FLOWS, i), h);
    }

    List<JsonNode> outs = new ArrayList<>();
    for (List<String> mode :
        List.of(
            List.of("--mode", "parallel", "--rate", "0"),
            List.of("--mode", "parallel", "--copy", "--rate", "20000"),
            List.of("--mode", "sequential", "--rate", "0"))) {
      List<String> args = new ArrayList<>(mode);
      args.addAll(List.of("--rounds", Integer.toString(rounds)));
      args.addAll(List.of("--packets", Integer.toString(packets)));
      JsonNode out = run(trace, args);
      assertThat(out.get("tx").asLong()).as("packets sent; output: %s", out).isEqualTo(packets);
      assertThat(out.get("dropped").asLong()).as("drops; output: %s", out).isZero();
      assertThat(out.get("leaked").asLong()).as("mbufs not back in the pool").isZero();
      assertThat(out.get("work_packets").asLong()).isEqualTo(2L * packets);
      outs.add(out);
    }

    for (JsonNode out : outs) {
      assertThat(out.get("work_checksum").asLong())
          .as("work_checksum of %s copy=%s", out.get("mode"), out.get("copy"))
          .isEqualTo(expectedWork);
      assertThat(out.get("out_checksum").asLong())
          .as("out_checksum (DSCP and IPv4 checksum sent) of %s", out.get("mode"))
          .isEqualTo(expectedOut);
    }
  }

  @Test
  void rxFreesMalformedAndUnmatchedPacketsAndPassesTaggedOnes() throws Exception {
    // Bad frames first: the 300 packets admitted are the good ones of the first 100 cycles of the
    // trace, and rx never reads further (it asks for at most the packets still to admit).
    byte[] good = udpFrame(1, 1);
    byte[] arp = good.clone();
    arp[12] = 0x08;
    arp[13] = 0x06;
    byte[] icmp = withIpv4Byte(good, 9, 1);
    byte[] version6 = withIpv4Byte(good, 0, 0x65);
    byte[] shortIhl = withIpv4Byte(good, 0, 0x44);
    byte[] tooLong = withIpv4Byte(good, 2, 0x7f); // total length 0x7f.. > the frame
    byte[] tcp = tcpFrame();
    byte[] tagged = vlanTagged(udpFrame(2, 2));
    Path mixed = dir.resolve("mixed.pcap");
    writePcap(mixed, List.of(arp, icmp, version6, shortIhl, tooLong, good, tcp, tagged));

    int packets = 300;
    JsonNode out = run(mixed, List.of("--mode", "sequential", "--rounds", "3", "--packets", "300"));

    assertThat(out.get("tx").asLong()).as("output: %s", out).isEqualTo(packets);
    JsonNode drops = out.get("drops");
    assertThat(drops.get("malformed").asLong())
        .as("malformed frames (3 per trace cycle, 100 cycles)")
        .isEqualTo(300);
    assertThat(drops.get("unmatched").asLong())
        .as("frames missing the rule (2 per trace cycle, 100 cycles)")
        .isEqualTo(200);
    long expected = 0;
    long[][] tuples = {
      {0x0a000001L, 0x0a010001L, 1025, 5001, 17},
      {0xc0a80001L, 0xc0a800c7L, 40000, 443, 6},
      {0x0a000002L, 0x0a010001L, 1026, 5001, 17},
    };
    for (int k = 0; k < packets; k++) {
      long[] t = tuples[k % 3];
      expected += 2 * (1 + (nfHash(t[0], t[1], (int) t[2], (int) t[3], (int) t[4], 3) & 1023));
    }
    assertThat(out.get("work_checksum").asLong()).isEqualTo(expected);
    assertThat(out.get("leaked").asLong()).isZero();
  }

  @Test
  void refusesAnUnknownModeWithAMessage() throws Exception {
    Result result = start(trace, List.of("--mode", "diagonal", "--rounds", "0", "--seconds", "1"));

    assertThat(result.exit()).as("exit code; stderr: %s", result.stderr()).isNotZero();
    assertThat(result.stderr()).contains("--mode must be parallel, sequential or chain");
    assertThat(result.stdout()).doesNotContain("{");
  }

  // ---------------------------------------------------------------------------------------------
  // The chain of L3 forwarders (--mode chain --nf l3fwd). The bit-for-bit comparison with the Java
  // l3_forwarder is network-functions' CReferenceL3ForwarderChainTest; here: the runs themselves.

  @ParameterizedTest(name = "chain {0} {1}")
  @CsvSource({"1, pipeline", "3, pipeline", "5, pipeline", "3, rtc"})
  void chainTimedRunTransmitsWithoutDropsAtALowRate(int chain, String placement) throws Exception {
    JsonNode out =
        run(
            trace,
            chainArgs(chain, placement, "--seconds", "0.3", "--rate", LOW_RATE),
            List.of("-l", "0-1"));

    assertThat(out.get("mode").asText()).isEqualTo("chain");
    assertThat(out.get("nf").asText()).isEqualTo("l3fwd");
    assertThat(out.get("chain").asInt()).isEqualTo(chain);
    assertThat(out.get("placement").asText()).isEqualTo(placement);
    assertThat(out.get("lcores").asInt()).isEqualTo(2);
    assertThat(out.get("tx").asLong()).as("packets transmitted; output: %s", out).isPositive();
    assertThat(out.get("dropped").asLong()).as("drops; output: %s", out).isZero();
    assertThat(out.get("leaked").asLong()).as("mbufs not back in the pool").isZero();
    assertThat(out.get("latency_ns").get("count").asLong()).isEqualTo(out.get("tx").asLong());
  }

  /**
   * The trace's destination 10.1.0.1 takes the route 10.1.0.0/16 via next hop 2 in every NF: each
   * NF decrements the TTL (64 at rx), and tx sends the IPv4 checksum recomputed over it.
   */
  @ParameterizedTest(name = "chain {0} {1} lcores {2}")
  @CsvSource({
    "1, pipeline, 0-1",
    "3, pipeline, 0-1",
    "5, pipeline, 0-1",
    "3, pipeline, 0",
    "5, pipeline, 0@0,1@1,2@0",
    "1, rtc,      0-1",
    "5, rtc,      0"
  })
  void chainForwardsEveryPacketWithItsTtlDecrementedOncePerNf(
      int chain, String placement, String lcores) throws Exception {
    int packets = PACKETS;
    List<String> eal = lcores.contains("@") ? List.of("--lcores", lcores) : List.of("-l", lcores);
    JsonNode out =
        run(trace, chainArgs(chain, placement, "--packets", Integer.toString(packets)), eal);

    long expectedOut = 0;
    for (int k = 0; k < packets; k++) {
      int i = k % TRACE_PACKETS;
      byte[] ip = Arrays.copyOfRange(udpFrame(i % FLOWS, i), 14, 34);
      ip[8] = (byte) (64 - chain);
      ip[10] = 0;
      ip[11] = 0;
      expectedOut += ipv4Checksum(ip);
    }
    assertThat(out.get("tx").asLong()).as("packets sent; output: %s", out).isEqualTo(packets);
    assertThat(out.get("dropped").asLong()).as("drops; output: %s", out).isZero();
    assertThat(out.get("leaked").asLong()).as("mbufs not back in the pool").isZero();
    assertThat(out.get("work_packets").asLong())
        .as("packets the NFs looked at (expected: every packet in every NF)")
        .isEqualTo((long) chain * packets);
    assertThat(out.get("work_checksum").asLong())
        .as("sum of (next-hop id + 1) per forward (expected: next hop 2 everywhere)")
        .isEqualTo(3L * chain * packets);
    assertThat(out.get("out_checksum").asLong())
        .as("sum of (tos << 16 | IPv4 checksum) as sent")
        .isEqualTo(expectedOut);
  }

  @Test
  void chainRefusesARouteFileWithHostBitsNamingTheLine() throws Exception {
    Path routes = dir.resolve("bad-routes.yaml");
    Files.writeString(
        routes,
        """
        routes:
          - 10.0.0.0/8 via 1
          - 10.1.0.0/8 via 1
        next_hops:
          1: {smac: "02:00:00:00:00:01", dmac: "02:00:00:00:01:01"}
        """);
    List<String> args =
        List.of("--mode", "chain", "--nf", "l3fwd", "--chain", "1", "--routes", routes.toString());
    Result result = start(trace, concat(args, List.of("--seconds", "1")), List.of("-l", "0-1"));

    assertThat(result.exit()).as("exit code; stderr: %s", result.stderr()).isEqualTo(2);
    assertThat(result.stderr()).contains("bad-routes.yaml:3: host bits set past the length");
    assertThat(result.stdout()).doesNotContain("{");
  }

  @Test
  void chainNeedsARouteFile() throws Exception {
    Result result =
        start(
            trace,
            List.of("--mode", "chain", "--nf", "l3fwd", "--chain", "2", "--seconds", "1"),
            List.of("-l", "0-1"));

    assertThat(result.exit()).as("exit code; stderr: %s", result.stderr()).isEqualTo(2);
    assertThat(result.stderr()).contains("--nf l3fwd needs --routes FILE");
  }

  private static List<String> chainArgs(int chain, String placement, String... more) {
    List<String> args = new ArrayList<>();
    args.addAll(List.of("--mode", "chain", "--nf", "l3fwd", "--chain", Integer.toString(chain)));
    args.addAll(List.of("--routes", ROUTES.toString(), "--placement", placement));
    args.addAll(List.of(more));
    return args;
  }

  private static List<String> concat(List<String> a, List<String> b) {
    List<String> all = new ArrayList<>(a);
    all.addAll(b);
    return all;
  }

  // ---------------------------------------------------------------------------------------------
  // The NF work of docs/c-reference.md, in Java: the reference the Java dataplane must match.

  static long fmix64(long x) {
    x ^= x >>> 33;
    x *= 0xff51afd7ed558ccdL;
    x ^= x >>> 33;
    x *= 0xc4ceb9fe1a85ec53L;
    x ^= x >>> 33;
    return x;
  }

  /** h of one packet: addresses as unsigned 32-bit, ports unsigned 16-bit, proto unsigned 8-bit. */
  static long nfHash(long sip, long dip, int sport, int dport, int proto, int rounds) {
    long h = fmix64(0x9E3779B97F4A7C15L ^ sip);
    h = fmix64(h ^ dip);
    h = fmix64(h ^ (((long) sport << 16) | dport));
    h = fmix64(h ^ proto);
    for (long i = 0; i < rounds; i++) {
      h = fmix64(h + i);
    }
    return h;
  }

  /** What tx adds to out_checksum for {@code frame} (untagged) after NF A wrote h's DSCP. */
  private static long outChecksum(byte[] frame, long h) {
    byte[] ip = Arrays.copyOfRange(frame, 14, 34);
    ip[1] = (byte) ((ip[1] & 0x03) | ((h & 0x3f) << 2));
    ip[10] = 0;
    ip[11] = 0;
    int sum = ipv4Checksum(ip);
    return ((long) (ip[1] & 0xff) << 16) | sum;
  }

  private static int ipv4Checksum(byte[] header) {
    int sum = 0;
    for (int i = 0; i < header.length; i += 2) {
      sum += (header[i] & 0xff) << 8 | (header[i + 1] & 0xff);
    }
    sum = (sum & 0xffff) + (sum >>> 16);
    sum = (sum & 0xffff) + (sum >>> 16);
    return ~sum & 0xffff;
  }

  // ---------------------------------------------------------------------------------------------
  // Frames and pcap files

  /** 64-byte UDP/IPv4 frame: 10.0.0.flow:1024+flow to 10.1.0.1:5001, IPv4 id = seq. */
  private static byte[] udpFrame(int flow, int seq) {
    ByteBuffer b = ByteBuffer.allocate(64);
    b.put(new byte[] {2, 0, 0, 0, 0, 2, 2, 0, 0, 0, 0, 1}).putShort((short) 0x0800);
    ipv4(b, 50, seq, 17, 0x0a000000 | flow, 0x0a010001);
    b.putShort((short) (1024 + flow))
        .putShort((short) 5001)
        .putShort((short) 30)
        .putShort((short) 0);
    return b.array();
  }

  private static byte[] tcpFrame() {
    ByteBuffer b = ByteBuffer.allocate(64);
    b.put(new byte[] {2, 0, 0, 0, 0, 2, 2, 0, 0, 0, 0, 1}).putShort((short) 0x0800);
    ipv4(b, 50, 7, 6, 0xc0a80001, 0xc0a800c7);
    b.putShort((short) 40000).putShort((short) 443).putInt(1).putInt(0);
    b.put((byte) 0x50).put((byte) 0x10).putShort((short) 1024).putInt(0);
    return b.array();
  }

  private static void ipv4(ByteBuffer b, int totalLength, int id, int proto, int sip, int dip) {
    int start = b.position();
    b.put((byte) 0x45).put((byte) 0).putShort((short) totalLength).putShort((short) id);
    b.putShort((short) 0x4000).put((byte) 64).put((byte) proto).putShort((short) 0);
    b.putInt(sip).putInt(dip);
    byte[] header = new byte[20];
    b.get(start, header);
    b.putShort(start + 10, (short) ipv4Checksum(header));
  }

  private static byte[] vlanTagged(byte[] frame) {
    ByteBuffer b = ByteBuffer.allocate(frame.length + 4);
    b.put(frame, 0, 12).putShort((short) 0x8100).putShort((short) 42);
    b.put(frame, 12, frame.length - 12);
    return b.array();
  }

  private static byte[] withIpv4Byte(byte[] frame, int offset, int value) {
    byte[] copy = frame.clone();
    copy[14 + offset] = (byte) value;
    return copy;
  }

  /** Classic libpcap, little-endian, magic a1b2c3d4, microseconds, Ethernet. */
  private static void writePcap(Path file, List<byte[]> frames) throws IOException {
    int size = 24 + frames.stream().mapToInt(f -> 16 + f.length).sum();
    ByteBuffer out = ByteBuffer.allocate(size).order(ByteOrder.LITTLE_ENDIAN);
    out.putInt(0xa1b2c3d4).putShort((short) 2).putShort((short) 4).putInt(0).putInt(0);
    out.putInt(65535).putInt(1);
    int second = 1;
    for (byte[] frame : frames) {
      out.putInt(second++).putInt(0).putInt(frame.length).putInt(frame.length).put(frame);
    }
    Files.write(file, out.array());
  }

  // ---------------------------------------------------------------------------------------------
  // The child process

  private record Result(int exit, String stdout, String stderr) {}

  /** Runs the binary, expects exit 0 and one JSON line on stdout, and returns it parsed. */
  private static JsonNode run(Path pcap, List<String> args) throws Exception {
    return run(pcap, args, List.of("-l", "0-1"));
  }

  private static JsonNode run(Path pcap, List<String> args, List<String> lcores) throws Exception {
    Result result = start(pcap, args, lcores);
    assertThat(result.exit())
        .as("exit code of nfp-pipeline-ref %s; stderr:%n%s", args, result.stderr())
        .isZero();
    List<String> lines = result.stdout().lines().filter(l -> !l.isBlank()).toList();
    assertThat(lines).as("stdout (expected: one JSON line)").hasSize(1);
    return JSON.readTree(lines.get(0));
  }

  private static Result start(Path pcap, List<String> args) throws Exception {
    return start(pcap, args, List.of("-l", "0-1"));
  }

  /** {@code lcores}: the EAL's lcore option ({@code -l 0-1}, {@code --lcores 0@0,1@1,2@0}). */
  private static Result start(Path pcap, List<String> args, List<String> lcores) throws Exception {
    int n = RUNS.incrementAndGet();
    String prefix = "nfpref-test-" + ProcessHandle.current().pid() + "-" + n;
    List<String> command = new ArrayList<>();
    command.add(BINARY.toString());
    command.addAll(lcores);
    command.addAll(
        List.of(
            "--no-huge",
            "--no-pci",
            "-m",
            // Up to 7 NFs of a chain, each with its 64 MiB LPM table in EAL memory.
            "512",
            "--file-prefix",
            prefix,
            "--no-telemetry",
            "--log-level=lib.eal:warning",
            "--vdev=net_pcap0,rx_pcap=" + pcap + ",infinite_rx=1",
            "--vdev=net_null0",
            "--"));
    command.addAll(args);
    Path stdout = dir.resolve("run" + n + ".out");
    Path stderr = dir.resolve("run" + n + ".err");
    Process process =
        new ProcessBuilder(command)
            .redirectOutput(stdout.toFile())
            .redirectError(stderr.toFile())
            .start();
    if (!process.waitFor(TIMEOUT_SECONDS, TimeUnit.SECONDS)) {
      process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
      throw new AssertionError(
          "nfp-pipeline-ref "
              + args
              + " ran longer than "
              + TIMEOUT_SECONDS
              + " s and was killed; stderr:\n"
              + Files.readString(stderr, StandardCharsets.UTF_8));
    }
    // The program removes DPDK's runtime directory of its prefix (DPDK leaves it behind).
    assertThat(Path.of("/var/run/dpdk", prefix)).as("runtime directory after exit").doesNotExist();
    return new Result(
        process.exitValue(),
        Files.readString(stdout, StandardCharsets.UTF_8),
        Files.readString(stderr, StandardCharsets.UTF_8));
  }
}
