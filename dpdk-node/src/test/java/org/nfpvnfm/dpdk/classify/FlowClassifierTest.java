package org.nfpvnfm.dpdk.classify;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.nfpvnfm.dpdk.classify.FlowClassifier.NO_GRAPH;

import java.lang.foreign.MemorySegment;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.nfpvnfm.dpdk.packet.PacketParser;
import org.nfpvnfm.dpdk.packet.ParseStatus;
import org.nfpvnfm.dpdk.packet.ParsedPacket;
import org.nfpvnfm.dpdk.packet.PublicFrames;
import org.nfpvnfm.tosca.nfp.Classifier;

class FlowClassifierTest {

  private static final byte[] A = {10, 1, 2, 3};
  private static final byte[] B = {(byte) 192, (byte) 168, 7, 9};

  private final ParsedPacket p = new ParsedPacket();

  private ParsedPacket parsed(byte[] frame) {
    PacketParser.parse(MemorySegment.ofArray(frame), p);
    return p;
  }

  /** A classifier with one graph, id 7, taking what {@code c} matches. */
  private static FlowClassifier only(Criteria c) {
    return FlowClassifier.builder().add(7, List.of(c.build())).build();
  }

  private int classify(Criteria c, byte[] frame) {
    return only(c).classify(parsed(frame));
  }

  private static byte[] tcp(byte[] sip, byte[] dip, int sport, int dport) {
    return PublicFrames.ethernet(0x0800, PublicFrames.ipv4Tcp(sip, dip, 0, sport, dport));
  }

  // ---- Each field.

  @Test
  void matchesMacAddressesInEitherSpelling() {
    byte[] f = PublicFrames.ipv4TcpSyn(); // 66:77:88:99:aa:bb -> 00:11:22:33:44:55
    assertThat(classify(Criteria.named("d").dmac("00:11:22:33:44:55"), f)).isEqualTo(7);
    assertThat(classify(Criteria.named("s").smac("66-77-88-99-AA-BB"), f)).isEqualTo(7);
    assertThat(classify(Criteria.named("d").dmac("00:11:22:33:44:56"), f)).isEqualTo(NO_GRAPH);
    assertThat(classify(Criteria.named("s").smac("00:11:22:33:44:55"), f)).isEqualTo(NO_GRAPH);
  }

  @ParameterizedTest
  @ValueSource(strings = {"ipv4", "IPv4", "0x0800", "0x800", "2048", " 0X0800 "})
  void acceptsEveryIpv4EtherTypeSpelling(String spelling) {
    Criteria c = Criteria.named("v4").etherType(spelling);
    assertThat(classify(c, PublicFrames.ipv4TcpSyn())).isEqualTo(7);
    assertThat(classify(c, PublicFrames.ipv6Tcp())).isEqualTo(NO_GRAPH);
    assertThat(classify(c, PublicFrames.arp())).isEqualTo(NO_GRAPH);
  }

  @ParameterizedTest
  @ValueSource(strings = {"ipv6", "IPV6", "0x86dd", "0x86DD", "34525"})
  void acceptsEveryIpv6EtherTypeSpelling(String spelling) {
    Criteria c = Criteria.named("v6").etherType(spelling);
    assertThat(classify(c, PublicFrames.ipv6Tcp())).isEqualTo(7);
    assertThat(classify(c, PublicFrames.ipv4TcpSyn())).isEqualTo(NO_GRAPH);
  }

  @Test
  void matchesTheEtherTypeAfterVlanTags() {
    assertThat(classify(Criteria.named("v4").etherType("ipv4"), PublicFrames.vlanIpv4()))
        .isEqualTo(7);
  }

  @Test
  void matchesAnyVlanOfTheListOnTheOuterTag() {
    byte[] vlan100 = PublicFrames.vlanIpv4();
    assertThat(classify(Criteria.named("l").vlans(5, 100, 7), vlan100)).isEqualTo(7);
    assertThat(classify(Criteria.named("l").vlans(5, 7), vlan100)).isEqualTo(NO_GRAPH);
    assertThat(classify(Criteria.named("u").vlans(100), PublicFrames.ipv4TcpSyn()))
        .isEqualTo(NO_GRAPH);
    byte[] qinq = PublicFrames.qinqIpv4(); // outer 10, inner 20
    assertThat(classify(Criteria.named("o").vlans(10), qinq)).isEqualTo(7);
    assertThat(classify(Criteria.named("i").vlans(20), qinq)).isEqualTo(NO_GRAPH);
  }

  @Test
  void matchesTheVlanIdNotThePriorityBits() {
    // PCP 7, DEI 1, VLAN 42: TCI 0xf02a.
    byte[] f = PublicFrames.ethernet(0x0800, PublicFrames.ipv4Tcp(A, B, 0, 1, 2), 0x8100_f02a);
    assertThat(classify(Criteria.named("l").vlans(42), f)).isEqualTo(7);
  }

  @Test
  void matchesIpProtocolAndDscp() {
    byte[] dns = PublicFrames.vlanIpv4(); // UDP, DSCP 46
    assertThat(classify(Criteria.named("p").protocol(17), dns)).isEqualTo(7);
    assertThat(classify(Criteria.named("p").protocol(6), dns)).isEqualTo(NO_GRAPH);
    assertThat(classify(Criteria.named("d").dscp(46), dns)).isEqualTo(7);
    assertThat(classify(Criteria.named("d").dscp(0), dns)).isEqualTo(NO_GRAPH);
    assertThat(classify(Criteria.named("d6").dscp(10), PublicFrames.ipv6Tcp())).isEqualTo(7);
    assertThat(classify(Criteria.named("d0").dscp(0), PublicFrames.ipv4TcpSyn())).isEqualTo(7);
  }

  // ---- Prefixes.

  @Test
  void matchesIpv4PrefixesOfEveryLength() {
    byte[] f = tcp(A, B, 1000, 80); // 10.1.2.3 -> 192.168.7.9
    assertThat(classify(Criteria.named("all").src("0.0.0.0/0"), f)).isEqualTo(7);
    assertThat(classify(Criteria.named("8").src("10.0.0.0/8"), f)).isEqualTo(7);
    assertThat(classify(Criteria.named("8").src("11.0.0.0/8"), f)).isEqualTo(NO_GRAPH);
    assertThat(classify(Criteria.named("32").src("10.1.2.3/32"), f)).isEqualTo(7);
    assertThat(classify(Criteria.named("32").src("10.1.2.4/32"), f)).isEqualTo(NO_GRAPH);
    assertThat(classify(Criteria.named("host").src("10.1.2.3"), f)).isEqualTo(7);
    assertThat(classify(Criteria.named("31").dst("192.168.7.8/31"), f)).isEqualTo(7);
    assertThat(classify(Criteria.named("31").dst("192.168.7.10/31"), f)).isEqualTo(NO_GRAPH);
    assertThat(classify(Criteria.named("dir").dst("10.0.0.0/8"), f)).isEqualTo(NO_GRAPH);
  }

  @Test
  void ignoresHostBitsPastThePrefixLength() {
    assertThat(classify(Criteria.named("h").src("10.200.0.1/8"), tcp(A, B, 1, 2))).isEqualTo(7);
  }

  @Test
  void matchesHighAddressesAsUnsigned() {
    byte[] high = {(byte) 250, 1, 1, 1};
    assertThat(classify(Criteria.named("h").src("240.0.0.0/4"), tcp(high, B, 1, 2))).isEqualTo(7);
    assertThat(classify(Criteria.named("h").src("250.1.1.1"), tcp(high, B, 1, 2))).isEqualTo(7);
  }

  @Test
  void matchesIpv6Prefixes() {
    byte[] f = PublicFrames.ipv6Tcp(); // 2001:db8::1 -> 2001:db8::fe
    assertThat(classify(Criteria.named("0").src("::/0"), f)).isEqualTo(7);
    assertThat(classify(Criteria.named("48").src("2001:db8::/48"), f)).isEqualTo(7);
    assertThat(classify(Criteria.named("48").src("2001:db8:1::/48"), f)).isEqualTo(NO_GRAPH);
    assertThat(classify(Criteria.named("128").src("2001:db8::1/128"), f)).isEqualTo(7);
    assertThat(classify(Criteria.named("128").src("2001:db8::2/128"), f)).isEqualTo(NO_GRAPH);
    assertThat(classify(Criteria.named("host").dst("2001:DB8::FE"), f)).isEqualTo(7);
    assertThat(classify(Criteria.named("120").dst("2001:db8::ff00/120"), f)).isEqualTo(NO_GRAPH);
    assertThat(classify(Criteria.named("120").dst("2001:db8::/120"), f)).isEqualTo(7);
    assertThat(classify(Criteria.named("64").dst("2001:db8:0:0::/64"), f)).isEqualTo(7);
    assertThat(classify(Criteria.named("65").dst("2001:db8:0:0:8000::/65"), f)).isEqualTo(NO_GRAPH);
  }

  @Test
  void neverMatchesAPrefixOfTheOtherIpVersion() {
    assertThat(classify(Criteria.named("v4all").src("0.0.0.0/0"), PublicFrames.ipv6Tcp()))
        .isEqualTo(NO_GRAPH);
    assertThat(classify(Criteria.named("v6all").src("::/0"), PublicFrames.ipv4TcpSyn()))
        .isEqualTo(NO_GRAPH);
    // ::10.1.2.3 has the IPv4 address's bits in its low 32 bits; the version still differs.
    assertThat(classify(Criteria.named("compat").src("::10.1.2.3/128"), tcp(A, B, 1, 2)))
        .isEqualTo(NO_GRAPH);
  }

  // ---- Ports.

  @Test
  void matchesPortRangesInclusiveAtBothEdges() {
    assertThat(classify(Criteria.named("80").dports(80, 80), tcp(A, B, 1000, 80))).isEqualTo(7);
    assertThat(classify(Criteria.named("r").dports(80, 443), tcp(A, B, 1000, 443))).isEqualTo(7);
    assertThat(classify(Criteria.named("r").dports(80, 443), tcp(A, B, 1000, 79)))
        .isEqualTo(NO_GRAPH);
    assertThat(classify(Criteria.named("r").dports(80, 443), tcp(A, B, 1000, 444)))
        .isEqualTo(NO_GRAPH);
    assertThat(classify(Criteria.named("s").sports(1024, 65535), tcp(A, B, 1024, 1))).isEqualTo(7);
    assertThat(classify(Criteria.named("s").sports(1024, 65535), tcp(A, B, 65535, 1))).isEqualTo(7);
    assertThat(classify(Criteria.named("s").sports(1024, 65535), tcp(A, B, 1023, 1)))
        .isEqualTo(NO_GRAPH);
    assertThat(classify(Criteria.named("z").sports(0, 0), tcp(A, B, 0, 1))).isEqualTo(7);
  }

  @Test
  void matchesUdpPortsToo() {
    byte[] udp = PublicFrames.ethernet(0x0800, PublicFrames.ipv4Udp(A, B, 5000, 53));
    assertThat(classify(Criteria.named("dns").dports(53, 53), udp)).isEqualTo(7);
  }

  @Test
  void aPortCriterionNeverTakesAPacketWithoutPorts() {
    Criteria anyPort = Criteria.named("any").dports(0, 65535);
    assertThat(classify(anyPort, PublicFrames.ipv4Icmp())).isEqualTo(NO_GRAPH);
    assertThat(classify(anyPort, PublicFrames.ipv4NonFirstFragment())).isEqualTo(NO_GRAPH);
    assertThat(classify(anyPort, PublicFrames.arp())).isEqualTo(NO_GRAPH);
    assertThat(classify(Criteria.named("udp").protocol(17), PublicFrames.ipv4NonFirstFragment()))
        .isEqualTo(7);
  }

  // ---- Combinations and order.

  @Test
  void requiresEveryCriterionOfAClassifier() {
    Criteria web = Criteria.named("web").protocol(6).src("10.0.0.0/8").dports(80, 443);
    assertThat(classify(web, tcp(A, B, 1000, 443))).isEqualTo(7);
    assertThat(classify(web, tcp(B, A, 1000, 443))).isEqualTo(NO_GRAPH);
    assertThat(classify(web, tcp(A, B, 1000, 8080))).isEqualTo(NO_GRAPH);
    byte[] udp443 = PublicFrames.ethernet(0x0800, PublicFrames.ipv4Udp(A, B, 1000, 443));
    assertThat(classify(web, udp443)).isEqualTo(NO_GRAPH);
  }

  @Test
  void takesAPacketThatAnyClassifierOfAGraphMatches() {
    FlowClassifier fc =
        FlowClassifier.builder()
            .add(
                3,
                List.of(
                    Criteria.named("web").dports(80, 80).build(),
                    Criteria.named("dns").dports(53, 53).build()))
            .build();
    assertThat(fc.classify(parsed(tcp(A, B, 1, 80)))).isEqualTo(3);
    assertThat(fc.classify(parsed(tcp(A, B, 1, 53)))).isEqualTo(3);
    assertThat(fc.classify(parsed(tcp(A, B, 1, 22)))).isEqualTo(NO_GRAPH);
    assertThat(fc.ruleCount()).isEqualTo(2);
  }

  @Test
  void firstGraphInDeploymentOrderWinsWhereClassifiersOverlap() {
    Classifier web = Criteria.named("web").dports(80, 80).build();
    Classifier allTcp = Criteria.named("tcp").protocol(6).build();
    byte[] f = tcp(A, B, 1, 80);
    FlowClassifier webFirst =
        FlowClassifier.builder().add(1, List.of(web)).add(2, List.of(allTcp)).build();
    FlowClassifier tcpFirst =
        FlowClassifier.builder().add(2, List.of(allTcp)).add(1, List.of(web)).build();
    assertThat(webFirst.classify(parsed(f))).isEqualTo(1);
    assertThat(webFirst.classify(parsed(tcp(A, B, 1, 22)))).isEqualTo(2);
    assertThat(tcpFirst.classify(parsed(f))).isEqualTo(2);
  }

  @Test
  void aGraphWithoutClassifiersTakesOnlyWhatNoOtherGraphMatches() {
    FlowClassifier fc =
        FlowClassifier.builder()
            .add(0, List.of()) // deployed first, still the fallback
            .add(1, List.of(Criteria.named("web").dports(80, 80).build()))
            .add(2, List.of()) // a second catch-all never gets anything
            .build();
    assertThat(fc.catchAllGraph()).isZero();
    assertThat(fc.classify(parsed(tcp(A, B, 1, 80)))).isEqualTo(1);
    assertThat(fc.classify(parsed(tcp(A, B, 1, 81)))).isZero();
    assertThat(fc.classify(parsed(PublicFrames.arp()))).isZero();
    assertThat(fc.describe()).last().isEqualTo("graph 0: all other traffic");
  }

  @Test
  void anEmptyClassifierTakesEverythingAtItsPlace() {
    FlowClassifier fc =
        FlowClassifier.builder()
            .add(1, List.of(Criteria.named("everything").build()))
            .add(2, List.of(Criteria.named("web").dports(80, 80).build()))
            .build();
    assertThat(fc.classify(parsed(tcp(A, B, 1, 80)))).isEqualTo(1);
    assertThat(fc.classify(parsed(PublicFrames.arp()))).isEqualTo(1);
  }

  @Test
  void classifiesNothingWithoutGraphs() {
    assertThat(FlowClassifier.builder().build().classify(parsed(PublicFrames.ipv4TcpSyn())))
        .isEqualTo(NO_GRAPH);
  }

  // ---- Non-IP and malformed frames.

  @Test
  void nonIpFramesMatchOnlyL2Criteria() {
    byte[] arp = PublicFrames.arp();
    assertThat(parsed(arp).status()).isEqualTo(ParseStatus.NON_IP);
    assertThat(classify(Criteria.named("arp").etherType("0x0806"), arp)).isEqualTo(7);
    assertThat(classify(Criteria.named("mac").dmac("00:11:22:33:44:55"), arp)).isEqualTo(7);
    assertThat(classify(Criteria.named("tcp").protocol(6), arp)).isEqualTo(NO_GRAPH);
    assertThat(classify(Criteria.named("dscp").dscp(0), arp)).isEqualTo(NO_GRAPH);
    assertThat(classify(Criteria.named("net").src("0.0.0.0/0"), arp)).isEqualTo(NO_GRAPH);
  }

  @Test
  void malformedFramesMatchOnlyL2Criteria() {
    byte[] bad = tcp(A, B, 1000, 80);
    bad[14 + 20 + 12] = 0x10; // TCP data offset 1 (4 bytes): shorter than the fixed header
    assertThat(parsed(bad).status()).isEqualTo(ParseStatus.BAD_TCP_OFFSET);
    assertThat(classify(Criteria.named("mac").dmac("00:11:22:33:44:55"), bad)).isEqualTo(7);
    assertThat(classify(Criteria.named("v4").etherType("ipv4"), bad)).isEqualTo(7);
    assertThat(classify(Criteria.named("tcp").protocol(6), bad)).isEqualTo(NO_GRAPH);
    assertThat(classify(Criteria.named("src").src("10.0.0.0/8"), bad)).isEqualTo(NO_GRAPH);
  }

  @Test
  void aTruncatedFrameMatchesOnlyAClassifierWithoutCriteria() {
    byte[] runt = new byte[10];
    assertThat(parsed(runt).status()).isEqualTo(ParseStatus.TRUNCATED_ETHERNET);
    assertThat(classify(Criteria.named("mac").dmac("00:00:00:00:00:00"), runt)).isEqualTo(NO_GRAPH);
    assertThat(classify(Criteria.named("v4").etherType("ipv4"), runt)).isEqualTo(NO_GRAPH);
    assertThat(classify(Criteria.named("everything"), runt)).isEqualTo(7);
  }

  // ---- Build errors.

  @Test
  void rejectsMatchKeysItCannotHonourNamingKeyAndLocation() {
    Classifier c =
        Criteria.named("tenant_web")
            .at("Definitions/vnffgd.yaml", 23, 17)
            .dports(80, 80)
            .other("network_src_port_id", "640dfd77-c92b-45a3-b8fc-22712de480e1")
            .build();
    FlowClassifier.Builder b = FlowClassifier.builder();
    assertThatThrownBy(() -> b.add(4, List.of(c)))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("graph 4")
        .hasMessageContaining("classifier \"tenant_web\" at Definitions/vnffgd.yaml:23:17")
        .hasMessageContaining("network_src_port_id")
        .hasMessageContaining("640dfd77-c92b-45a3-b8fc-22712de480e1")
        .hasMessageContaining("widen");
    // Nothing of the refused graph was kept; the builder still works.
    FlowClassifier fc = b.add(5, List.of()).build();
    assertThat(fc.ruleCount()).isZero();
    assertThat(fc.catchAllGraph()).isEqualTo(5);
  }

  @Test
  void listsEveryProblemOfAGraphInOneMessage() {
    List<Classifier> cs =
        List.of(
            Criteria.named("a").src("10.0.0.300/8").build(),
            Criteria.named("b").dmac("00:11:22:33:44").other("icmp_type", "8").build());
    assertThatThrownBy(() -> FlowClassifier.builder().add(1, cs))
        .hasMessageStartingWith("graph 1 cannot be classified exactly (3 problems):")
        .hasMessageContaining("ip_src_prefix is \"10.0.0.300/8\" (expected: an IPv4 prefix")
        .hasMessageContaining("eth_dst is \"00:11:22:33:44\" (expected: a MAC address")
        .hasMessageContaining("icmp_type");
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "10.0.0.0/33",
        "10/8",
        "10.0.0/24",
        "010.0.0.0/8",
        "10.0.0.0/",
        "10.0.0.0/x",
        "2001:db8::/129",
        "2001:db8::g/64",
        "[2001:db8::1]",
        "fe80::1%eth0",
        "example.com",
        ""
      })
  void rejectsPrefixesThatAreNotPrefixes(String prefix) {
    assertThatThrownBy(() -> only(Criteria.named("p").dst(prefix)))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("ip_dst_prefix is \"" + prefix + "\"");
  }

  @ParameterizedTest
  @ValueSource(strings = {"ip", "0x0500", "1000", "0x10000", "70000", "0x8100", "0x88a8", ""})
  void rejectsEtherTypesThatCannotMatch(String etherType) {
    assertThatThrownBy(() -> only(Criteria.named("e").etherType(etherType)))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("eth_type is \"" + etherType + "\"");
  }

  @Test
  void rejectsCriteriaThatContradictEachOther() {
    assertThatThrownBy(() -> only(Criteria.named("c").etherType("ipv4").dst("2001:db8::/32")))
        .hasMessageContaining("ip_dst_prefix is IPv6 but eth_type is IPv4");
    assertThatThrownBy(() -> only(Criteria.named("c").src("10.0.0.0/8").dst("2001:db8::/32")))
        .hasMessageContaining("ip_src_prefix is IPv4 but ip_dst_prefix is IPv6");
    assertThatThrownBy(() -> only(Criteria.named("c").etherType("0x0806").protocol(6)))
        .hasMessageContaining("eth_type is 0x0806, not IP");
    assertThatThrownBy(() -> only(Criteria.named("c").protocol(132).dports(80, 80)))
        .hasMessageContaining("port ranges with ip_proto 132");
  }

  @Test
  void rejectsOutOfRangeNumbers() {
    assertThatThrownBy(() -> only(Criteria.named("n").vlans(4096)))
        .hasMessageContaining("vlan_id is 4096 (expected: 0 to 4095)");
    assertThatThrownBy(() -> only(Criteria.named("n").dscp(64)))
        .hasMessageContaining("ip_dscp is 64 (expected: 0 to 63)");
    assertThatThrownBy(() -> only(Criteria.named("n").protocol(256)))
        .hasMessageContaining("ip_proto is 256 (expected: 0 to 255)");
  }

  @Test
  void rejectsBadAndDuplicateGraphIds() {
    FlowClassifier.Builder b = FlowClassifier.builder().add(1, List.of());
    assertThatThrownBy(() -> b.add(1, List.of()))
        .hasMessage("graphId: 1 was added already (expected: one add per graph)");
    assertThatThrownBy(() -> b.add(-1, List.of()))
        .hasMessage("graphId: -1 (expected: >= 0; -1 means no graph)");
  }
}
