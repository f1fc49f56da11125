package org.nfpvnfm.vnfm.internal.nodes;

import java.util.List;
import org.jspecify.annotations.Nullable;
import org.nfpvnfm.dpdk.node.NodeStats;
import org.nfpvnfm.engine.ServiceGraph;
import org.nfpvnfm.tosca.nfp.NfpModel;

/**
 * A DPDK compute node as the lifecycle drives it: deployments of service graphs by name. Every
 * change returns once the node has made it (a replaced or removed graph drained, so no accepted
 * packet is lost); a node that cannot be reached or refuses throws {@link NodeException}.
 */
public interface ComputeNode extends AutoCloseable {

  /** The node's name in configuration and in the VNFM's records. */
  String name();

  /** Where the node is: {@code local} or its agent's URI. */
  String location();

  /** The node's worker cores. */
  int workers();

  /**
   * Deploys {@code graph} as {@code deployment}; replaces the graph of that name if there is one
   * (new NF instances: what healing does). {@code model} names the NFs' implementations where the
   * node can run them; without it, or where none is installed, NFs run as profile models.
   */
  void deploy(String deployment, ServiceGraph graph, @Nullable NfpModel model);

  /** Removes {@code deployment} after draining it; nothing happens when it is not deployed. */
  void undeploy(String deployment);

  /** Runs {@code mergers} merger instances per parallel block of {@code deployment}. */
  void setMergers(String deployment, int mergers);

  /** The deployments on the node, in classifier order. */
  List<String> deployments();

  /**
   * How loaded the node is for placement: its deployments per worker. A remote node answers it in
   * one request, so that a node which does not answer costs one timeout.
   */
  default double load() {
    return (double) deployments().size() / Math.max(1, workers());
  }

  /** Every counter of the node. */
  NodeStats stats();

  @Override
  void close();
}
