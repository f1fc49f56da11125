/**
 * Metrics in Prometheus's text exposition format (version 0.0.4): {@link
 * org.nfpvnfm.dpdk.metrics.PrometheusText} writes families of samples, {@link
 * org.nfpvnfm.dpdk.metrics.Histogram} counts observations into fixed buckets, and {@link
 * org.nfpvnfm.dpdk.metrics.NodeMetrics} turns a node's counters into the {@code nfp_node_} families
 * the node agent serves at {@code GET /metrics} (docs/observability.md). Nothing here is on the
 * packet path: metrics are read from {@link org.nfpvnfm.dpdk.node.NodeStats} snapshots.
 */
@NullMarked
package org.nfpvnfm.dpdk.metrics;

import org.jspecify.annotations.NullMarked;
