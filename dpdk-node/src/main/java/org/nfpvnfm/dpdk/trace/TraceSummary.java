package org.nfpvnfm.dpdk.trace;

/**
 * What {@link TraceGenerator#write} wrote.
 *
 * @param packets frames written
 * @param bytes the frames' bytes (the file also holds a 24-byte header and 16 bytes per record)
 * @param distinctFlows flows that have at least one packet
 * @param ipv6Packets IPv6 frames
 * @param tcpPackets TCP frames (the others are UDP)
 * @param durationMicros the last packet's timestamp less the first's, in microseconds
 */
public record TraceSummary(
    long packets,
    long bytes,
    long distinctFlows,
    long ipv6Packets,
    long tcpPackets,
    long durationMicros) {

  /** The mean frame size in bytes (FCS excluded, as the sizes are). */
  public double meanFrameSize() {
    return packets == 0 ? 0 : (double) bytes / packets;
  }
}
