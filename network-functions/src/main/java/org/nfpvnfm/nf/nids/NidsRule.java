package org.nfpvnfm.nf.nids;

import java.util.List;

/**
 * One parsed rule: the header (protocol, addresses, ports, direction), the contents it needs and
 * the optional TTL and DSCP ranges. Immutable; {@link NidsEngine} flattens rules into arrays.
 *
 * @param protocol IP protocol number to match, or -1 for {@code ip} (any); {@code icmp} is 1 and
 *     also matches ICMPv6 (58) on IPv6
 * @param bidirectional {@code <>}: the header also matches with source and destination swapped
 */
record NidsRule(
    int sid,
    String msg,
    int protocol,
    Prefix src,
    PortRange srcPorts,
    Prefix dst,
    PortRange dstPorts,
    boolean bidirectional,
    List<Content> contents,
    int ttlMin,
    int ttlMax,
    int dscpMin,
    int dscpMax) {

  static final int ICMP = 1;
  static final int ICMPV6 = 58;

  /**
   * A content: its bytes, case rule and where in the payload it must lie ({@code [offset, offset +
   * depth)}; depth -1 means up to the payload's end).
   */
  record Content(byte[] bytes, boolean nocase, int offset, int depth) {}

  /** An address prefix; {@code version} 0 is {@code any}. IPv4 uses the low 32 bits of lo. */
  record Prefix(int version, long hi, long lo, long maskHi, long maskLo) {
    static final Prefix ANY = new Prefix(0, 0, 0, 0, 0);

    boolean matches(int ipVersion, long addrHi, long addrLo) {
      if (version == 0) {
        return true;
      }
      return version == ipVersion && (addrHi & maskHi) == hi && (addrLo & maskLo) == lo;
    }
  }

  /** An inclusive port range; {@code any} is 0 to 65535 and also matches packets without ports. */
  record PortRange(int lo, int hi) {
    static final PortRange ANY = new PortRange(0, 65535);

    boolean isAny() {
      return lo == 0 && hi == 65535;
    }

    boolean matches(int port) {
      return isAny() || (port >= lo && port <= hi);
    }
  }
}
