package org.nfpvnfm.nf.proxy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.nfpvnfm.nf.NfConfig;
import org.nfpvnfm.nf.NfConfigException;
import org.nfpvnfm.nf.NfHarness;
import org.nfpvnfm.nf.NfHarness.Outcome;
import org.nfpvnfm.nf.NfRegistry;
import org.nfpvnfm.nf.l3_forwarder.Frames;
import org.nfpvnfm.tosca.nfp.Access;
import org.nfpvnfm.tosca.nfp.BuiltInProfiles;
import org.nfpvnfm.tosca.nfp.PacketField;

@Tag("integration")
class ProxyTest {
  private static NfHarness harness;
  private final AtomicLong clock = new AtomicLong(1_000_000_000L);

  @BeforeAll
  static void start() {
    harness = new NfHarness();
  }

  @AfterAll
  static void stop() {
    harness.close();
  }

  private Proxy nf(Map<String, ?> props) {
    return ProxyProvider.create(NfConfig.of("px", props), clock::get);
  }

  private Proxy standard() {
    return nf(
        Map.of(
            "redirects",
            List.of("198.51.100.0/24 to 10.0.0.100", "2001:db8:80::/48 to 2001:db8::100"),
            "idle_timeout_ms",
            1000));
  }

  @Test
  void declaresTheBuiltInWritesAndOnlyAddsPortReads() {
    var p = NfRegistry.load().find("proxy").orElseThrow().profile();
    assertThat(p.writes()).isEqualTo(BuiltInProfiles.PROXY.writes());
    assertThat(p.access(PacketField.SPORT)).isEqualTo(Access.READ);
    assertThat(p.mayDrop()).isFalse();
  }

  @Test
  void redirectsToTheProxyAndRestoresTheServerOnTheReply() {
    Proxy nf = standard();
    Outcome out =
        harness.run(nf, Frames.ipv4("192.0.2.7", "198.51.100.9").ports(40000, 80).build());
    assertThat(Frames.dip(out.bytes())).isEqualTo("10.0.0.100");
    assertThat(Frames.sip(out.bytes())).isEqualTo("192.0.2.7");
    Outcome back = harness.run(nf, Frames.ipv4("10.0.0.100", "192.0.2.7").ports(80, 40000).build());
    assertThat(Frames.sip(back.bytes())).isEqualTo("198.51.100.9");
    assertThat(Frames.dip(back.bytes())).isEqualTo("192.0.2.7");
    assertThat(nf.counters()).containsEntry("redirected", 1L).containsEntry("restored", 1L);
  }

  @Test
  void tellsApartOneClientsConnectionsToTwoServersByPort() {
    Proxy nf = standard();
    harness.run(
        nf,
        List.of(
            Frames.ipv4("192.0.2.7", "198.51.100.1").protocol(Frames.TCP).ports(40001, 80).build(),
            Frames.ipv4("192.0.2.7", "198.51.100.2")
                .protocol(Frames.TCP)
                .ports(40002, 80)
                .build()));
    List<Outcome> back =
        harness.run(
            nf,
            List.of(
                Frames.ipv4("10.0.0.100", "192.0.2.7")
                    .protocol(Frames.TCP)
                    .ports(80, 40002)
                    .build(),
                Frames.ipv4("10.0.0.100", "192.0.2.7")
                    .protocol(Frames.TCP)
                    .ports(80, 40001)
                    .build()));
    assertThat(back)
        .extracting(o -> Frames.sip(o.bytes()))
        .containsExactly("198.51.100.2", "198.51.100.1");
  }

  @Test
  void rewritesIpv6AndVlanTaggedPackets() {
    Proxy nf = standard();
    Outcome out = harness.run(nf, Frames.ipv6("2001:db8:1::7", "2001:db8:80::9").vlan(12).build());
    assertThat(Frames.dip(out.bytes())).isEqualTo(Frames.norm("2001:db8::100"));
    Outcome back =
        harness.run(
            nf, Frames.ipv6("2001:db8::100", "2001:db8:1::7").vlan(12).ports(80, 1234).build());
    assertThat(Frames.sip(back.bytes())).isEqualTo(Frames.norm("2001:db8:80::9"));
  }

  @Test
  void forgetsAConnectionAfterTheIdleTimeoutAndPassesTheProxysOwnTraffic() {
    Proxy nf = standard();
    harness.run(nf, Frames.ipv4("192.0.2.7", "198.51.100.9").ports(40000, 80).build());
    clock.addAndGet(1_500_000_000L);
    Outcome back = harness.run(nf, Frames.ipv4("10.0.0.100", "192.0.2.7").ports(80, 40000).build());
    assertThat(Frames.sip(back.bytes())).isEqualTo("10.0.0.100");
    // The proxy's own connection to the server is not redirected back to itself.
    Outcome own =
        harness.run(nf, Frames.ipv4("10.0.0.100", "198.51.100.9").ports(5555, 80).build());
    assertThat(Frames.dip(own.bytes())).isEqualTo("198.51.100.9");
    assertThat(nf.counters())
        .containsEntry("proxy_own", 2L)
        .containsEntry("flows_expired", 1L)
        .containsEntry("flows_live", 0L);
  }

  @Test
  void passesUnmatchedNonIpAndMalformedFramesUnchanged() {
    Proxy nf = standard();
    byte[] other = Frames.ipv4("192.0.2.7", "203.0.113.1").build();
    byte[] truncated = java.util.Arrays.copyOf(other, 30);
    List<Outcome> out = harness.run(nf, List.of(other, Frames.arp(), truncated));
    assertThat(out.get(0).bytes()).isEqualTo(other);
    assertThat(out.get(0).dropped()).isFalse();
    assertThat(out.get(1).dropped()).isFalse();
    assertThat(out.get(2).malformed()).isTrue();
    assertThat(nf.counters()).containsEntry("passed", 1L).containsEntry("non_ip", 1L);
  }

  @Test
  void evictsTheLeastRecentlySeenFlowWhenTheTableIsFull() {
    Proxy nf = nf(Map.of("redirects", List.of("0.0.0.0/0 to 10.0.0.100"), "flow_table_size", 16));
    List<byte[]> frames = new java.util.ArrayList<>();
    for (int k = 0; k < 40; k++) {
      frames.add(Frames.ipv4("192.0.2.7", "198.51.100.9").ports(1000 + k, 80).build());
    }
    harness.run(nf, frames);
    assertThat(nf.counters())
        .containsEntry("flows_created", 40L)
        .containsEntry("flows_evicted", 24L)
        .containsEntry("flows_live", 16L);
  }

  @Test
  void reportsEveryConfigurationProblemAtOnce() {
    Map<String, Object> props =
        Map.of(
            "redirects",
            List.of(
                "198.51.100.0/24 10.0.0.100",
                "198.51.100.0/24 to 10.0.0.0/24",
                "198.51.100.0/24 to 2001:db8::1",
                "198.51.100.1/24 to 10.0.0.1"),
            "flow_table_size",
            3,
            "idle_timeout_ms",
            "soon");
    assertThatThrownBy(() -> new ProxyProvider().create(NfConfig.of("px", props)))
        .isInstanceOfSatisfying(
            NfConfigException.class,
            e ->
                assertThat(e.problems())
                    .hasSize(6)
                    .anyMatch(m -> m.contains("expected: <prefix> to <proxy address>"))
                    .anyMatch(m -> m.contains("an address, not a prefix"))
                    .anyMatch(m -> m.contains("different IP versions"))
                    .anyMatch(m -> m.contains("host bits set"))
                    .anyMatch(m -> m.startsWith("flow_table_size"))
                    .anyMatch(m -> m.startsWith("idle_timeout_ms")));
  }
}
