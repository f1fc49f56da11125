package org.nfpvnfm.bench;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import org.nfpvnfm.engine.Compilation;
import org.nfpvnfm.engine.NfpCompiler;
import org.nfpvnfm.engine.ServiceGraph;
import org.nfpvnfm.engine.Summary;
import org.nfpvnfm.tosca.SourceLocation;
import org.nfpvnfm.tosca.nfp.ActionProfile;
import org.nfpvnfm.tosca.nfp.BuiltInProfiles;
import org.nfpvnfm.tosca.nfp.ForwardingGraph;
import org.nfpvnfm.tosca.nfp.NetworkFunction;
import org.nfpvnfm.tosca.nfp.NfpModel;
import org.nfpvnfm.tosca.nfp.NfpRule;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

/**
 * How long {@link NfpCompiler#compile} takes on one forwarding graph of {@code nfs} NFs with many
 * {@code order} rules. The model is built in memory (no TOSCA is read), so only the engine is
 * timed: resolving the graph, steps, constraints and their cycle check, the reference chain, the
 * pair analysis, the subgraph builder and the forwarding and merge tables.
 *
 * <p>Each NF gets one of the twelve built-in action profiles ({@link BuiltInProfiles#all()}), drawn
 * uniformly with a fixed seed; the draw does not depend on the rule shape, so the three shapes of
 * one size compile the same NFs, and the first 10 NFs of every size are the same. The rule shapes
 * ({@code shape}):
 *
 * <ul>
 *   <li>{@code chain}: {@code order(NF_i, before, NF_i+1)} for every i, a total order (the shape of
 *       a Tacker path); n - 1 rules.
 *   <li>{@code dense}: {@code order(NF_i, before, NF_j)} for each {@code i < j} with probability
 *       1/2, fixed seed; about n²/4 rules (249,830 at n = 1,000).
 *   <li>{@code layered}: the NFs in layers of {@value #LAYER} in graph order, every NF of a layer
 *       before every NF of the next; 64 rules per pair of adjacent layers, about 8n (7,936 at n =
 *       1,000).
 * </ul>
 *
 * <p>The setup compiles the model once and fails unless that gives one service graph and no
 * diagnostic, then prints one line, {@code CompileBenchmark graph: ...}, with the graph's {@link
 * Summary}, so that the figures can say which graph each case produces ({@code
 * bin/bench-compile.sh} keeps those lines).
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@State(Scope.Benchmark)
public class CompileBenchmark {

  /** NFs per layer in the {@code layered} shape. */
  static final int LAYER = 8;

  private static final long PROFILE_SEED = 20170821L;
  private static final long RULE_SEED = 42L;
  private static final String FILE = "bench-compile.yaml";
  private static final String GRAPH = "fp1";

  @Param({"10", "100", "1000"})
  public int nfs;

  @Param({"chain", "dense", "layered"})
  public String shape = "chain";

  NfpCompiler compiler = NfpCompiler.create();
  NfpModel model = new NfpModel(List.of(), List.of(), List.of());

  @Setup(Level.Trial)
  public void buildModel() {
    model = model(nfs, shape);
    Compilation c = compiler.compile(model);
    List<ServiceGraph> graphs = c.serviceGraphs();
    if (!c.diagnostics().isEmpty() || graphs.size() != 1) {
      throw new IllegalStateException(
          "nfs=%d shape=%s: expected one service graph and no diagnostics, got %d graph(s) and %s"
              .formatted(nfs, shape, graphs.size(), c.diagnostics()));
    }
    System.out.println(describe(nfs, shape, model.rules().size(), graphs.get(0).summary()));
  }

  @Benchmark
  public Compilation compile() {
    return compiler.compile(model);
  }

  /** The model for {@code n} NFs whose order rules have the given shape. */
  static NfpModel model(int n, String shape) {
    if (n < 2) {
      throw new IllegalArgumentException("nfs=" + n + " (expected: at least 2)");
    }
    List<ActionProfile> kinds = List.copyOf(BuiltInProfiles.all().values());
    Random profiles = new Random(PROFILE_SEED);
    List<NetworkFunction> nfs = new ArrayList<>(n);
    List<String> names = new ArrayList<>(n);
    for (int i = 0; i < n; i++) {
      String name = "nf%04d".formatted(i);
      names.add(name);
      ActionProfile p = kinds.get(profiles.nextInt(kinds.size()));
      nfs.add(new NetworkFunction(name, null, p, new SourceLocation(FILE, i + 2, 5)));
    }
    int line = n + 10;
    List<NfpRule> rules = new ArrayList<>();
    switch (shape) {
      case "chain" -> {
        for (int i = 0; i + 1 < n; i++) {
          rules.add(order(names.get(i), names.get(i + 1), line++));
        }
      }
      case "dense" -> {
        Random coin = new Random(RULE_SEED);
        for (int i = 0; i < n; i++) {
          for (int j = i + 1; j < n; j++) {
            if (coin.nextBoolean()) {
              rules.add(order(names.get(i), names.get(j), line++));
            }
          }
        }
      }
      case "layered" -> {
        for (int start = 0; start + LAYER < n; start += LAYER) {
          int next = start + LAYER;
          int end = Math.min(next + LAYER, n);
          for (int i = start; i < next; i++) {
            for (int j = next; j < end; j++) {
              rules.add(order(names.get(i), names.get(j), line++));
            }
          }
        }
      }
      default ->
          throw new IllegalArgumentException(
              "shape=" + shape + " (expected: chain, dense or layered)");
    }
    ForwardingGraph graph =
        new ForwardingGraph(
            GRAPH,
            null,
            ForwardingGraph.Shape.TACKER,
            names,
            List.of(),
            new SourceLocation(FILE, 1, 1));
    return new NfpModel(nfs, List.of(graph), rules);
  }

  private static NfpRule order(String before, String after, int line) {
    return new NfpRule.Order(before, after, List.of(), new SourceLocation(FILE, line, 9));
  }

  static String describe(int n, String shape, int rules, Summary s) {
    return ("CompileBenchmark graph: nfs=%d shape=%s rules=%d length=%d width=%d"
            + " parallel_blocks=%d header_copies=%d full_copies=%d parallel_pairs=%d"
            + " copy_parallel_pairs=%d pairs=%d")
        .formatted(
            n,
            shape,
            rules,
            s.length(),
            s.width(),
            s.parallelBlocks(),
            s.headerCopies(),
            s.fullCopies(),
            s.parallelPairs(),
            s.copyParallelPairs(),
            s.pairs());
  }
}
