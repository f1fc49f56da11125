/** The built-in {@code gateway} NF: a policy classifier on source and destination prefixes. */
@NullMarked
package org.nfpvnfm.nf.gateway;

import org.jspecify.annotations.NullMarked;
