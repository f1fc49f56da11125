package org.nfpvnfm.dpdk.node;

import org.nfpvnfm.dpdk.MbufBurst;
import org.nfpvnfm.dpdk.Mbufs;
import org.nfpvnfm.dpdk.Ring;

/**
 * One sender's side of one ring: entries are staged while the sender works through a burst and
 * enqueued together by {@link #flush}, one ring operation per burst instead of one per packet. The
 * ring is single-producer: only this sender writes it. What does not fit (the receiver is behind)
 * is released and counted, never waited for: a stalled NF must not stall its senders.
 */
final class Outbox {
  final Ring ring;
  private final MbufBurst staged;
  private final int capacity;
  final Counter sent = new Counter();
  final Counter ringFull = new Counter();

  Outbox(Ring ring, int capacity) {
    this.ring = ring;
    this.staged = new MbufBurst(capacity);
    this.capacity = ring.capacity();
  }

  /** Entries the ring can still take, counting those staged: what the sender may add now. */
  int room() {
    return capacity - ring.count() - staged.size();
  }

  /** The least {@link #room} of {@code outboxes}, at most {@code limit}. */
  static int room(Outbox[] outboxes, int limit) {
    int room = limit;
    for (Outbox o : outboxes) {
      room = Math.min(room, o.room());
    }
    return Math.max(room, 0);
  }

  void add(long entry) {
    if (!staged.add(entry)) {
      flush();
      staged.add(entry);
    }
  }

  void flush() {
    int size = staged.size();
    if (size == 0) {
      return;
    }
    int n = ring.enqueue(staged);
    for (int i = n; i < size; i++) {
      Mbufs.release(RingEntry.mbuf(staged.get(i)));
    }
    staged.clear();
    sent.add(n);
    if (n < size) {
      ringFull.add(size - n);
    }
  }

  /** Frees the staging memory; the caller flushed, so nothing is lost. */
  void close() {
    staged.clear();
    staged.close();
  }
}
