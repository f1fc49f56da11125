package org.nfpvnfm.nf.l3_forwarder;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.jspecify.annotations.Nullable;
import org.nfpvnfm.dpdk.nf.NetworkFunction;
import org.nfpvnfm.nf.NfConfig;
import org.nfpvnfm.nf.NfProvider;
import org.nfpvnfm.tosca.nfp.ActionProfile;
import org.nfpvnfm.tosca.nfp.BuiltInProfiles;

/**
 * The {@code l3_forwarder} type. Configuration:
 *
 * <pre>
 * routes:                       # and/or an artifact "routes", one route per line, # comments
 *   - 10.0.0.0/8 via 1
 *   - 2001:db8::/32 via 2
 * next_hops:
 *   1: {smac: "02:00:00:00:00:01", dmac: "02:00:00:00:01:01"}
 *   2: {smac: "02:00:00:00:00:02", dmac: "02:00:00:00:01:02"}
 * </pre>
 *
 * <p>The profile is the built-in one exactly: DIP read, TTL read and written, both MACs written,
 * may drop. The IPv4 header checksum follows the TTL write and is the egress's to recompute.
 */
public final class L3ForwarderProvider implements NfProvider {

  @Override
  public String type() {
    return "l3_forwarder";
  }

  @Override
  public ActionProfile profile() {
    return BuiltInProfiles.L3_FORWARDER;
  }

  @Override
  public NetworkFunction create(NfConfig config) {
    Map<Integer, long[]> hops = nextHops(config);
    List<String> lines = new ArrayList<>(config.strings("routes"));
    String artifact = config.artifact("routes");
    if (artifact != null) {
      for (String line : artifact.split("\n", -1)) {
        int hash = line.indexOf('#');
        String l = (hash >= 0 ? line.substring(0, hash) : line).strip();
        if (!l.isEmpty()) {
          lines.add(l);
        }
      }
    }
    if (lines.isEmpty()) {
      config.problem("routes: none given (expected: a routes list or a routes artifact)");
    }
    Map<Integer, Integer> dense = new LinkedHashMap<>();
    for (Integer id : hops.keySet()) {
      dense.put(id, dense.size());
    }
    List<Dir24x8.Route> routes4 = new ArrayList<>();
    List<Ipv6Lpm.Route> routes6 = new ArrayList<>();
    Set<IpPrefix> seen = new HashSet<>();
    for (String line : lines) {
      String[] parts = line.strip().split("\\s+");
      if (parts.length != 3 || !parts[1].equals("via")) {
        config.problem("routes: " + line + " (expected: <prefix> via <next-hop id>)");
        continue;
      }
      IpPrefix prefix;
      try {
        prefix = IpPrefix.parse(parts[0]);
      } catch (IllegalArgumentException e) {
        config.problem("routes: " + e.getMessage());
        continue;
      }
      Integer id = parseId(parts[2]);
      Integer hop = id == null ? null : dense.get(id);
      if (hop == null) {
        config.problem(
            "routes: " + line + ": next hop " + parts[2] + " is not in next_hops " + hops.keySet());
        continue;
      }
      if (!seen.add(prefix)) {
        config.problem("routes: " + prefix + " is given twice");
        continue;
      }
      if (prefix.version() == 4) {
        routes4.add(new Dir24x8.Route(prefix.low(), prefix.length(), hop));
      } else {
        routes6.add(new Ipv6Lpm.Route(prefix.high(), prefix.low(), prefix.length(), hop));
      }
    }
    if (hops.size() > Dir24x8.MAX_NEXT_HOPS) {
      config.problem(
          "next_hops: " + hops.size() + " (expected: at most " + Dir24x8.MAX_NEXT_HOPS + ")");
    }
    config.check();
    Dir24x8 v4;
    try {
      v4 = Dir24x8.build(routes4);
    } catch (IllegalArgumentException e) {
      config.problem(String.valueOf(e.getMessage()));
      config.check();
      throw e;
    }
    int[] ids = new int[hops.size()];
    long[] smac = new long[hops.size()];
    long[] dmac = new long[hops.size()];
    int h = 0;
    for (Map.Entry<Integer, long[]> e : hops.entrySet()) {
      ids[h] = e.getKey();
      smac[h] = e.getValue()[0];
      dmac[h] = e.getValue()[1];
      h++;
    }
    return new L3Forwarder(v4, new Ipv6Lpm(routes6), ids, smac, dmac);
  }

  /** next_hops: id -> {smac, dmac}, as id -> {smac, dmac} in the map's order. */
  private static Map<Integer, long[]> nextHops(NfConfig config) {
    Map<Integer, long[]> out = new LinkedHashMap<>();
    Object raw = config.raw("next_hops");
    if (raw == null) {
      config.problem("next_hops: missing (expected: a map of id -> {smac, dmac})");
      return out;
    }
    if (!(raw instanceof Map<?, ?> map)) {
      config.problem("next_hops: " + raw + " (expected: a map of id -> {smac, dmac})");
      return out;
    }
    for (Map.Entry<?, ?> e : map.entrySet()) {
      Integer id = parseId(String.valueOf(e.getKey()));
      if (id == null) {
        config.problem("next_hops: id " + e.getKey() + " (expected: an integer from 0)");
        continue;
      }
      if (!(e.getValue() instanceof Map<?, ?> hop)) {
        config.problem("next_hops." + id + ": " + e.getValue() + " (expected: {smac, dmac})");
        continue;
      }
      for (Object k : hop.keySet()) {
        if (!"smac".equals(k) && !"dmac".equals(k)) {
          config.problem("next_hops." + id + ": unknown key " + k + " (expected: smac, dmac)");
        }
      }
      long smac = mac(config, "next_hops." + id + ".smac", hop.get("smac"));
      long dmac = mac(config, "next_hops." + id + ".dmac", hop.get("dmac"));
      if (out.put(id, new long[] {smac, dmac}) != null) {
        config.problem("next_hops: id " + id + " is given twice");
      }
    }
    return out;
  }

  private static @Nullable Integer parseId(String s) {
    if (s.isEmpty() || s.length() > 9 || !s.chars().allMatch(Character::isDigit)) {
      return null;
    }
    return Integer.parseInt(s);
  }

  /** A MAC address ({@code 02:00:00:00:00:01} or with dashes) as 48 bits; 0 after a problem. */
  static long mac(NfConfig config, String key, @Nullable Object value) {
    if (value == null) {
      config.problem(key + ": missing (expected: a MAC address such as 02:00:00:00:00:01)");
      return 0;
    }
    String s = String.valueOf(value).strip();
    String[] parts = s.split("[:-]", -1);
    boolean ok = parts.length == 6;
    long v = 0;
    for (int i = 0; ok && i < 6; i++) {
      String part = parts[i];
      ok = part.length() == 2 && Character.digit(part.charAt(0), 16) >= 0;
      ok = ok && Character.digit(part.charAt(1), 16) >= 0;
      if (ok) {
        v = (v << 8) | Integer.parseInt(part, 16);
      }
    }
    if (!ok) {
      config.problem(key + ": " + s + " (expected: a MAC address such as 02:00:00:00:00:01)");
      return 0;
    }
    return v;
  }
}
