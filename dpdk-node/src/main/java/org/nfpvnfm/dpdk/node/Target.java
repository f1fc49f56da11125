package org.nfpvnfm.dpdk.node;

/**
 * Where a hop hands a buffer: one receiver's ring, or a merger's instances, of which the merger
 * agent picks one by a key every version of a packet shares (its flow hash or its id), so that all
 * versions of one packet meet at the same instance.
 */
final class Target {
  private final Outbox[] instances;
  private final boolean byPacketId;

  Target(Outbox[] instances, boolean byPacketId) {
    this.instances = instances;
    this.byPacketId = byPacketId;
  }

  void add(long entry, long mbuf) {
    Outbox[] o = instances;
    if (o.length == 1) {
      o[0].add(entry);
      return;
    }
    long key = byPacketId ? PacketMeta.packetId(mbuf) : PacketMeta.flowHash(mbuf);
    o[(int) Long.remainderUnsigned(key, o.length)].add(entry);
  }
}
