/**
 * The built-in {@code firewall}: ordered iptables-like rules on the 5-tuple (IPv4 and IPv6
 * prefixes, protocol, port ranges), the first match accepting or dropping, a default policy for the
 * rest, and packet and byte counters per rule. See docs/network-functions/firewall.md.
 */
@NullMarked
package org.nfpvnfm.nf.firewall;

import org.jspecify.annotations.NullMarked;
