/** Internal: not part of the VNFM's API. */
@NullMarked
package org.nfpvnfm.vnfm.internal.store;

import org.jspecify.annotations.NullMarked;
