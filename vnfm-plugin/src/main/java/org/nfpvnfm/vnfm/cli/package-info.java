/** The VNFM's command: {@code nfp serve}. */
@NullMarked
package org.nfpvnfm.vnfm.cli;

import org.jspecify.annotations.NullMarked;
