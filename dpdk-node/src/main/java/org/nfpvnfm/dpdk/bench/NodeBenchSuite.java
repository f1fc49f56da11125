package org.nfpvnfm.dpdk.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.TimeUnit;

/**
 * The node's end-to-end benchmark in one command ({@code bin/bench-node.sh}): for each NF weight,
 * the Java node and the C reference, each as the 2-way parallel graph and as the sequential chain,
 * first at full load (throughput) and then at half the slowest sequential throughput (latency), on
 * one trace. Every run is its own process (DPDK allows one EAL per process); the runs go one after
 * another, so they share the machine's cores in turn, never at once. Prints a Markdown table and
 * writes every run's JSON line to {@code --out}.
 *
 * <pre>{@code
 * NodeBenchSuite --c-binary PATH [--rounds 0,100,1000] [--seconds 3] [--copy] [--out FILE]
 * }</pre>
 */
public final class NodeBenchSuite {
  private static final ObjectMapper JSON = new ObjectMapper();

  private NodeBenchSuite() {}

  public static void main(String[] args) throws Exception {
    Path cBinary = null;
    List<Integer> rounds = List.of(0, 100, 1000);
    String seconds = "3";
    boolean copy = false;
    Path out = null;
    for (int i = 0; i < args.length; i++) {
      switch (args[i]) {
        case "--c-binary" -> cBinary = Path.of(args[++i]);
        case "--rounds" ->
            rounds = List.of(args[++i].split(",")).stream().map(Integer::valueOf).toList();
        case "--seconds" -> seconds = args[++i];
        case "--copy" -> copy = true;
        case "--out" -> out = Path.of(args[++i]);
        default -> throw new IllegalArgumentException("unknown argument " + args[i]);
      }
    }
    if (cBinary == null || !Files.isExecutable(cBinary)) {
      throw new IllegalArgumentException("--c-binary: the C reference binary (build dpdk-node)");
    }
    Path dir = Files.createTempDirectory("nfp-bench-node");
    Path trace = dir.resolve("trace64.pcap");
    NodeBench.writeTrace(trace, 64, 256, 1024);
    List<JsonNode> all = new ArrayList<>();
    StringBuilder table = new StringBuilder();
    table.append(
        "| NF rounds | plan | Java Mpps | C Mpps | Java/C | offered kpps | Java p50 / p99 µs"
            + " | C p50 / p99 µs |\n");
    table.append("| ---: | --- | ---: | ---: | ---: | ---: | ---: | ---: |\n");
    for (int r : rounds) {
      JsonNode[] full = new JsonNode[4];
      String[] modes = {"sequential", "parallel"};
      for (int m = 0; m < 2; m++) {
        full[2 * m] = java(trace, modes[m], r, seconds, 0, copy && m == 1);
        full[2 * m + 1] = c(cBinary, trace, modes[m], r, seconds, 0, copy && m == 1);
      }
      double slowest = Math.min(full[0].get("mpps").asDouble(), full[1].get("mpps").asDouble());
      long rate = Math.max(1000, (long) (slowest * 1e6 / 2));
      for (int m = 0; m < 2; m++) {
        JsonNode jl = java(trace, modes[m], r, seconds, rate, copy && m == 1);
        JsonNode cl = c(cBinary, trace, modes[m], r, seconds, rate, copy && m == 1);
        double jm = full[2 * m].get("mpps").asDouble();
        double cm = full[2 * m + 1].get("mpps").asDouble();
        table.append(
            String.format(
                Locale.ROOT,
                "| %d | %s%s | %.3f | %.3f | %.2f | %d | %.1f / %.1f | %.1f / %.1f |%n",
                r,
                modes[m],
                copy && m == 1 ? " (header copy)" : "",
                jm,
                cm,
                cm > 0 ? jm / cm : 0,
                rate / 1000,
                micros(jl, "p50"),
                micros(jl, "p99"),
                micros(cl, "p50"),
                micros(cl, "p99")));
        all.add(full[2 * m]);
        all.add(full[2 * m + 1]);
        all.add(jl);
        all.add(cl);
      }
    }
    System.out.print(table);
    if (out != null) {
      StringBuilder lines = new StringBuilder();
      for (JsonNode n : all) {
        lines.append(JSON.writeValueAsString(n)).append('\n');
      }
      Files.writeString(out, lines);
    }
  }

  private static double micros(JsonNode run, String percentile) {
    return run.get("latency_ns").get(percentile).asDouble() / 1000;
  }

  private static JsonNode java(
      Path trace, String mode, int rounds, String seconds, long rate, boolean copy)
      throws IOException, InterruptedException {
    List<String> cmd = new ArrayList<>();
    cmd.add(ProcessHandle.current().info().command().orElse("java"));
    cmd.add("--enable-native-access=ALL-UNNAMED");
    cmd.add("-cp");
    cmd.add(System.getProperty("java.class.path"));
    cmd.add(NodeBench.class.getName());
    cmd.addAll(
        List.of(
            "--trace",
            trace.toString(),
            "--mode",
            mode,
            "--rounds",
            Integer.toString(rounds),
            "--seconds",
            seconds,
            "--rate",
            Long.toString(rate)));
    if (copy) {
      cmd.add("--copy");
    }
    return run(cmd);
  }

  private static JsonNode c(
      Path binary, Path trace, String mode, int rounds, String seconds, long rate, boolean copy)
      throws IOException, InterruptedException {
    List<String> cmd =
        new ArrayList<>(
            List.of(
                binary.toString(),
                "-l",
                "0-1",
                "--no-huge",
                "--no-pci",
                "-m",
                "512",
                "--file-prefix",
                "nfpref-" + ProcessHandle.current().pid(),
                "--no-telemetry",
                "--log-level=lib.eal:warning",
                "--vdev=net_pcap0,rx_pcap=" + trace + ",infinite_rx=1",
                "--vdev=net_null0",
                "--",
                "--mode",
                mode,
                "--rounds",
                Integer.toString(rounds),
                "--seconds",
                seconds,
                "--rate",
                Long.toString(rate)));
    if (copy) {
      cmd.add("--copy");
    }
    return run(cmd);
  }

  private static JsonNode run(List<String> cmd) throws IOException, InterruptedException {
    Process p = new ProcessBuilder(cmd).redirectError(ProcessBuilder.Redirect.INHERIT).start();
    byte[] stdout = p.getInputStream().readAllBytes();
    if (!p.waitFor(120, TimeUnit.SECONDS)) {
      p.destroyForcibly();
      throw new IllegalStateException("timed out: " + String.join(" ", cmd));
    }
    String text = new String(stdout, StandardCharsets.UTF_8).strip();
    String last = text.lines().filter(l -> l.startsWith("{")).reduce((a, b) -> b).orElse("");
    if (p.exitValue() != 0 || last.isEmpty()) {
      throw new IllegalStateException(
          "exit " + p.exitValue() + " from " + String.join(" ", cmd) + ":\n" + text);
    }
    return JSON.readTree(last);
  }
}
