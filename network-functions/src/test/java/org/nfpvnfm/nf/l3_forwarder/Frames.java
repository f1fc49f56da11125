package org.nfpvnfm.nf.l3_forwarder;

import java.net.InetAddress;
import java.nio.ByteBuffer;

/**
 * Builds test frames: Ethernet (optionally one 802.1Q tag), IPv4 or IPv6, TCP or UDP or other, with
 * a payload; and reads fields back from the bytes an NF left. Shared by the l3 NFs' tests.
 */
public final class Frames {
  public static final int TCP = 6;
  public static final int UDP = 17;
  public static final int ICMP = 1;

  public static final long SRC_MAC = 0x0200_0000_aa01L;
  public static final long DST_MAC = 0x0200_0000_bb01L;

  private String src = "192.0.2.1";
  private String dst = "198.51.100.1";
  private int protocol = UDP;
  private int sport = 1234;
  private int dport = 80;
  private int ttl = 64;
  private int vlan = -1;
  private int payload = 8;

  public static Frames ipv4(String src, String dst) {
    Frames f = new Frames();
    f.src = src;
    f.dst = dst;
    return f;
  }

  public static Frames ipv6(String src, String dst) {
    return ipv4(src, dst);
  }

  public Frames protocol(int p) {
    protocol = p;
    return this;
  }

  public Frames ports(int s, int d) {
    sport = s;
    dport = d;
    return this;
  }

  public Frames ttl(int t) {
    ttl = t;
    return this;
  }

  public Frames hopLimit(int h) {
    return ttl(h);
  }

  public Frames vlan(int tci) {
    vlan = tci;
    return this;
  }

  public Frames payload(int bytes) {
    payload = bytes;
    return this;
  }

  public byte[] build() {
    byte[] s = addr(src);
    byte[] d = addr(dst);
    boolean v6 = s.length == 16;
    int l4 = protocol == TCP ? 20 : protocol == UDP ? 8 : protocol == ICMP ? 8 : 0;
    int l3 = v6 ? 40 : 20;
    int eth = vlan >= 0 ? 18 : 14;
    ByteBuffer b = ByteBuffer.allocate(eth + l3 + l4 + payload);
    putMac(b, DST_MAC);
    putMac(b, SRC_MAC);
    if (vlan >= 0) {
      b.putShort((short) 0x8100).putShort((short) vlan);
    }
    b.putShort((short) (v6 ? 0x86dd : 0x0800));
    int ipStart = b.position();
    if (v6) {
      b.putInt(0x6000_0000).putShort((short) (l4 + payload)).put((byte) protocol).put((byte) ttl);
      b.put(s).put(d);
    } else {
      b.put((byte) 0x45).put((byte) 0).putShort((short) (l3 + l4 + payload));
      b.putShort((short) 1).putShort((short) 0x4000).put((byte) ttl).put((byte) protocol);
      b.putShort((short) 0).put(s).put(d);
      int sum = 0;
      for (int i = 0; i < 20; i += 2) {
        sum += b.getShort(ipStart + i) & 0xffff;
      }
      sum = (sum & 0xffff) + (sum >>> 16);
      sum = (sum & 0xffff) + (sum >>> 16);
      b.putShort(ipStart + 10, (short) ~sum);
    }
    if (protocol == TCP) {
      b.putShort((short) sport).putShort((short) dport).putInt(1).putInt(0);
      b.putShort((short) 0x5010).putShort((short) 1024).putShort((short) 0).putShort((short) 0);
    } else if (protocol == UDP) {
      b.putShort((short) sport).putShort((short) dport).putShort((short) (8 + payload));
      b.putShort((short) 0);
    } else if (protocol == ICMP) {
      b.putLong(0x0800_0000_0000_0000L);
    }
    for (int i = 0; i < payload; i++) {
      b.put((byte) i);
    }
    return b.array();
  }

  /** An ARP request (not IP). */
  public static byte[] arp() {
    ByteBuffer b = ByteBuffer.allocate(42);
    putMac(b, 0xffff_ffff_ffffL);
    putMac(b, SRC_MAC);
    b.putShort((short) 0x0806).putShort((short) 1).putShort((short) 0x0800);
    b.put((byte) 6).put((byte) 4).putShort((short) 1);
    return b.array();
  }

  public static long dmac(byte[] f) {
    return ByteBuffer.wrap(f).getLong(0) >>> 16;
  }

  public static long smac(byte[] f) {
    return ByteBuffer.wrap(f).getLong(6) >>> 16 & 0xffff_ffff_ffffL;
  }

  private static int ipStart(byte[] f) {
    return (f[12] & 0xff) == 0x81 ? 18 : 14;
  }

  private static boolean isV6(byte[] f) {
    return (f[ipStart(f)] & 0xf0) == 0x60;
  }

  public static int ttl(byte[] f) {
    return f[ipStart(f) + (isV6(f) ? 7 : 8)] & 0xff;
  }

  public static String sip(byte[] f) {
    return address(f, isV6(f) ? 8 : 12);
  }

  public static String dip(byte[] f) {
    return address(f, isV6(f) ? 24 : 16);
  }

  public static int sport(byte[] f) {
    return ByteBuffer.wrap(f).getShort(l4(f)) & 0xffff;
  }

  public static int dport(byte[] f) {
    return ByteBuffer.wrap(f).getShort(l4(f) + 2) & 0xffff;
  }

  private static int l4(byte[] f) {
    int ip = ipStart(f);
    return ip + (isV6(f) ? 40 : (f[ip] & 0x0f) * 4);
  }

  private static String address(byte[] f, int off) {
    int len = isV6(f) ? 16 : 4;
    byte[] a = new byte[len];
    System.arraycopy(f, ipStart(f) + off, a, 0, len);
    try {
      return InetAddress.getByAddress(a).getHostAddress();
    } catch (java.net.UnknownHostException e) {
      throw new IllegalStateException(e);
    }
  }

  /** The form {@link #sip} and {@link #dip} give for {@code literal}. */
  public static String norm(String literal) {
    return InetAddress.ofLiteral(literal).getHostAddress();
  }

  private static byte[] addr(String literal) {
    return InetAddress.ofLiteral(literal).getAddress();
  }

  private static void putMac(ByteBuffer b, long mac) {
    b.putShort((short) (mac >>> 32)).putInt((int) mac);
  }
}
