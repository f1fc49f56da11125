package org.nfpvnfm.engine;

import java.util.List;
import org.nfpvnfm.tosca.nfp.Classifier;

/**
 * A compiled forwarding graph: the most parallel service graph that gives the same result as the
 * reference chain (or, compiled for {@link NfpCompiler.Plan#SEQUENTIAL}, the reference chain step
 * by step), with the tables the dataplane runs it from. This is the contract between the engine and
 * compute nodes (local or remote, as JSON through {@link ServiceGraphJson}); {@code formatVersion}
 * changes whenever a change would make an older reader misread it.
 *
 * @param referenceChain the sequential chain the graph must agree with (spec §1), as steps in
 *     order: a step is one NF, or NFs that run together (priority, parallel position), listed from
 *     lowest to highest precedence. Flattened, it orders every NF: where two versions wrote a
 *     field, the later one's value survives.
 * @param classifiers the traffic this graph takes (empty: all)
 */
public record ServiceGraph(
    int formatVersion,
    String name,
    List<GraphNf> nfs,
    List<List<Integer>> referenceChain,
    List<Classifier> classifiers,
    GraphNode root,
    List<ForwardingEntry> forwarding,
    List<MergeEntry> merges,
    List<BufferEntry> buffers,
    Egress egress,
    Summary summary) {

  /** The version of this format that this code writes and reads. */
  public static final int FORMAT_VERSION = 1;

  public ServiceGraph {
    nfs = List.copyOf(nfs);
    referenceChain = referenceChain.stream().map(List::copyOf).toList();
    classifiers = List.copyOf(classifiers);
    forwarding = List.copyOf(forwarding);
    merges = List.copyOf(merges);
    buffers = List.copyOf(buffers);
  }

  public GraphNf nf(int id) {
    return nfs.get(id);
  }

  /** The NF with this name. */
  public java.util.Optional<GraphNf> nf(String name) {
    return nfs.stream().filter(n -> n.name().equals(name)).findFirst();
  }

  /** The reference chain flattened: every NF id, in the order the sequential chain runs them. */
  public List<Integer> sequentialOrder() {
    return referenceChain.stream().flatMap(List::stream).toList();
  }

  /**
   * Which plan this graph's shape is: {@link NfpCompiler.Plan#SEQUENTIAL} when the root runs the
   * reference chain one step after another (a step of several NFs as one parallel block of its
   * members, in step order), {@link NfpCompiler.Plan#PARALLEL} otherwise. Read from the shape, not
   * stored, so format version 1 needs no new field: a graph compiled for the parallel plan in which
   * nothing can run in parallel is its own sequential plan, with the same tables, and says so.
   */
  public NfpCompiler.Plan plan() {
    List<GraphNode> steps =
        root instanceof GraphNode.Series s && referenceChain.size() > 1 ? s.parts() : List.of(root);
    if (steps.size() != referenceChain.size()) {
      return NfpCompiler.Plan.PARALLEL;
    }
    for (int i = 0; i < steps.size(); i++) {
      List<Integer> members = referenceChain.get(i);
      boolean same =
          switch (steps.get(i)) {
            case GraphNode.Nf nf -> members.equals(List.of(nf.nf()));
            case GraphNode.Parallel p ->
                members.size() > 1
                    && p.branches().stream()
                        .map(b -> b instanceof GraphNode.Nf nf ? nf.nf() : -1)
                        .toList()
                        .equals(members);
            case GraphNode.Series s -> false;
          };
      if (!same) {
        return NfpCompiler.Plan.PARALLEL;
      }
    }
    return NfpCompiler.Plan.SEQUENTIAL;
  }

  /**
   * The shape on one line, with NF names: series joined by {@code ->}, parallel branches in braces
   * separated by {@code |}, nested as needed: {@code VPN -> {Monitor | FW} -> LB}.
   */
  public String shape() {
    return shape(root);
  }

  /** {@link #shape()} of one part of the tree. */
  public String shape(GraphNode node) {
    return switch (node) {
      case GraphNode.Nf nf -> nfs.get(nf.nf()).name();
      case GraphNode.Series s -> String.join(" -> ", s.parts().stream().map(this::shape).toList());
      case GraphNode.Parallel p ->
          "{" + String.join(" | ", p.branches().stream().map(this::shape).toList()) + "}";
    };
  }

  /** The forwarding-table row for {@code from}. */
  public ForwardingEntry forwardingFrom(Endpoint from) {
    return forwarding.stream()
        .filter(e -> e.from().equals(from))
        .findFirst()
        .orElseThrow(
            () -> new IllegalArgumentException("no forwarding entry for " + from + " in " + name));
  }
}
