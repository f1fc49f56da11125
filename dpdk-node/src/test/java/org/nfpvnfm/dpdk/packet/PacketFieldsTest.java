package org.nfpvnfm.dpdk.packet;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.nfpvnfm.tosca.nfp.PacketField.DIP;
import static org.nfpvnfm.tosca.nfp.PacketField.DMAC;
import static org.nfpvnfm.tosca.nfp.PacketField.DPORT;
import static org.nfpvnfm.tosca.nfp.PacketField.DSCP;
import static org.nfpvnfm.tosca.nfp.PacketField.PAYLOAD;
import static org.nfpvnfm.tosca.nfp.PacketField.PROTOCOL;
import static org.nfpvnfm.tosca.nfp.PacketField.SIP;
import static org.nfpvnfm.tosca.nfp.PacketField.SMAC;
import static org.nfpvnfm.tosca.nfp.PacketField.SPORT;
import static org.nfpvnfm.tosca.nfp.PacketField.TTL;
import static org.nfpvnfm.tosca.nfp.PacketField.VLAN;

import java.lang.foreign.MemorySegment;
import java.util.Arrays;
import org.junit.jupiter.api.Test;
import org.nfpvnfm.tosca.nfp.PacketField;

class PacketFieldsTest {

  private static ParsedPacket parsed(byte[] frame) {
    ParsedPacket p = new ParsedPacket();
    ParseStatus s = PacketParser.parse(MemorySegment.ofArray(frame), p);
    assertThat(s.isMalformed()).as("%s", s).isFalse();
    return p;
  }

  @Test
  void readsTheFiveTupleAndL2FieldsOfIpv4Tcp() {
    ParsedPacket p = parsed(Frames.ipv4TcpSyn());
    assertThat(PacketFields.get(p, DMAC)).isEqualTo(0x00_11_22_33_44_55L);
    assertThat(PacketFields.get(p, SMAC)).isEqualTo(0x66_77_88_99_aa_bbL);
    assertThat(PacketFields.get(p, VLAN)).isEqualTo(PacketFields.ABSENT);
    assertThat(PacketFields.get(p, SIP)).isEqualTo(0xc0a8_0001L);
    assertThat(PacketFields.get(p, DIP)).isEqualTo(0xc0a8_00c7L);
    assertThat(PacketFields.get(p, PROTOCOL)).isEqualTo(6);
    assertThat(PacketFields.get(p, TTL)).isEqualTo(64);
    assertThat(PacketFields.get(p, DSCP)).isZero();
    assertThat(PacketFields.get(p, SPORT)).isEqualTo(49152);
    assertThat(PacketFields.get(p, DPORT)).isEqualTo(80);
    assertThat(PacketFields.width(p, PAYLOAD)).isZero();
    assertThat(PacketFields.has(p, PAYLOAD)).isFalse();
  }

  @Test
  void readsIpv6AddressesAsTwoLongsOrSixteenBytes() {
    ParsedPacket p = parsed(Frames.ipv6Tcp());
    assertThat(PacketFields.width(p, SIP)).isEqualTo(16);
    assertThat(PacketFields.ipv6High(p, SIP)).isEqualTo(0x2001_0db8_0000_0000L);
    assertThat(PacketFields.ipv6Low(p, SIP)).isEqualTo(1L);
    assertThat(PacketFields.ipv6Low(p, DIP)).isEqualTo(0xfeL);
    MemorySegment out = MemorySegment.ofArray(new byte[20]);
    assertThat(PacketFields.read(p, DIP, out, 4)).isEqualTo(16);
    assertThat(Arrays.copyOfRange(out.toArray(java.lang.foreign.ValueLayout.JAVA_BYTE), 4, 20))
        .isEqualTo(Frames.DIP6);
    assertThat(PacketFields.get(p, TTL)).isEqualTo(255);
    assertThat(PacketFields.get(p, DSCP)).isEqualTo(10);
    assertThat(PacketFields.get(p, SPORT)).isEqualTo(40000);
    assertThat(PacketFields.get(p, DPORT)).isEqualTo(443);
    assertThatThrownBy(() -> PacketFields.get(p, SIP))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("SIP of an IPv6 packet is 128 bits");
  }

  @Test
  void readsTheOuterVlanTciAndTheIpv6ProtocolAfterExtensionHeaders() {
    assertThat(PacketFields.get(parsed(Frames.vlanIpv4()), VLAN)).isEqualTo(0xa064);
    assertThat(PacketFields.get(parsed(Frames.qinqIpv4()), VLAN)).isEqualTo(0x000a);
    ParsedPacket p = parsed(Frames.ipv6HopByHopFragment());
    assertThat(PacketFields.get(p, PROTOCOL)).isEqualTo(17);
    assertThat(PacketFields.get(p, DPORT)).isEqualTo(7001);
  }

  @Test
  void reportsFieldsAPacketLacksAsAbsent() {
    ParsedPacket arp = parsed(Frames.arp());
    for (PacketField f : new PacketField[] {VLAN, SIP, DIP, PROTOCOL, TTL, DSCP, SPORT, DPORT}) {
      assertThat(PacketFields.get(arp, f)).as("%s", f).isEqualTo(PacketFields.ABSENT);
      assertThat(PacketFields.set(arp, f, 1)).as("%s", f).isFalse();
      assertThat(PacketFields.has(arp, f)).as("%s", f).isFalse();
    }
    assertThat(PacketFields.width(arp, PAYLOAD)).isEqualTo(46);
    ParsedPacket icmp = parsed(Frames.ipv4Icmp());
    assertThat(PacketFields.get(icmp, SPORT)).isEqualTo(PacketFields.ABSENT);
    ParsedPacket fragment = parsed(Frames.ipv4NonFirstFragment());
    assertThat(PacketFields.has(fragment, DPORT)).isFalse();
    assertThat(PacketFields.get(fragment, PROTOCOL)).isEqualTo(17);
  }

  @Test
  void writesEachScalarFieldInPlace() {
    byte[] frame = Frames.vlanIpv4();
    ParsedPacket p = parsed(frame);
    long[][] writes = {
      {DMAC.ordinal(), 0x0a0b0c0d0e0fL},
      {SMAC.ordinal(), 0xfedcba987654L},
      {VLAN.ordinal(), 0x2123},
      {SIP.ordinal(), 0x0a000001L},
      {DIP.ordinal(), 0xffff_fffeL},
      {PROTOCOL.ordinal(), 17},
      {TTL.ordinal(), 3},
      {DSCP.ordinal(), 0x3f},
      {SPORT.ordinal(), 1},
      {DPORT.ordinal(), 65535},
    };
    for (long[] w : writes) {
      PacketField f = PacketField.values()[(int) w[0]];
      assertThat(PacketFields.set(p, f, w[1])).as("%s", f).isTrue();
    }
    for (long[] w : writes) {
      PacketField f = PacketField.values()[(int) w[0]];
      assertThat(PacketFields.get(p, f)).as("%s", f).isEqualTo(w[1]);
    }
    assertThat(frame[18 + 8]).as("TTL byte").isEqualTo((byte) 3);
    assertThat(frame[18 + 1] & 0x03).as("ECN kept").isEqualTo(1);
  }

  @Test
  void writesIpv6DscpKeepingEcnAndFlowLabel() {
    byte[] frame = Frames.ipv6Tcp();
    ParsedPacket p = parsed(frame);
    assertThat(PacketFields.set(p, DSCP, 46)).isTrue();
    assertThat(PacketFields.get(p, DSCP)).isEqualTo(46);
    int word = MemorySegment.ofArray(frame).get(Net.U32, 14);
    assertThat(word >>> 28).as("version").isEqualTo(6);
    assertThat((word >>> 20) & 0xff).as("traffic class").isEqualTo(46 << 2 | 2);
    assertThat(word & 0xfffff).as("flow label").isEqualTo(0x12345);
    assertThat(PacketFields.setIpv6(p, SIP, 0xfe80_0000_0000_0000L, 0x1234L)).isTrue();
    assertThat(PacketFields.ipv6High(p, SIP)).isEqualTo(0xfe80_0000_0000_0000L);
    assertThat(PacketFields.ipv6Low(p, SIP)).isEqualTo(0x1234L);
    assertThat(PacketFields.set(p, TTL, 1)).isTrue();
    assertThat(frame[14 + 7]).as("hop limit").isEqualTo((byte) 1);
  }

  @Test
  void rejectsValuesThatDoNotFitTheField() {
    ParsedPacket p = parsed(Frames.ipv4TcpSyn());
    assertThatThrownBy(() -> PacketFields.set(p, DSCP, 64))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("DSCP: 64 (expected: 0 <= value <= 63)");
    assertThatThrownBy(() -> PacketFields.set(p, SPORT, -1))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> PacketFields.set(p, PAYLOAD, 0))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> PacketFields.ipv6High(parsed(Frames.ipv6Tcp()), TTL))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("TTL is not an address (expected: SIP, DIP)");
    assertThat(PacketFields.setIpv6(p, SIP, 1, 2)).as("IPv4 packet").isFalse();
  }

  @Test
  void copiesEveryFieldFromOneVersionToAnother() {
    // Two versions of one packet that NFs changed differently: the merger takes each field from
    // the version that owns it.
    byte[] a = Frames.qinqIpv4();
    byte[] b = a.clone();
    ParsedPacket pa = parsed(a);
    ParsedPacket pb = parsed(b);
    PacketFields.set(pa, SMAC, 0x020000000001L);
    PacketFields.set(pa, DMAC, 0x020000000002L);
    PacketFields.set(pa, VLAN, 0x0fff);
    PacketFields.set(pa, SIP, 0x01020304L);
    PacketFields.set(pa, DIP, 0x05060708L);
    PacketFields.set(pa, PROTOCOL, 6);
    PacketFields.set(pa, TTL, 9);
    PacketFields.set(pa, DSCP, 12);
    PacketFields.set(pa, SPORT, 1111);
    PacketFields.set(pa, DPORT, 2222);
    for (PacketField f : PacketField.values()) {
      if (f != PAYLOAD) {
        assertThat(PacketFields.copyField(f, pa, pb)).as("%s", f).isTrue();
      }
    }
    assertThat(b).isEqualTo(a);
  }

  @Test
  void copiesIpv6AddressesAndPayloadOfEqualLength() {
    byte[] a = Frames.ipv6Tcp();
    byte[] b = a.clone();
    ParsedPacket pa = parsed(a);
    ParsedPacket pb = parsed(b);
    PacketFields.setIpv6(pa, DIP, 7, 8);
    PacketFields.write(pa, PAYLOAD, MemorySegment.ofArray("HELLO".getBytes(UTF_8)), 0);
    PacketFields.set(pa, DSCP, 1);
    assertThat(PacketFields.copyField(DIP, pa, pb)).isTrue();
    assertThat(PacketFields.copyField(PAYLOAD, pa, pb)).isTrue();
    assertThat(PacketFields.copyField(DSCP, pa, pb)).isTrue();
    assertThat(b).isEqualTo(a);
    assertThat(new String(a, a.length - 5, 5, UTF_8)).isEqualTo("HELLO");
  }

  @Test
  void refusesToCopyBetweenPacketsOfDifferentShapes() {
    ParsedPacket v4 = parsed(Frames.ipv4TcpSyn());
    ParsedPacket v6 = parsed(Frames.ipv6Tcp());
    ParsedPacket tagged = parsed(Frames.vlanIpv4());
    assertThat(PacketFields.copyField(SIP, v4, v6)).isFalse();
    assertThat(PacketFields.copyField(PAYLOAD, v6, tagged)).isFalse();
    assertThat(PacketFields.copyField(VLAN, tagged, v4)).isFalse();
    assertThat(PacketFields.copyField(VLAN, v4, tagged)).isFalse();
    assertThat(PacketFields.copyField(SPORT, parsed(Frames.ipv4Icmp()), v4)).isFalse();
  }

  @Test
  void readsAndWritesDscpAsOneByteHoldingSixBits() {
    ParsedPacket p = parsed(Frames.ipv4UdpDns());
    MemorySegment out = MemorySegment.ofArray(new byte[1]);
    assertThat(PacketFields.read(p, DSCP, out, 0)).isEqualTo(1);
    assertThat(out.get(java.lang.foreign.ValueLayout.JAVA_BYTE, 0)).isEqualTo((byte) 46);
    assertThat(PacketFields.write(p, DSCP, MemorySegment.ofArray(new byte[] {(byte) 0xc8}), 0))
        .isEqualTo(1);
    assertThat(PacketFields.get(p, DSCP)).isEqualTo(0x08);
    assertThat(PacketFields.read(parsed(Frames.arp()), DSCP, out, 0)).isZero();
  }

  private static final java.nio.charset.Charset UTF_8 = java.nio.charset.StandardCharsets.UTF_8;
}
