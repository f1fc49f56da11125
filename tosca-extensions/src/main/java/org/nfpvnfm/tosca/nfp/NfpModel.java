package org.nfpvnfm.tosca.nfp;

import java.util.List;
import java.util.Optional;

/** Everything NFP-related in one template, in document order: the NFP engine's input. */
public record NfpModel(
    List<NetworkFunction> nfs, List<ForwardingGraph> graphs, List<NfpRule> rules) {

  public NfpModel {
    nfs = List.copyOf(nfs);
    graphs = List.copyOf(graphs);
    rules = List.copyOf(rules);
  }

  public Optional<NetworkFunction> nf(String name) {
    return nfs.stream().filter(n -> n.name().equals(name)).findFirst();
  }

  public Optional<ForwardingGraph> graph(String name) {
    return graphs.stream().filter(g -> g.name().equals(name)).findFirst();
  }

  /** The rules that apply to {@code graph}: those naming it and those for the whole template. */
  public List<NfpRule> rulesFor(String graph) {
    return rules.stream().filter(r -> r.graphs().isEmpty() || r.graphs().contains(graph)).toList();
  }
}
