package org.nfpvnfm.nf.firewall;

import org.jspecify.annotations.Nullable;

/**
 * The criteria of one rule, all of which must hold (AND). A criterion left out matches anything; a
 * criterion given on a field that the packet lacks (the ports of an ICMP packet or of a later
 * fragment, the addresses of an ARP frame) fails, negated or not: {@code ! --dport 80} means "has a
 * destination port, and it is not 80". A rule with an IPv4 address or {@code -4} matches IPv4
 * packets only, with an IPv6 address or {@code -6} IPv6 packets only; a rule with neither matches
 * every frame, IP or not.
 *
 * @param family 4 or 6, or 0 for any frame
 * @param protocol the IPv4 protocol or the IPv6 next header after the extension headers, or -1
 * @param dscps when {@code matchDscp}, bit {@code d} is set for each DSCP value {@code d} that
 *     matches (a negated criterion is stored complemented)
 */
public record Match(
    int family,
    int protocol,
    boolean notProtocol,
    @Nullable Prefix source,
    boolean notSource,
    @Nullable Prefix destination,
    boolean notDestination,
    @Nullable Ports sourcePorts,
    boolean notSourcePorts,
    @Nullable Ports destinationPorts,
    boolean notDestinationPorts,
    boolean matchDscp,
    long dscps) {

  /** No criteria: every frame matches. */
  public static final Match ANY =
      new Match(0, -1, false, null, false, null, false, null, false, null, false, false, 0);

  public Match {
    if (family != 0 && family != 4 && family != 6) {
      throw new IllegalArgumentException("family " + family + " (expected: 0, 4 or 6)");
    }
    if ((source != null && source.version() != family)
        || (destination != null && destination.version() != family)) {
      throw new IllegalArgumentException("an address's version differs from family " + family);
    }
    if (protocol < -1 || protocol > 255) {
      throw new IllegalArgumentException("protocol " + protocol + " (expected: -1 to 255)");
    }
  }
}
