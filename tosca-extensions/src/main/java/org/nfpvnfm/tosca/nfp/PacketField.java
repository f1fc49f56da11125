package org.nfpvnfm.tosca.nfp;

import java.util.Locale;
import java.util.Optional;

/**
 * The packet fields an action profile speaks about. Checksums are not fields: they follow writes
 * (see {@link ActionProfile#rewritesIpChecksum()} and {@link ActionProfile#rewritesL4Checksum()}),
 * because the merger recomputes them after taking each field from its owning version.
 */
public enum PacketField {
  /** Ethernet source MAC address. */
  SMAC(Layer.L2),
  /** Ethernet destination MAC address. */
  DMAC(Layer.L2),
  /** IEEE 802.1Q tag(s): VLAN id and priority. */
  VLAN(Layer.L2),
  /** IP source address. */
  SIP(Layer.L3),
  /** IP destination address. */
  DIP(Layer.L3),
  /** IPv4 protocol / IPv6 next header. */
  PROTOCOL(Layer.L3),
  /** IPv4 TTL / IPv6 hop limit. */
  TTL(Layer.L3),
  /** DSCP bits of the IPv4 ToS / IPv6 traffic class. */
  DSCP(Layer.L3),
  /** Transport source port. */
  SPORT(Layer.L4),
  /** Transport destination port. */
  DPORT(Layer.L4),
  /** Everything after the transport header. */
  PAYLOAD(Layer.PAYLOAD);

  /** Where in the packet a field lives. */
  public enum Layer {
    L2,
    L3,
    L4,
    PAYLOAD
  }

  private final Layer layer;

  PacketField(Layer layer) {
    this.layer = layer;
  }

  public Layer layer() {
    return layer;
  }

  /** The lower-case name used in descriptors ({@code sip}, {@code ttl}, ...). */
  public String key() {
    return name().toLowerCase(Locale.ROOT);
  }

  /** A header field: a header-only copy carries it. */
  public boolean isHeader() {
    return layer != Layer.PAYLOAD;
  }

  /** Covered by the IPv4 header checksum. */
  public boolean inIpChecksum() {
    return layer == Layer.L3;
  }

  /** Covered by the TCP/UDP checksum (pseudo-header addresses and protocol, ports, payload). */
  public boolean inL4Checksum() {
    return this == SIP || this == DIP || this == PROTOCOL || layer == Layer.L4 || this == PAYLOAD;
  }

  /** The field for a descriptor key, ignoring case. */
  public static Optional<PacketField> ofKey(String key) {
    for (PacketField f : values()) {
      if (f.key().equalsIgnoreCase(key)) {
        return Optional.of(f);
      }
    }
    return Optional.empty();
  }
}
