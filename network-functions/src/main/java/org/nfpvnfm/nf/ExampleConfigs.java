package org.nfpvnfm.nf;

import java.util.List;
import java.util.Map;

/**
 * A working configuration for each built-in NF, for traffic to the documentation's example
 * addresses (10.0.0.0/8 inside, 203.0.113.0/24 and 198.51.100.0/24 outside, web on port 80): what
 * {@code nfp profile} uses when no {@code --config} is given, and what the profile test and the
 * per-NF benchmark run. The Monitor exports to 127.0.0.1:9 (discard).
 */
public final class ExampleConfigs {
  private ExampleConfigs() {}

  /** By NF type. */
  public static final Map<String, Map<String, Object>> BY_TYPE =
      Map.ofEntries(
          Map.entry(
              "l3_forwarder",
              Map.of(
                  "routes",
                  List.of("0.0.0.0/0 via 1", "10.0.0.0/8 via 2", "2001:db8::/32 via 1"),
                  "next_hops",
                  Map.of(
                      1, Map.of("smac", "02:00:00:00:00:01", "dmac", "02:00:00:00:01:01"),
                      2, Map.of("smac", "02:00:00:00:00:02", "dmac", "02:00:00:00:01:02")))),
          Map.entry("gateway", Map.of("policies", List.of("from 10.0.0.0/8 to any class inside"))),
          Map.entry("proxy", Map.of("redirects", List.of("198.51.100.0/24 to 10.0.0.100"))),
          Map.entry(
              "load_balancer",
              Map.of("vip", "203.0.113.10", "backends", List.of("10.0.0.1 weight 2", "10.0.0.2"))),
          Map.entry(
              "vpn",
              Map.of(
                  "mode", "encap",
                  "spi", 4097,
                  "key", "000102030405060708090a0b0c0d0e0f",
                  "salt", "a1b2c3d4",
                  "local", "192.0.2.1",
                  "remote", "192.0.2.2")),
          Map.entry("compression", Map.of("mode", "compress")),
          Map.entry(
              "nids",
              Map.of(
                  "rules",
                  List.of(
                      "alert tcp any any -> any 80 (msg:\"web\"; content:\"GET /index\"; sid:1;)",
                      "alert ip any any -> 203.0.113.0/24 any (msg:\"ttl\"; ttl:<65; sid:2;)"))),
          Map.entry("caching", Map.of()),
          Map.entry(
              "firewall",
              Map.of(
                  "rules",
                  List.of(
                      "-A FORWARD -p tcp -d 203.0.113.0/24 --dport 80 -j ACCEPT",
                      "-A FORWARD -p udp -s 10.0.0.0/28 -j ACCEPT",
                      "-P FORWARD DROP"))),
          Map.entry(
              "nat", Map.of("public_address", "198.51.100.1", "internal", List.of("10.0.0.0/8"))),
          Map.entry(
              "traffic_shaper",
              Map.of("classes", List.of("web -p tcp --dport 80 --rate 1mbit --burst 2kb"))),
          Map.entry("monitor", Map.of("collector", "127.0.0.1:9")));

  /** The example configuration of {@code type}, empty when there is none. */
  public static Map<String, Object> of(String type) {
    return BY_TYPE.getOrDefault(type, Map.of());
  }
}
