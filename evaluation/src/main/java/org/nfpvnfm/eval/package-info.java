/**
 * The evaluation: {@code nfp bench} runs the paper's experiments (NFP-SPEC.md §7) end to end on the
 * DPDK node, side by side with the sequential chain, and writes tables and plots to {@code
 * docs/benchmarks/}.
 */
@NullMarked
package org.nfpvnfm.eval;

import org.jspecify.annotations.NullMarked;
