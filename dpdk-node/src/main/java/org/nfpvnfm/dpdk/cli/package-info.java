/** The DPDK node's {@code nfp} subcommands: {@code nfp run} and {@code nfp trace}. */
@NullMarked
package org.nfpvnfm.dpdk.cli;

import org.jspecify.annotations.NullMarked;
