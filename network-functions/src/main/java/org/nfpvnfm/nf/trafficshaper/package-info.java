/**
 * The built-in {@code traffic_shaper}: a token bucket per traffic class (classes by DSCP or by a
 * firewall-style match), re-marking or dropping the packets beyond a class's rate. See
 * docs/network-functions/traffic_shaper.md.
 */
@NullMarked
package org.nfpvnfm.nf.trafficshaper;

import org.jspecify.annotations.NullMarked;
