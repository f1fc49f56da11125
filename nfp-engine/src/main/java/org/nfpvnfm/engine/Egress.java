package org.nfpvnfm.engine;

/**
 * What the egress does before transmitting: NFs never fix checksums (on a shared buffer two of them
 * would race on one checksum field), so the egress recomputes those the graph may have changed.
 */
public record Egress(boolean recomputeIpChecksum, boolean recomputeL4Checksum) {}
