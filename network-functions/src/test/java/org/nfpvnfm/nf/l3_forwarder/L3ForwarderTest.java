package org.nfpvnfm.nf.l3_forwarder;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.nfpvnfm.nf.NfConfig;
import org.nfpvnfm.nf.NfConfigException;
import org.nfpvnfm.nf.NfHarness;
import org.nfpvnfm.nf.NfHarness.Outcome;
import org.nfpvnfm.nf.NfRegistry;
import org.nfpvnfm.tosca.nfp.BuiltInProfiles;

@Tag("integration")
class L3ForwarderTest {
  private static NfHarness harness;

  private static final Map<Object, Object> HOPS =
      Map.of(
          1, Map.of("smac", "02:00:00:00:00:01", "dmac", "02:00:00:00:01:01"),
          2, Map.of("smac", "02:00:00:00:00:02", "dmac", "02:00:00:00:01:02"),
          3, Map.of("smac", "02:00:00:00:00:03", "dmac", "02:00:00:00:01:03"));

  @BeforeAll
  static void start() {
    harness = new NfHarness();
  }

  @AfterAll
  static void stop() {
    harness.close();
  }

  private static L3Forwarder nf(List<String> routes) {
    return (L3Forwarder)
        new L3ForwarderProvider()
            .create(NfConfig.of("r1", Map.of("routes", routes, "next_hops", HOPS)));
  }

  @Test
  void isFoundByTypeWithTheBuiltInProfile() {
    var p = NfRegistry.load().find("l3_forwarder").orElseThrow();
    assertThat(p.profile()).isEqualTo(BuiltInProfiles.L3_FORWARDER);
  }

  @Test
  void forwardsOnTheLongestMatchingPrefixAndRewritesMacsAndTtl() {
    L3Forwarder nf =
        nf(
            List.of(
                "0.0.0.0/0 via 3",
                "10.0.0.0/8 via 1",
                "10.1.2.0/24 via 2",
                "10.1.2.128/25 via 1",
                "10.1.2.200/32 via 3"));
    List<Outcome> out =
        harness.run(
            nf,
            List.of(
                Frames.ipv4("192.0.2.1", "10.9.9.9").build(),
                Frames.ipv4("192.0.2.1", "10.1.2.3").build(),
                Frames.ipv4("192.0.2.1", "10.1.2.130").protocol(Frames.TCP).build(),
                Frames.ipv4("192.0.2.1", "10.1.2.200").ttl(2).build(),
                Frames.ipv4("192.0.2.1", "8.8.8.8").vlan(100).build()));
    assertThat(out).noneMatch(Outcome::dropped);
    assertThat(out)
        .extracting(o -> Frames.dmac(o.bytes()))
        .containsExactly(
            0x020000000101L, 0x020000000102L, 0x020000000101L, 0x020000000103L, 0x020000000103L);
    assertThat(out)
        .extracting(o -> Frames.smac(o.bytes()))
        .containsExactly(
            0x020000000001L, 0x020000000002L, 0x020000000001L, 0x020000000003L, 0x020000000003L);
    assertThat(out).extracting(o -> Frames.ttl(o.bytes())).containsExactly(63, 63, 63, 1, 63);
    assertThat(nf.counters())
        .containsEntry("forwarded_ipv4", 5L)
        .containsEntry("next_hop.1", 2L)
        .containsEntry("next_hop.2", 1L)
        .containsEntry("next_hop.3", 2L);
  }

  @Test
  void longerPrefixesSplitABlockWithoutLosingTheCoveringRoute() {
    // Inserted in an order where the /28 comes before the /16 that covers the rest of its /24.
    L3Forwarder nf = nf(List.of("172.16.5.16/28 via 2", "172.16.0.0/16 via 1"));
    List<Outcome> out =
        harness.run(
            nf,
            List.of(
                Frames.ipv4("192.0.2.1", "172.16.5.15").build(),
                Frames.ipv4("192.0.2.1", "172.16.5.16").build(),
                Frames.ipv4("192.0.2.1", "172.16.5.31").build(),
                Frames.ipv4("192.0.2.1", "172.16.5.32").build(),
                Frames.ipv4("192.0.2.1", "172.17.0.1").build()));
    assertThat(out.subList(0, 4))
        .extracting(o -> Frames.dmac(o.bytes()))
        .containsExactly(0x020000000101L, 0x020000000102L, 0x020000000102L, 0x020000000101L);
    assertThat(out.get(4).dropped()).isTrue();
    assertThat(nf.counters()).containsEntry("no_route", 1L);
  }

  @Test
  void agreesWithALinearScanOnThousandsOfRandomRoutes() {
    java.util.Random rnd = new java.util.Random(7);
    List<String> routes = new ArrayList<>();
    List<IpPrefix> prefixes = new ArrayList<>();
    List<Integer> hops = new ArrayList<>();
    java.util.Set<IpPrefix> seen = new java.util.HashSet<>();
    while (routes.size() < 3000) {
      int len = rnd.nextInt(33);
      long mask = len == 0 ? 0 : (0xffffffffL << (32 - len)) & 0xffffffffL;
      // Cluster the addresses in 10/8 so that prefixes nest.
      long addr = ((10L << 24) | (rnd.nextInt(1 << 12) << 12) | rnd.nextInt(1 << 12)) & mask;
      IpPrefix p = new IpPrefix(4, 0, addr, len);
      if (seen.add(p)) {
        int hop = 1 + rnd.nextInt(3);
        prefixes.add(p);
        hops.add(hop);
        routes.add(p + " via " + hop);
      }
    }
    L3Forwarder nf = nf(routes);
    List<byte[]> frames = new ArrayList<>();
    List<Integer> expected = new ArrayList<>();
    for (int k = 0; k < 256; k++) {
      long dst = (10L << 24) | (rnd.nextInt(1 << 12) << 12) | rnd.nextInt(1 << 12);
      if (k % 16 == 0) {
        dst = rnd.nextInt() & 0xffffffffL;
      }
      int best = -1;
      int bestHop = -1;
      for (int r = 0; r < prefixes.size(); r++) {
        if (prefixes.get(r).contains4(dst) && prefixes.get(r).length() > best) {
          best = prefixes.get(r).length();
          bestHop = hops.get(r);
        }
      }
      expected.add(bestHop);
      String d =
          (dst >>> 24) + "." + (dst >>> 16 & 255) + "." + (dst >>> 8 & 255) + "." + (dst & 255);
      frames.add(Frames.ipv4("192.0.2.1", d).build());
    }
    List<Outcome> out = harness.run(nf, frames);
    for (int k = 0; k < out.size(); k++) {
      int hop = expected.get(k);
      if (hop < 0) {
        assertThat(out.get(k).dropped()).as("packet %d", k).isTrue();
      } else {
        assertThat(Frames.dmac(out.get(k).bytes()))
            .as("packet %d", k)
            .isEqualTo(0x020000000100L + hop);
      }
    }
  }

  @Test
  void routesIpv6OnTheLongestPrefixAndDecrementsTheHopLimit() {
    L3Forwarder nf =
        nf(
            List.of(
                "::/0 via 3",
                "2001:db8::/32 via 1",
                "2001:db8:1::/48 via 2",
                "2001:db8:1:0:8000::/65 via 1",
                "2001:db8:1::5/128 via 3"));
    List<Outcome> out =
        harness.run(
            nf,
            List.of(
                Frames.ipv6("2001:db8:ffff::1", "2001:db8:2::1").build(),
                Frames.ipv6("2001:db8:ffff::1", "2001:db8:1::1").protocol(Frames.TCP).build(),
                Frames.ipv6("2001:db8:ffff::1", "2001:db8:1:0:8000::1").build(),
                Frames.ipv6("2001:db8:ffff::1", "2001:db8:1::5").hopLimit(9).build(),
                Frames.ipv6("2001:db8:ffff::1", "fe80::1").vlan(5).build()));
    assertThat(out).noneMatch(Outcome::dropped);
    assertThat(out)
        .extracting(o -> Frames.dmac(o.bytes()))
        .containsExactly(
            0x020000000101L, 0x020000000102L, 0x020000000101L, 0x020000000103L, 0x020000000103L);
    assertThat(out).extracting(o -> Frames.ttl(o.bytes())).containsExactly(63, 63, 63, 8, 63);
    assertThat(nf.counters()).containsEntry("forwarded_ipv6", 5L);
  }

  @Test
  void dropsExpiringNoRouteAndNonIpPacketsAndCountsEach() {
    L3Forwarder nf = nf(List.of("10.0.0.0/8 via 1", "2001:db8::/32 via 2"));
    List<Outcome> out =
        harness.run(
            nf,
            List.of(
                Frames.ipv4("192.0.2.1", "10.0.0.1").ttl(1).build(),
                Frames.ipv4("192.0.2.1", "10.0.0.1").ttl(0).build(),
                Frames.ipv6("2001:db8::1", "2001:db8::2").hopLimit(1).build(),
                Frames.ipv4("192.0.2.1", "11.0.0.1").build(),
                Frames.ipv6("2001:db8::1", "2001:db9::2").build(),
                Frames.arp()));
    assertThat(out).allMatch(Outcome::dropped);
    assertThat(nf.counters())
        .containsEntry("ttl_expired", 3L)
        .containsEntry("no_route", 2L)
        .containsEntry("non_ip", 1L)
        .containsEntry("forwarded", 0L);
  }

  @Test
  void leavesMalformedFramesToTheRuntimeAndForwardsTheRestOfTheBatch() {
    L3Forwarder nf = nf(List.of("10.0.0.0/8 via 1"));
    byte[] good = Frames.ipv4("192.0.2.1", "10.0.0.1").build();
    byte[] truncated = java.util.Arrays.copyOf(good, 20);
    List<Outcome> out = harness.run(nf, List.of(truncated, good));
    assertThat(out.get(0).malformed()).isTrue();
    assertThat(out.get(1).dropped()).isFalse();
    assertThat(nf.counters()).containsEntry("forwarded", 1L);
  }

  @Test
  void readsRoutesFromAnArtifactWithComments() {
    L3Forwarder nf =
        (L3Forwarder)
            new L3ForwarderProvider()
                .create(
                    new NfConfig(
                        "r1",
                        Map.of("next_hops", HOPS),
                        Map.of("routes", "# core\n10.0.0.0/8 via 2  # all of ten\n\n")));
    Outcome o = harness.run(nf, Frames.ipv4("192.0.2.1", "10.0.0.1").build());
    assertThat(Frames.dmac(o.bytes())).isEqualTo(0x020000000102L);
  }

  @Test
  void reportsEveryConfigurationProblemAtOnce() {
    Map<String, Object> props =
        Map.of(
            "routes",
            List.of(
                "10.0.0.0/8 via 9",
                "10.1.0.0/8 via 1",
                "300.0.0.0/8 via 1",
                "10.0.0.0/33 via 1",
                "2001:db8::/32 to 1",
                "2001:zz8::/32 via 1",
                "192.168.0.0/16 via 1",
                "192.168.0.0/16 via 2"),
            "next_hops",
            Map.of(
                1,
                Map.of("smac", "02:00:00:00:00:01", "dmac", "02:00:00:00:01:01"),
                2,
                Map.of("smac", "02:00:00:00:00:0g", "dmac", "02:00:00:00:01:01"),
                "x",
                Map.of("smac", "02:00:00:00:00:01", "dmac", "02:00:00:00:01:01")));
    assertThatThrownBy(() -> new L3ForwarderProvider().create(NfConfig.of("r1", props)))
        .isInstanceOfSatisfying(
            NfConfigException.class,
            e ->
                assertThat(e.problems())
                    .hasSize(9)
                    .anyMatch(m -> m.contains("next_hops: id x"))
                    .anyMatch(m -> m.contains("next hop 9 is not in next_hops"))
                    .anyMatch(m -> m.contains("host bits set (expected: 10.0.0.0/8)"))
                    .anyMatch(m -> m.contains("octet 300"))
                    .anyMatch(m -> m.contains("length 33"))
                    .anyMatch(m -> m.contains("expected: <prefix> via <next-hop id>"))
                    .anyMatch(m -> m.contains("not an IPv6 address"))
                    .anyMatch(m -> m.contains("192.168.0.0/16 is given twice"))
                    .anyMatch(m -> m.contains("next_hops.2.smac")));
  }

  @Test
  void rejectsAConfigurationWithoutRoutesOrNextHops() {
    assertThatThrownBy(() -> new L3ForwarderProvider().create(NfConfig.empty("r1")))
        .isInstanceOfSatisfying(
            NfConfigException.class,
            e ->
                assertThat(e.problems())
                    .anyMatch(m -> m.startsWith("next_hops: missing"))
                    .anyMatch(m -> m.startsWith("routes: none given")));
  }
}
