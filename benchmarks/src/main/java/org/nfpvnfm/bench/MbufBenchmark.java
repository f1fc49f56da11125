package org.nfpvnfm.bench;

import java.util.List;
import java.util.concurrent.TimeUnit;
import org.jspecify.annotations.Nullable;
import org.nfpvnfm.dpdk.Eal;
import org.nfpvnfm.dpdk.MbufBurst;
import org.nfpvnfm.dpdk.Mbufs;
import org.nfpvnfm.dpdk.Mempool;
import org.nfpvnfm.dpdk.Port;
import org.nfpvnfm.dpdk.Ring;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;

/**
 * What one DPDK mbuf operation costs through {@code dpdk-node}'s FFM calls, on a real EAL (no
 * hugepages, as in the tests). Run with {@code -prof gc}: no benchmark should allocate on the Java
 * heap ({@code gc.alloc.rate.norm} ≈ 0 B/op).
 *
 * <ul>
 *   <li>{@code allocFreeBurst32}: bulk-allocate 32 mbufs into a burst, bulk-release them.
 *   <li>{@code ringEnqueueDequeueBurst32}: 32 mbufs into a single-producer/single-consumer ring and
 *       back out.
 *   <li>{@code sharedCloneRelease1500}, {@code fullCopyRelease64}, {@code fullCopyRelease1500},
 *       {@code headerCopyRelease1500}: make one packet version of a 64- or 1500-byte packet (64
 *       header bytes for the header copy) and release it.
 *   <li>{@code portTxRxBurst32NetNull}: receive a burst of 32 from {@code net_null} (it allocates
 *       and sizes them) and transmit it back (it frees them).
 * </ul>
 *
 * <p>The EAL starts once per JVM (DPDK allows one initialisation per process) in the trial's setup,
 * on the benchmark thread, so that thread is the main lcore and the pools' per-lcore caches serve
 * it, as they will serve an NF runtime's core. It is not cleaned up: cleanup is final, and a JVM
 * running several benchmarks ({@code -f 0}) must find it still running.
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@State(Scope.Thread)
@Fork(jvmArgsAppend = "--enable-native-access=ALL-UNNAMED")
public class MbufBenchmark {
  static final int BURST = 32;
  static final int HEADER_BYTES = 64;
  // A cache of 256 per lcore, as DPDK's examples use: the fast path's alloc and free then rarely
  // touch the pool's shared ring.
  static final int CACHE = 256;
  // RTE_PKTMBUF_HEADROOM (128) + 128 bytes: a header segment for any HEADER_BYTES up to 128.
  static final int HEADER_ROOM = 256;

  // Set by start(), which JMH runs before any benchmark method; DPDK objects have no harmless
  // placeholder to start with.
  @SuppressWarnings("NullAway.Init")
  Mempool packets;

  @SuppressWarnings("NullAway.Init")
  Mempool headers;

  @SuppressWarnings("NullAway.Init")
  Ring ring;

  @SuppressWarnings("NullAway.Init")
  Port port;

  MbufBurst burst = new MbufBurst(BURST);
  MbufBurst held = new MbufBurst(BURST);
  long packet64;
  long packet1500;
  @Nullable Thread eal;

  /** Test-like EAL arguments with this benchmark's own runtime-file prefix. */
  static List<String> ealArguments() {
    return List.of(
        "--no-huge",
        "--no-pci",
        "-m",
        "256",
        "--file-prefix",
        "nfp-bench-mbuf-" + ProcessHandle.current().pid(),
        "--no-telemetry",
        "--log-level=lib.eal:warning");
  }

  @Setup(Level.Trial)
  public void start() {
    Eal.start(ealArguments());
    eal = Thread.currentThread();
    packets = Mempool.create("bench-pkt", 4095, CACHE, 2048 + 128);
    headers = Mempool.create("bench-hdr", 4095, CACHE, HEADER_ROOM);
    ring = Ring.create("bench-ring", 64, Ring.Sync.SINGLE_PRODUCER_SINGLE_CONSUMER);
    port = Port.attach("net_null7");
    port.start(packets, 512, 512);
    packet64 = packet(64);
    packet1500 = packet(1500);
    if (!held.allocate(packets, BURST)) {
      throw new IllegalStateException("cannot take " + BURST + " mbufs from " + packets);
    }
  }

  private long packet(int length) {
    long mbuf = packets.allocate();
    byte[] bytes = new byte[length];
    for (int i = 0; i < length; i++) {
      bytes[i] = (byte) i;
    }
    if (mbuf == 0 || !Mbufs.append(mbuf, bytes)) {
      throw new IllegalStateException("cannot build a " + length + "-byte packet in " + packets);
    }
    return mbuf;
  }

  /**
   * Fails the run if JMH measured on another thread than the one that started the EAL: that thread
   * would have no lcore id, so every alloc and free would bypass the per-lcore cache and the
   * figures would be the shared ring's.
   */
  @TearDown(Level.Iteration)
  public void checkThread() {
    if (Thread.currentThread() != eal) {
      throw new IllegalStateException(
          "measured on "
              + Thread.currentThread()
              + " (expected: "
              + eal
              + ", the thread that started the EAL)");
    }
  }

  /** Gives everything back and fails the run if a benchmark leaked mbufs. */
  @TearDown(Level.Trial)
  public void stop() {
    port.close();
    ring.close();
    held.close();
    burst.close();
    Mbufs.release(packet64);
    Mbufs.release(packet1500);
    for (Mempool pool : new Mempool[] {packets, headers}) {
      if (pool.inUse() != 0) {
        throw new IllegalStateException(
            pool + ": " + pool.inUse() + " mbufs still in use after the run (expected: 0)");
      }
      pool.close();
    }
  }

  @Benchmark
  public int allocFreeBurst32() {
    MbufBurst b = burst;
    if (!b.allocate(packets, BURST)) {
      throw new IllegalStateException("pool empty: " + packets);
    }
    int n = b.size();
    b.releaseAll();
    return n;
  }

  @Benchmark
  public int ringEnqueueDequeueBurst32() {
    MbufBurst b = held;
    int in = ring.enqueue(b);
    b.clear();
    int out = ring.dequeue(b);
    if (in != BURST || out != BURST) {
      throw new IllegalStateException(
          "ring moved " + in + " in, " + out + " out (expected: " + BURST + " each)");
    }
    return out;
  }

  /**
   * The node's {@code SHARED} hand-over: one more reference to the same mbuf ({@code Mbufs.share},
   * refcount + 1 on each segment) and its release; the size does not matter, nothing is copied.
   */
  @Benchmark
  public long shareRelease64() {
    Mbufs.share(packet64);
    Mbufs.release(packet64);
    return packet64;
  }

  @Benchmark
  public long shareRelease1500() {
    Mbufs.share(packet1500);
    Mbufs.release(packet1500);
    return packet1500;
  }

  @Benchmark
  public long headerCopyRelease64() {
    // A 64-byte packet has no payload past 64 header bytes: the header copy is a full copy.
    return versionAndRelease(Mbufs.headerCopy(packet64, headers, HEADER_BYTES));
  }

  @Benchmark
  public long sharedCloneRelease1500() {
    return versionAndRelease(Mbufs.sharedClone(packet1500, headers));
  }

  @Benchmark
  public long fullCopyRelease64() {
    return versionAndRelease(Mbufs.fullCopy(packet64, packets));
  }

  @Benchmark
  public long fullCopyRelease1500() {
    return versionAndRelease(Mbufs.fullCopy(packet1500, packets));
  }

  @Benchmark
  public long headerCopyRelease1500() {
    return versionAndRelease(Mbufs.headerCopy(packet1500, headers, HEADER_BYTES));
  }

  @Benchmark
  public int portTxRxBurst32NetNull() {
    MbufBurst b = burst;
    int received = port.receive(b);
    int sent = port.transmit(b);
    b.releaseFrom(sent);
    if (received != BURST || sent != BURST) {
      throw new IllegalStateException(
          "net_null gave " + received + " and took " + sent + " (expected: " + BURST + " each)");
    }
    return sent;
  }

  private static long versionAndRelease(long version) {
    if (version == 0) {
      throw new IllegalStateException("pool empty: no packet version made");
    }
    Mbufs.release(version);
    return version;
  }
}
