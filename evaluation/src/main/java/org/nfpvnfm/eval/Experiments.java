package org.nfpvnfm.eval;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.jspecify.annotations.Nullable;
import org.nfpvnfm.dpdk.plan.Calibration;
import org.nfpvnfm.dpdk.plan.ExecutionPlan;
import org.nfpvnfm.dpdk.plan.PlanChooser;
import org.nfpvnfm.dpdk.trace.SizeDistribution;
import org.nfpvnfm.eval.report.Charts;
import org.nfpvnfm.eval.report.ResultTable;

/**
 * The paper's experiments (NFP-SPEC.md §7) on this machine's DPDK node, each in one run, side by
 * side with the sequential chain, with every execution plan measured and the chooser's pick shown
 * (docs/benchmarks.md). Each writes its tables (CSV, JSON, Markdown) and plots (PNG) to the output
 * directory.
 */
final class Experiments {
  /** The paper's six NFs (NFP-SPEC §7). */
  static final List<String> PAPER_NFS =
      List.of("l3_forwarder", "load_balancer", "firewall", "nids", "vpn", "monitor");

  /** The paper's six, then NFs of known weight (hash rounds) for the trend. */
  static final List<String> COMPLEXITY_NFS =
      java.util.stream.Stream.concat(
              PAPER_NFS.stream(), java.util.stream.Stream.of("hash-100", "hash-1000", "hash-3000"))
          .toList();

  private final BenchNode node;
  private final PlanComparison plans;
  private final Path out;
  private final Path traces;
  private final String command;
  private final boolean smoke;
  private final PrintStream log;
  private final @Nullable Path cReference;
  private final List<ResultTable> written = new ArrayList<>();

  Experiments(
      BenchNode node,
      Path out,
      String command,
      boolean smoke,
      @Nullable Path cReference,
      PrintStream log)
      throws IOException {
    this.node = node;
    this.plans = new PlanComparison(node, log);
    this.out = out;
    this.traces = Files.createTempDirectory("nfp-bench-traces");
    this.command = command;
    this.smoke = smoke;
    this.cReference = cReference;
    this.log = log;
    Files.createDirectories(out);
  }

  List<ResultTable> written() {
    return List.copyOf(written);
  }

  private void write(ResultTable t) throws IOException {
    t.writeAll(out);
    written.add(t);
    log.println();
    log.println(t.toMarkdown());
  }

  private String cmd(String experiment) {
    return command + " " + experiment + (smoke ? " --smoke" : "");
  }

  private Path png(String id) {
    return out.resolve(id + ".png");
  }

  void warmUp(Duration total) throws IOException, InterruptedException {
    node.warmUp(total, Workloads.trace(traces, "warm-up", SizeDistribution.fixed(64), 1));
  }

  /** The machine's own costs, as the chooser sees them. */
  void calibration() throws IOException {
    Calibration c = node.calibration();
    ResultTable t =
        ResultTable.builder("calibration", "Calibration: this machine's costs per packet")
            .command(cmd("calibration"))
            .notes("Measured at node start before any worker runs (docs/execution-plans.md).")
            .text("cost")
            .decimal("nanoseconds", "ns", 1)
            .row("ring hop between two cores, one way", c.hopNanos())
            .row("runtime work per packet per stage (parse, ring in/out)", c.packetNanos())
            .row("extra per packet arriving from another core", c.crossCoreNanos())
            .row("shared copy (reference) and release", c.shareNanos())
            .row("header copy and release", c.headerCopyNanos())
            .row("full copy of 64 B and release", c.fullCopyNanos())
            .row("full copy of 1500 B and release", c.fullCopyNanos(1500))
            .row("merge, per version", c.mergeNanos())
            .build();
    write(t);
  }

  /** Experiment 1: sequential chains of L3 forwarders; our pipeline, one core, the C reference. */
  void chain() throws IOException, InterruptedException {
    List<Integer> lengths = smoke ? List.of(1, 2) : List.of(1, 2, 3, 4, 5);
    List<Integer> sizes = smoke ? List.of(64) : List.of(64, 128, 256, 512, 1024, 1500);
    ResultTable.Builder t =
        ResultTable.builder(
                "exp1-chain", "Experiment 1: sequential chains of L3 forwarders, 64-byte packets")
            .command(cmd("chain"))
            .notes(
                "Throughput at full load; latency at half the slower Java plan's throughput. C: the"
                    + " C reference doing the same work (docs/c-reference.md).")
            .integer("NFs", "")
            .integer("packet", "B")
            .decimal("pipeline", "Mpps", 3)
            .decimal("one core", "Mpps", 3)
            .decimal("C pipeline", "Mpps", 3)
            .decimal("C one core", "Mpps", 3)
            .decimal("Java/C (best plans)", "", 2)
            .decimal("pipeline p50", "µs", 1)
            .decimal("one core p50", "µs", 1)
            .text("chosen");
    List<Object[]> rows = new ArrayList<>();
    for (int n : lengths) {
      rows.add(chainRow(n, 64));
    }
    for (int size : sizes) {
      if (size != 64) {
        rows.add(chainRow(2, size));
      }
    }
    rows.forEach(t::row);
    ResultTable table = t.build();
    write(table);
    Charts.lines(
        table,
        "NFs",
        List.of("pipeline", "one core", "C pipeline", "C one core"),
        "throughput (Mpps)",
        png("exp1-chain"));
  }

  private Object[] chainRow(int n, int size) throws IOException, InterruptedException {
    BenchChain chain =
        BenchChain.of(
            n + " L3 forwarders",
            BenchChain.same("R", "l3_forwarder", n, Workloads.config("l3_forwarder")),
            false);
    Path trace = Workloads.trace(traces, "fixed" + size, SizeDistribution.fixed(size), 11 + size);
    PlanComparison.Result r =
        plans.compare(n + "×L3/" + size + "B", chain, trace, size, List.of("pipeline", "one-core"));
    double pipeline = r.plan("pipeline").full().mpps();
    double oneCore = r.plan("one-core").full().mpps();
    CReference.Result cPipe = null;
    CReference.Result cRtc = null;
    if (cReference != null) {
      cPipe = CReference.chain(cReference, trace, n, false, smoke ? 0.3 : 1.5);
      cRtc = CReference.chain(cReference, trace, n, true, smoke ? 0.3 : 1.5);
    }
    Double ratio =
        cPipe == null || cRtc == null
            ? null
            : Math.max(pipeline, oneCore) / Math.max(cPipe.mpps(), cRtc.mpps());
    return new Object[] {
      n,
      size,
      pipeline,
      oneCore,
      cPipe == null ? null : cPipe.mpps(),
      cRtc == null ? null : cRtc.mpps(),
      ratio,
      r.plan("pipeline").loaded().p50Micros(),
      r.plan("one-core").loaded().p50Micros(),
      r.chosen()
    };
  }

  /** Experiment 2: each NF at parallelism degree 2, with and without copies. */
  void complexity(List<String> nfTypes) throws IOException, InterruptedException {
    List<String> types = smoke ? List.of("firewall", "hash-1000") : nfTypes;
    Path trace = Workloads.trace(traces, "exp2", SizeDistribution.fixed(64), 2);
    ResultTable.Builder summary =
        ResultTable.builder(
                "exp2-complexity",
                "Experiment 2: NF complexity, two NFs of a type at parallelism degree 2, 64 B")
            .command(cmd("complexity"))
            .notes(
                "Latency p50 at half the slowest plan's throughput. 'sequential' is the chain"
                    + " pipelined across cores (the paper's baseline), 'parallel' the NFP graph"
                    + " across cores. The two NFs are declared independent (priority X1 > X2), so"
                    + " the engine runs them in parallel, on copies where both write a field."
                    + " 'with copy': each NF also declares a DSCP write, so the block always"
                    + " needs a copy and a field merge. 'copies' is measured per packet. An empty"
                    + " latency: the plan delivered nothing, since its merger cannot replay header"
                    + " operations (two VPNs adding headers side by side) and drops the packet.")
            .text("NF")
            .text("copy")
            .decimal("NF cost", "ns", 0)
            .decimal("copies", "/packet", 2);
    PlanComparison.summaryColumns(summary);
    ResultTable.Builder all =
        PlanComparison.plansTable("exp2-plans", "Experiment 2: every plan's latency");
    for (String type : types) {
      for (boolean copy : List.of(false, true)) {
        BenchChain chain =
            BenchChain.of(
                "2×" + type, BenchChain.same("X", type, 2, Workloads.config(type)), copy, true);
        String point = type + (copy ? " (copy)" : "");
        PlanComparison.Result r = plans.compare(point, chain, trace, 64);
        PlanComparison.addPlans(all, r);
        summary.row(
            PlanComparison.summaryRow(
                r,
                type,
                copy ? "with" : "without",
                r.nfNanos().getOrDefault("X1", 0.0),
                r.has("parallel") ? copiesPerPacket(r.plan("parallel").loaded()) : null));
      }
    }
    ResultTable s = summary.build();
    write(s);
    write(all.build());
    Charts.bars(
        s, "NF", List.of("sequential", "parallel", "one core"), "latency p50 (µs)", png(s.id()));
  }

  /** Experiment 3: parallelism degree 2…N firewalls, with and without copies. */
  void degree() throws IOException, InterruptedException {
    int max = Math.max(5, Math.min(node.workers(), 8));
    List<Integer> degrees = new ArrayList<>();
    for (int d = 2; d <= (smoke ? 2 : max); d++) {
      degrees.add(d);
    }
    Path trace = Workloads.trace(traces, "exp3", SizeDistribution.fixed(64), 3);
    ResultTable.Builder summary =
        ResultTable.builder(
                "exp3-degree", "Experiment 3: parallelism degree, firewalls in parallel, 64 B")
            .command(cmd("degree"))
            .notes(
                "Latency p50 at half the slowest plan's throughput; throughput at full load. The"
                    + " paper: -33% (degree 2) to -52% (degree 5) latency without copies, about"
                    + " -32% with, throughput nearly unchanged.")
            .integer("degree", "")
            .text("copy")
            .decimal("sequential", "µs", 1)
            .decimal("parallel", "µs", 1)
            .decimal("cut", "%", 1)
            .decimal("sequential throughput", "Mpps", 3)
            .decimal("parallel throughput", "Mpps", 3)
            .text("best")
            .text("chosen")
            .decimal("chosen vs best", "%", 1);
    ResultTable.Builder all =
        PlanComparison.plansTable("exp3-plans", "Experiment 3: every plan's latency");
    ResultTable.Builder cuts =
        ResultTable.builder("exp3-cut", "Experiment 3: latency cut of the parallel graph")
            .command(cmd("degree"))
            .integer("degree", "")
            .decimal("without copy", "%", 1)
            .decimal("with copy", "%", 1)
            .decimal("paper, without copy", "%", 1)
            .decimal("paper, with copy", "%", 1);
    // The paper states its degree 2 and degree 5 figures; nothing in between.
    Map<Integer, Double> paper = Map.of(2, 33.0, 5, 52.0);
    for (int d : degrees) {
      double[] cut = new double[2];
      for (boolean copy : List.of(false, true)) {
        BenchChain chain =
            BenchChain.of(
                d + " firewalls",
                BenchChain.same("FW", "firewall", d, Workloads.config("firewall")),
                copy,
                true);
        PlanComparison.Result r =
            plans.compare(d + "×FW" + (copy ? " (copy)" : ""), chain, trace, 64);
        PlanComparison.addPlans(all, r);
        cut[copy ? 1 : 0] = 100 * r.parallelCut();
        summary.row(
            d,
            copy ? "with" : "without",
            PlanComparison.finite(r.p50("pipeline")),
            PlanComparison.finite(r.p50("parallel")),
            PlanComparison.finite(100 * r.parallelCut()),
            r.plan("pipeline").full().mpps(),
            r.plan("parallel").full().mpps(),
            r.best().plan().name(),
            r.chosen(),
            PlanComparison.finite(100 * r.chosenExcess()));
      }
      cuts.row(d, PlanComparison.finite(cut[0]), PlanComparison.finite(cut[1]), paper.get(d), 32.0);
    }
    write(summary.build());
    write(all.build());
    ResultTable c = cuts.build();
    write(c);
    Charts.lines(
        c,
        "degree",
        List.of("without copy", "with copy", "paper, without copy", "paper, with copy"),
        "latency cut vs sequential (%)",
        png(c.id()),
        Charts.Options.DEFAULT.withReference("paper, without copy", "paper, with copy"));
  }

  /** Experiment 4: the copies' memory overhead, measured, next to the paper's 64(d-1)/s. */
  void memory() throws IOException, InterruptedException {
    List<Integer> degrees = smoke ? List.of(2) : List.of(2, 3, 4, 5);
    List<String> sizes =
        smoke ? List.of("64", "dc") : List.of("64", "128", "256", "512", "1024", "1500", "dc");
    ResultTable.Builder t =
        ResultTable.builder(
                "exp4-memory", "Experiment 4: memory overhead of copies (bytes copied per byte)")
            .command(cmd("memory"))
            .notes(
                "Monitors in parallel, each declaring a DSCP write so that every branch but one"
                    + " works on a header copy; measured: bytes written into copies over bytes"
                    + " delivered. The paper copies 64 bytes per extra version: ro = 64(d-1)/s."
                    + " 'dc' is the data-centre mix (mean 724 B).")
            .integer("degree", "")
            .text("packets")
            .decimal("mean size", "B", 0)
            .decimal("copies per packet", "", 2)
            .decimal("measured", "%", 2)
            .decimal("paper ro", "%", 2);
    for (int d : degrees) {
      BenchChain chain =
          BenchChain.of(
              d + " monitors",
              BenchChain.same("MON", "monitor", d, Workloads.config("monitor")),
              true);
      List<ExecutionPlan> candidates =
          new PlanChooser(node.model(64, Map.of()))
              .candidates(chain.parallel(), chain.sequential());
      ExecutionPlan parallel =
          candidates.stream()
              .filter(p -> p.name().equals("parallel"))
              .findFirst()
              .orElseThrow(
                  () ->
                      new IllegalStateException(
                          "no parallel plan for %s: %s"
                              .formatted(
                                  chain.parallel().shape(),
                                  candidates.stream().map(ExecutionPlan::describe).toList())));
      for (String size : sizes) {
        SizeDistribution dist =
            size.equals("dc")
                ? SizeDistribution.DATA_CENTRE
                : SizeDistribution.fixed(Integer.parseInt(size));
        Path trace = Workloads.trace(traces, "exp4-" + size, dist, 4);
        BenchNode.Run r = node.run(parallel, chain.nfs(), trace, 0);
        double mean = r.delivered() == 0 ? 0 : (double) r.deliveredBytes() / r.delivered();
        t.row(
            d,
            size.equals("dc") ? "data-centre mix" : size + " B",
            mean,
            r.delivered() == 0 ? 0 : (double) r.copies() / r.delivered(),
            r.deliveredBytes() == 0 ? 0 : 100.0 * r.copiedBytes() / r.deliveredBytes(),
            mean == 0 ? 0 : 100.0 * 64 * (d - 1) / mean);
        log.printf(
            Locale.ROOT,
            "  degree %d, %s: %.2f%% copied%n",
            d,
            size,
            r.deliveredBytes() == 0 ? 0 : 100.0 * r.copiedBytes() / r.deliveredBytes());
      }
    }
    ResultTable table = t.build();
    write(table);
    Charts.linesBy(
        table,
        "mean size",
        "measured",
        "degree",
        "bytes copied per byte delivered (%)",
        png(table.id()));
  }

  /** Experiment 5: copy + merge cost per packet. */
  void mergeCost() throws IOException, InterruptedException {
    Path trace = Workloads.trace(traces, "exp5", SizeDistribution.fixed(64), 5);
    ResultTable.Builder t =
        ResultTable.builder("exp5-merge", "Experiment 5: copy + merge cost per packet, 64 B")
            .command(cmd("merge-cost"))
            .notes(
                "Two monitors at degree 2 on one core: the parallel graph (copy, two versions,"
                    + " merge) less the sequential chain, same NFs, same core, at a low load. p99"
                    + " is the difference of the p99s. The paper: about 9 µs.")
            .text("copy")
            .decimal("sequential p50", "µs", 2)
            .decimal("parallel p50", "µs", 2)
            .decimal("copy+merge p50", "µs", 2)
            .decimal("sequential p99", "µs", 2)
            .decimal("parallel p99", "µs", 2)
            .decimal("copy+merge p99", "µs", 2)
            .decimal("paper", "µs", 1);
    for (boolean copy : List.of(false, true)) {
      BenchChain chain =
          BenchChain.of(
              "2 monitors",
              BenchChain.same("MON", "monitor", 2, Workloads.config("monitor")),
              copy);
      PlanComparison.Result r =
          plans.compare(
              "2×MON" + (copy ? " (copy)" : ""),
              chain,
              trace,
              64,
              List.of("one-core", "parallel-one-core"));
      BenchNode.Run seq = r.plan("one-core").loaded();
      BenchNode.Run par = r.plan("parallel-one-core").loaded();
      t.row(
          copy ? "header copy" : "shared buffer",
          seq.p50Micros(),
          par.p50Micros(),
          par.p50Micros() - seq.p50Micros(),
          seq.p99Micros(),
          par.p99Micros(),
          par.p99Micros() - seq.p99Micros(),
          9.0);
    }
    ResultTable table = t.build();
    write(table);
    Charts.bars(
        table,
        "copy",
        List.of("copy+merge p50", "copy+merge p99", "paper"),
        "µs per packet",
        png(table.id()),
        Charts.Options.DEFAULT.withReference("paper"));
  }

  /** Experiment 6: real-world chains on the data-centre mix. */
  void realWorld() throws IOException, InterruptedException {
    Path trace = Workloads.trace(traces, "exp6-dc", SizeDistribution.DATA_CENTRE, 6);
    int mean = (int) Math.round(SizeDistribution.DATA_CENTRE.mean());
    List<BenchChain> chains = new ArrayList<>();
    chains.add(
        BenchChain.of(
            "VPN -> Monitor -> FW -> LB",
            List.of(
                member("VPN", "vpn"),
                member("MON", "monitor"),
                member("FW", "firewall"),
                member("LB", "load_balancer")),
            false));
    if (!smoke) {
      chains.add(
          BenchChain.of(
              "data-centre north-south",
              List.of(
                  member("GW", "gateway"),
                  member("FW", "firewall"),
                  member("NIDS", "nids"),
                  member("NAT", "nat"),
                  member("LB", "load_balancer"),
                  member("MON", "monitor")),
              false));
    }
    ResultTable.Builder summary =
        ResultTable.builder(
                "exp6-real-world",
                "Experiment 6: real-world chains on the data-centre mix (mean 724 B)")
            .command(cmd("real-world"))
            .notes(
                "Latency p50 at half the slowest plan's throughput; the graph the engine compiled"
                    + " from each chain's profiles.")
            .text("chain")
            .text("parallel graph");
    PlanComparison.summaryColumns(summary);
    ResultTable.Builder all =
        PlanComparison.plansTable("exp6-plans", "Experiment 6: every plan's latency");
    for (BenchChain c : chains) {
      PlanComparison.Result r = plans.compare(c.title(), c, trace, mean);
      PlanComparison.addPlans(all, r);
      summary.row(PlanComparison.summaryRow(r, c.title(), c.parallel().shape()));
    }
    ResultTable s = summary.build();
    write(s);
    ResultTable a = all.build();
    write(a);
    Charts.bars(
        s, "chain", List.of("sequential", "parallel", "one core"), "latency p50 (µs)", png(s.id()));
  }

  private static double copiesPerPacket(BenchNode.Run r) {
    return r.processed() == 0 ? 0 : (double) r.copies() / r.processed();
  }

  private static BenchChain.Member member(String name, String type) {
    return new BenchChain.Member(name, type, Workloads.config(type));
  }
}
