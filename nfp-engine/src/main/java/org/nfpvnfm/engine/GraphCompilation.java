package org.nfpvnfm.engine;

import java.util.List;
import java.util.Optional;
import java.util.function.BiFunction;
import org.jspecify.annotations.Nullable;
import org.nfpvnfm.tosca.Diagnostic;

/**
 * One forwarding graph's compilation: the service graph (absent when the graph's rules have errors)
 * and its diagnostics, and on demand the pair record of any two of its NFs ({@code nfp explain}).
 * Pair records are computed when asked: a graph of n NFs has n(n-1)/2 of them.
 */
public final class GraphCompilation {

  private final String name;
  private final @Nullable ServiceGraph serviceGraph;
  private final List<Diagnostic> diagnostics;
  private final @Nullable BiFunction<Integer, Integer, PairRecord> pairs;

  /**
   * Made by the engine.
   *
   * @param pairs the pair record for two NF ids in either order, or null when the graph did not
   *     compile
   */
  public GraphCompilation(
      String name,
      @Nullable ServiceGraph serviceGraph,
      List<Diagnostic> diagnostics,
      @Nullable BiFunction<Integer, Integer, PairRecord> pairs) {
    this.name = name;
    this.serviceGraph = serviceGraph;
    this.diagnostics = List.copyOf(diagnostics);
    this.pairs = pairs;
  }

  public String name() {
    return name;
  }

  public Optional<ServiceGraph> serviceGraph() {
    return Optional.ofNullable(serviceGraph);
  }

  public List<Diagnostic> diagnostics() {
    return diagnostics;
  }

  /**
   * Why NFs {@code a} and {@code b} (names) are parallel, copy-parallel or sequential; empty when
   * either is not in the graph or the graph did not compile. The record lists the earlier NF of the
   * reference chain first, whatever order the names are given in.
   */
  public Optional<PairRecord> pair(String a, String b) {
    if (serviceGraph == null || pairs == null || a.equals(b)) {
      return Optional.empty();
    }
    Optional<GraphNf> x = serviceGraph.nf(a);
    Optional<GraphNf> y = serviceGraph.nf(b);
    if (x.isEmpty() || y.isEmpty()) {
      return Optional.empty();
    }
    return Optional.of(pairs.apply(x.get().id(), y.get().id()));
  }

  /**
   * Every pair record, the earlier NF first, sorted by (first, second) in reference-chain order.
   */
  public List<PairRecord> pairs() {
    if (serviceGraph == null || pairs == null) {
      return List.of();
    }
    List<Integer> order = serviceGraph.sequentialOrder();
    java.util.ArrayList<PairRecord> all = new java.util.ArrayList<>();
    for (int i = 0; i < order.size(); i++) {
      for (int j = i + 1; j < order.size(); j++) {
        all.add(pairs.apply(order.get(i), order.get(j)));
      }
    }
    return all;
  }
}
