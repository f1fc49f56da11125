/**
 * The DPDK compute node: runs compiled service graphs ({@code org.nfpvnfm.engine.ServiceGraph}) on
 * DPDK through the FFM API. All FFM code lives in {@code org.nfpvnfm.dpdk.internal.ffm}.
 */
@NullMarked
package org.nfpvnfm.dpdk;

import org.jspecify.annotations.NullMarked;
