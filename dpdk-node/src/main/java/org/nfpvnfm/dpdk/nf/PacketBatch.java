package org.nfpvnfm.dpdk.nf;

import org.nfpvnfm.dpdk.Mbufs;
import org.nfpvnfm.dpdk.packet.ParseStatus;
import org.nfpvnfm.dpdk.packet.ParsedPacket;

/**
 * The packets an NF gets in one call: each one parsed in place over its mbuf, with a verdict the NF
 * may set. Preallocated by the runtime and reused for every burst; an NF must not keep a {@link
 * ParsedPacket} or an mbuf after {@link NetworkFunction#process} returns.
 */
public final class PacketBatch {
  private final ParsedPacket[] packets;
  private final long[] mbufs;
  private final long[] flowHashes;
  private final boolean[] dropped;
  private int size;

  public PacketBatch(int capacity) {
    if (capacity < 1) {
      throw new IllegalArgumentException("capacity: " + capacity + " (expected: >= 1)");
    }
    packets = new ParsedPacket[capacity];
    for (int i = 0; i < capacity; i++) {
      packets[i] = new ParsedPacket();
    }
    mbufs = new long[capacity];
    flowHashes = new long[capacity];
    dropped = new boolean[capacity];
  }

  public int size() {
    return size;
  }

  public int capacity() {
    return mbufs.length;
  }

  /** Packet {@code i}, parsed over its mbuf's first segment: writes change the packet. */
  public ParsedPacket packet(int i) {
    checkIndex(i);
    return packets[i];
  }

  /** Packet {@code i}'s mbuf, for NFs that add or remove headers ({@link #reparse} after). */
  public long mbuf(int i) {
    checkIndex(i);
    return mbufs[i];
  }

  /**
   * The flow hash the node's classifier gave packet {@code i} (5-tuple, direction-sensitive): a key
   * for per-flow state that costs no field read and is not a field of the packet.
   */
  public long flowHash(int i) {
    checkIndex(i);
    return flowHashes[i];
  }

  /** The NF rejects packet {@code i}: the runtime drops it (or tells its merger). */
  public void drop(int i) {
    checkIndex(i);
    dropped[i] = true;
  }

  public boolean isDropped(int i) {
    checkIndex(i);
    return dropped[i];
  }

  /** Parses packet {@code i} again, after the NF changed its length or headers. */
  public ParseStatus reparse(int i) {
    checkIndex(i);
    return Mbufs.parse(mbufs[i], packets[i]);
  }

  /** Empties the batch (the runtime, before each burst). */
  public void clear() {
    size = 0;
  }

  /**
   * Appends an mbuf and parses it (the runtime); returns the parse status, which the runtime checks
   * before calling the NF.
   *
   * @throws IllegalStateException when the batch is full
   */
  public ParseStatus add(long mbuf, long flowHash) {
    if (size == mbufs.length) {
      throw new IllegalStateException("batch full at " + size + " packets");
    }
    int i = size++;
    mbufs[i] = mbuf;
    flowHashes[i] = flowHash;
    dropped[i] = false;
    return Mbufs.parse(mbuf, packets[i]);
  }

  /** Takes the last packet out again (the runtime, for one that failed to parse). */
  public void removeLast() {
    if (size == 0) {
      throw new IllegalStateException("removeLast on an empty batch");
    }
    size--;
  }

  private void checkIndex(int i) {
    if (i < 0 || i >= size) {
      throw new IndexOutOfBoundsException("index: " + i + " (expected: 0 <= index < " + size + ")");
    }
  }
}
