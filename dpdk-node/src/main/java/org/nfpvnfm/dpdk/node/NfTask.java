package org.nfpvnfm.dpdk.node;

import org.jspecify.annotations.Nullable;
import org.nfpvnfm.dpdk.MbufBurst;
import org.nfpvnfm.dpdk.Mbufs;
import org.nfpvnfm.dpdk.Ring;
import org.nfpvnfm.dpdk.nf.NetworkFunction;
import org.nfpvnfm.dpdk.nf.PacketBatch;

/**
 * The runtime of one NF (docs/dataplane-design.md, "NF runtimes"): takes a burst from each of its
 * receive rings in turn (one per sender, so each ring has one producer), parses the packets, calls
 * the NF, and hands every packet on itself as its forwarding row says, or, when the NF dropped it,
 * as its drop rule says: to its merger marked dropped inside a parallel block, freed outside.
 */
final class NfTask implements Task {
  private final String name;
  private final NetworkFunction nf;
  private final RowPlan row;
  private final @Nullable Target dropTarget;
  private final int dropVersion;
  private final Ring[] in;
  private final Outbox[] outboxes;
  private final MbufBurst entries;
  private final PacketBatch batch;
  private final long[] malformed;
  private int next;

  final Counter received = new Counter();
  final Counter passed = new Counter();
  final Counter dropped = new Counter();
  final Counter failed = new Counter();
  final Counter malformedDropped = new Counter();
  private final Counter progress = new Counter();
  // The NF's own cost, sampled: one burst in COST_SAMPLE is timed (two clock reads), which keeps
  // the clock's cost off most bursts; written by the worker, read by stats().
  final Counter timedPackets = new Counter();
  final Counter timedNanos = new Counter();
  private int bursts;
  private volatile @Nullable Throwable lastFailure;

  /** One burst in this many has the NF's processing time measured. */
  static final int COST_SAMPLE = 8;

  NfTask(
      String name,
      NetworkFunction nf,
      RowPlan row,
      @Nullable Target dropTarget,
      int dropVersion,
      Ring[] in,
      Outbox[] outboxes,
      int burst) {
    this.name = name;
    this.nf = nf;
    this.row = row;
    this.dropTarget = dropTarget;
    this.dropVersion = dropVersion;
    this.in = in;
    this.outboxes = outboxes;
    this.entries = new MbufBurst(burst);
    this.batch = new PacketBatch(burst);
    this.malformed = new long[burst];
  }

  @Override
  public String name() {
    return name;
  }

  @Override
  public int poll(long nowNanos) {
    int total = 0;
    int rings = in.length;
    for (int r = 0; r < rings; r++) {
      // Backpressure: a packet puts at most one entry in each outbox, so taking no more than the
      // least room downstream means nothing this NF passes on can meet a full ring. A slow
      // receiver therefore holds packets back up to the classifier, which refuses new ones.
      int room = Outbox.room(outboxes, entries.capacity());
      if (room == 0) {
        break;
      }
      Ring ring = in[(next + r) % rings];
      int n = ring.dequeue(entries, room);
      if (n > 0) {
        process(n);
        total += n;
        for (Outbox o : outboxes) {
          o.flush();
        }
      }
    }
    next++;
    if (total > 0) {
      progress.add(total);
    }
    return total;
  }

  private void process(int n) {
    batch.clear();
    int bad = 0;
    for (int i = 0; i < n; i++) {
      long mbuf = RingEntry.mbuf(entries.get(i));
      if (batch.add(mbuf, PacketMeta.flowHash(mbuf)).isMalformed()) {
        // An upstream NF broke the packet: this NF must not see it, and nobody can say what the
        // chain would have done with it.
        batch.removeLast();
        malformed[bad++] = mbuf;
      }
    }
    entries.clear();
    received.add(n);
    for (int b = 0; b < bad; b++) {
      fail(malformed[b]);
    }
    malformedDropped.add(bad);
    boolean threw = false;
    boolean timed = (bursts++ & (COST_SAMPLE - 1)) == 0 && batch.size() > 0;
    long start = timed ? System.nanoTime() : 0;
    try {
      nf.process(batch);
    } catch (RuntimeException | LinkageError | AssertionError e) {
      threw = true;
      lastFailure = e;
    }
    if (timed && !threw) {
      timedNanos.add(System.nanoTime() - start);
      timedPackets.add(batch.size());
    }
    int size = batch.size();
    int passedHere = 0;
    int droppedHere = 0;
    for (int i = 0; i < size; i++) {
      long mbuf = batch.mbuf(i);
      if (threw) {
        fail(mbuf);
      } else if (batch.isDropped(i)) {
        droppedHere++;
        if (dropTarget != null) {
          dropTarget.add(RingEntry.of(mbuf, dropVersion, true, false), mbuf);
        } else {
          Mbufs.release(mbuf);
        }
      } else {
        passedHere++;
        row.perform(mbuf);
      }
    }
    if (threw) {
      failed.add(size);
    }
    passed.add(passedHere);
    dropped.add(droppedHere);
  }

  /** A packet nobody can vouch for: its merger gives the packet up, or it is freed here. */
  private void fail(long mbuf) {
    if (dropTarget != null) {
      dropTarget.add(RingEntry.of(mbuf, dropVersion, false, true), mbuf);
    } else {
      Mbufs.release(mbuf);
    }
  }

  RowPlan row() {
    return row;
  }

  Ring[] in() {
    return in;
  }

  /** Whether drops and failures go to a merger (the NF is inside a parallel block). */
  boolean insideBlock() {
    return dropTarget != null;
  }

  Outbox[] outboxes() {
    return outboxes;
  }

  @Nullable Throwable lastFailure() {
    return lastFailure;
  }

  @Override
  public long progress() {
    return progress.get();
  }
}
