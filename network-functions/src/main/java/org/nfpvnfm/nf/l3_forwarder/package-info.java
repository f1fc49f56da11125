/** The built-in {@code l3_forwarder} NF: LPM routing with DIR-24-8 (IPv4) and IPv6. */
@NullMarked
package org.nfpvnfm.nf.l3_forwarder;

import org.jspecify.annotations.NullMarked;
