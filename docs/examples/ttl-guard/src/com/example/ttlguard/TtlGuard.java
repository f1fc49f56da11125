package com.example.ttlguard;

import java.util.Map;
import org.nfpvnfm.dpdk.nf.NetworkFunction;
import org.nfpvnfm.dpdk.nf.PacketBatch;
import org.nfpvnfm.dpdk.packet.PacketFields;
import org.nfpvnfm.tosca.nfp.PacketField;

/** Drops packets whose TTL (or hop limit) is below a minimum: a third-party NF. */
public final class TtlGuard implements NetworkFunction {
  private final long minimum;
  private long dropped;
  private long passed;

  TtlGuard(long minimum) {
    this.minimum = minimum;
  }

  @Override
  public void process(PacketBatch batch) {
    for (int i = 0; i < batch.size(); i++) {
      long ttl = PacketFields.get(batch.packet(i), PacketField.TTL);
      if (ttl != PacketFields.ABSENT && ttl < minimum) {
        batch.drop(i);
        dropped++;
      } else {
        passed++;
      }
    }
  }

  public Map<String, Long> counters() {
    return Map.of("dropped", dropped, "passed", passed);
  }
}
