package org.nfpvnfm.dpdk;

/** A port's basic counters (DPDK's rte_eth_stats). */
public record PortStats(
    long inPackets,
    long outPackets,
    long inBytes,
    long outBytes,
    long inMissed,
    long inErrors,
    long outErrors,
    long rxNoMbuf) {}
