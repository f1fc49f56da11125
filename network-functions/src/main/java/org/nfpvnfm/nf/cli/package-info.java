/** The NF SDK's {@code nfp} subcommands: {@code nfp profile}. */
@NullMarked
package org.nfpvnfm.nf.cli;

import org.jspecify.annotations.NullMarked;
