package org.nfpvnfm.dpdk.node;

import java.util.Arrays;
import org.nfpvnfm.dpdk.MbufBurst;
import org.nfpvnfm.dpdk.Mbufs;
import org.nfpvnfm.dpdk.Mempool;
import org.nfpvnfm.dpdk.Port;
import org.nfpvnfm.dpdk.Ring;
import org.nfpvnfm.dpdk.packet.Checksums;
import org.nfpvnfm.dpdk.packet.ParsedPacket;

/**
 * The egress: takes finished packets from every graph's egress rings, recomputes the checksums the
 * graph's NFs invalidated ({@code ServiceGraph.egress()}), records each packet's latency since it
 * was accepted, and transmits. A chained packet (a header copy) whose L4 checksum must be redone is
 * first made one segment, since the checksum covers the payload in the next segment.
 */
final class TxTask implements Task {

  /** One sender's egress ring and what its graph needs at the egress. */
  record EgressRing(Ring ring, boolean ipChecksum, boolean l4Checksum, GraphCounters graph) {}

  /** Per graph, written by this task only. */
  static final class GraphCounters {
    final Counter delivered = new Counter();
    final Counter deliveredBytes = new Counter();
    // Packets that needed a one-segment copy for their L4 checksum when the pool was dry.
    final Counter egressFailed = new Counter();
    final LatencyRecorder latency = new LatencyRecorder();
  }

  private final Port port;
  private final String name;
  private final Mempool pool;
  private final MbufBurst entries;
  private final MbufBurst out;
  private final ParsedPacket parsed = new ParsedPacket();
  private volatile EgressRing[] in = new EgressRing[0];
  private final Counter progress = new Counter();
  final Counter sent = new Counter();
  final Counter txDropped = new Counter();

  TxTask(Port port, Mempool pool, int burst) {
    this.port = port;
    this.name = "tx " + port.name();
    this.pool = pool;
    this.entries = new MbufBurst(burst);
    this.out = new MbufBurst(burst);
  }

  @Override
  public String name() {
    return name;
  }

  void add(EgressRing ring) {
    EgressRing[] now = in;
    EgressRing[] more = Arrays.copyOf(now, now.length + 1);
    more[now.length] = ring;
    in = more;
  }

  void remove(Ring ring) {
    in = Arrays.stream(in).filter(e -> e.ring() != ring).toArray(EgressRing[]::new);
  }

  @Override
  public int poll(long nowNanos) {
    int total = 0;
    for (EgressRing e : in) {
      int n = e.ring().dequeue(entries);
      if (n == 0) {
        continue;
      }
      long now = System.nanoTime();
      int failed = 0;
      long bytes = 0;
      for (int i = 0; i < n; i++) {
        long mbuf = RingEntry.mbuf(entries.get(i));
        if (e.ipChecksum() || e.l4Checksum()) {
          mbuf = fixChecksums(mbuf, e);
          if (mbuf == 0) {
            failed++;
            continue;
          }
        }
        e.graph().latency.record(now - PacketMeta.acceptedNanos(mbuf));
        bytes += Mbufs.packetLength(mbuf);
        out.add(mbuf);
      }
      entries.clear();
      e.graph().delivered.add(n - failed);
      e.graph().deliveredBytes.add(bytes);
      if (failed > 0) {
        e.graph().egressFailed.add(failed);
      }
      send();
      total += n;
    }
    for (EgressRing e : in) {
      e.graph().latency.endOfBurst();
    }
    if (total > 0) {
      progress.add(total);
    }
    return total;
  }

  private long fixChecksums(long mbuf, EgressRing e) {
    long m = mbuf;
    if (e.l4Checksum() && Mbufs.segments(m) > 1) {
      long flat = Mbufs.fullCopy(m, pool);
      Mbufs.release(m);
      if (flat == 0) {
        return 0;
      }
      m = flat;
    }
    Mbufs.parse(m, parsed);
    if (e.ipChecksum()) {
      Checksums.rewriteIpv4HeaderChecksum(parsed);
    }
    if (e.l4Checksum()) {
      Checksums.rewriteL4Checksum(parsed);
    }
    return m;
  }

  private void send() {
    int size = out.size();
    if (size == 0) {
      return;
    }
    int n = port.transmit(out);
    out.releaseFrom(n);
    sent.add(n);
    if (n < size) {
      txDropped.add(size - n);
    }
  }

  @Override
  public long progress() {
    return progress.get();
  }
}
