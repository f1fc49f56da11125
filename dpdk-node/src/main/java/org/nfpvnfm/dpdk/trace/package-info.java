/**
 * Synthetic packet traces for benchmarks: classic pcap files (Ethernet, microsecond timestamps) of
 * valid IPv4/IPv6 TCP/UDP frames, drawn from a {@link org.nfpvnfm.dpdk.trace.SizeDistribution} and
 * a {@link org.nfpvnfm.dpdk.trace.FlowDistribution}, and the same bytes for the same {@link
 * org.nfpvnfm.dpdk.trace.TraceSpec} on every JVM. {@code nfp trace} is the command line over {@link
 * org.nfpvnfm.dpdk.trace.TraceGenerator}; docs/traces.md describes what it writes.
 */
@NullMarked
package org.nfpvnfm.dpdk.trace;

import org.jspecify.annotations.NullMarked;
