package org.nfpvnfm.dpdk.packet;

import static org.nfpvnfm.dpdk.packet.Net.u16;
import static org.nfpvnfm.dpdk.packet.Net.u8;

import java.lang.foreign.MemorySegment;

/**
 * Parses an Ethernet frame in place into a {@link ParsedPacket}: Ethernet II, up to two VLAN tags,
 * IPv4 (options included) or IPv6 (with up to {@link #MAX_EXTENSION_HEADERS} extension headers),
 * then TCP, UDP, ICMP or ICMPv6. Stateless; allocates nothing; never throws on packet contents: a
 * malformed frame is a {@link ParseStatus}.
 *
 * <p>Every read is bounds-checked against the length given, before it is made, so a frame shorter
 * than its headers claim stops at the first check that fails, with that check's reason.
 */
public final class PacketParser {

  /**
   * IPv6 extension headers walked before the parser gives up ({@link
   * ParseStatus#TOO_MANY_EXTENSION_HEADERS}): a bound on the work one packet can cost. Real traffic
   * carries one or two; RFC 8200 order has at most six kinds.
   */
  public static final int MAX_EXTENSION_HEADERS = 8;

  static final int ETH_HEADER = 14;
  static final int ETHERTYPE_IPV4 = 0x0800;
  static final int ETHERTYPE_IPV6 = 0x86dd;
  static final int ETHERTYPE_VLAN = 0x8100;
  static final int ETHERTYPE_QINQ = 0x88a8;
  static final int ETHERTYPE_QINQ_OLD = 0x9100;

  static final int PROTO_HOP_BY_HOP = 0;
  static final int PROTO_ICMP = 1;
  static final int PROTO_TCP = 6;
  static final int PROTO_UDP = 17;
  static final int PROTO_ROUTING = 43;
  static final int PROTO_FRAGMENT = 44;
  static final int PROTO_AH = 51;
  static final int PROTO_ICMPV6 = 58;
  static final int PROTO_DEST_OPTIONS = 60;

  private PacketParser() {}

  /**
   * Parses the whole segment as one frame (its first 65,535 bytes if it is larger: no IP length
   * field reaches further).
   */
  public static ParseStatus parse(MemorySegment frame, ParsedPacket out) {
    long size = frame.byteSize();
    return parse(frame, size > 0xffff ? 0xffff : (int) size, out);
  }

  /**
   * Parses the first {@code length} bytes of {@code frame} (an mbuf's data length, say) into {@code
   * out}, overwriting what it held, and returns the status it also records there.
   *
   * @throws IndexOutOfBoundsException if {@code length} is negative or beyond the segment: a caller
   *     bug, not a packet property
   */
  public static ParseStatus parse(MemorySegment frame, int length, ParsedPacket out) {
    return parse(frame, length, length, out);
  }

  /**
   * Parses the headers of a packet of {@code packetLength} bytes whose first {@code length} bytes
   * are in {@code frame}: the first segment of a chained mbuf, such as a header copy (whose payload
   * lives in the next segment). Every header must lie in the first {@code length} bytes (else the
   * frame is truncated); the IP and UDP length fields are checked against {@code packetLength}. The
   * payload's offset and length are then the packet's, and only the part of it inside {@code frame}
   * can be read through {@link ParsedPacket#segment()}.
   *
   * @throws IndexOutOfBoundsException if {@code length} is negative or beyond the segment, or
   *     {@code packetLength} is below {@code length}
   */
  public static ParseStatus parse(
      MemorySegment frame, int length, int packetLength, ParsedPacket out) {
    if (length < 0 || length > frame.byteSize()) {
      throw new IndexOutOfBoundsException(
          "length: " + length + " (expected: 0 <= length <= " + frame.byteSize() + ")");
    }
    return parseAt(frame, 0, length, packetLength, out);
  }

  /**
   * As {@link #parse(MemorySegment, int, int, ParsedPacket)} for a frame that starts at {@code
   * base} in {@code memory}: a native packet read through one segment over all of memory, with no
   * slice object per packet (the fast path allocates nothing). The caller vouches that {@code
   * length} bytes from {@code base} are the frame's; reads stay within them.
   *
   * @throws IndexOutOfBoundsException if {@code length} is negative or {@code packetLength} is
   *     below it
   */
  public static ParseStatus parseAt(
      MemorySegment memory, long base, int length, int packetLength, ParsedPacket out) {
    if (length < 0) {
      throw new IndexOutOfBoundsException("length: " + length + " (expected: >= 0)");
    }
    MemorySegment frame = memory;
    if (packetLength < length) {
      throw new IndexOutOfBoundsException(
          "packetLength: " + packetLength + " (expected: >= length " + length + ")");
    }
    out.clear(frame, base, length);
    out.packetLength = packetLength;
    ParseStatus s = parseL2(frame, length, packetLength, out);
    out.status = s;
    if (s.isMalformed()) {
      out.payloadOffset = -1;
      out.payloadLength = 0;
    }
    return s;
  }

  // len: bytes readable in f; packet: the packet's length, which length fields are checked against.
  private static ParseStatus parseL2(MemorySegment f, int len, int packet, ParsedPacket p) {
    if (len < ETH_HEADER) {
      return ParseStatus.TRUNCATED_ETHERNET;
    }
    int off = 12;
    int type = u16(f, p.base + off);
    off += 2;
    while (type == ETHERTYPE_VLAN || type == ETHERTYPE_QINQ || type == ETHERTYPE_QINQ_OLD) {
      if (p.vlanTags == 2) {
        return ParseStatus.TOO_MANY_VLAN_TAGS;
      }
      if (off + 4 > len) {
        return ParseStatus.TRUNCATED_VLAN;
      }
      if (p.vlanTags == 0) {
        p.outerTciOffset = off;
      }
      p.vlanTags++;
      type = u16(f, p.base + off + 2);
      off += 4;
    }
    p.etherType = type;
    if (type == ETHERTYPE_IPV4) {
      return parseIpv4(f, len, packet, off, p);
    }
    if (type == ETHERTYPE_IPV6) {
      return parseIpv6(f, len, packet, off, p);
    }
    p.payloadOffset = off;
    p.payloadLength = packet - off;
    return ParseStatus.NON_IP;
  }

  private static ParseStatus parseIpv4(
      MemorySegment f, int len, int packet, int off, ParsedPacket p) {
    if (off + 20 > len) {
      return ParseStatus.TRUNCATED_IPV4;
    }
    int verIhl = u8(f, p.base + off);
    if (verIhl >>> 4 != 4) {
      return ParseStatus.BAD_IP_VERSION;
    }
    int ihl = verIhl & 0x0f;
    if (ihl < 5) {
      return ParseStatus.BAD_IHL;
    }
    int headerLength = ihl * 4;
    if (off + headerLength > len) {
      return ParseStatus.TRUNCATED_IPV4;
    }
    int totalLength = u16(f, p.base + off + 2);
    if (totalLength < headerLength || off + totalLength > packet) {
      return ParseStatus.BAD_IPV4_TOTAL_LENGTH;
    }
    p.l3Offset = off;
    p.ipVersion = 4;
    p.l3HeaderLength = headerLength;
    p.l3End = off + totalLength;
    p.protocolOffset = off + 9;
    p.protocol = u8(f, p.base + off + 9);
    int flagsFragment = u16(f, p.base + off + 6);
    int fragmentOffset = flagsFragment & 0x1fff;
    p.fragment = fragmentOffset != 0 || (flagsFragment & 0x2000) != 0;
    int l4 = off + headerLength;
    if (fragmentOffset != 0) {
      return nonFirstFragment(p, l4);
    }
    return parseL4(f, len, l4, p);
  }

  private static ParseStatus parseIpv6(
      MemorySegment f, int len, int packet, int off, ParsedPacket p) {
    if (off + 40 > len) {
      return ParseStatus.TRUNCATED_IPV6;
    }
    if (u8(f, p.base + off) >>> 4 != 6) {
      return ParseStatus.BAD_IP_VERSION;
    }
    int end = off + 40 + u16(f, p.base + off + 4);
    if (end > packet) {
      return ParseStatus.BAD_IPV6_PAYLOAD_LENGTH;
    }
    p.l3Offset = off;
    p.ipVersion = 6;
    p.l3End = end;
    int nextOffset = off + 6;
    int next = u8(f, p.base + nextOffset);
    int cur = off + 40;
    int walked = 0;
    boolean nonFirstFragment = false;
    while (next == PROTO_HOP_BY_HOP
        || next == PROTO_ROUTING
        || next == PROTO_FRAGMENT
        || next == PROTO_DEST_OPTIONS
        || next == PROTO_AH) {
      if (++walked > MAX_EXTENSION_HEADERS) {
        return ParseStatus.TOO_MANY_EXTENSION_HEADERS;
      }
      if (cur + 8 > end || cur + 8 > len) {
        return ParseStatus.TRUNCATED_EXTENSION_HEADER;
      }
      int headerLength;
      if (next == PROTO_FRAGMENT) {
        headerLength = 8;
        int offsetFlags = u16(f, p.base + cur + 2);
        p.fragment = true;
        nonFirstFragment |= (offsetFlags >>> 3) != 0;
      } else if (next == PROTO_AH) {
        headerLength = (u8(f, p.base + cur + 1) + 2) * 4;
      } else {
        headerLength = (u8(f, p.base + cur + 1) + 1) * 8;
      }
      if (cur + headerLength > end) {
        return ParseStatus.TRUNCATED_EXTENSION_HEADER;
      }
      nextOffset = cur;
      next = u8(f, p.base + cur);
      cur += headerLength;
    }
    p.l3HeaderLength = cur - off;
    p.protocolOffset = nextOffset;
    p.protocol = next;
    if (nonFirstFragment) {
      return nonFirstFragment(p, cur);
    }
    return parseL4(f, len, cur, p);
  }

  private static ParseStatus nonFirstFragment(ParsedPacket p, int l4) {
    p.payloadOffset = l4;
    p.payloadLength = p.l3End - l4;
    return ParseStatus.NON_FIRST_FRAGMENT;
  }

  private static ParseStatus parseL4(MemorySegment f, int len, int l4, ParsedPacket p) {
    int available = p.l3End - l4;
    int headerLength;
    switch (p.protocol) {
      case PROTO_TCP -> {
        if (available < 20 || l4 + 20 > len) {
          return ParseStatus.TRUNCATED_TCP;
        }
        int dataOffset = u8(f, p.base + l4 + 12) >>> 4;
        headerLength = dataOffset * 4;
        if (dataOffset < 5 || headerLength > available) {
          return ParseStatus.BAD_TCP_OFFSET;
        }
        p.ports = true;
      }
      case PROTO_UDP -> {
        if (available < 8 || l4 + 8 > len) {
          return ParseStatus.TRUNCATED_UDP;
        }
        int udpLength = u16(f, p.base + l4 + 4);
        // A first fragment carries only part of the datagram that the UDP length covers.
        if (udpLength < 8 || (!p.fragment && udpLength != available)) {
          return ParseStatus.BAD_UDP_LENGTH;
        }
        headerLength = 8;
        p.ports = true;
      }
      case PROTO_ICMP, PROTO_ICMPV6 -> {
        if (available < 8 || l4 + 8 > len) {
          return ParseStatus.TRUNCATED_ICMP;
        }
        headerLength = 8;
      }
      default -> {
        p.payloadOffset = l4;
        p.payloadLength = available;
        return ParseStatus.OK;
      }
    }
    p.l4Offset = l4;
    p.l4HeaderLength = headerLength;
    p.payloadOffset = l4 + headerLength;
    p.payloadLength = available - headerLength;
    return ParseStatus.OK;
  }
}
