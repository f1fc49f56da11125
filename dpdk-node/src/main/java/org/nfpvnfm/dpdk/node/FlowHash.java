package org.nfpvnfm.dpdk.node;

import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import org.nfpvnfm.dpdk.packet.ParsedPacket;

/**
 * A packet's flow as one number: its addresses, protocol and ports, mixed. Read as whole words
 * straight from the frame (both IPv4 addresses are one 8-byte load, both ports one 4-byte load):
 * the receive task computes it for every packet, so it costs a few loads and mixes, not a field
 * switch per field. Byte order does not matter for a hash, so the loads are native-order.
 */
final class FlowHash {
  private static final ValueLayout.OfLong U64 = ValueLayout.JAVA_LONG_UNALIGNED;
  private static final ValueLayout.OfInt U32 = ValueLayout.JAVA_INT_UNALIGNED;

  private FlowHash() {}

  static long of(ParsedPacket p) {
    MemorySegment s = p.segment();
    long base = p.base();
    long h = 0x9e3779b97f4a7c15L;
    int l3 = p.l3Offset();
    if (p.ipVersion() == 4) {
      h = mix(h ^ s.get(U64, base + l3 + 12));
    } else if (p.ipVersion() == 6) {
      h = mix(h ^ s.get(U64, base + l3 + 8));
      h = mix(h ^ s.get(U64, base + l3 + 16));
      h = mix(h ^ s.get(U64, base + l3 + 24));
      h = mix(h ^ s.get(U64, base + l3 + 32));
    } else {
      h = mix(h ^ p.etherType());
    }
    h ^= p.protocol();
    if (p.hasPorts()) {
      h ^= (long) s.get(U32, base + p.l4Offset()) << 16;
    }
    return mix(h);
  }

  private static long mix(long x) {
    x ^= x >>> 33;
    x *= 0xff51afd7ed558ccdL;
    x ^= x >>> 33;
    x *= 0xc4ceb9fe1a85ec53L;
    return x ^ (x >>> 33);
  }
}
