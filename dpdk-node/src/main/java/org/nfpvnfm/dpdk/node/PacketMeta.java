package org.nfpvnfm.dpdk.node;

import org.nfpvnfm.dpdk.Mbufs;

/**
 * What the classifier stamps on a packet, in the mbuf's private area (docs/dataplane-design.md,
 * "Per-packet metadata"): the packet id its mergers key on, the flow hash the merger agent balances
 * on, and the time it was accepted, for the latency histograms. A copy gets the same stamp ({@link
 * #copy}); the version a buffer carries travels in the ring entry instead ({@link RingEntry}),
 * because a shared buffer is one mbuf for several versions.
 */
final class PacketMeta {
  static final int PACKET_ID = 0;
  static final int FLOW_HASH = 8;
  static final int ACCEPTED_NANOS = 16;

  /** The private area every pool of the node gives its mbufs. */
  static final int SIZE = 24;

  private PacketMeta() {}

  static void stamp(long mbuf, long packetId, long flowHash, long acceptedNanos) {
    Mbufs.setPrivateLong(mbuf, PACKET_ID, packetId);
    Mbufs.setPrivateLong(mbuf, FLOW_HASH, flowHash);
    Mbufs.setPrivateLong(mbuf, ACCEPTED_NANOS, acceptedNanos);
  }

  static long packetId(long mbuf) {
    return Mbufs.privateLong(mbuf, PACKET_ID);
  }

  static long flowHash(long mbuf) {
    return Mbufs.privateLong(mbuf, FLOW_HASH);
  }

  static long acceptedNanos(long mbuf) {
    return Mbufs.privateLong(mbuf, ACCEPTED_NANOS);
  }

  static void copy(long from, long to) {
    Mbufs.setPrivateLong(to, PACKET_ID, Mbufs.privateLong(from, PACKET_ID));
    Mbufs.setPrivateLong(to, FLOW_HASH, Mbufs.privateLong(from, FLOW_HASH));
    Mbufs.setPrivateLong(to, ACCEPTED_NANOS, Mbufs.privateLong(from, ACCEPTED_NANOS));
  }
}
