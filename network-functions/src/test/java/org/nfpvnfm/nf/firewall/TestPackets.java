package org.nfpvnfm.nf.firewall;

import java.lang.foreign.MemorySegment;
import java.nio.ByteBuffer;
import org.nfpvnfm.dpdk.packet.PacketParser;
import org.nfpvnfm.dpdk.packet.ParseStatus;
import org.nfpvnfm.dpdk.packet.ParsedPacket;

/**
 * Builds test frames: Ethernet (optionally VLAN-tagged), IPv4 or IPv6 by the addresses given, and
 * TCP, UDP, ICMP or another protocol; checksums are left 0 (nothing here checks them).
 */
public final class TestPackets {

  public static final int TCP = 6;
  public static final int UDP = 17;
  public static final int ICMP = 1;
  public static final int ICMPV6 = 58;

  private TestPackets() {}

  public static Builder tcp(String src, int sport, String dst, int dport) {
    return new Builder(TCP, src, sport, dst, dport);
  }

  public static Builder udp(String src, int sport, String dst, int dport) {
    return new Builder(UDP, src, sport, dst, dport);
  }

  /** An ICMP (IPv4) or ICMPv6 (IPv6) echo request. */
  public static Builder ping(String src, String dst) {
    return new Builder(src.indexOf(':') >= 0 ? ICMPV6 : ICMP, src, 0, dst, 0);
  }

  /** Another transport: the bytes after the IP header are the payload. */
  public static Builder ip(int protocol, String src, String dst) {
    return new Builder(protocol, src, 0, dst, 0);
  }

  /** An ARP request: no IP at all. */
  public static byte[] arp() {
    ByteBuffer b = ByteBuffer.allocate(60);
    b.put(mac(0xffff_ffff_ffffL)).put(mac(0x0200_0000_0001L)).putShort((short) 0x0806);
    b.putShort((short) 1).putShort((short) 0x0800).put((byte) 6).put((byte) 4);
    b.putShort((short) 1).put(mac(0x0200_0000_0001L)).put(new byte[] {10, 0, 0, 1});
    b.put(new byte[6]).put(new byte[] {10, 0, 0, 2});
    return b.array();
  }

  /** Parses {@code frame} on the heap (no mbuf): for tests of matching without an EAL. */
  public static ParsedPacket parse(byte[] frame) {
    ParsedPacket p = new ParsedPacket();
    ParseStatus s = PacketParser.parse(MemorySegment.ofArray(frame), p);
    if (s.isMalformed()) {
      throw new IllegalArgumentException("malformed test frame: " + s);
    }
    return p;
  }

  /** One frame under construction. */
  public static final class Builder {
    private final int protocol;
    private final byte[] src;
    private final byte[] dst;
    private final int sport;
    private final int dport;
    private int dscp;
    private int ecn;
    private int ttl = 64;
    private int vlan = -1;
    private int payload = 16;
    private boolean laterFragment;

    private Builder(int protocol, String src, int sport, String dst, int dport) {
      this.protocol = protocol;
      this.src = address(src);
      this.dst = address(dst);
      if (this.src.length != this.dst.length) {
        throw new IllegalArgumentException(src + " and " + dst + " are of two IP versions");
      }
      this.sport = sport;
      this.dport = dport;
    }

    public Builder dscp(int value) {
      dscp = value;
      return this;
    }

    public Builder ecn(int value) {
      ecn = value;
      return this;
    }

    public Builder ttl(int value) {
      ttl = value;
      return this;
    }

    /** An 802.1Q tag with this VLAN id. */
    public Builder vlan(int id) {
      vlan = id;
      return this;
    }

    /** Payload bytes after the transport header (a pattern). */
    public Builder payload(int bytes) {
      payload = bytes;
      return this;
    }

    /** A later fragment (offset 1480 bytes): no transport header is parsed, so no ports. */
    public Builder laterFragment() {
      laterFragment = true;
      return this;
    }

    public byte[] build() {
      byte[] data = new byte[payload];
      for (int i = 0; i < data.length; i++) {
        data[i] = (byte) (i * 7 + 1);
      }
      byte[] l4 = laterFragment ? data : transport(data);
      boolean v6 = src.length == 16;
      byte[] l3 = v6 ? ipv6(l4) : ipv4(l4);
      int tags = vlan >= 0 ? 4 : 0;
      ByteBuffer b = ByteBuffer.allocate(Math.max(60, 14 + tags + l3.length));
      b.put(mac(0x0200_0000_00bbL)).put(mac(0x0200_0000_00aaL));
      if (vlan >= 0) {
        b.putShort((short) 0x8100).putShort((short) vlan);
      }
      b.putShort((short) (v6 ? 0x86dd : 0x0800)).put(l3);
      return b.array();
    }

    private byte[] transport(byte[] data) {
      ByteBuffer b;
      switch (protocol) {
        case TCP -> {
          b = ByteBuffer.allocate(20 + data.length);
          b.putShort((short) sport).putShort((short) dport).putInt(1000).putInt(0);
          b.put((byte) 0x50).put((byte) 0x18).putShort((short) 65535).putInt(0);
        }
        case UDP -> {
          b = ByteBuffer.allocate(8 + data.length);
          b.putShort((short) sport).putShort((short) dport).putShort((short) (8 + data.length));
          b.putShort((short) 0);
        }
        case ICMP, ICMPV6 -> {
          b = ByteBuffer.allocate(8 + data.length);
          b.put((byte) (protocol == ICMP ? 8 : 128)).put((byte) 0).putShort((short) 0);
          b.putShort((short) 0x1234).putShort((short) 1);
        }
        default -> b = ByteBuffer.allocate(data.length);
      }
      return b.put(data).array();
    }

    private byte[] ipv4(byte[] l4) {
      ByteBuffer b = ByteBuffer.allocate(20 + l4.length);
      b.put((byte) 0x45).put((byte) (dscp << 2 | ecn)).putShort((short) (20 + l4.length));
      b.putShort((short) 0x1c46).putShort((short) (laterFragment ? 1480 / 8 : 0x4000));
      b.put((byte) ttl).put((byte) protocol).putShort((short) 0).put(src).put(dst).put(l4);
      return b.array();
    }

    private byte[] ipv6(byte[] l4) {
      int fragmentHeader = laterFragment ? 8 : 0;
      ByteBuffer b = ByteBuffer.allocate(40 + fragmentHeader + l4.length);
      b.putInt(0x6000_0000 | (dscp << 2 | ecn) << 20 | 0x12345);
      b.putShort((short) (fragmentHeader + l4.length));
      b.put((byte) (laterFragment ? 44 : protocol)).put((byte) ttl).put(src).put(dst);
      if (laterFragment) {
        b.put((byte) protocol).put((byte) 0).putShort((short) (1480)).putInt(0x0abc);
      }
      return b.put(l4).array();
    }
  }

  private static byte[] address(String text) {
    byte[] b = text.indexOf(':') >= 0 ? Prefix.ipv6(text) : Prefix.ipv4(text);
    if (b == null) {
      throw new IllegalArgumentException("not an address: " + text);
    }
    return b;
  }

  private static byte[] mac(long value) {
    byte[] b = new byte[6];
    for (int i = 0; i < 6; i++) {
      b[i] = (byte) (value >>> (40 - 8 * i));
    }
    return b;
  }
}
