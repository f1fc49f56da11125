package org.nfpvnfm.nf.compression;

import java.nio.ByteBuffer;

/** Crafted Ethernet frames for the compression tests. */
final class Frames {
  private Frames() {}

  /** Ethernet, IPv4 and UDP carrying {@code payload}, then {@code padding} zeros. */
  static byte[] udp4(byte[] payload, int padding) {
    int ipLength = 20 + 8 + payload.length;
    ByteBuffer b = ByteBuffer.allocate(14 + ipLength + padding);
    ethernet(b, 0x0800);
    b.put((byte) 0x45).put((byte) 0).putShort((short) ipLength).putShort((short) 7);
    b.putShort((short) 0).put((byte) 64).put((byte) 17).putShort((short) 0);
    b.putInt(0x0a000001).putInt(0x0a000002);
    b.putShort(24, ipv4Checksum(b.array(), 14));
    b.putShort((short) 4000).putShort((short) 53).putShort((short) (8 + payload.length));
    b.putShort((short) 0).put(payload);
    return b.array();
  }

  static byte[] udp4(byte[] payload) {
    return udp4(payload, 0);
  }

  /** Ethernet, IPv4 and TCP (no options) carrying {@code payload}. */
  static byte[] tcp4(byte[] payload) {
    int ipLength = 20 + 20 + payload.length;
    ByteBuffer b = ByteBuffer.allocate(14 + ipLength);
    ethernet(b, 0x0800);
    b.put((byte) 0x45).put((byte) 0).putShort((short) ipLength).putShort((short) 7);
    b.putShort((short) 0).put((byte) 64).put((byte) 6).putShort((short) 0);
    b.putInt(0x0a000001).putInt(0x0a000002);
    b.putShort(24, ipv4Checksum(b.array(), 14));
    b.putShort((short) 40000).putShort((short) 80).putInt(1000).putInt(0);
    b.put((byte) 0x50).put((byte) 0x18).putShort((short) 65535).putInt(0);
    b.put(payload);
    return b.array();
  }

  /** Ethernet, IPv6 and UDP carrying {@code payload}. */
  static byte[] udp6(byte[] payload) {
    ByteBuffer b = ByteBuffer.allocate(14 + 40 + 8 + payload.length);
    ethernet(b, 0x86dd);
    b.putInt(0x60000000).putShort((short) (8 + payload.length)).put((byte) 17).put((byte) 64);
    b.putLong(0x2001_0db8_0000_0000L).putLong(1).putLong(0x2001_0db8_0000_0000L).putLong(2);
    b.putShort((short) 4000).putShort((short) 53).putShort((short) (8 + payload.length));
    b.putShort((short) 0).put(payload);
    return b.array();
  }

  /** An ICMP echo request. */
  static byte[] icmp4() {
    ByteBuffer b = ByteBuffer.allocate(14 + 20 + 8 + 32);
    ethernet(b, 0x0800);
    b.put((byte) 0x45).put((byte) 0).putShort((short) 60).putShort((short) 7);
    b.putShort((short) 0).put((byte) 64).put((byte) 1).putShort((short) 0);
    b.putInt(0x0a000001).putInt(0x0a000002);
    b.putShort(24, ipv4Checksum(b.array(), 14));
    b.put((byte) 8);
    return b.array();
  }

  /** Text that compresses well. */
  static byte[] text(int length) {
    byte[] phrase = "GET /index.html HTTP/1.1\r\nHost: example.com\r\n".getBytes(US_ASCII);
    byte[] out = new byte[length];
    for (int i = 0; i < length; i++) {
      out[i] = phrase[i % phrase.length];
    }
    return out;
  }

  /** Bytes that do not compress (a fixed pseudo-random sequence). */
  static byte[] noise(int length) {
    byte[] out = new byte[length];
    new java.util.Random(length).nextBytes(out);
    return out;
  }

  static short ipv4Checksum(byte[] f, int at) {
    int sum = 0;
    for (int i = at; i < at + 20; i += 2) {
      if (i != at + 10) {
        sum += ((f[i] & 0xff) << 8) | (f[i + 1] & 0xff);
      }
    }
    sum = (sum & 0xffff) + (sum >>> 16);
    sum = (sum & 0xffff) + (sum >>> 16);
    return (short) ~sum;
  }

  private static final java.nio.charset.Charset US_ASCII =
      java.nio.charset.StandardCharsets.US_ASCII;

  private static void ethernet(ByteBuffer b, int etherType) {
    b.put(new byte[] {2, 0, 0, 0, 0, 2, 2, 0, 0, 0, 0, 1}).putShort((short) etherType);
  }
}
