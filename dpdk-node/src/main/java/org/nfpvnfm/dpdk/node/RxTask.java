package org.nfpvnfm.dpdk.node;

import org.nfpvnfm.dpdk.MbufBurst;
import org.nfpvnfm.dpdk.Mbufs;
import org.nfpvnfm.dpdk.Port;
import org.nfpvnfm.dpdk.classify.FlowClassifier;
import org.nfpvnfm.dpdk.packet.DropCounters;
import org.nfpvnfm.dpdk.packet.ParseStatus;
import org.nfpvnfm.dpdk.packet.ParsedPacket;

/**
 * Port receive and the classifier: parses each packet, drops and counts malformed ones, matches the
 * flow to a graph, stamps the packet's id, flow hash and acceptance time, and performs the graph's
 * classifier row. The graphs it feeds change at run time through {@link #route}: one volatile read
 * per burst, so a reconfiguration takes effect between bursts, never inside one.
 */
final class RxTask implements Task {

  /** One graph as the classifier sees it; the packet-id counter lives here (one writer: RX). */
  static final class Ingress {
    final RowPlan row;
    final Outbox[] outboxes;
    final Counter accepted = new Counter();
    final Counter refused = new Counter();
    long nextPacketId;
    long counted;
    // Packets this graph can still take in the current burst.
    int budget;

    Ingress(RowPlan row, Outbox[] outboxes) {
      this.row = row;
      this.outboxes = outboxes;
    }
  }

  /** What a burst is classified against: swapped whole, never changed. */
  record Routing(FlowClassifier classifier, Ingress[] graphs) {}

  private final Port port;
  private final String name;
  private final MbufBurst rx;
  private final ParsedPacket parsed = new ParsedPacket();
  private volatile long ratePps;
  private double tokens;
  private long lastRefill;
  private volatile Routing routing;
  private volatile boolean paused;
  private final Counter polls = new Counter();
  private final Counter progress = new Counter();
  final Counter received = new Counter();
  final Counter unclassified = new Counter();
  final DropCounters malformed = new DropCounters();

  RxTask(Port port, int burst, long ratePps, Routing routing) {
    this.port = port;
    this.name = "rx " + port.name();
    this.rx = new MbufBurst(burst);
    this.ratePps = ratePps;
    this.routing = routing;
  }

  @Override
  public String name() {
    return name;
  }

  void route(Routing next) {
    routing = next;
  }

  /** Takes at most {@code pps} packets per second from the port from now on (0: no limit). */
  void rate(long pps) {
    ratePps = pps;
  }

  /** Stops taking packets from the port (they wait in its queue) until resumed. */
  void pause(boolean pause) {
    paused = pause;
  }

  boolean paused() {
    return paused;
  }

  /** Counts polls, so the node can tell when a routing change has been seen. */
  long polls() {
    return polls.get();
  }

  @Override
  public int poll(long nowNanos) {
    polls.increment();
    if (paused) {
      return 0;
    }
    int max = rx.capacity();
    long rate = ratePps;
    if (rate > 0) {
      if (lastRefill == 0) {
        lastRefill = nowNanos;
      }
      // The bucket holds a millisecond's worth (a burst at least): a worker that slept between
      // polls (idle backoff) catches up over its next few polls, so the rate holds on average.
      double depth = Math.max(rx.capacity(), rate / 1000.0);
      tokens = Math.min(depth, tokens + (nowNanos - lastRefill) * 1e-9 * rate);
      lastRefill = nowNanos;
      max = (int) Math.min(tokens, rx.capacity());
      if (max == 0) {
        return 0;
      }
    } else {
      // No limit now: a limit set later starts with an empty bucket, from its own time.
      tokens = 0;
      lastRefill = 0;
    }
    Routing r = routing;
    // Backpressure to the port: when no graph can take a packet, leave them in the device's
    // queue (a NIC then counts what overflows as missed) instead of receiving only to refuse.
    int room = 0;
    for (Ingress in : r.graphs()) {
      in.budget = Outbox.room(in.outboxes, Integer.MAX_VALUE);
      room = Math.max(room, in.budget);
    }
    if (r.graphs().length > 0) {
      if (room == 0) {
        return 0;
      }
      // No more than the roomiest graph can take: with one graph, nothing is ever refused.
      max = Math.min(max, room);
    }
    int n = port.receive(rx, max);
    if (n == 0) {
      return 0;
    }
    if (rate > 0) {
      tokens -= n;
    }
    long accepted = System.nanoTime();
    for (int i = 0; i < n; i++) {
      long mbuf = rx.get(i);
      ParseStatus status = Mbufs.parse(mbuf, parsed);
      if (status.isMalformed()) {
        malformed.count(status);
        Mbufs.release(mbuf);
        continue;
      }
      int g = r.classifier().classify(parsed);
      if (g == FlowClassifier.NO_GRAPH) {
        unclassified.increment();
        Mbufs.release(mbuf);
        continue;
      }
      Ingress in = r.graphs()[g];
      if (in.budget == 0) {
        // The graph is behind (backpressure reached its first rings): refuse the packet here,
        // whole, rather than fan it out to branches of which some cannot take it.
        in.refused.increment();
        Mbufs.release(mbuf);
        continue;
      }
      in.budget--;
      PacketMeta.stamp(mbuf, in.nextPacketId++, FlowHash.of(parsed), accepted);
      in.row.perform(mbuf);
    }
    rx.clear();
    for (Ingress in : r.graphs()) {
      // Counted per burst: one store instead of one per packet. nextPacketId moved by exactly
      // the packets this graph accepted since the last count.
      in.accepted.add(in.nextPacketId - in.counted);
      in.counted = in.nextPacketId;
      for (Outbox o : in.outboxes) {
        o.flush();
      }
    }
    received.add(n);
    progress.add(n);
    return n;
  }

  @Override
  public long progress() {
    return progress.get();
  }
}
