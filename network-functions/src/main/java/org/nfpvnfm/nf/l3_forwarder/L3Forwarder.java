package org.nfpvnfm.nf.l3_forwarder;

import static org.nfpvnfm.tosca.nfp.PacketField.DIP;
import static org.nfpvnfm.tosca.nfp.PacketField.DMAC;
import static org.nfpvnfm.tosca.nfp.PacketField.SMAC;
import static org.nfpvnfm.tosca.nfp.PacketField.TTL;

import java.util.LinkedHashMap;
import java.util.Map;
import org.nfpvnfm.dpdk.nf.NetworkFunction;
import org.nfpvnfm.dpdk.nf.PacketBatch;
import org.nfpvnfm.dpdk.packet.PacketFields;
import org.nfpvnfm.dpdk.packet.ParsedPacket;

/**
 * An IPv4/IPv6 router's forwarding step: longest-prefix match on the destination (DIR-24-8 for
 * IPv4, per-length hashing for IPv6), TTL or hop limit decremented, both MACs rewritten from the
 * next hop. Drops (and counts) packets whose TTL would expire, that no route covers, and that are
 * not IP. It sends no ICMP errors: an NF cannot originate packets.
 *
 * <p>The IPv4 header checksum is left stale on purpose: the node's egress recomputes it for every
 * profile that writes an L3 field (TTL here), so updating it here would be work done twice.
 */
public final class L3Forwarder implements NetworkFunction {
  private final Dir24x8 v4;
  private final Ipv6Lpm v6;
  private final long[] smac;
  private final long[] dmac;
  private final int[] nextHopIds;
  private final long[] perNextHop;
  private long forwarded4;
  private long forwarded6;
  private long noRoute;
  private long ttlExpired;
  private long nonIp;

  L3Forwarder(Dir24x8 v4, Ipv6Lpm v6, int[] nextHopIds, long[] smac, long[] dmac) {
    this.v4 = v4;
    this.v6 = v6;
    this.nextHopIds = nextHopIds.clone();
    this.smac = smac.clone();
    this.dmac = dmac.clone();
    this.perNextHop = new long[nextHopIds.length];
  }

  @Override
  public void process(PacketBatch batch) {
    for (int i = 0, n = batch.size(); i < n; i++) {
      ParsedPacket p = batch.packet(i);
      int version = p.ipVersion();
      if (version != 4 && version != 6) {
        // ARP, LLDP and the like are the control plane's, never routed.
        nonIp++;
        batch.drop(i);
        continue;
      }
      long ttl = PacketFields.get(p, TTL);
      if (ttl <= 1) {
        // RFC 1812 §5.3.1 / RFC 8200: a router must not forward a packet whose TTL reaches 0.
        ttlExpired++;
        batch.drop(i);
        continue;
      }
      int hop =
          version == 4
              ? v4.lookup(PacketFields.get(p, DIP))
              : v6.lookup(PacketFields.ipv6High(p, DIP), PacketFields.ipv6Low(p, DIP));
      if (hop < 0) {
        noRoute++;
        batch.drop(i);
        continue;
      }
      PacketFields.set(p, TTL, ttl - 1);
      PacketFields.set(p, SMAC, smac[hop]);
      PacketFields.set(p, DMAC, dmac[hop]);
      perNextHop[hop]++;
      if (version == 4) {
        forwarded4++;
      } else {
        forwarded6++;
      }
    }
  }

  /** Packets by outcome, and forwarded packets by next-hop id ({@code next_hop.<id>}). */
  public Map<String, Long> counters() {
    Map<String, Long> c = new LinkedHashMap<>();
    c.put("forwarded", forwarded4 + forwarded6);
    c.put("forwarded_ipv4", forwarded4);
    c.put("forwarded_ipv6", forwarded6);
    c.put("no_route", noRoute);
    c.put("ttl_expired", ttlExpired);
    c.put("non_ip", nonIp);
    for (int h = 0; h < nextHopIds.length; h++) {
      c.put("next_hop." + nextHopIds[h], perNextHop[h]);
    }
    return c;
  }
}
