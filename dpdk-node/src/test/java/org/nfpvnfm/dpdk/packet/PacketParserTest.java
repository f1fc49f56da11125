package org.nfpvnfm.dpdk.packet;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.nio.ByteBuffer;
import java.util.Arrays;
import java.util.EnumSet;
import org.junit.jupiter.api.Test;

class PacketParserTest {

  private final ParsedPacket p = new ParsedPacket();

  private ParseStatus parse(byte[] frame) {
    return PacketParser.parse(MemorySegment.ofArray(frame), p);
  }

  @Test
  void parsesIpv4TcpSynAndLeavesEthernetPaddingOutOfThePayload() {
    assertThat(parse(Frames.ipv4TcpSyn())).isEqualTo(ParseStatus.OK);
    assertThat(p.frameLength()).isEqualTo(60);
    assertThat(p.vlanTags()).isZero();
    assertThat(p.outerTciOffset()).isEqualTo(-1);
    assertThat(p.etherType()).isEqualTo(0x0800);
    assertThat(p.ipVersion()).isEqualTo(4);
    assertThat(p.l3Offset()).isEqualTo(14);
    assertThat(p.l3HeaderLength()).isEqualTo(20);
    assertThat(p.l3End()).isEqualTo(14 + 44);
    assertThat(p.protocol()).isEqualTo(6);
    assertThat(p.protocolOffset()).isEqualTo(14 + 9);
    assertThat(p.isFragment()).isFalse();
    assertThat(p.l4Offset()).isEqualTo(34);
    assertThat(p.l4HeaderLength()).isEqualTo(24);
    assertThat(p.hasPorts()).isTrue();
    assertThat(p.payloadOffset()).isEqualTo(58);
    assertThat(p.payloadLength()).isZero();
  }

  @Test
  void parsesIpv4UdpDnsQueryWithTheQueryAsPayload() {
    byte[] frame = Frames.ipv4UdpDns();
    assertThat(parse(frame)).isEqualTo(ParseStatus.OK);
    assertThat(p.protocol()).isEqualTo(17);
    assertThat(p.l4Offset()).isEqualTo(34);
    assertThat(p.l4HeaderLength()).isEqualTo(8);
    assertThat(p.payloadOffset()).isEqualTo(42);
    assertThat(p.payloadLength()).isEqualTo(Frames.DNS_QUERY.length);
    assertThat(Arrays.copyOfRange(frame, 42, frame.length)).isEqualTo(Frames.DNS_QUERY);
  }

  @Test
  void parsesIpv6Tcp() {
    assertThat(parse(Frames.ipv6Tcp())).isEqualTo(ParseStatus.OK);
    assertThat(p.ipVersion()).isEqualTo(6);
    assertThat(p.l3Offset()).isEqualTo(14);
    assertThat(p.l3HeaderLength()).isEqualTo(40);
    assertThat(p.protocol()).isEqualTo(6);
    assertThat(p.protocolOffset()).isEqualTo(14 + 6);
    assertThat(p.l4Offset()).isEqualTo(54);
    assertThat(p.l4HeaderLength()).isEqualTo(20);
    assertThat(p.payloadOffset()).isEqualTo(74);
    assertThat(p.payloadLength()).isEqualTo(5);
  }

  @Test
  void parsesOneVlanTagAndRecordsItsTci() {
    assertThat(parse(Frames.vlanIpv4())).isEqualTo(ParseStatus.OK);
    assertThat(p.vlanTags()).isEqualTo(1);
    assertThat(p.outerTciOffset()).isEqualTo(14);
    assertThat(p.l3Offset()).isEqualTo(18);
    assertThat(p.l4Offset()).isEqualTo(38);
    assertThat(p.payloadLength()).isEqualTo(Frames.DNS_QUERY.length);
  }

  @Test
  void parsesQinqWithTheOuterTagAsVlan() {
    assertThat(parse(Frames.qinqIpv4())).isEqualTo(ParseStatus.OK);
    assertThat(p.vlanTags()).isEqualTo(2);
    assertThat(p.outerTciOffset()).isEqualTo(14);
    assertThat(p.etherType()).isEqualTo(0x0800);
    assertThat(p.l3Offset()).isEqualTo(22);
    assertThat(p.l4Offset()).isEqualTo(42);
    assertThat(p.hasPorts()).isTrue();
  }

  @Test
  void skipsIpv4OptionsByIhl() {
    assertThat(parse(Frames.ipv4WithOptions())).isEqualTo(ParseStatus.OK);
    assertThat(p.l3HeaderLength()).isEqualTo(24);
    assertThat(p.l4Offset()).isEqualTo(38);
    assertThat(p.payloadOffset()).isEqualTo(46);
    assertThat(p.payloadLength()).isEqualTo(4);
  }

  @Test
  void walksIpv6HopByHopAndFragmentHeadersToUdpOfAFirstFragment() {
    assertThat(parse(Frames.ipv6HopByHopFragment())).isEqualTo(ParseStatus.OK);
    assertThat(p.l3HeaderLength()).isEqualTo(40 + 8 + 8);
    assertThat(p.protocol()).isEqualTo(17);
    assertThat(p.protocolOffset()).isEqualTo(14 + 40 + 8);
    assertThat(p.isFragment()).isTrue();
    assertThat(p.l4Offset()).isEqualTo(70);
    assertThat(p.hasPorts()).isTrue();
    assertThat(p.payloadLength()).isEqualTo(16);
  }

  @Test
  void walksUpToTheBoundOfExtensionHeaders() {
    byte[] eight = new byte[PacketParser.MAX_EXTENSION_HEADERS * 8 + 8];
    for (int i = 0; i < PacketParser.MAX_EXTENSION_HEADERS; i++) {
      eight[i * 8] = (byte) (i == PacketParser.MAX_EXTENSION_HEADERS - 1 ? 58 : 60);
    }
    assertThat(parse(ipv6With(60, eight))).isEqualTo(ParseStatus.OK);
    assertThat(p.protocol()).isEqualTo(58);
    assertThat(p.l3HeaderLength()).isEqualTo(40 + 8 * PacketParser.MAX_EXTENSION_HEADERS);
  }

  @Test
  void reportsNonFirstIpv6FragmentWithoutPorts() {
    assertThat(parse(Frames.ipv6SecondFragment())).isEqualTo(ParseStatus.NON_FIRST_FRAGMENT);
    assertThat(p.isFragment()).isTrue();
    assertThat(p.protocol()).isEqualTo(17);
    assertThat(p.hasPorts()).isFalse();
    assertThat(p.l4Offset()).isEqualTo(-1);
    assertThat(p.payloadOffset()).isEqualTo(14 + 48);
    assertThat(p.payloadLength()).isEqualTo(16);
  }

  @Test
  void reportsNonFirstIpv4FragmentWithoutPorts() {
    assertThat(parse(Frames.ipv4NonFirstFragment())).isEqualTo(ParseStatus.NON_FIRST_FRAGMENT);
    assertThat(p.isFragment()).isTrue();
    assertThat(p.hasPorts()).isFalse();
    assertThat(p.payloadOffset()).isEqualTo(34);
    assertThat(p.payloadLength()).isEqualTo(24);
  }

  @Test
  void parsesIcmpAndIcmpv6AsHavingNoPorts() {
    assertThat(parse(Frames.ipv4Icmp())).isEqualTo(ParseStatus.OK);
    assertThat(p.l4HeaderLength()).isEqualTo(8);
    assertThat(p.hasPorts()).isFalse();
    assertThat(p.payloadLength()).isEqualTo(8);
    assertThat(parse(Frames.ipv6Icmp())).isEqualTo(ParseStatus.OK);
    assertThat(p.protocol()).isEqualTo(58);
    assertThat(p.hasPorts()).isFalse();
    assertThat(p.payloadLength()).isEqualTo(4);
  }

  @Test
  void takesAnUnknownTransportsWholeIpPayloadAsPayload() {
    byte[] gre = Frames.ethernet(0x0800, Frames.ipv4(0, 1, 0, 64, 47, new byte[0], new byte[12]));
    assertThat(parse(gre)).isEqualTo(ParseStatus.OK);
    assertThat(p.protocol()).isEqualTo(47);
    assertThat(p.l4Offset()).isEqualTo(-1);
    assertThat(p.hasPorts()).isFalse();
    assertThat(p.payloadOffset()).isEqualTo(34);
    assertThat(p.payloadLength()).isEqualTo(12);
  }

  @Test
  void treatsANonIpEthertypeAsAValidL2Frame() {
    assertThat(parse(Frames.arp())).isEqualTo(ParseStatus.NON_IP);
    assertThat(p.status().isMalformed()).isFalse();
    assertThat(p.etherType()).isEqualTo(0x0806);
    assertThat(p.l3Offset()).isEqualTo(-1);
    assertThat(p.ipVersion()).isZero();
    assertThat(p.payloadOffset()).isEqualTo(14);
    assertThat(p.payloadLength()).isEqualTo(46);
  }

  @Test
  void parsesOnlyTheGivenLengthOfALargerSegment() {
    byte[] frame = Frames.ipv4UdpDns();
    MemorySegment buffer = MemorySegment.ofArray(Arrays.copyOf(frame, 2048));
    assertThat(PacketParser.parse(buffer, frame.length, p)).isEqualTo(ParseStatus.OK);
    assertThat(p.frameLength()).isEqualTo(frame.length);
    assertThat(PacketParser.parse(buffer, frame.length - 1, p))
        .isEqualTo(ParseStatus.BAD_IPV4_TOTAL_LENGTH);
  }

  @Test
  void rejectsALengthBeyondTheSegmentAsACallerBug() {
    MemorySegment s = MemorySegment.ofArray(new byte[10]);
    assertThatThrownBy(() -> PacketParser.parse(s, 11, p))
        .isInstanceOf(IndexOutOfBoundsException.class)
        .hasMessage("length: 11 (expected: 0 <= length <= 10)");
  }

  @Test
  void parsesFramesInNativeMemory() {
    byte[] frame = Frames.ipv6Tcp();
    try (Arena arena = Arena.ofConfined()) {
      MemorySegment s = arena.allocate(frame.length + 3).asSlice(3);
      MemorySegment.copy(MemorySegment.ofArray(frame), 0, s, 0, frame.length);
      assertThat(PacketParser.parse(s, p)).isEqualTo(ParseStatus.OK);
      assertThat(p.payloadLength()).isEqualTo(5);
    }
  }

  @Test
  void reusingTheHolderForgetsThePreviousPacket() {
    parse(Frames.qinqIpv4());
    parse(Frames.arp());
    assertThat(p.vlanTags()).isZero();
    assertThat(p.outerTciOffset()).isEqualTo(-1);
    assertThat(p.l4Offset()).isEqualTo(-1);
    assertThat(p.protocol()).isEqualTo(-1);
    assertThat(p.hasPorts()).isFalse();
    parse(Frames.ipv6HopByHopFragment());
    parse(Frames.ipv4TcpSyn());
    assertThat(p.isFragment()).isFalse();
  }

  // ---- Malformed frames: one or more per reason.

  private static byte[] set(byte[] frame, int offset, int... bytes) {
    byte[] a = frame.clone();
    for (int i = 0; i < bytes.length; i++) {
      a[offset + i] = (byte) bytes[i];
    }
    return a;
  }

  private static byte[] cut(byte[] frame, int length) {
    return Arrays.copyOf(frame, length);
  }

  private static byte[] tagged(int tags, int l3Length) {
    int[] t = new int[tags];
    Arrays.fill(t, 0x8100_0001);
    return Frames.ethernet(0x0800, new byte[l3Length], t);
  }

  private static byte[] ipv6With(int nextHeader, byte[] rest) {
    return Frames.ethernet(0x86dd, Frames.ipv6(0, 0, nextHeader, 64, rest));
  }

  private static byte[] ipv4With(int protocol, byte[] l4) {
    return Frames.ethernet(0x0800, Frames.ipv4(0, 1, 0, 64, protocol, new byte[0], l4));
  }

  /** Each frame with the status it must give; every malformed status appears at least once. */
  static Object[][] malformedFrames() {
    byte[] syn = Frames.ipv4TcpSyn();
    byte[] dns = Frames.ipv4UdpDns();
    byte[] v6 = Frames.ipv6Tcp();
    byte[] nineDestOptions = new byte[9 * 8];
    for (int i = 0; i < 9; i++) {
      nineDestOptions[i * 8] = 60;
    }
    ByteBuffer tcpOffset15 = ByteBuffer.allocate(24);
    tcpOffset15.put(12, (byte) 0xf0);
    return new Object[][] {
      {"empty frame", new byte[0], ParseStatus.TRUNCATED_ETHERNET},
      {"13 bytes", cut(syn, 13), ParseStatus.TRUNCATED_ETHERNET},
      {"tag cut after TPID", cut(tagged(1, 0), 16), ParseStatus.TRUNCATED_VLAN},
      {"three tags", tagged(3, 20), ParseStatus.TOO_MANY_VLAN_TAGS},
      {"IPv4 ethertype, version 6", set(syn, 14, 0x65), ParseStatus.BAD_IP_VERSION},
      {"IPv6 ethertype, version 4", set(v6, 14, 0x40), ParseStatus.BAD_IP_VERSION},
      {"19 bytes of IPv4", cut(syn, 14 + 19), ParseStatus.TRUNCATED_IPV4},
      {"IHL 15 beyond a short frame", set(cut(syn, 40), 14, 0x4f), ParseStatus.TRUNCATED_IPV4},
      {"IHL 4", set(syn, 14, 0x44), ParseStatus.BAD_IHL},
      {"IHL 0", set(syn, 14, 0x40), ParseStatus.BAD_IHL},
      {"total length 19", set(syn, 16, 0, 19), ParseStatus.BAD_IPV4_TOTAL_LENGTH},
      {"total length beyond frame", set(dns, 16, 0x05, 0xdc), ParseStatus.BAD_IPV4_TOTAL_LENGTH},
      {"39 bytes of IPv6", cut(v6, 14 + 39), ParseStatus.TRUNCATED_IPV6},
      {"payload length beyond frame", cut(v6, v6.length - 1), ParseStatus.BAD_IPV6_PAYLOAD_LENGTH},
      {
        "hop-by-hop longer than the payload",
        ipv6With(0, new byte[] {6, 1, 0, 0, 0, 0, 0, 0}),
        ParseStatus.TRUNCATED_EXTENSION_HEADER
      },
      {
        "routing header cut at 4 bytes",
        ipv6With(43, new byte[] {6, 0, 0, 0}),
        ParseStatus.TRUNCATED_EXTENSION_HEADER
      },
      {
        "nine destination options headers",
        ipv6With(60, nineDestOptions),
        ParseStatus.TOO_MANY_EXTENSION_HEADERS
      },
      {"19 bytes of TCP", ipv4With(6, new byte[19]), ParseStatus.TRUNCATED_TCP},
      {"TCP data offset 4", set(syn, 46, 0x40), ParseStatus.BAD_TCP_OFFSET},
      {
        "TCP data offset 15 beyond 24 bytes",
        ipv4With(6, tcpOffset15.array()),
        ParseStatus.BAD_TCP_OFFSET
      },
      {"7 bytes of UDP", ipv4With(17, new byte[7]), ParseStatus.TRUNCATED_UDP},
      {
        "UDP length one short",
        set(dns, 38, 0, Frames.DNS_QUERY.length + 7),
        ParseStatus.BAD_UDP_LENGTH
      },
      {"UDP length 7", set(dns, 38, 0, 7), ParseStatus.BAD_UDP_LENGTH},
      {"7 bytes of ICMP", ipv4With(1, new byte[7]), ParseStatus.TRUNCATED_ICMP},
      {"7 bytes of ICMPv6", ipv6With(58, new byte[7]), ParseStatus.TRUNCATED_ICMP},
    };
  }

  @Test
  void reportsEachMalformationAsAStatusWithItsReason() {
    EnumSet<ParseStatus> seen = EnumSet.noneOf(ParseStatus.class);
    for (Object[] row : malformedFrames()) {
      String what = (String) row[0];
      ParseStatus expected = (ParseStatus) row[2];
      assertThat(parse((byte[]) row[1])).as(what).isEqualTo(expected);
      assertThat(p.status()).as(what).isEqualTo(expected);
      assertThat(expected.isMalformed()).as(what).isTrue();
      assertThat(p.payloadOffset()).as(what).isEqualTo(-1);
      seen.add(expected);
    }
    EnumSet<ParseStatus> allMalformed = EnumSet.noneOf(ParseStatus.class);
    for (ParseStatus s : ParseStatus.values()) {
      if (s.isMalformed()) {
        allMalformed.add(s);
      }
    }
    assertThat(seen).isEqualTo(allMalformed);
  }

  @Test
  void keepsTheLayersParsedBeforeTheFailingCheck() {
    byte[] badTcp = set(Frames.ipv4TcpSyn(), 46, 0x40);
    assertThat(parse(badTcp)).isEqualTo(ParseStatus.BAD_TCP_OFFSET);
    assertThat(p.ipVersion()).isEqualTo(4);
    assertThat(p.l3Offset()).isEqualTo(14);
    assertThat(p.protocol()).isEqualTo(6);
    assertThat(p.hasPorts()).isFalse();
  }

  @Test
  void countsFramesPerReason() {
    DropCounters counters = new DropCounters();
    for (Object[] row : malformedFrames()) {
      counters.count(parse((byte[]) row[1]));
    }
    for (byte[] frame : Frames.all()) {
      counters.count(parse(frame));
    }
    assertThat(counters.get(ParseStatus.BAD_IHL)).isEqualTo(2);
    assertThat(counters.get(ParseStatus.NON_IP)).isEqualTo(1);
    assertThat(counters.get(ParseStatus.NON_FIRST_FRAGMENT)).isEqualTo(2);
    assertThat(counters.malformed()).isEqualTo(malformedFrames().length);
    assertThat(counters.total()).isEqualTo(malformedFrames().length + Frames.all().length);
    assertThat(counters.toString()).contains("BAD_IHL=2", "OK=9");
    DropCounters sum = new DropCounters();
    sum.addAll(counters);
    sum.add(ParseStatus.OK, 3);
    assertThat(sum.get(ParseStatus.OK)).isEqualTo(12);
    counters.reset();
    assertThat(counters.total()).isZero();
  }
}
