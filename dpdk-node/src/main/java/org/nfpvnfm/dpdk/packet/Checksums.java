package org.nfpvnfm.dpdk.packet;

import static org.nfpvnfm.dpdk.packet.Net.put16;
import static org.nfpvnfm.dpdk.packet.Net.u16;
import static org.nfpvnfm.dpdk.packet.Net.u32;
import static org.nfpvnfm.dpdk.packet.Net.u64;
import static org.nfpvnfm.dpdk.packet.Net.u8;

import java.lang.foreign.MemorySegment;

/**
 * The Internet checksum (RFC 1071) of a parsed packet's IPv4 header and of its TCP, UDP, ICMP or
 * ICMPv6 message (with the IPv4 or IPv6 pseudo-header where the protocol has one), computed in
 * place without allocating. The egress recomputes them after the merger has written fields.
 *
 * <p>The sum reads 8 bytes at a time and adds each 32-bit half into a long: a 32-bit word {@code
 * hi·2¹⁶ + lo} is congruent to {@code hi + lo} modulo 0xffff, so folding the long at the end gives
 * the same one's-complement sum as adding 16-bit words, with a quarter of the additions and no
 * carry handling in the loop (a 64 KiB packet adds at most 2¹⁴ values below 2³², far from
 * overflowing).
 *
 * <p>Limits: the L4 checksum of a fragment is not computed (the datagram is not all here); an IPv6
 * routing header with segments left is not followed to the final destination, whose address the
 * pseudo-header should then use.
 */
public final class Checksums {

  /** What {@link #ipv4HeaderChecksum} and {@link #l4Checksum} return when there is nothing. */
  public static final int NONE = -1;

  private Checksums() {}

  /**
   * The value the IPv4 header checksum field should hold (the field's current value ignored), or
   * {@link #NONE} for a packet without an IPv4 header.
   */
  public static int ipv4HeaderChecksum(ParsedPacket p) {
    if (p.ipVersion != 4) {
      return NONE;
    }
    int off = p.l3Offset;
    long sum = sum(p.segment, p.base + off, p.l3HeaderLength, 0);
    return finish(sum + 0xffff - u16(p.segment, p.base + off + 10));
  }

  /** Writes the IPv4 header checksum; false when there is no IPv4 header. */
  public static boolean rewriteIpv4HeaderChecksum(ParsedPacket p) {
    int c = ipv4HeaderChecksum(p);
    if (c == NONE) {
      return false;
    }
    put16(p.segment, p.base + p.l3Offset + 10, c);
    return true;
  }

  /** Whether the IPv4 header checksum is right; false when there is no IPv4 header. */
  public static boolean ipv4HeaderChecksumValid(ParsedPacket p) {
    return p.ipVersion == 4 && ipv4HeaderChecksum(p) == u16(p.segment, p.base + p.l3Offset + 10);
  }

  /**
   * The value the TCP, UDP, ICMP or ICMPv6 checksum field should hold (its current value ignored),
   * or {@link #NONE} when the packet has none of those headers or is a fragment. A UDP checksum
   * that computes to 0 is given as 0xffff (0 means "no checksum" in UDP over IPv4).
   */
  public static int l4Checksum(ParsedPacket p) {
    int field = checksumOffset(p);
    if (field < 0) {
      return NONE;
    }
    MemorySegment s = p.segment;
    int l4 = p.l4Offset;
    int length = p.l3End - l4;
    long sum = 0;
    if (p.protocol != PacketParser.PROTO_ICMP) {
      sum = pseudoHeader(p, length);
    }
    sum = sum(s, p.base + l4, length, sum);
    int c = finish(sum + 0xffff - u16(s, p.base + field));
    return c == 0 && p.protocol == PacketParser.PROTO_UDP ? 0xffff : c;
  }

  /** Writes the L4 checksum; false when {@link #l4Checksum} gives {@link #NONE}. */
  public static boolean rewriteL4Checksum(ParsedPacket p) {
    int c = l4Checksum(p);
    if (c == NONE) {
      return false;
    }
    put16(p.segment, p.base + checksumOffset(p), c);
    return true;
  }

  /**
   * Whether the L4 checksum is right. UDP over IPv4 with checksum 0 (none sent) counts as right;
   * false when {@link #l4Checksum} gives {@link #NONE}.
   */
  public static boolean l4ChecksumValid(ParsedPacket p) {
    int c = l4Checksum(p);
    if (c == NONE) {
      return false;
    }
    int stored = u16(p.segment, p.base + checksumOffset(p));
    if (stored == 0 && p.protocol == PacketParser.PROTO_UDP && p.ipVersion == 4) {
      return true;
    }
    return c == stored;
  }

  /**
   * Rewrites both checksums where the packet has them (what the egress does after a merge) and
   * returns how many it wrote: 0, 1 or 2.
   */
  public static int rewriteAll(ParsedPacket p) {
    int n = rewriteIpv4HeaderChecksum(p) ? 1 : 0;
    return rewriteL4Checksum(p) ? n + 1 : n;
  }

  private static int checksumOffset(ParsedPacket p) {
    if (p.l4Offset < 0 || p.fragment) {
      return -1;
    }
    return switch (p.protocol) {
      case PacketParser.PROTO_TCP -> p.l4Offset + 16;
      case PacketParser.PROTO_UDP -> p.l4Offset + 6;
      case PacketParser.PROTO_ICMP, PacketParser.PROTO_ICMPV6 -> p.l4Offset + 2;
      default -> -1;
    };
  }

  private static long pseudoHeader(ParsedPacket p, int length) {
    MemorySegment s = p.segment;
    int l3 = p.l3Offset;
    if (p.ipVersion == 4) {
      // Source and destination (8 bytes), zero, protocol, L4 length.
      return sum(s, p.base + l3 + 12, 8, 0) + p.protocol + length;
    }
    // Source and destination (32 bytes), 32-bit L4 length, 24 zero bits, next header.
    return sum(s, p.base + l3 + 8, 32, 0) + length + p.protocol;
  }

  /**
   * Adds the bytes {@code [off, off + length)} as big-endian 16-bit words (odd end zero-padded).
   */
  static long sum(MemorySegment s, long off, int length, long sum) {
    long i = off;
    long end = off + length;
    for (; i + 8 <= end; i += 8) {
      long v = u64(s, i);
      sum += (v >>> 32) + (v & 0xffff_ffffL);
    }
    if (i + 4 <= end) {
      sum += u32(s, i);
      i += 4;
    }
    if (i + 2 <= end) {
      sum += u16(s, i);
      i += 2;
    }
    if (i < end) {
      sum += u8(s, i) << 8;
    }
    return sum;
  }

  /** Folds a sum to 16 bits and complements it. */
  private static int finish(long sum) {
    long x = sum;
    while ((x >>> 16) != 0) {
      x = (x & 0xffff) + (x >>> 16);
    }
    return (int) (~x & 0xffff);
  }
}
