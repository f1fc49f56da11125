package org.nfpvnfm.dpdk.node;

import org.jspecify.annotations.Nullable;
import org.nfpvnfm.dpdk.MbufBurst;
import org.nfpvnfm.dpdk.Ring;

/**
 * One merger instance on a worker: takes the versions its senders hand it (a ring per sender),
 * feeds them to its {@link Merger}, and performs the merger's row with each packet it completes, or
 * hands the packet to the parent block's merger when the verdict (or a failed branch) must travel
 * up. Gives up packets whose versions do not all come within the timeout, checked every {@link
 * #EXPIRE_EVERY_NANOS}, so a lost version costs a counter, not a leak.
 */
final class MergerTask implements Task {
  static final long EXPIRE_EVERY_NANOS = 200_000;

  private final String name;
  private final Merger merger;
  private final RowPlan row;
  private final @Nullable Target parent;
  private final int parentVersion;
  private final Ring[] in;
  private final Outbox[] outboxes;
  private final MbufBurst entries;
  private final long timeoutNanos;
  private long lastExpire;
  private int next;
  private final Counter progress = new Counter();
  final Counter planErrors = new Counter();

  MergerTask(
      String name,
      Merger merger,
      RowPlan row,
      @Nullable Target parent,
      int parentVersion,
      Ring[] in,
      Outbox[] outboxes,
      int burst,
      long timeoutNanos) {
    this.name = name;
    this.merger = merger;
    this.row = row;
    this.parent = parent;
    this.parentVersion = parentVersion;
    this.in = in;
    this.outboxes = outboxes;
    this.entries = new MbufBurst(burst);
    this.timeoutNanos = timeoutNanos;
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
      // Backpressure as in NfTask: an arrival completes at most one packet, one entry per outbox.
      int room = Outbox.room(outboxes, entries.capacity());
      if (room == 0) {
        break;
      }
      int n = in[(next + r) % rings].dequeue(entries, room);
      for (int i = 0; i < n; i++) {
        arrive(entries.get(i), nowNanos);
      }
      entries.clear();
      total += n;
      if (n > 0) {
        for (Outbox o : outboxes) {
          o.flush();
        }
      }
    }
    next++;
    if (nowNanos - lastExpire > EXPIRE_EVERY_NANOS) {
      lastExpire = nowNanos;
      merger.expire(nowNanos, timeoutNanos);
    }
    if (total > 0) {
      progress.add(total);
    }
    return total;
  }

  private void arrive(long entry, long nowNanos) {
    long mbuf = RingEntry.mbuf(entry);
    long out;
    try {
      out =
          merger.arrive(
              PacketMeta.packetId(mbuf),
              RingEntry.version(entry),
              mbuf,
              RingEntry.dropped(entry),
              RingEntry.failed(entry),
              nowNanos);
    } catch (IndexOutOfBoundsException e) {
      // A version the merge entry does not have: a plan bug; the merger freed the mbuf.
      planErrors.increment();
      return;
    }
    if (out == 0) {
      return;
    }
    Target up = parent;
    if (up != null && merger.outputFailed()) {
      up.add(RingEntry.of(out, parentVersion, false, true), out);
    } else if (up != null && merger.outputMarkedDropped()) {
      up.add(RingEntry.of(out, parentVersion, true, false), out);
    } else {
      row.perform(out);
    }
  }

  Merger merger() {
    return merger;
  }

  RowPlan row() {
    return row;
  }

  Outbox[] outboxes() {
    return outboxes;
  }

  Ring[] in() {
    return in;
  }

  @Override
  public long progress() {
    return progress.get();
  }
}
