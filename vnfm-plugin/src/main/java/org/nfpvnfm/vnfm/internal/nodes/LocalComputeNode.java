package org.nfpvnfm.vnfm.internal.nodes;

import java.util.List;
import java.util.Optional;
import org.jspecify.annotations.Nullable;
import org.nfpvnfm.dpdk.DpdkException;
import org.nfpvnfm.dpdk.Eal;
import org.nfpvnfm.dpdk.nf.NetworkFunction;
import org.nfpvnfm.dpdk.nf.NfFactory;
import org.nfpvnfm.dpdk.nf.NfImplementations;
import org.nfpvnfm.dpdk.nf.ProfileNf;
import org.nfpvnfm.dpdk.node.Node;
import org.nfpvnfm.dpdk.node.NodeConfig;
import org.nfpvnfm.dpdk.node.NodeStats;
import org.nfpvnfm.engine.ServiceGraph;
import org.nfpvnfm.tosca.nfp.NfImplementation;
import org.nfpvnfm.tosca.nfp.NfpModel;
import org.nfpvnfm.vnfm.VnfmConfig;

/**
 * The compute node in the VNFM's own process: a DPDK EAL (vdevs, no hugepages by default) and a
 * {@link Node}. NFs whose descriptor names an installed implementation run it; the others run as
 * profile models.
 */
public final class LocalComputeNode implements ComputeNode {
  public static final String NAME = "local";

  private final Node node;
  private final List<NfImplementations> implementations = NfImplementations.load();

  private LocalComputeNode(Node node) {
    this.node = node;
  }

  /**
   * Starts the EAL with the configured arguments, unless this process runs one already (a test, or
   * a program embedding the VNFM), and a node on the configured ports.
   */
  public static LocalComputeNode start(VnfmConfig.LocalNodeConfig config) {
    try {
      if (Eal.current().isEmpty()) {
        Eal.start(config.eal());
      }
      NodeConfig nc =
          NodeConfig.defaults(config.inPort())
              .withPorts(
                  config.inPort(), config.outPort().isEmpty() ? config.inPort() : config.outPort())
              .withWorkers(config.workers())
              .withPools(config.poolSize(), NodeConfig.defaults(config.inPort()).headerPoolSize());
      return new LocalComputeNode(Node.start(nc));
    } catch (DpdkException e) {
      throw new NodeException("the local compute node cannot start: " + e.getMessage(), false, e);
    }
  }

  @Override
  public String name() {
    return NAME;
  }

  @Override
  public String location() {
    return "in-process (" + node.config().inPort() + ")";
  }

  @Override
  public int workers() {
    return node.config().workers();
  }

  @Override
  public void deploy(String deployment, ServiceGraph graph, @Nullable NfpModel model) {
    try {
      if (node.graphs().contains(deployment)) {
        node.replace(deployment, graph, factory(model));
      } else {
        node.deploy(deployment, graph, factory(model));
      }
    } catch (IllegalArgumentException | IllegalStateException | DpdkException e) {
      throw new NodeException(
          "the local node refused " + deployment + ": " + e.getMessage(), false, e);
    }
  }

  private NfFactory factory(@Nullable NfpModel model) {
    return (graph, nf) -> {
      NfImplementation impl =
          model == null
              ? null
              : model
                  .nf(nf.name())
                  .map(org.nfpvnfm.tosca.nfp.NetworkFunction::implementation)
                  .orElse(null);
      if (impl != null) {
        for (NfImplementations i : implementations) {
          Optional<NetworkFunction> made = i.create(nf, impl);
          if (made.isPresent()) {
            return made.get();
          }
        }
      }
      return new ProfileNf(nf.profile(), ProfileNf.seedFor(nf.id()));
    };
  }

  @Override
  public void undeploy(String deployment) {
    try {
      if (node.graphs().contains(deployment)) {
        node.undeploy(deployment);
      }
    } catch (IllegalArgumentException | IllegalStateException | DpdkException e) {
      throw new NodeException(
          "the local node cannot remove " + deployment + ": " + e.getMessage(), false, e);
    }
  }

  @Override
  public void setMergers(String deployment, int mergers) {
    try {
      node.setMergers(deployment, mergers);
    } catch (IllegalArgumentException | IllegalStateException | DpdkException e) {
      throw new NodeException(
          "the local node cannot set "
              + mergers
              + " mergers on "
              + deployment
              + ": "
              + e.getMessage(),
          false,
          e);
    }
  }

  @Override
  public List<String> deployments() {
    return node.graphs();
  }

  @Override
  public NodeStats stats() {
    return node.stats();
  }

  /** The node itself, for the embedded demo and tests. */
  public Node node() {
    return node;
  }

  @Override
  public void close() {
    node.close();
  }
}
