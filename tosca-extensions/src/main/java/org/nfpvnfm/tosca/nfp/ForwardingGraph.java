package org.nfpvnfm.tosca.nfp;

import java.util.List;
import org.jspecify.annotations.Nullable;
import org.nfpvnfm.tosca.SourceLocation;

/**
 * One forwarding path: a Tacker {@code tosca.nodes.nfv.FP.TackerV2} node or a SOL001 {@code
 * tosca.nodes.nfv.NFP} node, with the NFs it visits in the order written, the classifiers that
 * select its traffic, and the VNFFG group it belongs to.
 *
 * @param name the path node template's name
 * @param group the {@code tosca.groups.nfv.VNFFG} group holding the path, if any
 * @param nfs NF names in path order, each once
 * @param classifiers empty when the path takes all traffic
 */
public record ForwardingGraph(
    String name,
    @Nullable String group,
    Shape shape,
    List<String> nfs,
    List<Classifier> classifiers,
    SourceLocation location) {

  /** Which descriptor family the path was read from. */
  public enum Shape {
    /**
     * Tacker's legacy VNFFGD: {@code FP.Tacker} / {@code FP.TackerV2} nodes with a {@code path}.
     */
    TACKER,
    /** ETSI SOL001 NSD: {@code NFP} → {@code NfpPosition} → {@code NfpPositionElement}. */
    SOL001
  }

  public ForwardingGraph {
    nfs = List.copyOf(nfs);
    classifiers = List.copyOf(classifiers);
  }
}
