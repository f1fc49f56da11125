package org.nfpvnfm.dpdk;

import org.nfpvnfm.dpdk.internal.ffm.Shim;

/**
 * A DPDK ring of mbufs between cores. With {@link Sync#SINGLE_PRODUCER_SINGLE_CONSUMER} (the rule:
 * one writer per ring) enqueue and dequeue skip the compare-and-swap of the multi-thread modes.
 */
public final class Ring implements AutoCloseable {
  /** Who may call enqueue and dequeue concurrently. */
  public enum Sync {
    /** One producer thread and one consumer thread. */
    SINGLE_PRODUCER_SINGLE_CONSUMER,
    /** Any threads on either side. */
    MULTI_PRODUCER_MULTI_CONSUMER
  }

  private final String name;
  private final long address;
  private boolean closed;

  private Ring(String name, long address) {
    this.name = name;
    this.address = address;
  }

  /**
   * Creates a ring with {@code size} slots, a power of two; it holds at most {@code size - 1} mbufs
   * (DPDK keeps one slot free to tell full from empty).
   */
  public static Ring create(String name, int size, Sync sync) {
    Eal.requireRunning();
    if (size < 2 || Integer.bitCount(size) != 1) {
      throw new IllegalArgumentException("ring size: " + size + " (expected: a power of two >= 2)");
    }
    int flags =
        sync == Sync.SINGLE_PRODUCER_SINGLE_CONSUMER ? Shim.RING_F_SP_ENQ | Shim.RING_F_SC_DEQ : 0;
    long address = Shim.ringCreate(name, size, flags);
    if (address == 0) {
      throw Eal.failure("cannot create ring " + name + " of " + size, Shim.rteErrno());
    }
    return new Ring(name, address);
  }

  /**
   * Moves as many of the burst's mbufs as fit into the ring, from the front; returns how many. The
   * ring owns those now; the caller still owns entries {@code [returned, burst.size())}.
   */
  public int enqueue(MbufBurst burst) {
    return Shim.ringEnqueue(address, burst.pointers(), 0, burst.size());
  }

  /**
   * Replaces the burst's content with up to its capacity of mbufs from the ring; returns how many.
   */
  public int dequeue(MbufBurst burst) {
    return dequeue(burst, burst.capacity());
  }

  /**
   * Dequeues at most {@code max} entries (and at most the burst's capacity) into an empty burst.
   */
  public int dequeue(MbufBurst burst, int max) {
    if (!burst.isEmpty()) {
      throw new IllegalStateException(
          "dequeue into a burst holding " + burst.size() + " mbufs (expected: empty)");
    }
    int n = Shim.ringDequeue(address, burst.pointers(), 0, Math.min(max, burst.capacity()));
    burst.setSize(n);
    return n;
  }

  public int count() {
    return Shim.ringCount(address);
  }

  public int capacity() {
    return Shim.ringCapacity(address);
  }

  public String name() {
    return name;
  }

  /** Frees the ring; mbufs still in it are released first, so none leaks. */
  @Override
  public void close() {
    if (closed) {
      return;
    }
    closed = true;
    try (MbufBurst drain = new MbufBurst(64)) {
      while (dequeue(drain) > 0) {
        drain.releaseAll();
      }
    }
    Shim.ringFree(address);
  }
}
