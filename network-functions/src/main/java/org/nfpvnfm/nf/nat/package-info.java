/**
 * The built-in {@code nat}: source NAT with port allocation (NAPT) behind one public address, a
 * flow table with idle timeouts, and the reverse translation of return traffic. See
 * docs/network-functions/nat.md.
 */
@NullMarked
package org.nfpvnfm.nf.nat;

import org.jspecify.annotations.NullMarked;
