/**
 * What a network function is to the DPDK node: {@link org.nfpvnfm.dpdk.nf.NetworkFunction}
 * processes a {@link org.nfpvnfm.dpdk.nf.PacketBatch} in place; a {@link
 * org.nfpvnfm.dpdk.nf.NfFactory} makes one per NF of a deployed graph. {@link
 * org.nfpvnfm.dpdk.nf.ProfileNf} does exactly what an action profile declares and nothing else,
 * which makes it the NF of the equivalence tests and of {@code nfp run} for NFs without an
 * implementation.
 */
@NullMarked
package org.nfpvnfm.dpdk.nf;

import org.jspecify.annotations.NullMarked;
