package org.nfpvnfm.nf.proxy;

import static org.nfpvnfm.tosca.nfp.Access.READ;
import static org.nfpvnfm.tosca.nfp.PacketField.DPORT;
import static org.nfpvnfm.tosca.nfp.PacketField.PROTOCOL;
import static org.nfpvnfm.tosca.nfp.PacketField.SPORT;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.LongSupplier;
import org.nfpvnfm.dpdk.nf.NetworkFunction;
import org.nfpvnfm.nf.NfConfig;
import org.nfpvnfm.nf.NfProvider;
import org.nfpvnfm.nf.l3_forwarder.IpPrefix;
import org.nfpvnfm.tosca.nfp.ActionProfile;
import org.nfpvnfm.tosca.nfp.BuiltInProfiles;

/**
 * The {@code proxy} type. Configuration:
 *
 * <pre>
 * redirects:                     # ordered, first match wins: destination prefix to proxy address
 *   - 198.51.100.0/24 to 10.0.0.100
 *   - 2001:db8:80::/48 to 2001:db8::100
 * flow_table_size: 65536         # optional, connections remembered (rounded up to a power of 2)
 * idle_timeout_ms: 60000         # optional, a connection idle this long is forgotten
 * </pre>
 *
 * <p>Profile: the built-in {@code proxy} (SIP RW, DIP RW) plus reads of PROTOCOL, SPORT and DPORT.
 * The reads are needed to restore the right server on the way back: keyed on addresses alone, a
 * client with connections to two servers behind one proxy would get replies from the wrong one.
 * Declared reads only cost parallelism; no write is added.
 */
public final class ProxyProvider implements NfProvider {
  static final ActionProfile PROFILE =
      BuiltInProfiles.PROXY.with(
          "proxy", Map.of(PROTOCOL, READ, SPORT, READ, DPORT, READ), false, false);

  @Override
  public String type() {
    return "proxy";
  }

  @Override
  public ActionProfile profile() {
    return PROFILE;
  }

  @Override
  public NetworkFunction create(NfConfig config) {
    return create(config, System::nanoTime);
  }

  /** With a clock in nanoseconds (tests drive the idle timeout with it). */
  static Proxy create(NfConfig config, LongSupplier clock) {
    List<String> lines = config.strings("redirects");
    long size = config.integer("flow_table_size", 65536, 16, 1 << 24);
    long idleMs = config.integer("idle_timeout_ms", 60_000, 1, 86_400_000);
    if (lines.isEmpty()) {
      config.problem("redirects: none given (expected: <prefix> to <proxy address>)");
    }
    List<long[]> redirects = new ArrayList<>();
    for (String line : lines) {
      String[] t = line.strip().split("\\s+");
      if (t.length != 3 || !t[1].equals("to")) {
        config.problem("redirects: " + line + " (expected: <prefix> to <proxy address>)");
        continue;
      }
      IpPrefix prefix;
      IpPrefix proxy;
      try {
        prefix = IpPrefix.parse(t[0]);
        proxy = IpPrefix.parse(t[2]);
      } catch (IllegalArgumentException e) {
        config.problem("redirects: " + line + ": " + e.getMessage());
        continue;
      }
      if (proxy.length() != (proxy.version() == 4 ? 32 : 128)) {
        config.problem("redirects: " + line + ": the proxy is an address, not a prefix");
        continue;
      }
      if (proxy.version() != prefix.version()) {
        config.problem("redirects: " + line + ": prefix and proxy are of different IP versions");
        continue;
      }
      redirects.add(
          new long[] {
            prefix.version(),
            prefix.high(),
            prefix.low(),
            prefix.highMask(),
            prefix.lowMask(),
            proxy.high(),
            proxy.low()
          });
    }
    config.check();
    return new Proxy(
        redirects.toArray(long[][]::new), new FlowTable((int) size, idleMs * 1_000_000L), clock);
  }
}
