/** The {@code caching} NF: HTTP/1.x request statistics per URL and an LRU cache decision model. */
@NullMarked
package org.nfpvnfm.nf.caching;

import org.jspecify.annotations.NullMarked;
