package org.nfpvnfm.nf.load_balancer;

import static org.nfpvnfm.tosca.nfp.PacketField.DIP;
import static org.nfpvnfm.tosca.nfp.PacketField.DPORT;
import static org.nfpvnfm.tosca.nfp.PacketField.PROTOCOL;
import static org.nfpvnfm.tosca.nfp.PacketField.SIP;
import static org.nfpvnfm.tosca.nfp.PacketField.SPORT;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.LongSupplier;
import org.nfpvnfm.dpdk.nf.NetworkFunction;
import org.nfpvnfm.dpdk.nf.PacketBatch;
import org.nfpvnfm.dpdk.packet.PacketFields;
import org.nfpvnfm.dpdk.packet.ParsedPacket;
import org.nfpvnfm.nf.proxy.FlowTable;

/**
 * A Layer-4 load balancer for one virtual address (VIP): a packet to the VIP gets a backend's
 * address as DIP, chosen by Maglev consistent hashing of (client address, protocol, ports) and then
 * remembered per connection, so a change of backends moves no existing connection; the backend's
 * reply gets the VIP back as SIP (full NAT mode, so the client only sees the VIP). Ports are never
 * changed: the backends serve the VIP's ports, so the profile declares no port write.
 *
 * <p>{@link #updateBackends} swaps the backend pool from another thread: the worker reads the pool
 * once per burst through a volatile field, so a burst sees one pool. A connection stays on its
 * backend until it is idle, even when that backend left the pool (connections drain).
 */
public final class LoadBalancer implements NetworkFunction {
  /**
   * The backends, their Maglev table and the connections each got since the pool was installed;
   * replaced whole.
   */
  record Pool(long[] high, long[] low, Maglev maglev, String[] names, long[] assigned) {}

  private final int version;
  private final long vipHigh;
  private final long vipLow;
  private final int tableSize;
  private final FlowTable connections;
  private final LongSupplier clock;
  private volatile Pool pool;
  private long balanced;
  private long newConnections;
  private long replies;
  private long passed;
  private long nonIp;

  LoadBalancer(
      int version,
      long vipHigh,
      long vipLow,
      Pool pool,
      int tableSize,
      FlowTable connections,
      LongSupplier clock) {
    this.version = version;
    this.vipHigh = vipHigh;
    this.vipLow = vipLow;
    this.pool = pool;
    this.tableSize = tableSize;
    this.connections = connections;
    this.clock = clock;
  }

  @Override
  public void process(PacketBatch batch) {
    Pool current = pool;
    long now = clock.getAsLong();
    for (int i = 0, n = batch.size(); i < n; i++) {
      ParsedPacket p = batch.packet(i);
      if (p.ipVersion() != version) {
        if (p.ipVersion() == 0) {
          nonIp++;
        } else {
          passed++;
        }
        continue;
      }
      boolean v4 = version == 4;
      long sh = v4 ? 0 : PacketFields.ipv6High(p, SIP);
      long sl = v4 ? PacketFields.get(p, SIP) : PacketFields.ipv6Low(p, SIP);
      long dh = v4 ? 0 : PacketFields.ipv6High(p, DIP);
      long dl = v4 ? PacketFields.get(p, DIP) : PacketFields.ipv6Low(p, DIP);
      int protocol = (int) Math.max(0, PacketFields.get(p, PROTOCOL));
      int sport = (int) Math.max(0, PacketFields.get(p, SPORT));
      int dport = (int) Math.max(0, PacketFields.get(p, DPORT));
      if (dl == vipLow && dh == vipHigh) {
        int ports = (sport << 16) | dport;
        int slot = connections.find(sh, sl, vipHigh, vipLow, protocol, ports, now);
        long bh;
        long bl;
        if (slot >= 0) {
          bh = connections.valueHigh(slot);
          bl = connections.valueLow(slot);
        } else {
          int b = current.maglev().lookup(flowHash(sh, sl, protocol, ports));
          bh = current.high()[b];
          bl = current.low()[b];
          current.assigned()[b]++;
          connections.put(sh, sl, vipHigh, vipLow, protocol, ports, bh, bl, now);
          newConnections++;
        }
        if (v4) {
          PacketFields.set(p, DIP, bl);
        } else {
          PacketFields.setIpv6(p, DIP, bh, bl);
        }
        balanced++;
        continue;
      }
      // A reply: backend -> client, keyed as the client's connection to the VIP.
      int slot = connections.find(dh, dl, vipHigh, vipLow, protocol, (dport << 16) | sport, now);
      if (slot >= 0 && connections.valueLow(slot) == sl && connections.valueHigh(slot) == sh) {
        if (v4) {
          PacketFields.set(p, SIP, vipLow);
        } else {
          PacketFields.setIpv6(p, SIP, vipHigh, vipLow);
        }
        replies++;
      } else {
        passed++;
      }
    }
  }

  /**
   * Replaces the backends (any thread). Connections keep their backend; new ones use the new pool.
   */
  public void updateBackends(java.util.List<Maglev.Backend> backends) {
    pool = LoadBalancerProvider.pool(backends, tableSize);
  }

  /** The current Maglev table as backend names per slot (tests check its spread). */
  String[] lookupTable() {
    Pool current = pool;
    int[] t = current.maglev().table();
    String[] out = new String[t.length];
    for (int s = 0; s < t.length; s++) {
      out[s] = current.names()[t[s]];
    }
    return out;
  }

  private static long flowHash(long high, long low, int protocol, int ports) {
    long x = low * 0x9E3779B97F4A7C15L ^ Long.rotateLeft(high * 0xC2B2AE3D27D4EB4FL, 29);
    x ^= ((long) protocol << 32 | (ports & 0xffff_ffffL)) * 0x165667B19E3779F9L;
    x ^= x >>> 33;
    x *= 0xFF51AFD7ED558CCDL;
    x ^= x >>> 33;
    return x;
  }

  public Map<String, Long> counters() {
    Map<String, Long> c = new LinkedHashMap<>();
    c.put("balanced", balanced);
    c.put("new_connections", newConnections);
    c.put("replies", replies);
    c.put("passed", passed);
    c.put("non_ip", nonIp);
    c.put("connections_live", connections.live(clock.getAsLong()));
    c.put("connections_expired", connections.expired());
    c.put("connections_evicted", connections.evicted());
    Pool current = pool;
    for (int b = 0; b < current.names().length; b++) {
      c.put("backend." + current.names()[b], current.assigned()[b]);
    }
    return c;
  }
}
