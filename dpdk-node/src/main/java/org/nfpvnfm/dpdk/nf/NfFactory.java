package org.nfpvnfm.dpdk.nf;

import org.nfpvnfm.engine.GraphNf;
import org.nfpvnfm.engine.ServiceGraph;

/** Makes the {@link NetworkFunction} for one NF of a graph being deployed on a node. */
@FunctionalInterface
public interface NfFactory {

  /**
   * The NF for {@code nf} of {@code graph}.
   *
   * @throws IllegalArgumentException when this factory has no implementation for the NF; the node
   *     then refuses the whole graph
   */
  NetworkFunction create(ServiceGraph graph, GraphNf nf);

  /** {@link ProfileNf}s, seeded by NF id as the engine's reference models are. */
  static NfFactory profileNfs() {
    return (graph, nf) -> new ProfileNf(nf.profile(), ProfileNf.seedFor(nf.id()));
  }
}
