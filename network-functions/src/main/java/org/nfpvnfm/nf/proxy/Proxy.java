package org.nfpvnfm.nf.proxy;

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

/**
 * Transparent-proxy address rewriting (a Squid/TPROXY-style interception in front of the proxy): a
 * client's packet to a server in a redirected prefix gets the proxy's address as DIP, and the
 * proxy's reply to that client gets the original server's address back as SIP, so the client sees
 * only the server. The original server is remembered per connection in a {@link FlowTable} keyed
 * (client, proxy, protocol, client port, server port), refreshed by traffic both ways and forgotten
 * after an idle timeout.
 *
 * <p>Packets from a proxy address with no flow are the proxy's own connections to servers and pass
 * unchanged (were they matched against the redirects they would loop back to the proxy). Nothing is
 * dropped. Checksums follow the address writes at the node's egress.
 */
public final class Proxy implements NetworkFunction {
  /** Redirects in order: family 4 or 6, prefix value and mask, proxy address. */
  private final int[] family;

  private final long[] prefixHigh;
  private final long[] prefixLow;
  private final long[] maskHigh;
  private final long[] maskLow;
  private final long[] proxyHigh;
  private final long[] proxyLow;
  private final FlowTable flows;
  private final LongSupplier clock;
  private long redirected;
  private long restored;
  private long proxyOwn;
  private long passed;
  private long nonIp;

  Proxy(long[][] redirects, FlowTable flows, LongSupplier clock) {
    int n = redirects.length;
    family = new int[n];
    prefixHigh = new long[n];
    prefixLow = new long[n];
    maskHigh = new long[n];
    maskLow = new long[n];
    proxyHigh = new long[n];
    proxyLow = new long[n];
    for (int r = 0; r < n; r++) {
      long[] d = redirects[r];
      family[r] = (int) d[0];
      prefixHigh[r] = d[1];
      prefixLow[r] = d[2];
      maskHigh[r] = d[3];
      maskLow[r] = d[4];
      proxyHigh[r] = d[5];
      proxyLow[r] = d[6];
    }
    this.flows = flows;
    this.clock = clock;
  }

  @Override
  public void process(PacketBatch batch) {
    long now = clock.getAsLong();
    for (int i = 0, n = batch.size(); i < n; i++) {
      ParsedPacket p = batch.packet(i);
      int version = p.ipVersion();
      if (version != 4 && version != 6) {
        nonIp++;
        continue;
      }
      boolean v4 = version == 4;
      long sh = v4 ? 0 : PacketFields.ipv6High(p, SIP);
      long sl = v4 ? PacketFields.get(p, SIP) : PacketFields.ipv6Low(p, SIP);
      long dh = v4 ? 0 : PacketFields.ipv6High(p, DIP);
      long dl = v4 ? PacketFields.get(p, DIP) : PacketFields.ipv6Low(p, DIP);
      int protocol = (int) Math.max(0, PacketFields.get(p, PROTOCOL));
      // A fragment without ports keys as port 0: its flow is not the connection's (documented).
      int sport = (int) Math.max(0, PacketFields.get(p, SPORT));
      int dport = (int) Math.max(0, PacketFields.get(p, DPORT));

      if (isProxy(version, sh, sl)) {
        // Reply from the proxy: client is DIP, the client's port is DPORT.
        int slot = flows.find(dh, dl, sh, sl, protocol, (dport << 16) | sport, now);
        if (slot < 0) {
          proxyOwn++;
          continue;
        }
        if (v4) {
          PacketFields.set(p, SIP, flows.valueLow(slot));
        } else {
          PacketFields.setIpv6(p, SIP, flows.valueHigh(slot), flows.valueLow(slot));
        }
        restored++;
        continue;
      }
      int r = redirect(version, dh, dl);
      if (r < 0) {
        passed++;
        continue;
      }
      flows.put(sh, sl, proxyHigh[r], proxyLow[r], protocol, (sport << 16) | dport, dh, dl, now);
      if (v4) {
        PacketFields.set(p, DIP, proxyLow[r]);
      } else {
        PacketFields.setIpv6(p, DIP, proxyHigh[r], proxyLow[r]);
      }
      redirected++;
    }
  }

  private boolean isProxy(int version, long high, long low) {
    for (int r = 0; r < family.length; r++) {
      if (family[r] == version && proxyLow[r] == low && proxyHigh[r] == high) {
        return true;
      }
    }
    return false;
  }

  private int redirect(int version, long high, long low) {
    for (int r = 0; r < family.length; r++) {
      if (family[r] == version
          && (low & maskLow[r]) == prefixLow[r]
          && (high & maskHigh[r]) == prefixHigh[r]) {
        return r;
      }
    }
    return -1;
  }

  /** Packets by outcome and the flow table's state. */
  public Map<String, Long> counters() {
    Map<String, Long> c = new LinkedHashMap<>();
    c.put("redirected", redirected);
    c.put("restored", restored);
    c.put("proxy_own", proxyOwn);
    c.put("passed", passed);
    c.put("non_ip", nonIp);
    c.put("flows_live", flows.live(clock.getAsLong()));
    c.put("flows_created", flows.inserted());
    c.put("flows_expired", flows.expired());
    c.put("flows_evicted", flows.evicted());
    return c;
  }
}
