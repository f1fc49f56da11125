package org.nfpvnfm.nf.vpn;

import java.lang.foreign.MemorySegment;
import java.nio.ByteBuffer;
import org.nfpvnfm.dpdk.packet.Checksums;
import org.nfpvnfm.dpdk.packet.PacketParser;
import org.nfpvnfm.dpdk.packet.ParsedPacket;

/** Crafted Ethernet frames for the VPN tests. */
final class Frames {
  private Frames() {}

  /** Ethernet, IPv4 (no options) and UDP carrying {@code payload}, then {@code padding} zeros. */
  static byte[] udp4(int src, int dst, int tos, byte[] payload, int padding) {
    int ipLength = 20 + 8 + payload.length;
    ByteBuffer b = ByteBuffer.allocate(14 + ipLength + padding);
    ethernet(b, 0x0800);
    b.put((byte) 0x45).put((byte) tos).putShort((short) ipLength).putShort((short) 0x1234);
    b.putShort((short) 0).put((byte) 61).put((byte) 17).putShort((short) 0);
    b.putInt(src).putInt(dst);
    int sum = 0;
    for (int i = 14; i < 34; i += 2) {
      sum += b.getShort(i) & 0xffff;
    }
    sum = (sum & 0xffff) + (sum >>> 16);
    sum = (sum & 0xffff) + (sum >>> 16);
    b.putShort(24, (short) ~sum);
    b.putShort((short) 4000).putShort((short) 53).putShort((short) (8 + payload.length));
    b.putShort((short) 0).put(payload);
    return withChecksums(b.array());
  }

  /**
   * The frame with valid IP and UDP checksums, as a sender's would be: the VPN recomputes the inner
   * checksums before sealing, so a round trip gives back exactly a frame whose checksums were
   * right.
   */
  static byte[] withChecksums(byte[] frame) {
    ParsedPacket p = new ParsedPacket();
    PacketParser.parse(MemorySegment.ofArray(frame), p);
    Checksums.rewriteAll(p);
    return frame;
  }

  static byte[] udp4(byte[] payload) {
    return udp4(0x0a000001, 0x0a000002, 0xb8, payload, 0);
  }

  /** Ethernet, IPv6 and UDP carrying {@code payload}. */
  static byte[] udp6(byte[] payload) {
    ByteBuffer b = ByteBuffer.allocate(14 + 40 + 8 + payload.length);
    ethernet(b, 0x86dd);
    b.putInt(0x6b800000).putShort((short) (8 + payload.length)).put((byte) 17).put((byte) 64);
    b.putLong(0x2001_0db8_0000_0000L).putLong(1).putLong(0x2001_0db8_0000_0000L).putLong(2);
    b.putShort((short) 4000).putShort((short) 53).putShort((short) (8 + payload.length));
    b.putShort((short) 0).put(payload);
    return withChecksums(b.array());
  }

  /** An ARP request: not IP. */
  static byte[] arp() {
    ByteBuffer b = ByteBuffer.allocate(14 + 28);
    ethernet(b, 0x0806);
    b.putShort((short) 1).putShort((short) 0x0800).put((byte) 6).put((byte) 4).putShort((short) 1);
    return b.array();
  }

  static byte[] bytes(int length, int seed) {
    byte[] out = new byte[length];
    for (int i = 0; i < length; i++) {
      out[i] = (byte) (i * 31 + seed);
    }
    return out;
  }

  private static void ethernet(ByteBuffer b, int etherType) {
    b.put(new byte[] {2, 0, 0, 0, 0, 2, 2, 0, 0, 0, 0, 1}).putShort((short) etherType);
  }
}
