/**
 * The VNFM: ETSI NFV-SOL003 interfaces for an NFVO (VNF lifecycle, packages, fault and performance
 * management), driving the NFP engine and DPDK compute nodes.
 */
@NullMarked
package org.nfpvnfm.vnfm;

import org.jspecify.annotations.NullMarked;
