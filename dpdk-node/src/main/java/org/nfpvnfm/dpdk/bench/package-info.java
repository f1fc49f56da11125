/**
 * The node's end-to-end benchmark ({@code bin/bench-node.sh}): a 2-way parallel graph against the
 * sequential chain of the same two NFs on the real dataplane, beside the C reference pipeline.
 */
@NullMarked
package org.nfpvnfm.dpdk.bench;

import org.jspecify.annotations.NullMarked;
