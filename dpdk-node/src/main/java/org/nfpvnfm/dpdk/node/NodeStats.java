package org.nfpvnfm.dpdk.node;

import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;
import org.nfpvnfm.dpdk.PortStats;

/**
 * A snapshot of a node's counters (docs/dpdk-node.md, "Statistics"). Counters only grow; latency is
 * over every packet delivered since the graph was deployed.
 */
public record NodeStats(
    List<Port> ports,
    List<Graph> graphs,
    List<Nf> nfs,
    List<Merger> mergers,
    List<Pool> pools,
    List<Worker> workers) {

  public NodeStats {
    ports = List.copyOf(ports);
    graphs = List.copyOf(graphs);
    nfs = List.copyOf(nfs);
    mergers = List.copyOf(mergers);
    pools = List.copyOf(pools);
    workers = List.copyOf(workers);
  }

  /**
   * A port: the device's own counters, and what the node dropped at receive (malformed, by parse
   * status; no graph) and transmit (the device refused).
   */
  public record Port(
      String name,
      PortStats device,
      long received,
      Map<String, Long> malformed,
      long unclassified,
      long sent,
      long txDropped) {
    public Port {
      malformed = Map.copyOf(malformed);
    }
  }

  /** Latency from acceptance (after classification) to transmit, in nanoseconds. */
  public record Latency(long count, long p50, long p90, long p99, long p999, long max) {}

  /**
   * A graph: packets the classifier accepted for it, and those it refused because the graph was
   * behind (backpressure reached its first rings; not accepted, so never lost inside); packets
   * delivered to the egress; and every drop of an accepted packet by reason (NF verdicts, merge
   * verdicts, failures, full rings, copies without mbufs, merge timeouts and the rest). {@code
   * copies} are the header and full copies its forwarding rows made and {@code copiedBytes} the
   * bytes written into them (a shared copy writes none), next to {@code deliveredBytes}: the
   * copies' memory overhead.
   */
  public record Graph(
      String name,
      String shape,
      int mergers,
      long accepted,
      long refused,
      long delivered,
      long deliveredBytes,
      long copies,
      long copiedBytes,
      Map<String, Long> drops,
      Latency latency,
      int queued,
      int pending) {
    public Graph {
      drops = Map.copyOf(drops);
    }

    public long dropped() {
      return drops.values().stream().mapToLong(Long::longValue).sum();
    }
  }

  /**
   * An NF runtime. {@code ringFill} is the entries waiting in its receive rings. The NF's own
   * processing time (its {@code process} call, without the runtime's parsing and forwarding) is
   * sampled on one burst in eight: {@code timedNanos} over {@code timedPackets} packets.
   */
  public record Nf(
      String graph,
      String name,
      int worker,
      long received,
      long passed,
      long dropped,
      long failed,
      long malformed,
      long ringFull,
      long copyFailed,
      int ringFill,
      int ringCapacity,
      long timedPackets,
      long timedNanos,
      @Nullable String lastFailure) {

    /** The NF's own cost per packet, from the samples; 0 before the first. */
    public double nanosPerPacket() {
      return timedPackets == 0 ? 0 : (double) timedNanos / timedPackets;
    }
  }

  /** A merger instance. */
  public record Merger(
      String graph,
      int merge,
      int instance,
      int worker,
      long merged,
      long dropped,
      long timedOut,
      long collisions,
      long duplicates,
      long failed,
      long unsupportedHeaderOps,
      int pending,
      long ringFull,
      int ringFill) {}

  public record Pool(String name, int size, int inUse) {}

  /**
   * A worker core: its DPDK lcore id, the CPU it is pinned to (-1: any of the process's), its
   * tasks, rounds so far, tasks that threw, and, when it has been inside one task for more than a
   * millisecond, which one and for how long (a stalled NF).
   */
  public record Worker(
      int index,
      int lcore,
      int cpu,
      List<String> tasks,
      long loops,
      long taskFailures,
      @Nullable String stalledIn,
      long stalledMillis) {
    public Worker {
      tasks = List.copyOf(tasks);
    }
  }

  public @Nullable Graph graph(String name) {
    return graphs.stream().filter(g -> g.name().equals(name)).findFirst().orElse(null);
  }
}
