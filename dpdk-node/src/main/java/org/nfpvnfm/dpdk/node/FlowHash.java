package org.nfpvnfm.dpdk.node;

import org.nfpvnfm.dpdk.packet.PacketFields;
import org.nfpvnfm.dpdk.packet.ParsedPacket;
import org.nfpvnfm.tosca.nfp.PacketField;

/** A packet's flow as one number: its addresses, protocol and ports, mixed. */
final class FlowHash {
  private FlowHash() {}

  static long of(ParsedPacket p) {
    long h = 0x9e3779b97f4a7c15L;
    if (p.ipVersion() == 6) {
      h = mix(h ^ PacketFields.ipv6High(p, PacketField.SIP));
      h = mix(h ^ PacketFields.ipv6Low(p, PacketField.SIP));
      h = mix(h ^ PacketFields.ipv6High(p, PacketField.DIP));
      h = mix(h ^ PacketFields.ipv6Low(p, PacketField.DIP));
    } else if (p.ipVersion() == 4) {
      h = mix(h ^ PacketFields.get(p, PacketField.SIP));
      h = mix(h ^ PacketFields.get(p, PacketField.DIP));
    } else {
      h = mix(h ^ p.etherType());
    }
    h = mix(h ^ p.protocol());
    if (p.hasPorts()) {
      h =
          mix(
              h
                  ^ (PacketFields.get(p, PacketField.SPORT) << 16
                      | PacketFields.get(p, PacketField.DPORT)));
    }
    return h;
  }

  private static long mix(long x) {
    x ^= x >>> 33;
    x *= 0xff51afd7ed558ccdL;
    x ^= x >>> 33;
    x *= 0xc4ceb9fe1a85ec53L;
    return x ^ (x >>> 33);
  }
}
