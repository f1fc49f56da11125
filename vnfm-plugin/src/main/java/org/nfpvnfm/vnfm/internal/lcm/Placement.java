package org.nfpvnfm.vnfm.internal.lcm;

import java.util.List;
import org.nfpvnfm.engine.NfpCompiler;

/**
 * Where an instance's graphs run: one node (the consolidation rule), the plan they were compiled
 * with (the instantiation's {@code additionalParams.nfpPlan}; a heal compiles with it again), and
 * per graph its deployment name there, its shape and its merger instances per block.
 */
public record Placement(String node, List<Deployment> deployments, NfpCompiler.Plan plan) {

  @SuppressWarnings("NullAway") // a placement recorded before plans were recorded has none
  public Placement {
    deployments = List.copyOf(deployments);
    if (plan == null) {
      plan = NfpCompiler.Plan.PARALLEL;
    }
  }

  /** This placement with {@code next} as its deployments. */
  public Placement with(List<Deployment> next) {
    return new Placement(node, next, plan);
  }

  /**
   * @param graph the graph's name in the package (its forwarding path)
   * @param deployment the name it is deployed under on the node
   * @param shape the compiled graph's shape, e.g. {@code VPN -> {MON | FW} -> LB}
   * @param nfs the graph's NFs
   * @param mergers merger instances per parallel block
   */
  public record Deployment(
      String graph, String deployment, String shape, List<String> nfs, int mergers) {}
}
