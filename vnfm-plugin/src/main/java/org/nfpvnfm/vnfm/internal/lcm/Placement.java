package org.nfpvnfm.vnfm.internal.lcm;

import java.util.List;

/**
 * Where an instance's graphs run: one node (the consolidation rule), and per graph its deployment
 * name there, its shape and its merger instances per block.
 */
public record Placement(String node, List<Deployment> deployments) {

  public Placement {
    deployments = List.copyOf(deployments);
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
