/**
 * Internal: the VNFM's Prometheus endpoint, {@code GET /metrics} at the server's root (no API
 * version, no {@code Version} header; no token unless {@code metrics.requireToken}): lifecycle
 * operations, instances, notifications, the event relay, HTTP requests, and the compute nodes'
 * counters per VNF instance (docs/observability.md).
 */
@NullMarked
package org.nfpvnfm.vnfm.internal.metrics;

import org.jspecify.annotations.NullMarked;
