package org.nfpvnfm.nf.nids;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.nfpvnfm.nf.Frames.icmp4;
import static org.nfpvnfm.nf.Frames.tcp4;
import static org.nfpvnfm.nf.Frames.tcp6;
import static org.nfpvnfm.nf.Frames.udp4;

import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.nfpvnfm.nf.Frames;
import org.nfpvnfm.nf.NfConfig;
import org.nfpvnfm.nf.NfConfigException;
import org.nfpvnfm.nf.NfHarness;
import org.nfpvnfm.nf.NfHarness.Outcome;
import org.nfpvnfm.nf.NfRegistry;
import org.nfpvnfm.tosca.nfp.BuiltInProfiles;

@Tag("integration")
class NidsTest {
  private static NfHarness harness;

  @BeforeAll
  static void start() {
    harness = new NfHarness();
  }

  @AfterAll
  static void stop() {
    harness.close();
  }

  private static NidsNf nids(String... rules) {
    return (NidsNf) new NidsProvider().create(NfConfig.of("ids", Map.of("rules", List.of(rules))));
  }

  private static long sid(NidsNf nf, int sid) {
    return nf.counters().getOrDefault("sid." + sid, -1L);
  }

  @Test
  void isFoundByTheRegistryWithTheBuiltInProfile() {
    assertThat(NfRegistry.load().find("nids")).isPresent();
    assertThat(new NidsProvider().profile()).isEqualTo(BuiltInProfiles.NIDS);
  }

  @Test
  void alertsOnTheBriefsExampleRuleAndPassesThePacketUnchanged() {
    NidsNf nf =
        nids(
            "alert tcp any any -> 192.0.2.0/24 80 (msg:\"admin\"; content:\"GET /admin\";"
                + " offset:0; depth:64; nocase; sid:1001;)");
    byte[] hit = tcp4("198.51.100.7", 40000, "192.0.2.10", 80, "get /ADMIN HTTP/1.1\r\n");
    Outcome out = harness.run(nf, hit);
    assertThat(out.dropped()).isFalse();
    assertThat(out.bytes()).isEqualTo(hit);
    assertThat(sid(nf, 1001)).isEqualTo(1);
    assertThat(nf.recentAlerts())
        .singleElement()
        .satisfies(
            a -> {
              assertThat(a.sid()).isEqualTo(1001);
              assertThat(a.msg()).isEqualTo("admin");
              assertThat(a.source()).isEqualTo("198.51.100.7");
              assertThat(a.sourcePort()).isEqualTo(40000);
              assertThat(a.destination()).isEqualTo("192.0.2.10");
              assertThat(a.destinationPort()).isEqualTo(80);
              assertThat(a.protocol()).isEqualTo(6);
            });
  }

  @Test
  void headerMismatchesDoNotAlert() {
    NidsNf nf = nids("alert tcp any any -> 192.0.2.0/24 80 (content:\"GET /admin\"; sid:1;)");
    harness.run(
        nf,
        List.of(
            tcp4("10.0.0.1", 1, "192.0.3.1", 80, "GET /admin"), // outside the prefix
            tcp4("10.0.0.1", 1, "192.0.2.1", 81, "GET /admin"), // other port
            udp4("10.0.0.1", 1, "192.0.2.1", 80, Frames.bytes("GET /admin")), // udp
            tcp4("10.0.0.1", 1, "192.0.2.1", 80, "GET /admi"))); // content incomplete
    assertThat(sid(nf, 1)).isZero();
    assertThat(nf.counters()).containsEntry("packets", 4L);
  }

  @Test
  void caseSensitiveContentNeedsTheExactBytes() {
    NidsNf nf = nids("alert tcp any any -> any any (content:\"Secret\"; sid:2;)");
    harness.run(
        nf,
        List.of(
            tcp4("10.0.0.1", 1, "10.0.0.2", 2, "a SECRET and a secret"),
            tcp4("10.0.0.1", 1, "10.0.0.2", 2, "the Secret")));
    assertThat(sid(nf, 2)).isEqualTo(1);
  }

  @Test
  void offsetAndDepthBoundWhereTheContentMayLie() {
    NidsNf nf =
        nids(
            "alert tcp any any -> any any (content:\"abc\"; offset:2; depth:5; sid:3;)",
            "alert tcp any any -> any any (content:\"xyz\"; depth:3; sid:4;)");
    harness.run(
        nf,
        List.of(
            tcp4("10.0.0.1", 1, "10.0.0.2", 2, "abc...."), // before offset
            tcp4("10.0.0.1", 1, "10.0.0.2", 2, "..abc.."), // inside [2,7)
            tcp4("10.0.0.1", 1, "10.0.0.2", 2, "....abc"), // ends at 7: inside
            tcp4("10.0.0.1", 1, "10.0.0.2", 2, ".....abc"), // ends at 8: past depth
            tcp4("10.0.0.1", 1, "10.0.0.2", 2, "xyz"),
            tcp4("10.0.0.1", 1, "10.0.0.2", 2, ".xyz")));
    assertThat(sid(nf, 3)).isEqualTo(2);
    assertThat(sid(nf, 4)).isEqualTo(1);
  }

  @Test
  void hexBytesOverlappingPatternsAndEveryContentOfARule() {
    NidsNf nf =
        nids(
            "alert udp any any -> any 53 (msg:\"hex\"; content:\"|00 01|ab|FF|\"; sid:10;)",
            "alert ip any any -> any any (content:\"he\"; sid:11;)",
            "alert ip any any -> any any (content:\"she\"; sid:12;)",
            "alert ip any any -> any any (content:\"hers\"; sid:13;)",
            "alert ip any any -> any any (content:\"one\"; content:\"two\"; sid:14;)");
    harness.run(
        nf,
        List.of(
            udp4("10.0.0.1", 5, "10.0.0.2", 53, new byte[] {9, 0, 1, 'a', 'b', (byte) 0xff}),
            tcp4("10.0.0.1", 5, "10.0.0.2", 53, "ushers"),
            tcp4("10.0.0.1", 5, "10.0.0.2", 53, "two, one"),
            tcp4("10.0.0.1", 5, "10.0.0.2", 53, "only one")));
    assertThat(sid(nf, 10)).isEqualTo(1);
    assertThat(sid(nf, 11)).isEqualTo(1);
    assertThat(sid(nf, 12)).isEqualTo(1);
    assertThat(sid(nf, 13)).isEqualTo(1);
    assertThat(sid(nf, 14)).isEqualTo(1);
  }

  @Test
  void portRangesBidirectionalRulesTtlDscpIcmpAndIpv6() {
    NidsNf nf =
        nids(
            "alert tcp 10.0.0.0/8 1000:2000 <> 192.0.2.1 :1023 (content:\"x\"; sid:20;)",
            "alert icmp any any -> any any (content:\"ping\"; sid:21;)",
            "alert ip any any -> any any (ttl:<5; dscp:46; sid:22;)",
            "alert tcp 2001:db8::/32 any -> any 443 (content:\"hello\"; sid:23;)");
    harness.run(
        nf,
        List.of(
            tcp4("10.1.1.1", 1500, "192.0.2.1", 22, "x"),
            tcp4("192.0.2.1", 22, "10.1.1.1", 1500, "x"), // reverse direction
            tcp4("10.1.1.1", 2500, "192.0.2.1", 22, "x"), // source port outside
            icmp4("10.0.0.1", "10.0.0.2", "ping"),
            Frames.ipv4("10.0.0.1", "10.0.0.2", 17, 3, 46, Frames.l4(1, 2, false, new byte[0])),
            Frames.ipv4("10.0.0.1", "10.0.0.2", 17, 3, 0, Frames.l4(1, 2, false, new byte[0])),
            tcp6("2001:db8::1", 5000, "2001:db9::2", 443, "hello"),
            tcp6("2001:db9::1", 5000, "2001:db8::2", 443, "hello")));
    assertThat(sid(nf, 20)).isEqualTo(2);
    assertThat(sid(nf, 21)).isEqualTo(1);
    assertThat(sid(nf, 22)).isEqualTo(1);
    assertThat(sid(nf, 23)).isEqualTo(1);
    assertThat(nf.recentAlerts().getLast().source()).isEqualTo("2001:db8:0:0:0:0:0:1");
  }

  @Test
  void malformedAndNonIpFramesPassWithoutAlerts() {
    NidsNf nf = nids("alert ip any any -> any any (content:\"x\"; sid:30;)");
    byte[] truncatedTcp = Arrays.copyOf(tcp4("10.0.0.1", 1, "10.0.0.2", 2, "x"), 14 + 20 + 10);
    // The IP total length says 20 + 21 bytes; the frame ends within the TCP header.
    List<Outcome> out = harness.run(nf, List.of(truncatedTcp, Frames.arp(), new byte[10]));
    assertThat(out).noneMatch(Outcome::dropped);
    assertThat(out.get(1).malformed()).isFalse();
    assertThat(nf.counters()).containsEntry("non_ip", 1L).containsEntry("alerts", 0L);
  }

  @Test
  void theAlertRingKeepsOnlyTheMostRecentAlerts() {
    NidsNf nf =
        (NidsNf)
            new NidsProvider()
                .create(
                    NfConfig.of(
                        "ids",
                        Map.of(
                            "rules",
                            List.of("alert tcp any any -> any any (content:\"a\"; sid:40;)"),
                            "alert_ring",
                            3)));
    for (int port = 1; port <= 5; port++) {
      harness.run(nf, tcp4("10.0.0.1", port, "10.0.0.2", 80, "a"));
    }
    assertThat(nf.recentAlerts()).extracting(NidsNf.Alert::sourcePort).containsExactly(3, 4, 5);
    assertThat(sid(nf, 40)).isEqualTo(5);
  }

  @Test
  void readsRulesFromAnArtifactSkippingComments() {
    String text =
        """
        # web rules
        alert tcp any any -> any 80 (msg:"a;b"; content:"GET"; sid:50;)

        alert tcp any any -> any 80 (msg:"quote \\" in msg"; content:"POST"; sid:51;)
        """;
    NidsNf nf =
        (NidsNf) new NidsProvider().create(new NfConfig("ids", Map.of(), Map.of("rules", text)));
    harness.run(nf, tcp4("10.0.0.1", 1, "10.0.0.2", 80, "POST /"));
    assertThat(nf.recentAlerts())
        .singleElement()
        .extracting(NidsNf.Alert::msg)
        .isEqualTo("quote \" in msg");
    assertThat(nf.counters()).containsKeys("sid.50", "sid.51");
  }

  @Test
  void reportsEveryBadRuleWithItsLine() {
    String text =
        """
        alert tcp any any -> any 80 (content:"ok"; sid:1;)
        # comment
        alert tcp any any => any 80 (content:"x"; sid:2;)
        alert sctp any any -> any 80 (sid:3;)
        alert tcp any any -> any 80 (content:"|4|"; sid:4;)
        alert tcp any any -> any 80 (content:"abc"; depth:2; sid:5;)
        alert tcp any any -> any 80 (nocase; sid:6;)
        alert tcp any any -> any 80 (content:"x"; pcre:"/x/"; sid:7;)
        alert tcp any any -> any 80 (content:"x";)
        alert tcp 300.1.1.1 any -> any 99999 (sid:8;)
        alert icmp any 80 -> any any (sid:9;)
        alert tcp any any -> any 80 (content:"y"; sid:1;)
        """;
    NfConfig config =
        new NfConfig(
            "ids",
            Map.of("rules", List.of("alert tcp any any -> any any"), "bogus", 1),
            Map.of("rules", text));
    assertThatThrownBy(() -> new NidsProvider().create(config))
        .isInstanceOfSatisfying(
            NfConfigException.class,
            e ->
                assertThat(e.problems())
                    .anyMatch(s -> s.startsWith("bogus: unknown property"))
                    .anyMatch(s -> s.startsWith("rules[0]: expected: alert PROTO"))
                    .anyMatch(s -> s.startsWith("rules artifact line 3: direction =>"))
                    .anyMatch(s -> s.startsWith("rules artifact line 4: protocol sctp"))
                    .anyMatch(s -> s.startsWith("rules artifact line 5: content: |4|"))
                    .anyMatch(s -> s.startsWith("rules artifact line 6: depth 2"))
                    .anyMatch(s -> s.startsWith("rules artifact line 7: nocase before any content"))
                    .anyMatch(s -> s.startsWith("rules artifact line 8: option pcre"))
                    .anyMatch(s -> s.startsWith("rules artifact line 9: no sid"))
                    .anyMatch(s -> s.startsWith("rules artifact line 10: address 300.1.1.1"))
                    .anyMatch(s -> s.startsWith("rules artifact line 11: ports"))
                    .anyMatch(s -> s.equals("sid 1 is used by more than one rule")));
  }

  @Test
  void refusesAConfigurationWithoutRules() {
    assertThatThrownBy(() -> new NidsProvider().create(NfConfig.empty("ids")))
        .isInstanceOf(NfConfigException.class)
        .hasMessageContaining("rules: none given");
  }

  @Test
  void automatonSharesPrefixes() {
    NidsNf nf =
        nids(
            "alert ip any any -> any any (content:\"abcd\"; sid:1;)",
            "alert ip any any -> any any (content:\"abce\"; sid:2;)");
    // Root, a, ab, abc, abcd, abce.
    assertThat(nf.automatonStates()).isEqualTo(6);
  }
}
