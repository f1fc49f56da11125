package org.nfpvnfm.dpdk.bench;

import org.nfpvnfm.dpdk.nf.NetworkFunction;
import org.nfpvnfm.dpdk.nf.PacketBatch;
import org.nfpvnfm.dpdk.packet.PacketFields;
import org.nfpvnfm.dpdk.packet.ParsedPacket;
import org.nfpvnfm.tosca.nfp.PacketField;

/**
 * The benchmark's NF, bit for bit the work of the C reference (docs/c-reference.md): reads the
 * 5-tuple, mixes it through {@code rounds} rounds of murmur3's fmix64, counts the result in a table
 * of 1024 counters, and (a writer) sets DSCP from it. {@code rounds} sets how heavy the NF is, so
 * that the benchmark can show where parallel branches start to pay.
 */
public final class SyntheticNf implements NetworkFunction {
  private final int rounds;
  private final boolean writesDscp;
  private final long[] counters = new long[1024];

  public SyntheticNf(int rounds, boolean writesDscp) {
    this.rounds = rounds;
    this.writesDscp = writesDscp;
  }

  @Override
  public void process(PacketBatch batch) {
    for (int i = 0; i < batch.size(); i++) {
      ParsedPacket p = batch.packet(i);
      long h = fmix64(0x9E3779B97F4A7C15L ^ PacketFields.get(p, PacketField.SIP));
      h = fmix64(h ^ PacketFields.get(p, PacketField.DIP));
      h =
          fmix64(
              h
                  ^ (PacketFields.get(p, PacketField.SPORT) << 16
                      | PacketFields.get(p, PacketField.DPORT)));
      h = fmix64(h ^ PacketFields.get(p, PacketField.PROTOCOL));
      for (int r = 0; r < rounds; r++) {
        h = fmix64(h + r);
      }
      counters[(int) (h & 1023)]++;
      if (writesDscp) {
        PacketFields.set(p, PacketField.DSCP, h & 0x3f);
      }
    }
  }

  /** The sum of the counters: the same for the same packets here and in the C reference. */
  public long checksum() {
    long sum = 0;
    for (long c : counters) {
      sum += c;
    }
    return sum;
  }

  static long fmix64(long x) {
    x ^= x >>> 33;
    x *= 0xff51afd7ed558ccdL;
    x ^= x >>> 33;
    x *= 0xc4ceb9fe1a85ec53L;
    x ^= x >>> 33;
    return x;
  }
}
