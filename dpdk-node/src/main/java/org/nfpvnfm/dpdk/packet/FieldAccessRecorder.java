package org.nfpvnfm.dpdk.packet;

import org.nfpvnfm.tosca.nfp.PacketField;

/**
 * Told of every field access made through {@link PacketFields} on a packet that has one ({@link
 * ParsedPacket#recordAccessesTo}): how {@code nfp profile} measures what an NF really reads and
 * writes. Null on the packet path, where it costs one predictable branch per access.
 */
public interface FieldAccessRecorder {
  void read(PacketField field);

  void write(PacketField field);
}
