package org.nfpvnfm.dpdk.node;

import java.util.HashMap;
import java.util.Map;
import java.util.function.Function;
import java.util.function.IntPredicate;
import org.nfpvnfm.dpdk.Mbufs;
import org.nfpvnfm.dpdk.Mempool;
import org.nfpvnfm.dpdk.packet.ParsedPacket;
import org.nfpvnfm.engine.CopyKind;
import org.nfpvnfm.engine.Endpoint;
import org.nfpvnfm.engine.ForwardingEntry;
import org.nfpvnfm.engine.Hop;

/**
 * One sender's forwarding row, compiled for the packet path: preallocated arrays of copy kinds,
 * buffer slots and targets, so that {@link #perform} allocates nothing (docs/dataplane-design.md,
 * "Forwarding rows").
 *
 * <p>Slot 0 is the sender's own buffer; each copy the row makes gets the next slot. Performing a
 * row makes every copy first, from its source as it is after the sender ran, then takes as many
 * references to each buffer as hops hand it over (releasing a buffer no hop hands over), and only
 * then stages the hand-overs, which {@link Outbox#flush} makes visible after the burst. No receiver
 * can therefore see a buffer before every copy of it exists: the engine's "copies first" rule.
 */
final class RowPlan {
  private static final int DEFAULT_HEADER_BYTES = 64;

  private final String sender;
  private final int hops;
  private final CopyKind[] copy;
  private final int[] sourceSlot;
  private final int[] slot;
  private final int[] handovers;
  private final Target[] targets;
  private final int[] version;
  private final long[] made;
  private final Mempool pool;
  private final Mempool headerPool;
  private final ParsedPacket parsed = new ParsedPacket();
  final Counter copyFailed = new Counter();
  // Copies made (header or full) and the bytes written into them: the copies' memory traffic.
  final Counter copies = new Counter();
  final Counter copiedBytes = new Counter();

  /**
   * Compiles {@code row}. {@code readsPayload} says whether an NF working on a buffer reads the
   * payload: a header copy for such a buffer is made as a full copy, since NFs read a packet
   * through its first segment and a header copy keeps its payload in the next one.
   *
   * @throws IllegalArgumentException when the row is not executable: no hops, a hop from a buffer
   *     that neither is the sender's nor was made earlier in the row, a shared hop that changes the
   *     buffer number, or a buffer made twice
   */
  RowPlan(
      ForwardingEntry row,
      String sender,
      Function<Endpoint, Target> targetOf,
      IntPredicate readsPayload,
      Mempool pool,
      Mempool headerPool) {
    this.sender = sender;
    this.pool = pool;
    this.headerPool = headerPool;
    this.hops = row.hops().size();
    if (hops == 0) {
      throw new IllegalArgumentException(sender + " has no hops: its packets would be lost");
    }
    copy = new CopyKind[hops];
    sourceSlot = new int[hops];
    slot = new int[hops];
    targets = new Target[hops];
    version = new int[hops];
    Map<Integer, Integer> slotOf = new HashMap<>();
    slotOf.put(row.buffer(), 0);
    for (int i = 0; i < hops; i++) {
      Hop hop = row.hops().get(i);
      Integer from = slotOf.get(hop.source());
      if (from == null) {
        throw new IllegalArgumentException(
            "%s: hop %d to %s copies buffer %d, which is neither its own (%d) nor made earlier in the row"
                .formatted(sender, i, hop.to(), hop.source(), row.buffer()));
      }
      if (hop.copy() == CopyKind.SHARED) {
        if (hop.buffer() != hop.source()) {
          throw new IllegalArgumentException(
              "%s: shared hop %d hands buffer %d as buffer %d (expected: the same number)"
                  .formatted(sender, i, hop.source(), hop.buffer()));
        }
        copy[i] = CopyKind.SHARED;
        slot[i] = from;
      } else {
        if (slotOf.containsKey(hop.buffer())) {
          throw new IllegalArgumentException(
              "%s: hop %d makes buffer %d, which the row already has"
                  .formatted(sender, i, hop.buffer()));
        }
        copy[i] =
            hop.copy() == CopyKind.HEADER_COPY && readsPayload.test(hop.buffer())
                ? CopyKind.FULL_COPY
                : hop.copy();
        sourceSlot[i] = from;
        slot[i] = slotOf.size();
        slotOf.put(hop.buffer(), slot[i]);
      }
      targets[i] = targetOf.apply(hop.to());
      version[i] = hop.to().kind() == Endpoint.Kind.MERGER ? row.version() : 0;
      if (version[i] < 0 || version[i] >= RingEntry.MAX_VERSIONS) {
        throw new IllegalArgumentException(
            "%s: version %d (expected: 0 to %d)"
                .formatted(sender, version[i], RingEntry.MAX_VERSIONS - 1));
      }
    }
    handovers = new int[slotOf.size()];
    for (int i = 0; i < hops; i++) {
      handovers[slot[i]]++;
    }
    made = new long[slotOf.size()];
  }

  /**
   * Hands {@code own} (one reference, which this takes) on as the row says. Returns false when a
   * copy could not be made (a pool ran dry): the packet is then given up whole, every buffer
   * released and the loss counted in {@link #copyFailed}, since a partial fan-out would leave its
   * merger waiting for versions that never come.
   */
  boolean perform(long own) {
    long[] m = made;
    m[0] = own;
    int headerBytes = 0;
    for (int i = 0; i < hops; i++) {
      CopyKind k = copy[i];
      if (k == CopyKind.SHARED) {
        continue;
      }
      long source = m[sourceSlot[i]];
      long c;
      int bytes;
      if (k == CopyKind.FULL_COPY) {
        c = Mbufs.fullCopy(source, pool);
        bytes = Mbufs.packetLength(source);
      } else {
        if (headerBytes == 0) {
          headerBytes = headerBytes(own);
        }
        c = Mbufs.headerCopy(source, headerPool, headerBytes);
        bytes = Math.min(headerBytes, Mbufs.packetLength(source));
      }
      if (c == 0) {
        giveUp(i);
        return false;
      }
      copies.increment();
      copiedBytes.add(bytes);
      PacketMeta.copy(own, c);
      m[slot[i]] = c;
    }
    for (int s = 0; s < handovers.length; s++) {
      int h = handovers[s];
      if (h == 0) {
        Mbufs.release(m[s]);
      }
      for (int extra = 1; extra < h; extra++) {
        Mbufs.share(m[s]);
      }
    }
    for (int i = 0; i < hops; i++) {
      long b = m[slot[i]];
      targets[i].add(RingEntry.of(b, version[i], false, false), b);
    }
    return true;
  }

  /** Every header a reader of the copy may touch: the parsed payload offset. */
  private int headerBytes(long mbuf) {
    Mbufs.parse(mbuf, parsed);
    int offset = parsed.payloadOffset();
    return offset > 0 ? offset : DEFAULT_HEADER_BYTES;
  }

  private void giveUp(int failedHop) {
    for (int i = 0; i < failedHop; i++) {
      if (copy[i] != CopyKind.SHARED) {
        Mbufs.release(made[slot[i]]);
      }
    }
    Mbufs.release(made[0]);
    copyFailed.increment();
  }

  @Override
  public String toString() {
    return "RowPlan[" + sender + ", " + hops + " hops]";
  }
}
