package org.nfpvnfm.engine;

import java.util.ArrayList;
import java.util.List;
import org.jspecify.annotations.Nullable;
import org.nfpvnfm.tosca.SourceLocation;
import org.nfpvnfm.tosca.nfp.ActionProfile;
import org.nfpvnfm.tosca.nfp.ForwardingGraph;
import org.nfpvnfm.tosca.nfp.NetworkFunction;
import org.nfpvnfm.tosca.nfp.NfpModel;
import org.nfpvnfm.tosca.nfp.NfpRule;

/**
 * NFP models written in code for engine tests: NFs in graph order with their profiles, and rules,
 * each rule at its own line of a pretend file {@code policy.yaml} so diagnostics can be checked by
 * line.
 */
final class ModelBuilder {

  static final String FILE = "policy.yaml";

  private final List<NetworkFunction> nfs = new ArrayList<>();
  private final List<NfpRule> rules = new ArrayList<>();
  private int line = 100;

  static ModelBuilder graph() {
    return new ModelBuilder();
  }

  ModelBuilder nf(String name, @Nullable ActionProfile profile) {
    nfs.add(new NetworkFunction(name, null, profile, new SourceLocation(FILE, nfs.size() + 1, 1)));
    return this;
  }

  /** The next rule's line: rules get lines 100, 101, ... in the order they are added. */
  private SourceLocation at() {
    return new SourceLocation(FILE, line++, 5);
  }

  ModelBuilder order(String before, String after) {
    rules.add(new NfpRule.Order(before, after, List.of(), at()));
    return this;
  }

  ModelBuilder pathOrder(String before, String after) {
    rules.add(new NfpRule.Order(before, after, List.of(), at(), true));
    return this;
  }

  /** Consecutive path orders, as a Tacker path gives them. */
  ModelBuilder path(String... hops) {
    SourceLocation where = at();
    for (int i = 1; i < hops.length; i++) {
      rules.add(new NfpRule.Order(hops[i - 1], hops[i], List.of(), where, true));
    }
    return this;
  }

  ModelBuilder priority(String higher, String lower) {
    rules.add(new NfpRule.Priority(higher, lower, List.of(), at()));
    return this;
  }

  ModelBuilder first(String nf) {
    rules.add(new NfpRule.Position(nf, NfpRule.Placement.FIRST, List.of(), at()));
    return this;
  }

  ModelBuilder last(String nf) {
    rules.add(new NfpRule.Position(nf, NfpRule.Placement.LAST, List.of(), at()));
    return this;
  }

  ModelBuilder assign(String nf, int index) {
    rules.add(new NfpRule.Assign(nf, index, List.of(), at()));
    return this;
  }

  ModelBuilder parallel(String... members) {
    rules.add(new NfpRule.Parallel(List.of(members), List.of(), at()));
    return this;
  }

  NfpModel model() {
    List<String> names = nfs.stream().map(NetworkFunction::name).toList();
    ForwardingGraph g =
        new ForwardingGraph(
            "chain",
            null,
            ForwardingGraph.Shape.TACKER,
            names,
            List.of(),
            new SourceLocation(FILE, 1, 1));
    return new NfpModel(nfs, List.of(g), rules);
  }

  Compilation compile() {
    return compile(NfpCompiler.create());
  }

  Compilation compile(NfpCompiler compiler) {
    return compiler.compile(model());
  }

  /** The one graph's service graph; fails the test with the diagnostics when there is none. */
  ServiceGraph serviceGraph() {
    return serviceGraph(NfpCompiler.create());
  }

  /** The one graph's service graph as {@code compiler} builds it. */
  ServiceGraph serviceGraph(NfpCompiler compiler) {
    Compilation c = compile(compiler);
    return c.serviceGraphs().stream()
        .findFirst()
        .orElseThrow(() -> new AssertionError("did not compile: " + c.diagnostics()));
  }
}
