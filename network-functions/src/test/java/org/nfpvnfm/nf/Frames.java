package org.nfpvnfm.nf;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;

/**
 * Crafts Ethernet frames for the payload-reading NFs' tests (caching, NIDS, monitor); checksums are
 * left zero, since nothing there checks them.
 */
public final class Frames {
  private Frames() {}

  public static byte[] tcp4(String src, int sport, String dst, int dport, String payload) {
    return ipv4(src, dst, 6, 64, 0, l4(sport, dport, true, bytes(payload)));
  }

  public static byte[] udp4(String src, int sport, String dst, int dport, byte[] payload) {
    return ipv4(src, dst, 17, 64, 0, l4(sport, dport, false, payload));
  }

  public static byte[] icmp4(String src, String dst, String payload) {
    byte[] p = bytes(payload);
    ByteBuffer b = ByteBuffer.allocate(8 + p.length);
    b.put((byte) 8).put((byte) 0).putShort((short) 0).putInt(0x00010001).put(p);
    return ipv4(src, dst, 1, 64, 0, b.array());
  }

  public static byte[] tcp6(String src, int sport, String dst, int dport, String payload) {
    byte[] l4 = l4(sport, dport, true, bytes(payload));
    ByteBuffer b = ByteBuffer.allocate(14 + 40 + l4.length);
    ether(b, 0x86dd);
    b.putInt(0x6000_0000).putShort((short) l4.length).put((byte) 6).put((byte) 64);
    b.put(addr(src)).put(addr(dst)).put(l4);
    return b.array();
  }

  public static byte[] ipv4(String src, String dst, int protocol, int ttl, int dscp, byte[] l4) {
    ByteBuffer b = ByteBuffer.allocate(14 + 20 + l4.length);
    ether(b, 0x0800);
    b.put((byte) 0x45).put((byte) (dscp << 2)).putShort((short) (20 + l4.length));
    b.putShort((short) 1).putShort((short) 0).put((byte) ttl).put((byte) protocol);
    b.putShort((short) 0).put(addr(src)).put(addr(dst)).put(l4);
    return b.array();
  }

  public static byte[] l4(int sport, int dport, boolean tcp, byte[] payload) {
    int header = tcp ? 20 : 8;
    ByteBuffer b = ByteBuffer.allocate(header + payload.length);
    b.putShort((short) sport).putShort((short) dport);
    if (tcp) {
      b.putInt(1).putInt(0).put((byte) 0x50).put((byte) 0x18).putShort((short) 65535);
      b.putShort((short) 0).putShort((short) 0);
    } else {
      b.putShort((short) (8 + payload.length)).putShort((short) 0);
    }
    return b.put(payload).array();
  }

  public static byte[] arp() {
    ByteBuffer b = ByteBuffer.allocate(14 + 28);
    ether(b, 0x0806);
    return b.array();
  }

  private static void ether(ByteBuffer b, int type) {
    b.put(new byte[] {2, 0, 0, 0, 0, 2, 2, 0, 0, 0, 0, 1}).putShort((short) type);
  }

  public static byte[] bytes(String s) {
    return s.getBytes(StandardCharsets.ISO_8859_1);
  }

  private static byte[] addr(String a) {
    try {
      return java.net.InetAddress.getByName(a).getAddress();
    } catch (java.net.UnknownHostException e) {
      throw new IllegalArgumentException(a, e);
    }
  }
}
