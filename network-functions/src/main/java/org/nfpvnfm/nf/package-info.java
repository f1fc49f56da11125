/**
 * The NF SDK: how a network function plugs into NFP-VNFM. An {@link org.nfpvnfm.nf.NfProvider},
 * found with {@link java.util.ServiceLoader} ({@code META-INF/services/org.nfpvnfm.nf.NfProvider},
 * in any jar on the class path), names an NF type, declares its action profile, checks its
 * configuration and makes {@link org.nfpvnfm.dpdk.nf.NetworkFunction} instances; {@link
 * org.nfpvnfm.nf.NfRegistry} finds them. The built-in NFs live in sub-packages.
 */
@NullMarked
package org.nfpvnfm.nf;

import org.jspecify.annotations.NullMarked;
