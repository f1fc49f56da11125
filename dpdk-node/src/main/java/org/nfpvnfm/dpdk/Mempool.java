package org.nfpvnfm.dpdk;

import org.nfpvnfm.dpdk.internal.ffm.Shim;

/**
 * A DPDK packet-mbuf pool. Every mbuf taken from it must come back before {@link #close()}, which
 * refuses to free a pool with mbufs out (they would point into freed memory).
 */
public final class Mempool implements AutoCloseable {
  /** DPDK's default data room per mbuf: 2 KiB of packet plus the headroom. */
  public static final int DEFAULT_DATA_ROOM = Shim.MBUF_DEFAULT_BUF_SIZE;

  /** Bytes DPDK keeps free in front of a received packet (for headers pushed later). */
  public static final int HEADROOM = Shim.PKTMBUF_HEADROOM;

  private final String name;
  private final long address;
  private boolean closed;

  private Mempool(String name, long address) {
    this.name = name;
    this.address = address;
  }

  /** A pool of {@code size} mbufs with DPDK's default data room (2 KiB + headroom), no cache. */
  public static Mempool create(String name, int size) {
    return create(name, size, 0, Shim.MBUF_DEFAULT_BUF_SIZE);
  }

  /**
   * A pool of {@code size} mbufs. {@code cacheSize} mbufs per lcore stay in a per-core cache (0 for
   * none; DPDK's fast path wants a few hundred); they still count as available.
   */
  public static Mempool create(String name, int size, int cacheSize, int dataRoomSize) {
    return create(name, size, cacheSize, 0, dataRoomSize);
  }

  /**
   * A pool whose mbufs each carry {@code privateSize} bytes of private area after the mbuf header
   * (a multiple of 8), read and written with {@link Mbufs#privateLong}: per-packet metadata that
   * travels with the mbuf without touching the packet's bytes.
   *
   * @throws IllegalArgumentException when {@code privateSize} is negative or not a multiple of 8
   */
  public static Mempool create(
      String name, int size, int cacheSize, int privateSize, int dataRoomSize) {
    if (privateSize < 0 || privateSize % 8 != 0 || privateSize > 0xffff) {
      throw new IllegalArgumentException(
          "privateSize: " + privateSize + " (expected: a multiple of 8 from 0 to 65528)");
    }
    Eal.requireRunning();
    long address = Shim.poolCreate(name, size, cacheSize, privateSize, dataRoomSize);
    if (address == 0) {
      throw Eal.failure(
          "cannot create mempool " + name + " of " + size + " mbufs (cache " + cacheSize + ")",
          Shim.rteErrno());
    }
    return new Mempool(name, address);
  }

  public String name() {
    return name;
  }

  /** Number of mbufs the pool was created with. */
  public int size() {
    return Shim.poolSize(address);
  }

  /** Mbufs in the pool (including per-lcore caches). */
  public int available() {
    return Shim.poolAvailable(address);
  }

  /** Mbufs taken and not yet released. */
  public int inUse() {
    return Shim.poolInUse(address);
  }

  /** Takes one mbuf, reset and empty; returns 0 when the pool is empty (a count, not an error). */
  public long allocate() {
    return Shim.alloc(address);
  }

  long address() {
    return address;
  }

  /**
   * Frees the pool.
   *
   * @throws IllegalStateException when mbufs are still out (a leak); the pool is then kept
   */
  @Override
  public void close() {
    if (closed) {
      return;
    }
    int out = inUse();
    if (out != 0) {
      throw new IllegalStateException(
          "mempool " + name + ": " + out + " of " + size() + " mbufs still in use (expected: 0)");
    }
    closed = true;
    Shim.poolFree(address);
  }

  @Override
  public String toString() {
    return "Mempool[" + name + ", " + available() + "/" + size() + " available]";
  }
}
