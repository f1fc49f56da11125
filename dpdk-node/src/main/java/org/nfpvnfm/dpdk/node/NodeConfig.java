package org.nfpvnfm.dpdk.node;

import java.time.Duration;
import java.util.Map;

/**
 * How a {@link Node} runs. {@link #defaults} suits tests and small machines; every field has a
 * wither.
 *
 * @param inPort the port packets arrive on: the name of a port the EAL has ({@code net_ring0}) or
 *     the devargs of a virtual device to attach ({@code net_pcap0,rx_pcap=in.pcap})
 * @param outPort the port packets leave by; the same string as {@code inPort} uses one port
 * @param workers worker threads (cores); tasks are placed on them ({@link NodeStats#workers})
 * @param burst packets per ring or port operation
 * @param ringSize entries per ring, a power of two
 * @param poolSize mbufs in the packet pool (receive buffers and full copies)
 * @param headerPoolSize mbufs in the header-copy pool
 * @param mergers merger instances per parallel block, balanced by the merger agent
 * @param balance what the merger agent balances on
 * @param mergerCapacity packets each merger instance can hold waiting, a power of two
 * @param mergerTimeout how long a merger waits for a packet's last version
 * @param idle what a worker does when it finds no work
 * @param rxRatePps the most packets per second the node takes from its port (0: no limit), for
 *     latency measurements at a given load
 * @param placement explicit worker for tasks, by task name ({@code "graph/nf"}, {@code "graph/merge
 *     0#1"}, {@code "rx"}, {@code "tx"}); the others are placed by the node
 */
public record NodeConfig(
    String inPort,
    String outPort,
    int workers,
    int burst,
    int ringSize,
    int poolSize,
    int headerPoolSize,
    int mergers,
    Balance balance,
    int mergerCapacity,
    Duration mergerTimeout,
    Idle idle,
    long rxRatePps,
    Map<String, Integer> placement) {

  /** What the merger agent balances packets on; all versions of one packet share both keys. */
  public enum Balance {
    /** The flow hash: a flow stays on one merger, so packets of a flow leave in order. */
    FLOW,
    /** The packet id, as the paper does: the most even spread, but a flow's packets may reorder. */
    PACKET_ID
  }

  /** What a worker does when a round of its tasks found no work. */
  public enum Idle {
    SPIN,
    BACKOFF
  }

  public NodeConfig {
    placement = Map.copyOf(placement);
    check(workers >= 1, "workers", workers, ">= 1");
    check(burst >= 1 && burst <= 512, "burst", burst, "1 to 512");
    check(ringSize >= 2 && Integer.bitCount(ringSize) == 1, "ringSize", ringSize, "a power of two");
    check(poolSize >= 2 * burst, "poolSize", poolSize, ">= 2 * burst");
    check(headerPoolSize >= 2, "headerPoolSize", headerPoolSize, ">= 2");
    check(mergers >= 1, "mergers", mergers, ">= 1");
    check(
        mergerCapacity >= 1 && Integer.bitCount(mergerCapacity) == 1,
        "mergerCapacity",
        mergerCapacity,
        "a power of two");
    check(
        !mergerTimeout.isNegative() && !mergerTimeout.isZero(),
        "mergerTimeout",
        mergerTimeout,
        "> 0");
    check(rxRatePps >= 0, "rxRatePps", rxRatePps, ">= 0");
    placement.forEach(
        (task, worker) ->
            check(
                worker >= 0 && worker < workers,
                "placement of " + task,
                worker,
                "0 to " + (workers - 1)));
  }

  private static void check(boolean ok, String what, Object value, String expected) {
    if (!ok) {
      throw new IllegalArgumentException(what + ": " + value + " (expected: " + expected + ")");
    }
  }

  /** One port for both directions, two workers, back-off idling. */
  public static NodeConfig defaults(String port) {
    return new NodeConfig(
        port,
        port,
        2,
        32,
        1024,
        8191,
        8191,
        1,
        Balance.FLOW,
        4096,
        Duration.ofMillis(20),
        Idle.BACKOFF,
        0,
        Map.of());
  }

  public NodeConfig withPorts(String in, String out) {
    return new NodeConfig(
        in,
        out,
        workers,
        burst,
        ringSize,
        poolSize,
        headerPoolSize,
        mergers,
        balance,
        mergerCapacity,
        mergerTimeout,
        idle,
        rxRatePps,
        placement);
  }

  public NodeConfig withWorkers(int n) {
    return new NodeConfig(
        inPort,
        outPort,
        n,
        burst,
        ringSize,
        poolSize,
        headerPoolSize,
        mergers,
        balance,
        mergerCapacity,
        mergerTimeout,
        idle,
        rxRatePps,
        placement);
  }

  public NodeConfig withRingSize(int n) {
    return new NodeConfig(
        inPort,
        outPort,
        workers,
        burst,
        n,
        poolSize,
        headerPoolSize,
        mergers,
        balance,
        mergerCapacity,
        mergerTimeout,
        idle,
        rxRatePps,
        placement);
  }

  public NodeConfig withPools(int packets, int headers) {
    return new NodeConfig(
        inPort,
        outPort,
        workers,
        burst,
        ringSize,
        packets,
        headers,
        mergers,
        balance,
        mergerCapacity,
        mergerTimeout,
        idle,
        rxRatePps,
        placement);
  }

  public NodeConfig withMergers(int n, Balance by) {
    return new NodeConfig(
        inPort,
        outPort,
        workers,
        burst,
        ringSize,
        poolSize,
        headerPoolSize,
        n,
        by,
        mergerCapacity,
        mergerTimeout,
        idle,
        rxRatePps,
        placement);
  }

  public NodeConfig withMergerTimeout(Duration timeout) {
    return new NodeConfig(
        inPort,
        outPort,
        workers,
        burst,
        ringSize,
        poolSize,
        headerPoolSize,
        mergers,
        balance,
        mergerCapacity,
        timeout,
        idle,
        rxRatePps,
        placement);
  }

  public NodeConfig withIdle(Idle how) {
    return new NodeConfig(
        inPort,
        outPort,
        workers,
        burst,
        ringSize,
        poolSize,
        headerPoolSize,
        mergers,
        balance,
        mergerCapacity,
        mergerTimeout,
        how,
        rxRatePps,
        placement);
  }

  public NodeConfig withRxRate(long pps) {
    return new NodeConfig(
        inPort,
        outPort,
        workers,
        burst,
        ringSize,
        poolSize,
        headerPoolSize,
        mergers,
        balance,
        mergerCapacity,
        mergerTimeout,
        idle,
        pps,
        placement);
  }

  public NodeConfig withPlacement(Map<String, Integer> tasks) {
    return new NodeConfig(
        inPort,
        outPort,
        workers,
        burst,
        ringSize,
        poolSize,
        headerPoolSize,
        mergers,
        balance,
        mergerCapacity,
        mergerTimeout,
        idle,
        rxRatePps,
        tasks);
  }
}
