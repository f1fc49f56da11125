package org.nfpvnfm.nf.node;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.nfpvnfm.dpdk.nf.NetworkFunction;
import org.nfpvnfm.dpdk.packet.Checksums;
import org.nfpvnfm.nf.NfConfig;
import org.nfpvnfm.nf.NfHarness;
import org.nfpvnfm.nf.NfHarness.Outcome;
import org.nfpvnfm.nf.l3_forwarder.Frames;
import org.nfpvnfm.nf.l3_forwarder.L3Forwarder;
import org.nfpvnfm.nf.l3_forwarder.L3ForwarderProvider;
import org.snakeyaml.engine.v2.api.Load;
import org.snakeyaml.engine.v2.api.LoadSettings;

/**
 * The C reference's chain of L3 forwarders ({@code nfp-pipeline-ref --mode chain --nf l3fwd},
 * docs/c-reference.md) does what the Java {@code l3_forwarder} does: a trace through the C chain,
 * pcap to pcap, leaves as exactly the frames that the same number of Java {@link L3Forwarder}s,
 * configured from the same route file, leave frame by frame, with the IPv4 checksum recomputed as
 * the Java node's egress does; and both count the same drops for the same reasons.
 *
 * <p>The binary is dpdk-node's ({@code ../dpdk-node/target/native/nfp-pipeline-ref}, built by that
 * module's Maven build): without it the test is skipped.
 */
@Tag("integration")
class CReferenceL3ForwarderChainTest {
  private static final Path ROOT = Path.of("..").toAbsolutePath().normalize();
  private static final Path BINARY = ROOT.resolve("dpdk-node/target/native/nfp-pipeline-ref");

  /** The benchmark's route table, a Java l3_forwarder configuration. */
  private static final Path ROUTES = ROOT.resolve("dpdk-node/src/bench/c/l3fwd-routes.yaml");

  private static final long TIMEOUT_SECONDS = 30;
  private static final ObjectMapper JSON = new ObjectMapper();

  /** Frames per batch of the harness (a node burst holds at most this many). */
  private static final int BATCH = 256;

  private static NfHarness harness;

  @TempDir static Path dir;

  @BeforeAll
  static void start() {
    harness = new NfHarness();
  }

  @AfterAll
  static void stop() {
    harness.close();
  }

  /**
   * {@code routes}: "benchmark" is the benchmark's file; "default-route" adds a 0.0.0.0/0, which
   * the C side answers apart from rte_lpm (that takes lengths 1 to 32 only).
   */
  @ParameterizedTest(name = "{0} routes, chain {1}, {2}")
  @CsvSource({
    "benchmark,     1, pipeline",
    "benchmark,     3, pipeline",
    "benchmark,     5, pipeline",
    "benchmark,     1, rtc",
    "benchmark,     3, rtc",
    "default-route, 3, pipeline",
    "default-route, 3, rtc",
  })
  void cChainSendsTheFramesTheJavaL3ForwardersSend(String routes, int chain, String placement)
      throws Exception {
    assumeTrue(
        Files.isExecutable(BINARY),
        BINARY + " is missing: build dpdk-node first (./build -o -q verify -pl dpdk-node)");
    Path routeFile = routes.equals("benchmark") ? ROUTES : withDefaultRoute();
    List<byte[]> trace = trace();
    Path in = dir.resolve("in-" + routes + "-" + chain + "-" + placement + ".pcap");
    Path out = dir.resolve("out-" + routes + "-" + chain + "-" + placement + ".pcap");
    Pcap.write(in, trace);

    Expected java = java(routeFile, chain, trace);
    JsonNode c = runC(in, out, routeFile, chain, placement, trace.size());
    List<byte[]> sent = Pcap.read(out);

    assertThat(hex(sent))
        .as("frames the C chain sent (expected: those the Java L3 forwarders pass, in order)")
        .containsExactlyElementsOf(hex(java.frames()));
    JsonNode drops = c.get("drops");
    assertThat(drops.get("no_route").asLong())
        .as("no_route; output: %s", c)
        .isEqualTo(java.noRoute());
    assertThat(drops.get("ttl_expired").asLong())
        .as("ttl_expired; output: %s", c)
        .isEqualTo(java.ttlExpired());
    assertThat(c.get("dropped").asLong())
        .as("every drop is the NFs' (no_route + ttl_expired); output: %s", c)
        .isEqualTo(java.noRoute() + java.ttlExpired());
    assertThat(c.get("work_checksum").asLong())
        .as("sum of (next-hop id + 1) per forward, over the chain")
        .isEqualTo(java.hopChecksum());
    assertThat(c.get("leaked").asLong()).as("mbufs not back in the C pool").isZero();
  }

  // ---------------------------------------------------------------------------------------------
  // The Java side

  /** What the Java chain sends, and its NFs' counters summed over the chain. */
  private record Expected(List<byte[]> frames, long noRoute, long ttlExpired, long hopChecksum) {}

  private static Expected java(Path routeFile, int chain, List<byte[]> trace) throws IOException {
    Map<String, Object> properties = yaml(routeFile);
    List<byte[]> frames = trace;
    long noRoute = 0;
    long ttlExpired = 0;
    long hopChecksum = 0;
    for (int k = 0; k < chain; k++) {
      L3Forwarder nf =
          (L3Forwarder)
              new L3ForwarderProvider().create(NfConfig.of("router" + (k + 1), properties));
      frames = passed(nf, frames);
      Map<String, Long> counters = nf.counters();
      noRoute += counters.getOrDefault("no_route", 0L);
      ttlExpired += counters.getOrDefault("ttl_expired", 0L);
      for (Map.Entry<String, Long> e : counters.entrySet()) {
        if (e.getKey().startsWith("next_hop.")) {
          long id = Long.parseLong(e.getKey().substring("next_hop.".length()));
          hopChecksum += (id + 1) * e.getValue();
        }
      }
    }
    // The node's egress (TxTask) for a graph whose NFs write an L3 field: the IPv4 checksum.
    NetworkFunction egress =
        batch -> {
          for (int i = 0; i < batch.size(); i++) {
            Checksums.rewriteIpv4HeaderChecksum(batch.packet(i));
          }
        };
    return new Expected(passed(egress, frames), noRoute, ttlExpired, hopChecksum);
  }

  /** The frames {@code nf} passes, in order, in bursts as the node would hand them. */
  private static List<byte[]> passed(NetworkFunction nf, List<byte[]> frames) {
    List<byte[]> out = new ArrayList<>();
    for (int from = 0; from < frames.size(); from += BATCH) {
      List<byte[]> burst = frames.subList(from, Math.min(frames.size(), from + BATCH));
      for (Outcome o : harness.run(nf, burst)) {
        assertThat(o.malformed()).as("a test frame the Java parser rejects").isFalse();
        if (!o.dropped()) {
          out.add(o.bytes());
        }
      }
    }
    return out;
  }

  @SuppressWarnings("unchecked")
  private static Map<String, Object> yaml(Path file) throws IOException {
    Object doc =
        new Load(LoadSettings.builder().build())
            .loadFromString(Files.readString(file, StandardCharsets.UTF_8));
    assertThat(doc)
        .as("%s: a YAML map of the l3_forwarder's properties", file)
        .isInstanceOf(Map.class);
    return (Map<String, Object>) doc;
  }

  // ---------------------------------------------------------------------------------------------
  // The trace

  /**
   * 600 IPv4 frames, TCP and UDP, some behind an 802.1Q tag, from 10.0.0.0/8 to: every route's
   * first and last address and one inside it, addresses spread over 192.168.0.0/16 and
   * 172.16.0.0/12, and addresses no route covers; TTLs 1 to 5 (expiring somewhere in a chain of up
   * to 5), 64 and 255. Deterministic (a fixed seed).
   */
  private static List<byte[]> trace() throws IOException {
    List<String> destinations = new ArrayList<>();
    Random random = new Random(20240611);
    Object routes = yaml(ROUTES).getOrDefault("routes", List.of());
    for (Object route : (List<?>) routes) {
      String prefix = String.valueOf(route).split("\\s+")[0];
      String[] parts = prefix.split("/", -1);
      long base = ipv4(parts[0]);
      int length = Integer.parseInt(parts[1]);
      long size = 1L << (32 - length);
      destinations.add(dotted(base));
      destinations.add(dotted(base + size - 1));
      destinations.add(dotted(base + (long) (random.nextDouble() * size)));
    }
    destinations.addAll(List.of("8.8.8.8", "11.0.0.1", "172.32.0.1", "193.0.0.1", "0.0.0.0"));
    List<byte[]> frames = new ArrayList<>();
    int[] ttls = {1, 2, 3, 4, 5, 64, 64, 64, 255};
    for (int i = 0; i < 600; i++) {
      String dst;
      switch (i % 4) {
        case 0 -> dst = dotted(0xc0a8_0000L | random.nextInt(1 << 16)); // 192.168.0.0/16
        case 1 -> dst = dotted(0xac10_0000L | random.nextInt(1 << 20)); // 172.16.0.0/12
        default -> dst = destinations.get(random.nextInt(destinations.size()));
      }
      String src = dotted(0x0a00_0000L | random.nextInt(1 << 24));
      Frames f =
          Frames.ipv4(src, dst)
              .ttl(ttls[random.nextInt(ttls.length)])
              .protocol(random.nextBoolean() ? Frames.UDP : Frames.TCP)
              .ports(1024 + random.nextInt(60000), 1 + random.nextInt(65535))
              .payload(random.nextInt(64));
      if (i % 7 == 3) {
        f.vlan(100 + i % 5);
      }
      frames.add(f.build());
    }
    return frames;
  }

  private static Path withDefaultRoute() throws IOException {
    Path file = dir.resolve("default-route.yaml");
    Files.writeString(
        file,
        """
        # A default route, a /8 and host routes beside it
        routes:
          - 0.0.0.0/0 via 3
          - 10.0.0.0/8 via 1
          - 192.168.0.0/16 via 2
          - "192.168.0.1/32 via 1"
          - 172.16.9.9 via 2        # a bare address: a /32
        next_hops:
          1: {smac: "02:00:00:00:00:01", dmac: "02:00:00:00:01:01"}
          2: {smac: '02-00-00-00-00-02', dmac: "02:00:00:00:01:02"}
          3: {dmac: "02:00:00:00:01:03", smac: "02:00:00:00:00:03"}
        """,
        StandardCharsets.UTF_8);
    return file;
  }

  private static long ipv4(String dotted) {
    long v = 0;
    for (String octet : dotted.split("\\.", -1)) {
      v = (v << 8) | Integer.parseInt(octet);
    }
    return v;
  }

  private static String dotted(long v) {
    return (v >>> 24 & 0xff) + "." + (v >>> 16 & 0xff) + "." + (v >>> 8 & 0xff) + "." + (v & 0xff);
  }

  private static List<String> hex(List<byte[]> frames) {
    return frames.stream().map(HexFormat.of()::formatHex).toList();
  }

  // ---------------------------------------------------------------------------------------------
  // The C side

  /** Runs the C chain over {@code in} (exactly its {@code packets} frames) into {@code out}. */
  private static JsonNode runC(
      Path in, Path out, Path routes, int chain, String placement, int packets) throws Exception {
    String prefix = "nfpref-l3-" + ProcessHandle.current().pid() + "-" + out.getFileName();
    List<String> command =
        List.of(
            BINARY.toString(),
            "-l",
            "0-1",
            "--no-huge",
            "--no-pci",
            "-m",
            "512",
            "--file-prefix",
            prefix.replace(".pcap", ""),
            "--no-telemetry",
            "--log-level=lib.eal:warning",
            "--vdev=net_pcap0,rx_pcap=" + in + ",infinite_rx=1",
            "--vdev=net_pcap1,tx_pcap=" + out,
            "--",
            "--mode",
            "chain",
            "--nf",
            "l3fwd",
            "--chain",
            Integer.toString(chain),
            "--routes",
            routes.toString(),
            "--placement",
            placement,
            "--packets",
            Integer.toString(packets));
    Path stdout = dir.resolve(out.getFileName() + ".stdout");
    Path stderr = dir.resolve(out.getFileName() + ".stderr");
    Process process =
        new ProcessBuilder(command)
            .redirectOutput(stdout.toFile())
            .redirectError(stderr.toFile())
            .start();
    if (!process.waitFor(TIMEOUT_SECONDS, TimeUnit.SECONDS)) {
      process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
      throw new AssertionError(
          "nfp-pipeline-ref ran longer than " + TIMEOUT_SECONDS + " s and was killed: " + command);
    }
    String err = Files.readString(stderr, StandardCharsets.UTF_8);
    assertThat(process.exitValue()).as("exit code of %s; stderr:%n%s", command, err).isZero();
    List<String> lines =
        Files.readString(stdout, StandardCharsets.UTF_8).lines().filter(l -> !l.isBlank()).toList();
    assertThat(lines).as("stdout (expected: one JSON line)").hasSize(1);
    JsonNode json = JSON.readTree(lines.get(0));
    assertThat(json.get("admitted").asLong()).as("output: %s", json).isEqualTo(packets);
    return json;
  }
}
