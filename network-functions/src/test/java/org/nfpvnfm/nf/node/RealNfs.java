package org.nfpvnfm.nf.node;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.nfpvnfm.dpdk.nf.NetworkFunction;
import org.nfpvnfm.dpdk.nf.NfFactory;
import org.nfpvnfm.engine.GraphNf;
import org.nfpvnfm.nf.NfConfig;
import org.nfpvnfm.nf.NfProvider;
import org.nfpvnfm.nf.NfRegistry;
import org.nfpvnfm.nf.caching.CachingNf;
import org.nfpvnfm.nf.compression.CompressionNf;
import org.nfpvnfm.nf.firewall.Firewall;
import org.nfpvnfm.nf.gateway.Gateway;
import org.nfpvnfm.nf.l3_forwarder.L3Forwarder;
import org.nfpvnfm.nf.load_balancer.LoadBalancer;
import org.nfpvnfm.nf.monitor.MonitorNf;
import org.nfpvnfm.nf.nat.Nat;
import org.nfpvnfm.nf.nids.NidsNf;
import org.nfpvnfm.nf.proxy.Proxy;
import org.nfpvnfm.nf.trafficshaper.TrafficShaper;
import org.nfpvnfm.nf.vpn.VpnNf;
import org.nfpvnfm.tosca.nfp.ActionProfile;
import org.nfpvnfm.tosca.nfp.PacketField;

/**
 * The twelve built-in NFs for node tests: a configuration of each that {@link Trace}'s addresses
 * exercise, the mapping from a compiled NF's action profile to its NF type, and a factory that
 * makes a fresh, recorded instance for every NF of every deployment.
 *
 * <p>Every configuration is deterministic for a given packet order: NAT hands out ports from its
 * fixed default seed, and no timeout (NAT, load balancer, proxy, monitor export) is short enough to
 * fire during a replay. The shaper's "bulk" class has a bucket of one full frame refilled at 8
 * bit/s (a byte a second), so which of its packets exceed does not depend on the replay's timing;
 * its "web" class is never exhausted.
 */
final class RealNfs {
  static final NfRegistry REGISTRY = NfRegistry.load();

  /** Policy-name abbreviations the samples use for refined profiles ({@code mon_profile}). */
  private static final Map<String, String> ALIASES =
      Map.of(
          "mon", "monitor",
          "fw", "firewall",
          "lb", "load_balancer",
          "gw", "gateway",
          "cache", "caching",
          "shaper", "traffic_shaper",
          "comp", "compression",
          "router", "l3_forwarder");

  static final String VPN_KEY = "000102030405060708090a0b0c0d0e0f";
  static final String VPN_SALT = "a1b2c3d4";
  static final int VPN_SPI = 4097;

  /** A configuration per NF type, for {@link Trace}'s traffic. */
  static Map<String, Map<String, Object>> configs(String collector) {
    Map<String, Map<String, Object>> c = new LinkedHashMap<>();
    c.put(
        "firewall",
        Map.of(
            "rules",
            List.of(
                "-A FORWARD -p tcp -s 10.66.0.0/16 -j DROP",
                "-A FORWARD -p tcp -d 203.0.113.0/24 --dport 80 -j ACCEPT",
                "-A FORWARD -p tcp -d 203.0.113.0/24 --dport 443 -j ACCEPT",
                "-A FORWARD -p udp -s 10.0.0.0/28 -j ACCEPT",
                "-A FORWARD -p tcp -d 198.18.0.0/24 --dport 80 -j ACCEPT",
                "-A FORWARD -p tcp -s 10.0.0.100 --sport 80 -j ACCEPT",
                "-A FORWARD -d 198.51.100.1 -j ACCEPT",
                "ip6tables -A FORWARD -s 2001:db8::/32 -j ACCEPT",
                "-P FORWARD DROP")));
    c.put(
        "nids",
        Map.of(
            "rules",
            List.of(
                "alert tcp any any -> any 80 (msg:\"admin\"; content:\"GET /admin\"; sid:1;)",
                "alert tcp any any -> any any (msg:\"ua\"; content:\"nfp-test\"; nocase; sid:2;)",
                "alert ip any any -> 203.0.113.0/24 any (msg:\"ttl\"; ttl:<2; sid:3;)",
                "alert ip any any -> any any (msg:\"ef\"; dscp:46; sid:4;)")));
    c.put(
        "gateway",
        Map.of(
            "policies",
            List.of(
                "from 10.0.0.0/8 to 203.0.113.0/24 class web",
                "from 10.0.0.0/8 to any class inside",
                "from 2001:db8::/32 to 2001:db8::/32 class lab"),
            "default_class",
            "outside"));
    c.put(
        "load_balancer",
        Map.of(
            "vip",
            "203.0.113.10",
            "backends",
            List.of("10.0.0.1 weight 2", "10.0.0.2", "10.0.0.3")));
    c.put("caching", Map.of("cache_capacity", 8));
    c.put("vpn", vpn("decap", "192.0.2.1", "192.0.2.2"));
    c.put(
        "nat",
        Map.of(
            "public_address",
            "198.51.100.1",
            "internal",
            List.of("10.0.0.0/8"),
            "port_min",
            40000,
            "port_max",
            40255));
    c.put("proxy", Map.of("redirects", List.of("198.18.0.0/24 to 10.0.0.100")));
    c.put("compression", Map.of("mode", "compress", "level", 6));
    c.put(
        "traffic_shaper",
        Map.of(
            "mode",
            "mark",
            "mark_dscp",
            8,
            "classes",
            List.of(
                "bulk -p udp --dport 5001 --rate 8bit --burst 1514b",
                "web -p tcp --dport 80 --rate 1tbit --mark 10")));
    c.put("monitor", Map.of("collector", collector, "export_interval_ms", 50));
    c.put(
        "l3_forwarder",
        Map.of(
            "routes",
            List.of(
                "0.0.0.0/0 via 3",
                "10.0.0.0/8 via 1",
                "203.0.113.0/24 via 2",
                "2001:db8::/32 via 1"),
            "next_hops",
            Map.of(
                1, Map.of("smac", "02:00:00:00:00:01", "dmac", "02:00:00:00:01:01"),
                2, Map.of("smac", "02:00:00:00:00:02", "dmac", "02:00:00:00:01:02"),
                3, Map.of("smac", "02:00:00:00:00:03", "dmac", "02:00:00:00:01:03"))));
    return c;
  }

  static Map<String, Object> vpn(String mode, String local, String remote) {
    return Map.of(
        "mode", mode,
        "spi", VPN_SPI,
        "key", VPN_KEY,
        "salt", VPN_SALT,
        "local", local,
        "remote", remote);
  }

  private RealNfs() {}

  /**
   * The NF type of a compiled NF, from its action profile's name: a built-in name, or the name of
   * the policy that refined a built-in ({@code nids_profile}, {@code mon_profile}, {@code
   * traffic_shaper_profile_TS}).
   *
   * @throws IllegalArgumentException naming the profile when no type fits
   */
  static String typeOf(GraphNf nf) {
    String name = nf.profile().name();
    List<String> tried = new ArrayList<>();
    for (String candidate : candidates(name)) {
      tried.add(candidate);
      if (REGISTRY.find(candidate).isPresent()) {
        return candidate;
      }
    }
    throw new IllegalArgumentException(
        "NF %s has action profile \"%s\", which names no built-in NF (tried %s; types: %s)"
            .formatted(nf.name(), name, tried, REGISTRY.types()));
  }

  private static List<String> candidates(String profileName) {
    List<String> out = new ArrayList<>();
    out.add(profileName);
    // A refined profile is named after its policy: "nids_profile", "traffic_shaper_profile_TS".
    int at = profileName.indexOf("_profile");
    String base = at > 0 ? profileName.substring(0, at) : profileName;
    out.add(base);
    String alias = ALIASES.get(base);
    if (alias != null) {
      out.add(alias);
    }
    return out;
  }

  /**
   * What the NF type really does that the compiled profile does not declare: field accesses, header
   * changes, drops. Empty when the graph was compiled from a profile that covers the NF.
   */
  static List<String> undeclared(GraphNf nf) {
    ActionProfile real = REGISTRY.find(typeOf(nf)).orElseThrow().profile();
    ActionProfile declared = nf.profile();
    List<String> gaps = new ArrayList<>();
    for (PacketField f : PacketField.values()) {
      if (!declared.access(f).covers(real.access(f))) {
        gaps.add(f.name().toLowerCase(java.util.Locale.ROOT) + ": " + real.access(f).key());
      }
    }
    if (real.addsOrRemovesHeader() && !declared.addsOrRemovesHeader()) {
      gaps.add("add_remove_header");
    }
    if (real.mayDrop() && !declared.mayDrop()) {
      gaps.add("drop");
    }
    return gaps;
  }

  /** One NF instance a factory made: for which compiled NF, of which type. */
  record Made(String nf, String type, NetworkFunction instance) {
    Map<String, Long> counters() {
      return RealNfs.counters(instance);
    }
  }

  /**
   * A factory of fresh instances, configured from {@code byType} unless {@code byName} configures
   * that NF by name; every instance goes into {@code made}.
   */
  static NfFactory factory(
      Map<String, Map<String, Object>> byType,
      Map<String, Map<String, Object>> byName,
      List<Made> made) {
    return (graph, nf) -> {
      String type = typeOf(nf);
      NfProvider provider = REGISTRY.find(type).orElseThrow();
      Map<String, Object> config = byName.getOrDefault(nf.name(), byType.get(type));
      if (config == null) {
        throw new IllegalArgumentException("no configuration for " + nf.name() + " (" + type + ")");
      }
      NetworkFunction instance = provider.create(NfConfig.of(nf.name(), config));
      made.add(new Made(nf.name(), type, instance));
      return instance;
    };
  }

  static Map<String, Long> counters(NetworkFunction nf) {
    return switch (nf) {
      case CachingNf n -> n.counters();
      case CompressionNf n -> n.counters();
      case Firewall n -> n.counters();
      case Gateway n -> n.counters();
      case L3Forwarder n -> n.counters();
      case LoadBalancer n -> n.counters();
      case MonitorNf n -> n.counters();
      case Nat n -> n.counters();
      case NidsNf n -> n.counters();
      case Proxy n -> n.counters();
      case TrafficShaper n -> n.counters();
      case VpnNf n -> n.counters();
      default -> Map.of();
    };
  }

  /**
   * Counters each NF type must have moved for a replay to exercise it (both verdicts of the
   * firewall, both ways of the NAT, more than one back end of the load balancer, ...).
   */
  private static final Map<String, List<String>> ACTIVITY =
      Map.ofEntries(
          Map.entry("firewall", List.of("rule 2 packets", "policy packets")),
          Map.entry("nids", List.of("alerts")),
          Map.entry("gateway", List.of("class.web", "class.outside")),
          Map.entry(
              "load_balancer", List.of("balanced", "backend.10.0.0.1/32", "backend.10.0.0.2/32")),
          Map.entry("caching", List.of("http_requests", "cache_hits")),
          Map.entry("nat", List.of("outbound translated", "inbound translated")),
          Map.entry("proxy", List.of("redirected", "restored")),
          Map.entry("compression", List.of("compressed", "not_smaller")),
          Map.entry("traffic_shaper", List.of("bulk exceeded packets", "web conformed packets")),
          Map.entry("monitor", List.of("packets", "ipfix_messages")),
          Map.entry("l3_forwarder", List.of("forwarded", "ttl_expired")));

  /** The counters {@code m} should have moved and did not; empty when the trace exercised it. */
  static List<String> idle(Made m) {
    Map<String, Long> c = m.counters();
    List<String> keys =
        m.type().equals("vpn")
            ? List.of(c.getOrDefault("decapsulated", 0L) > 0 ? "decapsulated" : "encapsulated")
            : ACTIVITY.getOrDefault(m.type(), List.of());
    return keys.stream().filter(k -> c.getOrDefault(k, 0L) == 0).toList();
  }

  /** Closes what holds a resource (the monitor's export socket). */
  static void close(List<Made> made) {
    for (Made m : made) {
      if (m.instance() instanceof MonitorNf monitor) {
        monitor.flush();
        monitor.close();
      }
    }
  }
}
