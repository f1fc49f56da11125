package org.nfpvnfm.dpdk.packet;

import static org.assertj.core.api.Assertions.assertThat;
import static org.nfpvnfm.tosca.nfp.PacketField.DIP;
import static org.nfpvnfm.tosca.nfp.PacketField.DPORT;
import static org.nfpvnfm.tosca.nfp.PacketField.SIP;
import static org.nfpvnfm.tosca.nfp.PacketField.SPORT;
import static org.nfpvnfm.tosca.nfp.PacketField.TTL;

import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import org.junit.jupiter.api.Test;

class ChecksumsTest {

  private static ParsedPacket parsed(byte[] frame) {
    return parsed(MemorySegment.ofArray(frame));
  }

  private static ParsedPacket parsed(MemorySegment frame) {
    ParsedPacket p = new ParsedPacket();
    assertThat(PacketParser.parse(frame, p).isMalformed()).isFalse();
    return p;
  }

  private static int u16(byte[] a, int offset) {
    return (a[offset] & 0xff) << 8 | (a[offset + 1] & 0xff);
  }

  @Test
  void computesTheTextbookIpv4HeaderChecksum() {
    // 192.168.0.1 -> 192.168.0.199, UDP, total length 0x73, DF: checksum 0xb861.
    byte[] header = Frames.hex("450000730000400040110000c0a80001c0a800c7");
    byte[] frame = Frames.ethernet(0x0800, Frames.concat(header, new byte[0x73 - 20]));
    // The UDP length must match for the parse to be OK.
    frame[14 + 20 + 4] = 0;
    frame[14 + 20 + 5] = 0x73 - 20;
    ParsedPacket p = parsed(frame);
    assertThat(Checksums.ipv4HeaderChecksum(p)).isEqualTo(0xb861);
    assertThat(Checksums.ipv4HeaderChecksumValid(p)).isFalse();
    assertThat(Checksums.rewriteIpv4HeaderChecksum(p)).isTrue();
    assertThat(u16(frame, 24)).isEqualTo(0xb861);
    assertThat(Checksums.ipv4HeaderChecksumValid(p)).isTrue();
  }

  @Test
  void matchesChecksumsComputedWithPythonsStandardLibrary() {
    // struct.pack the same headers, sum 16-bit words, fold, complement.
    byte[] syn = Frames.ipv4TcpSyn();
    assertThat(u16(syn, 24)).as("SYN IPv4 header").isEqualTo(0x9c6d);
    assertThat(u16(syn, 34 + 16)).as("SYN TCP").isEqualTo(0xf21f);
    ParsedPacket p = parsed(syn);
    assertThat(Checksums.ipv4HeaderChecksum(p)).isEqualTo(0x9c6d);
    assertThat(Checksums.l4Checksum(p)).isEqualTo(0xf21f);

    ParsedPacket dns = parsed(Frames.ipv4UdpDns());
    assertThat(Checksums.ipv4HeaderChecksum(dns)).isEqualTo(0xf7e1);
    assertThat(Checksums.l4Checksum(dns)).isEqualTo(0x3312);

    assertThat(Checksums.l4Checksum(parsed(Frames.ipv6Tcp()))).isEqualTo(0x63d1);
  }

  @Test
  void verifiesEveryCraftedFramesChecksums() {
    for (byte[] frame :
        new byte[][] {
          Frames.ipv4TcpSyn(),
          Frames.ipv4UdpDns(),
          Frames.ipv6Tcp(),
          Frames.vlanIpv4(),
          Frames.qinqIpv4(),
          Frames.ipv4WithOptions(),
          Frames.ipv4Icmp(),
          Frames.ipv6Icmp()
        }) {
      ParsedPacket p = parsed(frame);
      assertThat(Checksums.l4ChecksumValid(p)).as("%s", p).isTrue();
      assertThat(Checksums.ipv4HeaderChecksumValid(p)).as("%s", p).isEqualTo(p.ipVersion() == 4);
    }
  }

  @Test
  void recomputesBothChecksumsAfterANatRewrite() {
    byte[] frame = Frames.ipv4TcpSyn();
    ParsedPacket p = parsed(frame);
    PacketFields.set(p, SIP, 0x0a000002L);
    PacketFields.set(p, SPORT, 61000);
    PacketFields.set(p, TTL, 63);
    assertThat(Checksums.ipv4HeaderChecksumValid(p)).isFalse();
    assertThat(Checksums.l4ChecksumValid(p)).isFalse();
    assertThat(Checksums.rewriteAll(p)).isEqualTo(2);
    assertThat(Checksums.ipv4HeaderChecksumValid(p)).isTrue();
    assertThat(Checksums.l4ChecksumValid(p)).isTrue();

    byte[] ip = java.util.Arrays.copyOfRange(frame, 14, 34);
    ip[10] = 0;
    ip[11] = 0;
    assertThat(u16(frame, 24)).isEqualTo(Frames.reference(ip));
    byte[] tcp = java.util.Arrays.copyOfRange(frame, 34, 58);
    tcp[16] = 0;
    tcp[17] = 0;
    byte[] pseudo =
        Frames.concat(java.util.Arrays.copyOfRange(frame, 26, 34), new byte[] {0, 6, 0, 24});
    assertThat(u16(frame, 50)).isEqualTo(Frames.reference(Frames.concat(pseudo, tcp)));
  }

  @Test
  void recomputesIpv6UdpChecksumWithAnOddLengthPayloadInNativeMemory() {
    byte[] udp = Frames.udp(5353, 5353, Frames.hex("0102030405"));
    byte[] frame = Frames.ethernet(0x86dd, Frames.ipv6(0, 0, 17, 64, udp));
    try (Arena arena = Arena.ofConfined()) {
      MemorySegment s = arena.allocate(frame.length + 1).asSlice(1);
      MemorySegment.copy(MemorySegment.ofArray(frame), 0, s, 0, frame.length);
      ParsedPacket p = parsed(s);
      PacketFields.setIpv6(p, DIP, 0x2001_0db8_0000_0001L, 0xabcdL);
      PacketFields.set(p, DPORT, 53);
      assertThat(Checksums.rewriteL4Checksum(p)).isTrue();
      assertThat(Checksums.rewriteAll(p)).as("no IPv4 header").isEqualTo(1);
      byte[] after = s.toArray(java.lang.foreign.ValueLayout.JAVA_BYTE);
      byte[] expected =
          Frames.l4ChecksumV6WithDip(
              java.util.Arrays.copyOfRange(after, 54, after.length),
              17,
              6,
              java.util.Arrays.copyOfRange(after, 38, 54));
      assertThat(u16(after, 60)).isEqualTo(u16(expected, 6));
      assertThat(Checksums.l4ChecksumValid(p)).isTrue();
    }
  }

  @Test
  void acceptsAZeroUdpChecksumOverIpv4AsNoChecksum() {
    byte[] frame = Frames.ipv4UdpDns();
    frame[40] = 0;
    frame[41] = 0;
    ParsedPacket p = parsed(frame);
    assertThat(Checksums.l4ChecksumValid(p)).isTrue();
    assertThat(Checksums.l4Checksum(p)).isEqualTo(0x3312);
  }

  @Test
  void computesNoL4ChecksumForFragmentsOrUnknownTransports() {
    for (byte[] frame :
        new byte[][] {
          Frames.ipv6HopByHopFragment(),
          Frames.ipv6SecondFragment(),
          Frames.ipv4NonFirstFragment(),
          Frames.arp()
        }) {
      ParsedPacket p = parsed(frame);
      assertThat(Checksums.l4Checksum(p)).as("%s", p).isEqualTo(Checksums.NONE);
      assertThat(Checksums.rewriteL4Checksum(p)).isFalse();
      assertThat(Checksums.l4ChecksumValid(p)).isFalse();
    }
    assertThat(Checksums.ipv4HeaderChecksum(parsed(Frames.arp()))).isEqualTo(Checksums.NONE);
    assertThat(Checksums.rewriteAll(parsed(Frames.ipv4NonFirstFragment()))).isEqualTo(1);
  }

  @Test
  void sumsEveryLengthLikeTheReference() {
    java.util.Random r = new java.util.Random(7);
    for (int len = 0; len < 80; len++) {
      byte[] data = new byte[len + 3];
      r.nextBytes(data);
      long sum = Checksums.sum(MemorySegment.ofArray(data), 3, len, 0);
      while ((sum >>> 16) != 0) {
        sum = (sum & 0xffff) + (sum >>> 16);
      }
      int expected = Frames.reference(java.util.Arrays.copyOfRange(data, 3, 3 + len));
      assertThat((int) (~sum & 0xffff)).as("length %d", len).isEqualTo(expected);
    }
  }
}
