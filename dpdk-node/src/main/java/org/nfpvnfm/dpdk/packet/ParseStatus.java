package org.nfpvnfm.dpdk.packet;

/**
 * What {@link PacketParser#parse} made of a frame. The first four are usable packets; the rest are
 * malformed, each named for the first check that failed, so that a runtime can count drops per
 * reason ({@link DropCounters}). The parser never throws on packet contents.
 */
public enum ParseStatus {
  /** Ethernet, IPv4 or IPv6, and the transport header when the protocol is one the parser knows. */
  OK(Kind.USABLE),
  /**
   * A well-formed Ethernet frame whose ethertype is neither IPv4 nor IPv6 (ARP, LLDP, an 802.3
   * length field, ...): L2 fields only.
   */
  NON_IP(Kind.USABLE),
  /**
   * An IPv4 or IPv6 fragment other than the first: it has L3 fields but no transport header, so no
   * ports; its payload is the fragment's data.
   */
  NON_FIRST_FRAGMENT(Kind.USABLE),

  /** Shorter than the 14-byte Ethernet header. */
  TRUNCATED_ETHERNET(Kind.MALFORMED),
  /** A VLAN tag (0x8100, 0x88a8, 0x9100) whose 4 bytes pass the end of the frame. */
  TRUNCATED_VLAN(Kind.MALFORMED),
  /** A third VLAN tag: the parser reads at most two (802.1Q, or 802.1ad QinQ). */
  TOO_MANY_VLAN_TAGS(Kind.MALFORMED),
  /** Ethertype IPv4 or IPv6 but the version nibble disagrees. */
  BAD_IP_VERSION(Kind.MALFORMED),
  /** Fewer than 20 bytes, or fewer than IHL × 4 bytes, after the L2 header. */
  TRUNCATED_IPV4(Kind.MALFORMED),
  /** IPv4 IHL below 5 (a header shorter than 20 bytes). */
  BAD_IHL(Kind.MALFORMED),
  /** IPv4 total length smaller than the header, or reaching past the end of the frame. */
  BAD_IPV4_TOTAL_LENGTH(Kind.MALFORMED),
  /** Fewer than 40 bytes after the L2 header. */
  TRUNCATED_IPV6(Kind.MALFORMED),
  /** IPv6 payload length reaching past the end of the frame. */
  BAD_IPV6_PAYLOAD_LENGTH(Kind.MALFORMED),
  /** An IPv6 extension header that passes the end of the IPv6 payload. */
  TRUNCATED_EXTENSION_HEADER(Kind.MALFORMED),
  /** More than {@link PacketParser#MAX_EXTENSION_HEADERS} IPv6 extension headers. */
  TOO_MANY_EXTENSION_HEADERS(Kind.MALFORMED),
  /** Fewer than 20 bytes of TCP header in the IP payload. */
  TRUNCATED_TCP(Kind.MALFORMED),
  /** TCP data offset below 5, or a header (options included) longer than the IP payload. */
  BAD_TCP_OFFSET(Kind.MALFORMED),
  /** Fewer than 8 bytes of UDP header in the IP payload. */
  TRUNCATED_UDP(Kind.MALFORMED),
  /**
   * UDP length below 8, or (unfragmented) different from the IP payload length the IP header gives.
   */
  BAD_UDP_LENGTH(Kind.MALFORMED),
  /** Fewer than 8 bytes of ICMP or ICMPv6 header in the IP payload. */
  TRUNCATED_ICMP(Kind.MALFORMED);

  private enum Kind {
    USABLE,
    MALFORMED
  }

  private final Kind kind;

  ParseStatus(Kind kind) {
    this.kind = kind;
  }

  /** Whether the frame failed a check; a runtime drops (and counts) such a frame. */
  public boolean isMalformed() {
    return kind == Kind.MALFORMED;
  }
}
