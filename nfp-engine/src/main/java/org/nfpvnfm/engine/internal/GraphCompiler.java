package org.nfpvnfm.engine.internal;

import java.util.ArrayList;
import java.util.List;
import org.nfpvnfm.engine.BufferEntry;
import org.nfpvnfm.engine.CopyKind;
import org.nfpvnfm.engine.Egress;
import org.nfpvnfm.engine.GraphCompilation;
import org.nfpvnfm.engine.GraphNf;
import org.nfpvnfm.engine.GraphNode;
import org.nfpvnfm.engine.NfpCompiler;
import org.nfpvnfm.engine.Relation;
import org.nfpvnfm.engine.ServiceGraph;
import org.nfpvnfm.engine.Summary;
import org.nfpvnfm.tosca.Diagnostic;
import org.nfpvnfm.tosca.nfp.ActionProfile;
import org.nfpvnfm.tosca.nfp.ForwardingGraph;
import org.nfpvnfm.tosca.nfp.NfpModel;

/** Runs the passes for one graph: resolve, steps, constraints, chain, pairs, subgraphs, tables. */
public final class GraphCompiler {

  private GraphCompiler() {}

  public static GraphCompilation compile(
      NfpModel model, ForwardingGraph graph, NfpCompiler.Plan plan) {
    return compile(GraphInput.of(model, graph), plan);
  }

  public static GraphCompilation compileImplicit(
      NfpModel model, String name, NfpCompiler.Plan plan) {
    return compile(GraphInput.implicit(model, name), plan);
  }

  private static GraphCompilation compile(GraphInput in, NfpCompiler.Plan plan) {
    List<Diagnostic> diagnostics = new ArrayList<>(in.diagnostics);
    Steps steps = Steps.of(in, diagnostics);
    // Checked even when the steps failed, so that every contradiction is reported at once.
    Constraints constraints = Constraints.of(in, steps, diagnostics);
    if (steps.failed || constraints.failed) {
      return failed(in, diagnostics);
    }
    ReferenceChain chain = ReferenceChain.of(in, steps, constraints);
    Relations rel = new Relations(in, steps, constraints, chain, plan);
    GraphNode root = SubgraphBuilder.build(rel);
    TableEmitter.Tables tables = TableEmitter.emit(rel, root);

    List<GraphNf> nfs = new ArrayList<>();
    for (int i = 0; i < in.size(); i++) {
      nfs.add(
          new GraphNf(
              i,
              in.names.get(i),
              in.profiles.get(i),
              in.declared.get(i),
              chain.positionOf[steps.groupOf[i]],
              priorityOver(steps, i)));
    }
    List<List<Integer>> referenceChain = new ArrayList<>();
    for (int g : chain.order) {
      referenceChain.add(steps.groups.get(g));
    }
    boolean ip = in.profiles.stream().anyMatch(ActionProfile::rewritesIpChecksum);
    boolean l4 = in.profiles.stream().anyMatch(ActionProfile::rewritesL4Checksum);
    ServiceGraph graph =
        new ServiceGraph(
            ServiceGraph.FORMAT_VERSION,
            in.name,
            nfs,
            referenceChain,
            in.classifiers,
            root,
            tables.forwarding(),
            tables.merges(),
            tables.buffers(),
            new Egress(ip, l4),
            summary(rel, root, tables.buffers()));
    diagnostics.sort(Diagnostic.BY_LOCATION);
    return new GraphCompilation(in.name, graph, diagnostics, rel::record);
  }

  private static List<Integer> priorityOver(Steps steps, int nf) {
    return steps.groups.get(steps.groupOf[nf]).stream()
        .filter(m -> m != nf && steps.hasPriority(nf, m))
        .sorted()
        .toList();
  }

  private static GraphCompilation failed(GraphInput in, List<Diagnostic> diagnostics) {
    diagnostics.sort(Diagnostic.BY_LOCATION);
    return new GraphCompilation(in.name, null, diagnostics, null);
  }

  private static Summary summary(Relations rel, GraphNode root, List<BufferEntry> buffers) {
    int n = rel.in.size();
    long parallel = 0;
    long copy = 0;
    for (int i = 0; i < n; i++) {
      for (int j = i + 1; j < n; j++) {
        Relation r = rel.relation(rel.byRank[i], rel.byRank[j]);
        if (r == Relation.PARALLEL) {
          parallel++;
        } else if (r == Relation.PARALLEL_WITH_COPY) {
          copy++;
        }
      }
    }
    int header = (int) buffers.stream().filter(b -> b.copy() == CopyKind.HEADER_COPY).count();
    int full = (int) buffers.stream().filter(b -> b.copy() == CopyKind.FULL_COPY).count();
    return new Summary(
        n,
        n,
        length(root),
        width(root),
        blocks(root),
        header,
        full,
        (long) n * (n - 1) / 2,
        parallel,
        copy);
  }

  static int length(GraphNode node) {
    return switch (node) {
      case GraphNode.Nf nf -> 1;
      case GraphNode.Series s -> s.parts().stream().mapToInt(GraphCompiler::length).sum();
      case GraphNode.Parallel p ->
          p.branches().stream().mapToInt(GraphCompiler::length).max().orElse(0);
    };
  }

  static int width(GraphNode node) {
    return switch (node) {
      case GraphNode.Nf nf -> 1;
      case GraphNode.Series s -> s.parts().stream().mapToInt(GraphCompiler::width).max().orElse(1);
      case GraphNode.Parallel p ->
          Math.max(
              p.branches().size(),
              p.branches().stream().mapToInt(GraphCompiler::width).max().orElse(1));
    };
  }

  static int blocks(GraphNode node) {
    return switch (node) {
      case GraphNode.Nf nf -> 0;
      case GraphNode.Series s -> s.parts().stream().mapToInt(GraphCompiler::blocks).sum();
      case GraphNode.Parallel p -> 1 + p.branches().stream().mapToInt(GraphCompiler::blocks).sum();
    };
  }
}
