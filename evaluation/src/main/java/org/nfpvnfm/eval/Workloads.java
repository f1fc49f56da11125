package org.nfpvnfm.eval;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.nfpvnfm.dpdk.trace.FlowDistribution;
import org.nfpvnfm.dpdk.trace.Prefix;
import org.nfpvnfm.dpdk.trace.SizeDistribution;
import org.nfpvnfm.dpdk.trace.TraceGenerator;
import org.nfpvnfm.dpdk.trace.TraceSpec;

/**
 * The experiments' traffic and NF configurations (docs/benchmarks.md, "Workloads"): traces from the
 * trace generator, reproducible from their seed, and for each built-in NF a configuration that does
 * real work on them (sources in 10.0.0.0/8; destinations in 192.168.0.0/16, 172.16.0.0/12,
 * 198.18.0.0/15 and the load balancer's VIP 203.0.113.10).
 */
final class Workloads {
  private Workloads() {}

  static final String VIP = "203.0.113.10";

  /** Packets per trace file: the node loops over it. */
  static final int TRACE_PACKETS = 4096;

  static final List<Prefix> DESTINATIONS =
      List.of(
          Prefix.parse("192.168.0.0/16"),
          Prefix.parse("172.16.0.0/12"),
          Prefix.parse("198.18.0.0/15"),
          Prefix.parse(VIP + "/32"));

  /** A trace of {@code sizes} over 1024 Zipf-distributed flows (exponent 1.1), 80% of them TCP. */
  static Path trace(Path dir, String name, SizeDistribution sizes, long seed) throws IOException {
    Path file = dir.resolve(name + ".pcap");
    TraceSpec spec =
        new TraceSpec(
            TRACE_PACKETS,
            sizes,
            FlowDistribution.zipf(1024, 1.1),
            0,
            0.8,
            1_000_000,
            seed,
            DESTINATIONS);
    TraceGenerator.write(spec, file);
    return file;
  }

  /** The configuration each NF type runs with in the experiments. */
  static Map<String, Object> config(String type) {
    return switch (type) {
      case "firewall" -> Map.of("rules", firewallRules(100));
      case "l3_forwarder" ->
          Map.of(
              "routes",
              List.of(
                  "0.0.0.0/0 via 1",
                  "192.168.0.0/16 via 2",
                  "192.168.128.0/17 via 1",
                  "192.168.7.0/24 via 2",
                  "172.16.0.0/12 via 1",
                  "172.20.0.0/16 via 2",
                  "198.18.0.0/15 via 2",
                  "198.18.1.1/32 via 1",
                  "203.0.113.0/24 via 1"),
              "next_hops",
              Map.of(
                  1, Map.of("smac", "02:00:00:00:00:01", "dmac", "02:00:00:00:01:01"),
                  2, Map.of("smac", "02:00:00:00:00:02", "dmac", "02:00:00:00:01:02")));
      case "load_balancer" ->
          Map.of(
              "vip",
              VIP,
              "backends",
              List.of("192.168.10.1 weight 2", "192.168.10.2", "192.168.10.3"));
      case "nids" ->
          Map.of(
              "rules",
              List.of(
                  "alert tcp any any -> any 80 (msg:\"web\"; content:\"GET /index\"; sid:1;)",
                  "alert tcp any any -> any 443 (msg:\"tls probe\"; content:\"|16 03 00|\"; sid:2;)",
                  "alert udp any any -> any 53 (msg:\"dns any\"; content:\"|00 ff|\"; sid:3;)",
                  "alert ip any any -> 203.0.113.0/24 any (msg:\"ttl\"; ttl:<65; sid:4;)"));
      case "monitor" -> Map.of("collector", "127.0.0.1:9");
      case "nat" -> Map.of("public_address", "198.51.100.1", "internal", List.of("10.0.0.0/8"));
      case "gateway" -> Map.of("policies", List.of("from 10.0.0.0/8 to any class inside"));
      default -> org.nfpvnfm.nf.ExampleConfigs.of(type);
    };
  }

  /**
   * An ACL of {@code n} rules: n-2 that block single hosts no trace packet comes from, then SSH
   * dropped, then the inside network and the VPN's tunnel endpoint accepted, the rest dropped:
   * every packet is checked against the whole list before its verdict.
   */
  static List<String> firewallRules(int n) {
    List<String> rules = new ArrayList<>();
    for (int i = 0; i < n - 2; i++) {
      rules.add("-A FORWARD -s 203.0.%d.%d/32 -j DROP".formatted(114 + i / 250, 1 + i % 250));
    }
    rules.add("-A FORWARD -p tcp --dport 22 -j DROP");
    rules.add("-A FORWARD -s 10.0.0.0/8 -j ACCEPT");
    rules.add("-A FORWARD -s 192.0.2.1/32 -j ACCEPT"); // the VPN's tunnel (experiment 6)
    rules.add("-P FORWARD DROP");
    return rules;
  }
}
