/**
 * Every use of {@code java.lang.foreign} in dpdk-node: loading the C shim, downcall handles, the
 * mbuf layout read from the shim, and off-heap pointer arrays. Nothing outside this package links
 * native code; the public API in {@code org.nfpvnfm.dpdk} calls the static methods of {@link
 * org.nfpvnfm.dpdk.internal.ffm.Shim}.
 */
@NullMarked
package org.nfpvnfm.dpdk.internal.ffm;

import org.jspecify.annotations.NullMarked;
