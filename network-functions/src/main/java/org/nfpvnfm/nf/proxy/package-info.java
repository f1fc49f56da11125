/** The built-in {@code proxy} NF: transparent-proxy address rewriting with a flow table. */
@NullMarked
package org.nfpvnfm.nf.proxy;

import org.jspecify.annotations.NullMarked;
