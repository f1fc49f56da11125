package org.nfpvnfm.nf.load_balancer;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.function.LongSupplier;
import org.nfpvnfm.dpdk.nf.NetworkFunction;
import org.nfpvnfm.nf.NfConfig;
import org.nfpvnfm.nf.NfProvider;
import org.nfpvnfm.nf.l3_forwarder.IpPrefix;
import org.nfpvnfm.nf.proxy.FlowTable;
import org.nfpvnfm.tosca.nfp.ActionProfile;
import org.nfpvnfm.tosca.nfp.BuiltInProfiles;

/**
 * The {@code load_balancer} type. Configuration:
 *
 * <pre>
 * vip: 203.0.113.10              # the virtual address (IPv4 or IPv6)
 * backends:                      # same IP version as the VIP; weight 1 when not given
 *   - 10.0.0.1 weight 2
 *   - 10.0.0.2
 * table_size: 65537              # optional, prime: the Maglev table's slots
 * flow_table_size: 65536         # optional, connections remembered
 * idle_timeout_ms: 60000         # optional
 * </pre>
 *
 * <p>The profile is the built-in one exactly: SIP RW (replies get the VIP), DIP RW (requests get a
 * backend), PROTOCOL, SPORT, DPORT read for the connection key; ports are kept, so no port write.
 */
public final class LoadBalancerProvider implements NfProvider {

  @Override
  public String type() {
    return "load_balancer";
  }

  @Override
  public ActionProfile profile() {
    return BuiltInProfiles.LOAD_BALANCER;
  }

  @Override
  public NetworkFunction create(NfConfig config) {
    return create(config, System::nanoTime);
  }

  static LoadBalancer create(NfConfig config, LongSupplier clock) {
    String vipText = config.string("vip", "");
    long tableSize = config.integer("table_size", 65537, 3, 1_000_003);
    long flows = config.integer("flow_table_size", 65536, 16, 1 << 24);
    long idleMs = config.integer("idle_timeout_ms", 60_000, 1, 86_400_000);
    if (!Maglev.isPrime(tableSize)) {
      config.problem("table_size: " + tableSize + " (expected: a prime, such as 65537)");
    }
    IpPrefix vip = null;
    if (vipText.isEmpty()) {
      config.problem("vip: missing (expected: an IPv4 or IPv6 address)");
    } else {
      vip = address(config, "vip", vipText);
    }
    List<String> lines = config.strings("backends");
    if (lines.isEmpty()) {
      config.problem("backends: none given (expected: <address> [weight <n>])");
    }
    List<Maglev.Backend> backends = new ArrayList<>();
    Set<String> seen = new HashSet<>();
    long totalWeight = 0;
    for (String line : lines) {
      String[] t = line.strip().split("\\s+");
      int weight = 1;
      if (t.length == 3 && t[1].equals("weight") && t[2].matches("[0-9]{1,4}")) {
        weight = Integer.parseInt(t[2]);
      } else if (t.length != 1) {
        config.problem("backends: " + line + " (expected: <address> [weight <1 to 1000>])");
        continue;
      }
      if (weight < 1 || weight > 1000) {
        config.problem("backends: " + line + ": weight " + weight + " (expected: 1 to 1000)");
        continue;
      }
      IpPrefix a = address(config, "backends", t[0]);
      if (a == null) {
        continue;
      }
      if (vip != null && a.version() != vip.version()) {
        config.problem("backends: " + line + ": not of the VIP's IP version");
        continue;
      }
      if (!seen.add(a.toString())) {
        config.problem("backends: " + t[0] + " is given twice");
        continue;
      }
      totalWeight += weight;
      backends.add(new Maglev.Backend(a.toString(), weight));
    }
    if (totalWeight > tableSize) {
      config.problem(
          "backends: total weight "
              + totalWeight
              + " (expected: at most table_size "
              + tableSize
              + ")");
    }
    config.check();
    if (vip == null) {
      throw new IllegalStateException("unreachable: check() reports a missing vip");
    }
    return new LoadBalancer(
        vip.version(),
        vip.high(),
        vip.low(),
        pool(backends, (int) tableSize),
        (int) tableSize,
        new FlowTable((int) flows, idleMs * 1_000_000L),
        clock);
  }

  /** Builds a pool; names are canonical addresses with their length ({@code 10.0.0.1/32}). */
  static LoadBalancer.Pool pool(List<Maglev.Backend> backends, int tableSize) {
    int n = backends.size();
    if (n == 0) {
      throw new IllegalArgumentException("backends: none (expected: at least one)");
    }
    long[] high = new long[n];
    long[] low = new long[n];
    String[] names = new String[n];
    List<Maglev.Backend> canonical = new ArrayList<>();
    for (int b = 0; b < n; b++) {
      IpPrefix a = IpPrefix.parse(backends.get(b).name());
      high[b] = a.high();
      low[b] = a.low();
      names[b] = a.toString();
      // The permutation hashes the canonical name, so "10.0.0.1" and "10.0.0.1/32" agree.
      canonical.add(new Maglev.Backend(names[b], backends.get(b).weight()));
    }
    return new LoadBalancer.Pool(high, low, new Maglev(canonical, tableSize), names, new long[n]);
  }

  private static @org.jspecify.annotations.Nullable IpPrefix address(
      NfConfig config, String key, String text) {
    try {
      IpPrefix a = IpPrefix.parse(text);
      if (a.length() != (a.version() == 4 ? 32 : 128)) {
        config.problem(key + ": " + text + " (expected: an address, not a prefix)");
        return null;
      }
      return a;
    } catch (IllegalArgumentException e) {
      config.problem(key + ": " + e.getMessage());
      return null;
    }
  }
}
