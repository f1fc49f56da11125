/**
 * Internal: VNF performance management ({@code /vnfpm/v2}, SOL003 §6): PM jobs that collect the
 * dataplane's counters as metrics and make reports, and thresholds evaluated over the same metrics.
 */
@NullMarked
package org.nfpvnfm.vnfm.internal.pm;

import org.jspecify.annotations.NullMarked;
