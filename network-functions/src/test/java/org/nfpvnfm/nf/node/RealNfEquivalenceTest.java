package org.nfpvnfm.nf.node;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.FieldSource;
import org.nfpvnfm.engine.Compilation;
import org.nfpvnfm.engine.GraphNf;
import org.nfpvnfm.engine.NfpCompiler;
import org.nfpvnfm.engine.ServiceGraph;
import org.nfpvnfm.nf.node.Descriptors.Nf;
import org.nfpvnfm.nf.node.Descriptors.Position;
import org.nfpvnfm.tosca.LoadResult;
import org.nfpvnfm.tosca.ToscaLoader;

/**
 * The result-correctness principle with the real NFs on the DPDK node: a trace through a graph's
 * parallel plan and through its sequential plan, each NF a fresh instance of the built-in NF its
 * action profile names, leaves the node as the same frames in the same order, and every packet the
 * graph accepted is delivered or dropped for a counted reason.
 *
 * <p>The samples are compiled as they are; the hand-written chains give each NF its built-in
 * profile refined to what the NF really does ({@link Descriptors#profile}). One combination is left
 * out because the plans differ there, for a cause outside these tests (a traffic shaper on a header
 * copy used to be the second: it metered the copied headers' length, and now meters {@code
 * ParsedPacket.packetLength()}, which the "policer" chain checks):
 *
 * <ul>
 * </ul>
 */
@Tag("integration")
class RealNfEquivalenceTest {
  static final List<String> SAMPLES =
      List.of(
          "samples-vnfd/valid/paper-chain-tacker-vnffgd.yaml",
          "samples-vnfd/valid/paper-chain-sol004",
          "samples-vnfd/valid/datacenter-north-south");

  /** A hand-written descriptor, and NFs configured apart from the type's configuration. */
  record Chain(
      String title,
      List<Nf> nfs,
      List<Position> path,
      List<String> rules,
      Map<String, Map<String, Object>> byName) {
    @Override
    public String toString() {
      return title;
    }
  }

  static final List<Chain> CHAINS =
      List.of(
          new Chain(
              "web edge: proxy, NIDS, cache, compression, monitor",
              List.of(
                  new Nf("NIDS", "nids"),
                  new Nf("MON", "monitor"),
                  new Nf("PROXY", "proxy"),
                  new Nf("CACHE", "caching"),
                  new Nf("COMP", "compression")),
              List.of(
                  Position.of("NIDS", "MON"),
                  Position.of("PROXY"),
                  Position.of("CACHE"),
                  Position.of("COMP")),
              List.of(),
              Map.of()),
          new Chain(
              "router edge: gateway, firewall, L3 forwarder, traffic shaper",
              List.of(
                  new Nf("GW", "gateway"),
                  new Nf("FW", "firewall"),
                  new Nf("ROUTER", "l3_forwarder"),
                  new Nf("SHAPER", "traffic_shaper")),
              List.of(
                  Position.of("GW"),
                  Position.of("FW"),
                  Position.of("ROUTER"),
                  Position.of("SHAPER")),
              List.of(),
              Map.of()),
          // The engine runs {NAT | COMP}: the compression rewrites the inner IPv4 checksum over the
          // addresses before the NAT's, the merger takes the NAT's addresses; the encapsulating VPN
          // recomputes the inner checksums before sealing, so both plans seal the same packet.
          new Chain(
              "tunnel out with the compression beside the NAT",
              List.of(
                  new Nf("FW", "firewall"),
                  new Nf("LB", "load_balancer"),
                  new Nf("NAT", "nat"),
                  new Nf("COMP", "compression"),
                  new Nf("VPN", "vpn")),
              List.of(
                  Position.of("FW"),
                  Position.of("LB"),
                  Position.of("NAT"),
                  Position.of("COMP"),
                  Position.of("VPN")),
              List.of("last VPN"),
              Map.of("VPN", RealNfs.vpn("encap", "192.0.2.1", "192.0.2.2"))),
          new Chain(
              "tunnel out: firewall, load balancer, NAT, monitor, compression, VPN",
              List.of(
                  new Nf("FW", "firewall"),
                  new Nf("LB", "load_balancer"),
                  new Nf("NAT", "nat"),
                  new Nf("MON", "monitor"),
                  new Nf("COMP", "compression"),
                  new Nf("VPN", "vpn")),
              List.of(
                  Position.of("FW"),
                  Position.of("LB"),
                  Position.of("NAT"),
                  Position.of("MON"),
                  Position.of("COMP"),
                  Position.of("VPN")),
              List.of("last VPN"),
              Map.of("VPN", RealNfs.vpn("encap", "192.0.2.1", "192.0.2.2"))),
          // The engine gives the branch FW -> SHAPER -> ROUTER a header copy: the shaper must meter
          // the whole packet (ParsedPacket.packetLength), not the copied headers.
          new Chain(
              "policer: monitor and NIDS beside a firewall, a dropping shaper and the router",
              List.of(
                  new Nf("MON", "monitor"),
                  new Nf("NIDS", "nids"),
                  new Nf("FW", "firewall"),
                  new Nf("SHAPER", "traffic_shaper"),
                  new Nf("ROUTER", "l3_forwarder")),
              List.of(
                  Position.of("MON"),
                  Position.of("NIDS"),
                  Position.of("FW"),
                  Position.of("SHAPER"),
                  Position.of("ROUTER")),
              List.of(),
              Map.of(
                  "SHAPER",
                  Map.of(
                      "mode",
                      "drop",
                      "classes",
                      List.of(
                          "bulk -p udp --dport 5001 --rate 8bit --burst 1514b",
                          "web -p tcp --dport 80 --rate 1tbit")))),
          new Chain(
              "operator's parallel intent: firewall, dropping shaper and NIDS together, then the"
                  + " router",
              List.of(
                  new Nf("FW", "firewall"),
                  new Nf("SHAPER", "traffic_shaper"),
                  new Nf("NIDS", "nids"),
                  new Nf("ROUTER", "l3_forwarder")),
              List.of(Position.of("FW", "SHAPER", "NIDS"), Position.of("ROUTER")),
              List.of("priority FW SHAPER"),
              Map.of(
                  "SHAPER",
                  Map.of(
                      "mode",
                      "drop",
                      "classes",
                      List.of(
                          "bulk -p udp --dport 5001 --rate 8bit --burst 1514b",
                          "web -p tcp --dport 80 --rate 1tbit")))));

  private static DatagramSocket collector;
  private static Map<String, Map<String, Object>> configs = Map.of();

  @TempDir Path dir;

  @BeforeAll
  static void openCollector() throws IOException {
    collector = new DatagramSocket(0, InetAddress.getLoopbackAddress());
    configs = RealNfs.configs("127.0.0.1:" + collector.getLocalPort());
  }

  @AfterAll
  static void closeCollector() {
    collector.close();
  }

  /** A sample as written, each NF the real NF its profile names. */
  @ParameterizedTest
  @FieldSource("SAMPLES")
  void sampleWithRealNfsLeavesTheNodeAsItsSequentialPlanDoes(String sample) throws Exception {
    Path path = find(sample);
    ServiceGraph parallel = catchAll(compile(path, NfpCompiler.Plan.PARALLEL));
    ServiceGraph sequential = catchAll(compile(path, NfpCompiler.Plan.SEQUENTIAL));
    List<byte[]> inner = Trace.mixed(sample.hashCode(), 1500, 300);
    // A VPN at the head of a chain terminates the tunnel: give it the trace tunnelled.
    boolean tunnelled = parallel.nfs().stream().anyMatch(nf -> RealNfs.typeOf(nf).equals("vpn"));
    List<byte[]> trace = tunnelled ? Esp.tunnel(inner, sample.hashCode()) : inner;
    equivalent(sample, parallel, sequential, trace, Map.of());
  }

  /** A hand-written chain whose profiles declare exactly what its real NFs do. */
  @ParameterizedTest
  @FieldSource("CHAINS")
  void handWrittenChainWithRealNfsLeavesTheNodeAsItsSequentialPlanDoes(Chain chain)
      throws Exception {
    Path path = dir.resolve("chain.yaml");
    Files.writeString(
        path, Descriptors.nsd(chain.title(), chain.nfs(), chain.path(), chain.rules()));
    ServiceGraph parallel = catchAll(compile(path, NfpCompiler.Plan.PARALLEL));
    ServiceGraph sequential = catchAll(compile(path, NfpCompiler.Plan.SEQUENTIAL));
    for (GraphNf nf : parallel.nfs()) {
      assertThat(RealNfs.undeclared(nf))
          .as("%s: what %s does beyond its compiled profile", chain, nf.name())
          .isEmpty();
    }
    List<byte[]> trace = Trace.mixed(chain.title().hashCode(), 1500, 300);
    equivalent(chain.title(), parallel, sequential, trace, chain.byName());
  }

  private void equivalent(
      String what,
      ServiceGraph parallel,
      ServiceGraph sequential,
      List<byte[]> trace,
      Map<String, Map<String, Object>> byName)
      throws Exception {
    Map<String, List<String>> gaps = new LinkedHashMap<>();
    for (GraphNf nf : parallel.nfs()) {
      List<String> g = RealNfs.undeclared(nf);
      if (!g.isEmpty()) {
        gaps.put(nf.name() + " (" + RealNfs.typeOf(nf) + ")", g);
      }
    }
    System.out.printf(
        "%s%n  parallel:   %s%n  sequential: %s%n  undeclared by the compiled profiles: %s%n",
        what, parallel.shape(), sequential.shape(), gaps);

    List<RealNfs.Made> parNfs = new ArrayList<>();
    List<RealNfs.Made> seqNfs = new ArrayList<>();
    NodeRun.Result p;
    NodeRun.Result s;
    try {
      p = NodeRun.run(dir, "par", parallel, trace, RealNfs.factory(configs, byName, parNfs));
      s = NodeRun.run(dir, "seq", sequential, trace, RealNfs.factory(configs, byName, seqNfs));
    } finally {
      RealNfs.close(parNfs);
      RealNfs.close(seqNfs);
    }
    System.out.printf(
        "  %d packets in; parallel: %d out, drops %s; sequential: %d out, drops %s%n",
        trace.size(), p.out().size(), p.graph().drops(), s.out().size(), s.graph().drops());
    for (RealNfs.Made seq : seqNfs) {
      Map<String, Long> par = Map.of();
      for (RealNfs.Made m : parNfs) {
        if (m.nf().equals(seq.nf())) {
          par = m.counters();
        }
      }
      System.out.printf(
          "  %s (%s)%n    seq %s%n    par %s%n",
          seq.nf(), seq.type(), nonZero(seq.counters()), nonZero(par));
    }

    for (RealNfs.Made m : seqNfs) {
      assertThat(RealNfs.idle(m))
          .as(
              "%s: counters of %s (%s) the trace should have moved; %s",
              what, m.nf(), m.type(), m.counters())
          .isEmpty();
    }
    for (RealNfs.Made par : parNfs) {
      if (par.type().equals("traffic_shaper")) {
        // Where the chains have a shaper it sees the same packets in both plans; equal meters
        // show it was given whole frames (see the class comment).
        Map<String, Long> seq =
            seqNfs.stream()
                .filter(m -> m.nf().equals(par.nf()))
                .findFirst()
                .orElseThrow()
                .counters();
        assertThat(par.counters())
            .as("%s: %s's meters in the parallel plan", what, par.nf())
            .isEqualTo(seq);
      }
    }
    for (NodeRun.Result r : List.of(p, s)) {
      assertThat(r.graph().drops().keySet())
          .as("%s: drop reasons of %s (expected: verdicts only)", what, r.graph().shape())
          .allMatch(k -> k.equals("dropped by NF") || k.equals("dropped by merge verdict"));
    }
    assertSameFrames(what, p.out(), s.out());
  }

  private static Map<String, Long> nonZero(Map<String, Long> counters) {
    Map<String, Long> out = new LinkedHashMap<>();
    counters.forEach(
        (k, v) -> {
          if (v != 0) {
            out.put(k, v);
          }
        });
    return out;
  }

  /** Same frames in the same order; otherwise names the first difference. */
  static void assertSameFrames(String what, List<byte[]> parallel, List<byte[]> sequential) {
    int n = Math.min(parallel.size(), sequential.size());
    for (int i = 0; i < n; i++) {
      byte[] a = parallel.get(i);
      byte[] b = sequential.get(i);
      if (!Arrays.equals(a, b)) {
        int at = Arrays.mismatch(a, b);
        throw new AssertionError(
            "%s: frame %d of %d/%d out differs at byte %d%n  parallel   (%d bytes) %s%n  sequential (%d bytes) %s"
                .formatted(
                    what,
                    i,
                    parallel.size(),
                    sequential.size(),
                    at,
                    a.length,
                    hex(a),
                    b.length,
                    hex(b)));
      }
    }
    assertThat(parallel.size())
        .as("%s: frames out of the parallel graph", what)
        .isEqualTo(sequential.size());
  }

  private static String hex(byte[] frame) {
    return HexFormat.of().formatHex(frame, 0, Math.min(frame.length, 80));
  }

  /** The graph of a descriptor compiled for {@code plan}. */
  static ServiceGraph compile(Path path, NfpCompiler.Plan plan) {
    LoadResult loaded = ToscaLoader.create().load(path);
    assertThat(loaded.errors()).as("%s", path).isEmpty();
    Compilation c = NfpCompiler.create().plan(plan).compile(loaded.nfpModel().orElseThrow());
    assertThat(c.ok()).as("%s: %s", path, c.diagnostics()).isTrue();
    return c.serviceGraphs().getFirst();
  }

  /** The same graph without classifier criteria: it takes every packet of a replayed trace. */
  static ServiceGraph catchAll(ServiceGraph g) {
    return new ServiceGraph(
        g.formatVersion(),
        g.name(),
        g.nfs(),
        g.referenceChain(),
        List.of(),
        g.root(),
        g.forwarding(),
        g.merges(),
        g.buffers(),
        g.egress(),
        g.summary());
  }

  static Path find(String relative) {
    for (Path d = Path.of("").toAbsolutePath(); d != null; d = d.getParent()) {
      Path p = d.resolve(relative);
      if (Files.exists(p)) {
        return p;
      }
    }
    throw new IllegalStateException(relative + " not found above " + Path.of("").toAbsolutePath());
  }

  /** The samples and the hand-written chains together run each of the registry's NF types. */
  @Test
  void everyBuiltInNfRunsInSomeChain() {
    TreeSet<String> types = new TreeSet<>();
    for (String sample : SAMPLES) {
      compile(find(sample), NfpCompiler.Plan.PARALLEL)
          .nfs()
          .forEach(nf -> types.add(RealNfs.typeOf(nf)));
    }
    for (Chain c : CHAINS) {
      c.nfs().forEach(nf -> types.add(nf.type()));
    }
    assertThat(types).containsExactlyInAnyOrderElementsOf(RealNfs.REGISTRY.types());
  }
}
