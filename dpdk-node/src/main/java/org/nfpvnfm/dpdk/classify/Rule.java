package org.nfpvnfm.dpdk.classify;

/**
 * One compiled {@link org.nfpvnfm.tosca.nfp.Classifier}: every criterion becomes a value and a
 * mask, so that {@link #matches} is a chain of integer compares with no per-field branching on "is
 * this criterion set". A criterion left out has mask 0 and value 0, which any packet value passes;
 * a criterion given has mask -1 (all bits), which a packet's {@link #ABSENT} value (-1 in every
 * bit, wider than any field) never equals, so a packet that lacks the field fails it.
 *
 * <p>Addresses are compared as two longs: an IPv6 address as its high and low halves, an IPv4
 * address as high 0 and the address in the low 32 bits; the IP version is compared too, so that an
 * IPv4 prefix never matches the IPv6 address {@code ::a.b.c.d}.
 */
final class Rule {

  /** Bits of {@link #uses()}: the packet fields a rule reads. */
  static final int USES_DMAC = 1;

  static final int USES_SMAC = 1 << 1;
  static final int USES_VLAN = 1 << 2;
  static final int USES_PROTOCOL = 1 << 3;
  static final int USES_DSCP = 1 << 4;
  static final int USES_SRC = 1 << 5;
  static final int USES_DST = 1 << 6;
  static final int USES_PORTS = 1 << 7;

  /** A packet field's value when the packet lacks it (or it cannot be trusted: malformed). */
  static final long ABSENT = -1L;

  final int graphId;

  /** Graph, classifier name and location, for logs and {@link FlowClassifier#describe()}. */
  final String description;

  final long dmacMask;
  final long dmac;
  final long smacMask;
  final long smac;
  final int etherTypeMask;
  final int etherType;

  /** The outer VLAN ids accepted (any of them); empty for any frame, tagged or not. */
  final int[] vlans;

  final int protocolMask;
  final int protocol;
  final int dscpMask;
  final int dscp;

  /** -1 when a prefix fixes the IP version, else 0. */
  final int ipVersionMask;

  final int ipVersion;
  final long srcHighMask;
  final long srcHigh;
  final long srcLowMask;
  final long srcLow;
  final long dstHighMask;
  final long dstHigh;
  final long dstLowMask;
  final long dstLow;

  /** Inclusive; a criterion left out is [-1, 65535] so that a packet without ports passes it. */
  final int sportLow;

  final int sportHigh;
  final int dportLow;
  final int dportHigh;

  Rule(
      int graphId,
      String description,
      long dmacMask,
      long dmac,
      long smacMask,
      long smac,
      int etherTypeMask,
      int etherType,
      int[] vlans,
      int protocolMask,
      int protocol,
      int dscpMask,
      int dscp,
      int ipVersionMask,
      int ipVersion,
      long[] src,
      long[] dst,
      int sportLow,
      int sportHigh,
      int dportLow,
      int dportHigh) {
    this.graphId = graphId;
    this.description = description;
    this.dmacMask = dmacMask;
    this.dmac = dmac;
    this.smacMask = smacMask;
    this.smac = smac;
    this.etherTypeMask = etherTypeMask;
    this.etherType = etherType;
    this.vlans = vlans;
    this.protocolMask = protocolMask;
    this.protocol = protocol;
    this.dscpMask = dscpMask;
    this.dscp = dscp;
    this.ipVersionMask = ipVersionMask;
    this.ipVersion = ipVersion;
    this.srcHighMask = src[0];
    this.srcHigh = src[1];
    this.srcLowMask = src[2];
    this.srcLow = src[3];
    this.dstHighMask = dst[0];
    this.dstHigh = dst[1];
    this.dstLowMask = dst[2];
    this.dstLow = dst[3];
    this.sportLow = sportLow;
    this.sportHigh = sportHigh;
    this.dportLow = dportLow;
    this.dportHigh = dportHigh;
  }

  /**
   * The packet fields this rule's criteria read, as {@code USES_*} bits: {@link
   * FlowClassifier#classify} reads from the packet only the fields some rule needs.
   */
  int uses() {
    return (dmacMask != 0 ? USES_DMAC : 0)
        | (smacMask != 0 ? USES_SMAC : 0)
        | (vlans.length != 0 ? USES_VLAN : 0)
        | (protocolMask != 0 ? USES_PROTOCOL : 0)
        | (dscpMask != 0 ? USES_DSCP : 0)
        | (srcHighMask != 0 || srcLowMask != 0 ? USES_SRC : 0)
        | (dstHighMask != 0 || dstLowMask != 0 ? USES_DST : 0)
        | (sportLow >= 0 || dportLow >= 0 ? USES_PORTS : 0);
  }

  /**
   * Whether a packet with these field values ({@link #ABSENT} for a field it lacks) passes every
   * criterion; the values are read once per packet by {@link FlowClassifier#classify}. The order
   * puts first the fields that most often tell rules apart in ACLs (protocol, destination port and
   * address), so that a rule that fails usually fails within the first few compares.
   */
  boolean matches(
      long dmacValue,
      long smacValue,
      int etherTypeValue,
      int vlanValue,
      int protocolValue,
      int dscpValue,
      int ipVersionValue,
      long srcHighValue,
      long srcLowValue,
      long dstHighValue,
      long dstLowValue,
      int sportValue,
      int dportValue) {
    return (protocolValue & protocolMask) == protocol
        && dportValue >= dportLow
        && dportValue <= dportHigh
        && (ipVersionValue & ipVersionMask) == ipVersion
        && (dstLowValue & dstLowMask) == dstLow
        && (dstHighValue & dstHighMask) == dstHigh
        && (srcLowValue & srcLowMask) == srcLow
        && (srcHighValue & srcHighMask) == srcHigh
        && sportValue >= sportLow
        && sportValue <= sportHigh
        && (etherTypeValue & etherTypeMask) == etherType
        && (dscpValue & dscpMask) == dscp
        && (dmacValue & dmacMask) == dmac
        && (smacValue & smacMask) == smac
        && (vlans.length == 0 || contains(vlans, vlanValue));
  }

  private static boolean contains(int[] values, int value) {
    for (int v : values) {
      if (v == value) {
        return true;
      }
    }
    return false;
  }

  @Override
  public String toString() {
    return description;
  }
}
