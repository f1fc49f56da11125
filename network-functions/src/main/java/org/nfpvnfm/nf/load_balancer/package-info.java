/** The built-in {@code load_balancer} NF: Maglev consistent hashing with a connection table. */
@NullMarked
package org.nfpvnfm.nf.load_balancer;

import org.jspecify.annotations.NullMarked;
