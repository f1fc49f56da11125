package org.nfpvnfm.eval;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.TimeUnit;

/**
 * The C reference pipeline ({@code dpdk-node/src/bench/c/nfp_pipeline_ref.c}, docs/c-reference.md)
 * doing experiment 1's work: a chain of L3 forwarders with the experiment's routes, as a pipeline
 * placed like the Java node's or run to completion on one core. Each run is its own process (one
 * EAL per process), after the Java runs it is compared with.
 */
final class CReference {
  private static final ObjectMapper JSON = new ObjectMapper();

  private CReference() {}

  /** One run's throughput. */
  record Result(double mpps) {}

  /** The C binary as the dpdk-node build leaves it, if it is there. */
  static Path defaultBinary() {
    return Path.of("dpdk-node", "target", "native", "nfp-pipeline-ref");
  }

  static Result chain(Path binary, Path trace, int nfs, boolean rtc, double seconds)
      throws IOException, InterruptedException {
    Path routes = Files.createTempFile("nfp-bench-routes-", ".yaml");
    try {
      Files.writeString(routes, routesYaml(Workloads.config("l3_forwarder")));
      int cpus = Math.max(2, Runtime.getRuntime().availableProcessors());
      List<String> cmd =
          new ArrayList<>(
              List.of(
                  binary.toString(),
                  "-l",
                  "0-" + (cpus - 1),
                  "--no-huge",
                  "--no-pci",
                  "-m",
                  "512",
                  "--file-prefix",
                  "nfp-bench-ref-" + ProcessHandle.current().pid(),
                  "--no-telemetry",
                  "--log-level=lib.eal:warning",
                  "--log-level=pmd.net.pcap:error",
                  "--vdev=net_pcap0,rx_pcap=" + trace.toAbsolutePath() + ",infinite_rx=1",
                  "--vdev=net_null0",
                  "--",
                  "--mode",
                  "chain",
                  "--nf",
                  "l3fwd",
                  "--chain",
                  Integer.toString(nfs),
                  "--routes",
                  routes.toString(),
                  "--placement",
                  rtc ? "rtc" : "pipeline",
                  "--seconds",
                  Double.toString(seconds)));
      Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
      byte[] stdout = p.getInputStream().readAllBytes();
      if (!p.waitFor(120, TimeUnit.SECONDS)) {
        p.destroyForcibly();
        throw new IOException("the C reference timed out: " + String.join(" ", cmd));
      }
      String text = new String(stdout, StandardCharsets.UTF_8).strip();
      String last = text.lines().filter(l -> l.startsWith("{")).reduce((a, b) -> b).orElse("");
      if (p.exitValue() != 0 || last.isEmpty()) {
        throw new IOException(
            "the C reference exited " + p.exitValue() + ": " + String.join(" ", cmd) + "\n" + text);
      }
      JsonNode n = JSON.readTree(last);
      return new Result(n.get("mpps").asDouble());
    } finally {
      Files.deleteIfExists(routes);
    }
  }

  /** The l3_forwarder configuration as the YAML file both the NF and the C binary read. */
  @SuppressWarnings("unchecked")
  static String routesYaml(Map<String, Object> config) {
    StringBuilder y = new StringBuilder("routes:\n");
    for (Object r : (List<Object>) Objects.requireNonNull(config.get("routes"), "routes")) {
      y.append("  - \"").append(r).append("\"\n");
    }
    y.append("next_hops:\n");
    ((Map<Object, Object>) Objects.requireNonNull(config.get("next_hops"), "next_hops"))
        .entrySet().stream()
            .sorted((a, b) -> a.getKey().toString().compareTo(b.getKey().toString()))
            .forEach(
                e -> {
                  Map<String, Object> hop = (Map<String, Object>) e.getValue();
                  y.append("  ")
                      .append(e.getKey())
                      .append(": { smac: \"")
                      .append(hop.get("smac"))
                      .append("\", dmac: \"")
                      .append(hop.get("dmac"))
                      .append("\" }\n");
                });
    return y.toString();
  }
}
