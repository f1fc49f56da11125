/** Reading the NFP model out of a loaded service template. Internal: use {@code NfpExtractor}. */
@NullMarked
package org.nfpvnfm.tosca.internal.nfp;

import org.jspecify.annotations.NullMarked;
