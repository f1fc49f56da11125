package org.nfpvnfm.dpdk.agent;

import java.util.List;
import java.util.Map;
import org.nfpvnfm.dpdk.node.NodeConfig;

/**
 * {@code GET /api/v1/node}: how the node runs, its ports, its workers with the tasks placed on
 * each, and the graphs deployed on it.
 */
public record NodeInfo(Config config, List<Port> ports, List<Worker> workers, List<String> graphs) {

  public NodeInfo {
    ports = List.copyOf(ports);
    workers = List.copyOf(workers);
    graphs = List.copyOf(graphs);
  }

  /**
   * The node's {@link NodeConfig}, field by field; {@code mergerTimeout} is an ISO-8601 duration
   * ({@code PT0.02S}).
   */
  public record Config(
      String inPort,
      String outPort,
      int workers,
      int burst,
      int ringSize,
      int poolSize,
      int headerPoolSize,
      int mergers,
      NodeConfig.Balance balance,
      int mergerCapacity,
      String mergerTimeout,
      NodeConfig.Idle idle,
      long rxRatePps,
      Map<String, Integer> placement) {

    public Config {
      placement = Map.copyOf(placement);
    }

    public static Config of(NodeConfig c) {
      return new Config(
          c.inPort(),
          c.outPort(),
          c.workers(),
          c.burst(),
          c.ringSize(),
          c.poolSize(),
          c.headerPoolSize(),
          c.mergers(),
          c.balance(),
          c.mergerCapacity(),
          c.mergerTimeout().toString(),
          c.idle(),
          c.rxRatePps(),
          c.placement());
    }
  }

  /**
   * A port by its DPDK name, and what the node uses it for: {@code in}, {@code out}, or {@code
   * in+out} for a node that sends packets back out of the port they came in on.
   */
  public record Port(String name, String role) {}

  /** A worker core: its index, its DPDK lcore id, and the tasks placed on it, in its loop order. */
  public record Worker(int index, int lcore, List<String> tasks) {
    public Worker {
      tasks = List.copyOf(tasks);
    }
  }
}
