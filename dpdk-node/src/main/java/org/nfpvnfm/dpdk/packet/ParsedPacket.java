package org.nfpvnfm.dpdk.packet;

import java.lang.foreign.MemorySegment;
import org.jspecify.annotations.Nullable;

/**
 * Where the headers of one frame are, as {@link PacketParser#parse} found them: offsets and lengths
 * into the frame's segment, no copies. One instance per core, reused for every packet (its fields
 * are overwritten by each parse), so parsing allocates nothing. Not thread-safe: the core that
 * parses is the only one that reads it.
 *
 * <p>An offset is {@code -1} when the layer is absent. After a malformed result the layers parsed
 * before the failing check are still described (a frame with a bad TCP offset still has its L2 and
 * IP headers), but a runtime should drop it.
 *
 * <p>Writes through {@link PacketFields} change bytes, never the layout: after writing PROTOCOL the
 * packet is still described as it was parsed.
 */
public final class ParsedPacket {

  MemorySegment segment = MemorySegment.NULL;
  // Where the frame starts in segment: 0 for a frame of its own, the mbuf's data address when the
  // segment is all of native memory (Mbufs.parse), which spares a slice object per packet.
  long base;
  int frameLength;
  int packetLength;
  @Nullable FieldAccessRecorder recorder;
  ParseStatus status = ParseStatus.TRUNCATED_ETHERNET;

  int vlanTags;
  int outerTciOffset;
  int etherType;
  int l3Offset;
  int ipVersion;
  int l3HeaderLength;
  int l3End;
  int protocol;
  int protocolOffset;
  boolean fragment;
  int l4Offset;
  int l4HeaderLength;
  boolean ports;
  int payloadOffset;
  int payloadLength;

  public ParsedPacket() {
    clear(MemorySegment.NULL, 0, 0);
  }

  void clear(MemorySegment frame, long start, int length) {
    segment = frame;
    base = start;
    frameLength = length;
    packetLength = length;
    status = ParseStatus.TRUNCATED_ETHERNET;
    vlanTags = 0;
    outerTciOffset = -1;
    etherType = -1;
    l3Offset = -1;
    ipVersion = 0;
    l3HeaderLength = 0;
    l3End = -1;
    protocol = -1;
    protocolOffset = -1;
    fragment = false;
    l4Offset = -1;
    l4HeaderLength = 0;
    ports = false;
    payloadOffset = -1;
    payloadLength = 0;
  }

  /** The frame's bytes (the segment last parsed). */
  public MemorySegment segment() {
    return segment;
  }

  /** The frame's length in bytes, as given to the parser. */
  /**
   * Where the frame's first byte is in {@link #segment()}: every offset this packet gives is from
   * there. 0 unless the packet was parsed in place in a larger segment ({@link
   * PacketParser#parseAt}).
   */
  public long base() {
    return base;
  }

  /**
   * Reports every later field access through {@link PacketFields} on this packet to {@code
   * recorder} (null: stop). Kept across parses: a tool sets it once on the packets it hands an NF.
   */
  public void recordAccessesTo(@Nullable FieldAccessRecorder recorder) {
    this.recorder = recorder;
  }

  /**
   * The whole packet's length: {@link #frameLength()} for a packet in one segment, more for a
   * chained one (a header copy keeps its payload in the next segment). What a meter or a byte
   * counter charges.
   */
  public int packetLength() {
    return packetLength;
  }

  public int frameLength() {
    return frameLength;
  }

  public ParseStatus status() {
    return status;
  }

  /** VLAN tags read: 0, 1 or 2. */
  public int vlanTags() {
    return vlanTags;
  }

  /** Offset of the outer VLAN tag's TCI (PCP, DEI, VLAN id), or -1 when untagged. */
  public int outerTciOffset() {
    return outerTciOffset;
  }

  /** The ethertype after the VLAN tags (0x0800, 0x86dd, ...), or -1 if L2 was truncated. */
  public int etherType() {
    return etherType;
  }

  /** Offset of the IP header, or -1 when there is none. */
  public int l3Offset() {
    return l3Offset;
  }

  /** 4, 6, or 0 when there is no IP header. */
  public int ipVersion() {
    return ipVersion;
  }

  /** IPv4: IHL × 4; IPv6: 40 plus the extension headers walked. */
  public int l3HeaderLength() {
    return l3HeaderLength;
  }

  /**
   * Offset just past the IP packet (from its total or payload length): Ethernet padding after it is
   * not part of the payload.
   */
  public int l3End() {
    return l3End;
  }

  /** The transport protocol (IPv4 protocol, or the last IPv6 next header), or -1. */
  public int protocol() {
    return protocol;
  }

  /** Offset of the byte that holds {@link #protocol()}, or -1. */
  public int protocolOffset() {
    return protocolOffset;
  }

  /** Part of a fragmented datagram (first or later fragment). */
  public boolean isFragment() {
    return fragment;
  }

  /** Offset of the transport header (TCP, UDP, ICMP), or -1 when none was parsed. */
  public int l4Offset() {
    return l4Offset;
  }

  /** TCP: data offset × 4; UDP and ICMP: 8; 0 when none was parsed. */
  public int l4HeaderLength() {
    return l4HeaderLength;
  }

  /** Whether SPORT and DPORT exist (TCP or UDP, first fragment or unfragmented). */
  public boolean hasPorts() {
    return ports;
  }

  /**
   * Offset of everything after the last header parsed: after the transport header when there is
   * one; after the IP headers for another protocol or a non-first fragment; after the L2 header for
   * a non-IP frame. -1 for a malformed frame.
   */
  public int payloadOffset() {
    return payloadOffset;
  }

  /** The payload's length in bytes, up to {@link #l3End()} for IP (padding excluded). */
  public int payloadLength() {
    return payloadLength;
  }

  /** A one-line description (allocates: for logs and tests only). */
  @Override
  public String toString() {
    return "ParsedPacket[status="
        + status
        + ", frameLength="
        + frameLength
        + ", vlanTags="
        + vlanTags
        + ", etherType=0x"
        + Integer.toHexString(etherType)
        + ", ipVersion="
        + ipVersion
        + ", l3Offset="
        + l3Offset
        + ", l3HeaderLength="
        + l3HeaderLength
        + ", l3End="
        + l3End
        + ", protocol="
        + protocol
        + ", fragment="
        + fragment
        + ", l4Offset="
        + l4Offset
        + ", l4HeaderLength="
        + l4HeaderLength
        + ", ports="
        + ports
        + ", payloadOffset="
        + payloadOffset
        + ", payloadLength="
        + payloadLength
        + "]";
  }
}
