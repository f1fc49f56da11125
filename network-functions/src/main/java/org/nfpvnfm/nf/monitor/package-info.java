/** The {@code monitor} NF: per-flow statistics exported as IPFIX (RFC 7011) over UDP. */
@NullMarked
package org.nfpvnfm.nf.monitor;

import org.jspecify.annotations.NullMarked;
