/** The {@code nids} NF: Snort-like signature matching with one Aho–Corasick pass per payload. */
@NullMarked
package org.nfpvnfm.nf.nids;

import org.jspecify.annotations.NullMarked;
