package org.nfpvnfm.nf.nat;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.nfpvnfm.dpdk.packet.PacketFields;
import org.nfpvnfm.dpdk.packet.ParsedPacket;
import org.nfpvnfm.nf.NfConfig;
import org.nfpvnfm.nf.NfHarness;
import org.nfpvnfm.nf.firewall.Allocation;
import org.nfpvnfm.nf.firewall.ProfileConformance;
import org.nfpvnfm.nf.firewall.TestPackets;
import org.nfpvnfm.tosca.nfp.BuiltInProfiles;
import org.nfpvnfm.tosca.nfp.PacketField;

/** The NAT on real mbufs, with a clock the test moves. */
@Tag("integration")
class NatTest {

  private static NfHarness harness;

  @BeforeAll
  static void start() {
    harness = new NfHarness();
  }

  @AfterAll
  static void stop() {
    harness.close();
  }

  private static final String PUBLIC = "203.0.113.1";
  private static final long SECOND = 1_000_000_000L;

  private final long[] now = {1_000 * SECOND};

  private Nat nat(Map<String, ?> extra) {
    Map<String, Object> p = new HashMap<>();
    p.put("public_address", PUBLIC);
    p.put("internal", List.of("10.0.0.0/8"));
    p.putAll(extra);
    NatSettings s = NatProvider.settings(NfConfig.of("nat1", p));
    return new Nat(s, () -> now[0]);
  }

  private static ParsedPacket parsed(NfHarness.Outcome o) {
    return TestPackets.parse(o.bytes());
  }

  private static String sip(NfHarness.Outcome o) {
    return address(parsed(o), PacketField.SIP);
  }

  private static String dip(NfHarness.Outcome o) {
    return address(parsed(o), PacketField.DIP);
  }

  private static String address(ParsedPacket p, PacketField f) {
    if (p.ipVersion() == 6) {
      return Long.toHexString(PacketFields.ipv6High(p, f))
          + "/"
          + Long.toHexString(PacketFields.ipv6Low(p, f));
    }
    long a = PacketFields.get(p, f);
    return (a >>> 24) + "." + (a >>> 16 & 0xff) + "." + (a >>> 8 & 0xff) + "." + (a & 0xff);
  }

  private static int sport(NfHarness.Outcome o) {
    return (int) PacketFields.get(parsed(o), PacketField.SPORT);
  }

  private static int dport(NfHarness.Outcome o) {
    return (int) PacketFields.get(parsed(o), PacketField.DPORT);
  }

  @Test
  void translatesOutboundSourcesAndReturnTrafficBack() {
    Nat nat = nat(Map.of());
    NfHarness.Outcome out =
        harness.run(nat, TestPackets.tcp("10.0.0.5", 40000, "198.51.100.7", 443).build());
    assertThat(out.dropped()).isFalse();
    assertThat(sip(out)).isEqualTo(PUBLIC);
    int port = sport(out);
    assertThat(port).isBetween(1024, 65535);
    assertThat(dip(out)).isEqualTo("198.51.100.7");
    assertThat(dport(out)).isEqualTo(443);

    NfHarness.Outcome back =
        harness.run(nat, TestPackets.tcp("198.51.100.7", 443, PUBLIC, port).build());
    assertThat(dip(back)).isEqualTo("10.0.0.5");
    assertThat(dport(back)).isEqualTo(40000);
    assertThat(sip(back)).isEqualTo("198.51.100.7");
    assertThat(nat.counters())
        .containsEntry("outbound translated", 1L)
        .containsEntry("inbound translated", 1L)
        .containsEntry("mappings created", 1L)
        .containsEntry("mappings", 1L);
  }

  @Test
  void oneMappingPerInternalEndpointWhateverTheDestinationAndPerProtocol() {
    Nat nat = nat(Map.of());
    List<NfHarness.Outcome> out =
        harness.run(
            nat,
            List.of(
                TestPackets.tcp("10.0.0.5", 40000, "198.51.100.7", 443).build(),
                TestPackets.tcp("10.0.0.5", 40000, "192.0.2.9", 80).build(),
                TestPackets.tcp("10.0.0.5", 40001, "198.51.100.7", 443).build(),
                TestPackets.tcp("10.0.0.6", 40000, "198.51.100.7", 443).build(),
                TestPackets.udp("10.0.0.5", 40000, "198.51.100.7", 443).build()));
    assertThat(sport(out.get(1))).isEqualTo(sport(out.get(0)));
    assertThat(List.of(sport(out.get(0)), sport(out.get(2)), sport(out.get(3))))
        .doesNotHaveDuplicates();
    assertThat(nat.mappings()).isEqualTo(4);
    // UDP has its own ports: the same number may serve a TCP and a UDP endpoint.
    NfHarness.Outcome udpBack =
        harness.run(nat, TestPackets.udp("198.51.100.7", 443, PUBLIC, sport(out.get(4))).build());
    assertThat(dip(udpBack)).isEqualTo("10.0.0.5");
    assertThat(dport(udpBack)).isEqualTo(40000);
  }

  @Test
  void passesWhatItCannotOrNeedNotTranslateAndCountsIt() {
    Nat nat = nat(Map.of("port_min", 20000, "port_max", 20009));
    List<byte[]> in =
        List.of(
            TestPackets.tcp("198.51.100.7", 443, PUBLIC, 20005).build(), // no mapping
            TestPackets.tcp("198.51.100.7", 443, PUBLIC, 80).build(), // outside the port range
            TestPackets.ping("198.51.100.7", PUBLIC).build(), // to the NAT itself
            TestPackets.tcp("192.168.1.1", 1, "198.51.100.7", 443).build(), // not internal
            TestPackets.udp("2001:db8::1", 1, "2001:db8::2", 2).build(), // other IP version
            TestPackets.arp());
    List<NfHarness.Outcome> out = harness.run(nat, in);
    for (int i = 0; i < in.size(); i++) {
      assertThat(out.get(i).dropped()).isFalse();
      assertThat(out.get(i).bytes()).as("frame %d", i).isEqualTo(in.get(i));
    }
    assertThat(nat.counters())
        .containsEntry("inbound unmatched", 3L)
        .containsEntry("passed", 2L)
        .containsEntry("other ip version", 1L)
        .containsEntry("mappings", 0L);
  }

  @Test
  void packetsWithoutPortsGetThePublicAddressOnly() {
    Nat nat = nat(Map.of());
    List<NfHarness.Outcome> out =
        harness.run(
            nat,
            List.of(
                TestPackets.ping("10.0.0.5", "198.51.100.7").build(),
                TestPackets.udp("10.0.0.5", 5000, "198.51.100.7", 53).laterFragment().build(),
                TestPackets.ip(47, "10.0.0.5", "198.51.100.7").build()));
    for (NfHarness.Outcome o : out) {
      assertThat(sip(o)).isEqualTo(PUBLIC);
    }
    assertThat(nat.counters()).containsEntry("outbound address only", 3L);
    assertThat(nat.mappings()).isZero();
  }

  @Test
  void mappingsExpireAfterTheirProtocolsIdleTimeoutAndTrafficKeepsThemAlive() {
    Nat nat = nat(Map.of("udp_timeout", 30, "tcp_timeout", 600));
    int udp =
        sport(harness.run(nat, TestPackets.udp("10.0.0.5", 5000, "198.51.100.7", 53).build()));
    int tcp =
        sport(harness.run(nat, TestPackets.tcp("10.0.0.5", 5000, "198.51.100.7", 80).build()));
    now[0] += 20 * SECOND;
    // Return traffic refreshes the UDP mapping too.
    assertThat(dip(harness.run(nat, TestPackets.udp("198.51.100.7", 53, PUBLIC, udp).build())))
        .isEqualTo("10.0.0.5");
    now[0] += 29 * SECOND;
    assertThat(dip(harness.run(nat, TestPackets.udp("198.51.100.7", 53, PUBLIC, udp).build())))
        .isEqualTo("10.0.0.5");
    now[0] += 31 * SECOND;
    NfHarness.Outcome late =
        harness.run(nat, TestPackets.udp("198.51.100.7", 53, PUBLIC, udp).build());
    assertThat(dip(late)).isEqualTo(PUBLIC);
    assertThat(nat.counters())
        .containsEntry("mappings expired", 1L)
        .containsEntry("inbound unmatched", 1L)
        .containsEntry("mappings", 1L);
    // The TCP mapping, idle for 80 s of its 600, is still there.
    assertThat(dip(harness.run(nat, TestPackets.tcp("198.51.100.7", 80, PUBLIC, tcp).build())))
        .isEqualTo("10.0.0.5");
    // A new UDP packet from the endpoint makes a new mapping, on another port (FIFO reuse).
    int again =
        sport(harness.run(nat, TestPackets.udp("10.0.0.5", 5000, "198.51.100.7", 53).build()));
    assertThat(again).isNotEqualTo(udp);
  }

  @Test
  void aFullTableLeavesNewEndpointsUntranslatedAndCountsThem() {
    Nat nat = nat(Map.of("max_mappings", 2, "udp_timeout", 10));
    List<NfHarness.Outcome> out =
        harness.run(
            nat,
            List.of(
                TestPackets.udp("10.0.0.1", 1000, "198.51.100.7", 53).build(),
                TestPackets.udp("10.0.0.2", 1000, "198.51.100.7", 53).build(),
                TestPackets.udp("10.0.0.3", 1000, "198.51.100.7", 53).build(),
                TestPackets.udp("10.0.0.1", 1000, "198.51.100.7", 53).build()));
    assertThat(sip(out.get(2))).isEqualTo("10.0.0.3");
    assertThat(sport(out.get(2))).isEqualTo(1000);
    assertThat(out.get(2).dropped()).isFalse();
    assertThat(sip(out.get(3))).isEqualTo(PUBLIC);
    assertThat(nat.counters()).containsEntry("table full", 1L).containsEntry("mappings", 2L);
    now[0] += 11 * SECOND;
    assertThat(sip(harness.run(nat, TestPackets.udp("10.0.0.3", 1000, "198.51.100.7", 53).build())))
        .isEqualTo(PUBLIC);
  }

  @Test
  void runningOutOfPortsIsCountedPerProtocol() {
    Nat nat = nat(Map.of("port_min", 40000, "port_max", 40000));
    List<NfHarness.Outcome> out =
        harness.run(
            nat,
            List.of(
                TestPackets.tcp("10.0.0.1", 1000, "198.51.100.7", 80).build(),
                TestPackets.tcp("10.0.0.2", 1000, "198.51.100.7", 80).build(),
                TestPackets.udp("10.0.0.2", 1000, "198.51.100.7", 53).build()));
    assertThat(sport(out.get(0))).isEqualTo(40000);
    assertThat(sip(out.get(1))).isEqualTo("10.0.0.2");
    assertThat(sport(out.get(2))).isEqualTo(40000);
    assertThat(nat.counters()).containsEntry("ports exhausted", 1L).containsEntry("mappings", 2L);
  }

  @Test
  void translatesIpv6BehindAnIpv6Address() {
    Map<String, Object> p = new HashMap<>();
    p.put("public_address", "2001:db8::1");
    p.put("internal", List.of("fd00::/8"));
    Nat nat = new Nat(NatProvider.settings(NfConfig.of("nat6", p)), () -> now[0]);
    NfHarness.Outcome out =
        harness.run(nat, TestPackets.udp("fd00::5", 5000, "2001:db8:ffff::9", 53).vlan(3).build());
    assertThat(sip(out)).isEqualTo("20010db800000000/1");
    NfHarness.Outcome back =
        harness.run(
            nat, TestPackets.udp("2001:db8:ffff::9", 53, "2001:db8::1", sport(out)).build());
    assertThat(dip(back)).isEqualTo("fd00000000000000/5");
    assertThat(dport(back)).isEqualTo(5000);
    NfHarness.Outcome v4 = harness.run(nat, TestPackets.udp("10.0.0.1", 1, "10.0.0.2", 2).build());
    assertThat(sip(v4)).isEqualTo("10.0.0.1");
  }

  @Test
  void malformedFramesNeverReachItAndTheRestIsTranslated() {
    byte[] truncated =
        java.util.Arrays.copyOf(TestPackets.tcp("10.0.0.1", 1, "198.51.100.7", 80).build(), 40);
    Nat nat = nat(Map.of());
    List<NfHarness.Outcome> out =
        harness.run(
            nat, List.of(truncated, TestPackets.tcp("10.0.0.1", 1, "198.51.100.7", 80).build()));
    assertThat(out.get(0).malformed()).isTrue();
    assertThat(sip(out.get(1))).isEqualTo(PUBLIC);
    assertThat(nat.counters()).containsEntry("outbound translated", 1L);
  }

  /**
   * Many endpoints over a small port range, time moving, mappings made, refreshed and expired in
   * every order: against a model (a map from endpoint to port), every outbound packet gets its live
   * endpoint's port (or a new one no live endpoint holds), and every reply goes back to its
   * endpoint. This exercises the table's deletion, which moves entries.
   */
  @Test
  void agreesWithAMapOfLiveEndpointsUnderChurn() {
    Nat nat = nat(Map.of("port_min", 30000, "port_max", 30063, "udp_timeout", 5, "seed", 7));
    Map<String, int[]> live = new HashMap<>(); // endpoint -> {port, last seen second}
    Random r = new Random(11);
    long second = 0;
    int exhausted = 0;
    for (int burst = 0; burst < 600; burst++) {
      if (r.nextInt(3) == 0) {
        now[0] += SECOND;
        second++;
      }
      final long t = second;
      live.values().removeIf(v -> t - v[1] > 5);
      List<byte[]> frames = new ArrayList<>();
      List<String> endpoints = new ArrayList<>();
      List<Integer> replyTo = new ArrayList<>();
      for (int k = 0; k < 8; k++) {
        String host = "10.0." + r.nextInt(4) + "." + (1 + r.nextInt(20));
        int port = 1000 + r.nextInt(3);
        String endpoint = host + ":" + port;
        int[] m = live.get(endpoint);
        if (m != null && r.nextBoolean()) {
          frames.add(TestPackets.udp("198.51.100.7", 53, PUBLIC, m[0]).build());
          replyTo.add(m[0]);
        } else {
          frames.add(TestPackets.udp(host, port, "198.51.100.7", 53).build());
          replyTo.add(-1);
        }
        endpoints.add(endpoint);
      }
      List<NfHarness.Outcome> out = harness.run(nat, frames);
      for (int k = 0; k < frames.size(); k++) {
        String endpoint = endpoints.get(k);
        NfHarness.Outcome o = out.get(k);
        if (replyTo.get(k) >= 0) {
          assertThat(dip(o) + ":" + dport(o)).as("burst %d reply %d", burst, k).isEqualTo(endpoint);
          int[] replied = live.get(endpoint);
          if (replied != null) {
            replied[1] = (int) second;
          }
          continue;
        }
        if (!sip(o).equals(PUBLIC)) {
          // Left untranslated: only when every one of the 64 ports is held by a live endpoint.
          assertThat(live).as("burst %d: %s untranslated", burst, endpoint).hasSize(64);
          assertThat(live).doesNotContainKey(endpoint);
          exhausted++;
          continue;
        }
        int port = sport(o);
        int[] m = live.get(endpoint);
        if (m != null) {
          assertThat(port).as("burst %d: %s keeps its port", burst, endpoint).isEqualTo(m[0]);
          m[1] = (int) second;
        } else {
          for (int[] other : live.values()) {
            assertThat(port)
                .as("burst %d: %s gets a free port", burst, endpoint)
                .isNotEqualTo(other[0]);
          }
          live.put(endpoint, new int[] {port, (int) second});
        }
      }
      assertThat(nat.mappings()).as("burst %d", burst).isEqualTo(live.size());
    }
    assertThat(nat.counters().get("mappings expired")).isGreaterThan(50);
    assertThat(exhausted).isPositive();
    assertThat(nat.counters().get("ports exhausted")).isEqualTo(exhausted);
  }

  @Test
  void touchesOnlyWhatTheNatProfileDeclares() {
    List<byte[]> frames =
        List.of(
            TestPackets.tcp("10.0.0.5", 40000, "198.51.100.7", 443).dscp(10).build(),
            TestPackets.udp("10.0.0.6", 5000, "198.51.100.7", 53).vlan(9).ttl(3).build(),
            TestPackets.ping("10.0.0.5", "198.51.100.7").build(),
            TestPackets.tcp("198.51.100.7", 443, PUBLIC, 1024).build(),
            TestPackets.tcp("192.168.0.1", 1, "198.51.100.7", 443).build(),
            TestPackets.arp());
    // The seed fixes the ports, so that two NFs given the same frames give the same output.
    List<NfHarness.Outcome> first =
        ProfileConformance.checkWrites(harness, nat(Map.of()), BuiltInProfiles.NAT, frames);
    // Send the replies to the ports actually handed out.
    List<byte[]> withReplies = new ArrayList<>(frames);
    withReplies.add(TestPackets.tcp("198.51.100.7", 443, PUBLIC, sport(first.get(0))).build());
    withReplies.add(
        TestPackets.udp("198.51.100.7", 53, PUBLIC, sport(first.get(1))).vlan(2).build());
    ProfileConformance.checkWrites(harness, nat(Map.of()), BuiltInProfiles.NAT, withReplies);
    ProfileConformance.checkReads(harness, () -> nat(Map.of()), BuiltInProfiles.NAT, withReplies);
  }

  @Test
  void allocatesNothingPerBurst() {
    List<byte[]> frames = new ArrayList<>();
    for (int i = 0; i < 32; i++) {
      frames.add(TestPackets.udp("10.0.0." + (i + 1), 5000 + i, "198.51.100.7", 53).build());
    }
    Nat nat = nat(Map.of("udp_timeout", 1));
    // The clock moves 1.1 s per burst: every mapping expires and is made again.
    long[] t = {0};
    Nat churning =
        new Nat(
            NatProvider.settings(
                NfConfig.of(
                    "nat1",
                    Map.of(
                        "public_address",
                        PUBLIC,
                        "internal",
                        List.of("10.0.0.0/8"),
                        "udp_timeout",
                        1))),
            () -> t[0] += 1_100_000_000L);
    assertThat(Allocation.bytesOver(nat, frames, 20_000)).isZero();
    assertThat(Allocation.bytesOver(churning, frames, 20_000)).isZero();
    assertThat(churning.counters().get("mappings expired")).isGreaterThan(1000);
  }
}
