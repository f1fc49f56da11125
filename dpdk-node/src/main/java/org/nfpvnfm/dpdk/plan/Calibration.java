package org.nfpvnfm.dpdk.plan;

import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicReference;
import org.nfpvnfm.dpdk.Eal;
import org.nfpvnfm.dpdk.MbufBurst;
import org.nfpvnfm.dpdk.Mbufs;
import org.nfpvnfm.dpdk.Mempool;
import org.nfpvnfm.dpdk.Ring;
import org.nfpvnfm.dpdk.node.Merger;
import org.nfpvnfm.dpdk.packet.ParseStatus;
import org.nfpvnfm.dpdk.packet.ParsedPacket;
import org.nfpvnfm.engine.CopyKind;
import org.nfpvnfm.engine.Endpoint;
import org.nfpvnfm.engine.Hop;
import org.nfpvnfm.engine.MergeEntry;

/**
 * The machine's costs of the dataplane's moves, measured on its own cores (docs/execution-plans.md,
 * "Calibration"). Every figure is a median of repeated timings, in nanoseconds.
 *
 * @param cpus CPUs the node's workers can be pinned to
 * @param hopNanos one packet handed from one core to another through an SPSC ring, one way, by a
 *     receiver that is polling: half a measured ring ping-pong between two pinned threads ({@code
 *     Double.POSITIVE_INFINITY} with one CPU)
 * @param packetNanos what the runtime spends on each packet at each stage besides the NF's own
 *     work: parsing it and one ring enqueue and dequeue, in bursts
 * @param shareNanos one more reference to a packet (a shared copy) and its release
 * @param headerCopyNanos a header copy and its release
 * @param fullCopyNanos a full copy of a 64-byte packet and its release
 * @param fullCopyNanosPerByte what each further byte adds to a full copy
 * @param mergeNanos a merger's work per version it receives (two-version merge without field
 *     copies, halved)
 */
public record Calibration(
    int cpus,
    double hopNanos,
    double packetNanos,
    double crossCoreNanos,
    double shareNanos,
    double headerCopyNanos,
    double fullCopyNanos,
    double fullCopyNanosPerByte,
    double mergeNanos) {

  private static final int ROUND_TRIPS = 20_000;
  private static final int REPEATS = 5;
  private static final int LOOPS = 20_000;

  /** A full copy of a packet of {@code bytes}. */
  public double fullCopyNanos(int bytes) {
    return fullCopyNanos + Math.max(0, bytes - 64) * fullCopyNanosPerByte;
  }

  /** One line for logs and reports. */
  public String describe() {
    return String.format(
        Locale.ROOT,
        "%d CPUs; hop %.0f ns, per packet per stage %.0f ns (+%.0f ns from another core),"
            + " share %.0f ns, header copy %.0f ns, full copy %.0f ns + %.3f ns/B,"
            + " merge %.0f ns/version",
        cpus,
        hopNanos,
        packetNanos,
        crossCoreNanos,
        shareNanos,
        headerCopyNanos,
        fullCopyNanos,
        fullCopyNanosPerByte,
        mergeNanos);
  }

  /**
   * Measures this machine, in a few tenths of a second (every figure twice: the first pass warms
   * the JIT). Run it before the node's workers start (they busy-poll the same cores, and would be
   * measured instead); the calling thread is pinned to the first CPU while it runs and unpinned
   * after.
   *
   * @throws IllegalStateException when the EAL is not running
   */
  public static Calibration measure(Eal eal) {
    int cpus = eal.processCpuCount();
    String tag = Long.toString(System.nanoTime() % 1_000_000_000L, 36);
    try (Mempool pool = Mempool.create("nfp-cal-" + tag, 2047, 0, 32, 2048 + 128);
        Mempool headers = Mempool.create("nfp-calh-" + tag, 1023, 0, 32, 128 + 512)) {
      eal.pinThread(0);
      try {
        // Twice: the first pass runs while the JIT compiles the packet path, the second counts.
        measureOnce(eal, cpus, tag + "w", pool, headers);
        return measureOnce(eal, cpus, tag, pool, headers);
      } finally {
        eal.pinThread(-1);
      }
    }
  }

  private static Calibration measureOnce(
      Eal eal, int cpus, String tag, Mempool pool, Mempool headers) {
    double hop = cpus >= 2 ? hop(eal, tag) : Double.POSITIVE_INFINITY;
    long p64 = packet(pool, 64);
    long p1500 = packet(pool, 1500);
    try {
      double packet = perPacket(pool, p64, tag);
      double crossCore = cpus >= 2 ? crossCore(eal, pool, p64, tag) : 0;
      double share = median(() -> share(p64));
      double header = median(() -> headerCopy(p64, headers));
      double full64 = median(() -> fullCopy(p64, pool));
      double full1500 = median(() -> fullCopy(p1500, pool));
      double merge = median(() -> merge(pool, p64));
      return new Calibration(
          cpus,
          hop,
          packet,
          crossCore,
          share,
          header,
          full64,
          Math.max(0, (full1500 - full64) / (1500 - 64)),
          merge / 2);
    } finally {
      Mbufs.release(p64);
      Mbufs.release(p1500);
    }
  }

  private interface Timed {
    double nanosPerOp();
  }

  private static double median(Timed t) {
    double[] runs = new double[REPEATS];
    t.nanosPerOp(); // warm-up
    for (int i = 0; i < REPEATS; i++) {
      runs[i] = t.nanosPerOp();
    }
    Arrays.sort(runs);
    return runs[REPEATS / 2];
  }

  /** Half the round trip of one mbuf between two threads pinned to CPUs 0 and 1. */
  private static double hop(Eal eal, String tag) {
    try (Ring there =
            Ring.create("nfp-cal-a" + tag, 64, Ring.Sync.SINGLE_PRODUCER_SINGLE_CONSUMER);
        Ring back = Ring.create("nfp-cal-b" + tag, 64, Ring.Sync.SINGLE_PRODUCER_SINGLE_CONSUMER);
        MbufBurst token = new MbufBurst(1)) {
      int total = ROUND_TRIPS * (REPEATS + 1);
      AtomicReference<Throwable> failure = new AtomicReference<>();
      CountDownLatch ready = new CountDownLatch(1);
      Thread echo =
          Thread.ofPlatform()
              .name("nfp-calibrate-echo")
              .daemon()
              .start(
                  () -> {
                    try (MbufBurst b = new MbufBurst(1)) {
                      eal.pinThread(1);
                      ready.countDown();
                      for (int i = 0; i < total; i++) {
                        while (there.dequeue(b) == 0) {
                          Thread.onSpinWait();
                        }
                        while (back.enqueue(b) == 0) {
                          Thread.onSpinWait();
                        }
                        b.clear();
                      }
                    } catch (RuntimeException e) {
                      failure.set(e);
                      ready.countDown();
                    }
                  });
      ready.await();
      double[] runs = new double[REPEATS + 1];
      // The token is a made-up pointer: rings move pointers and never touch what they point to.
      for (int r = 0; r <= REPEATS; r++) {
        long t0 = System.nanoTime();
        for (int i = 0; i < ROUND_TRIPS; i++) {
          token.add(0x1000L);
          while (there.enqueue(token) == 0) {
            Thread.onSpinWait();
          }
          token.clear();
          while (back.dequeue(token) == 0) {
            if (failure.get() != null) {
              throw new IllegalStateException("calibration echo failed", failure.get());
            }
            Thread.onSpinWait();
          }
          token.clear();
        }
        runs[r] = (System.nanoTime() - t0) / (2.0 * ROUND_TRIPS);
      }
      echo.join(10_000);
      double[] measured = Arrays.copyOfRange(runs, 1, runs.length);
      Arrays.sort(measured);
      return measured[measured.length / 2];
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while calibrating", e);
    }
  }

  /**
   * Per packet: parsing a packet and writing a byte of its header and of its private area, on
   * packets the other core has just done the same to, less the same on packets this core did.
   */
  private static double crossCore(Eal eal, Mempool pool, long template, String tag) {
    int n = 32;
    long[] packets = new long[n];
    for (int i = 0; i < n; i++) {
      packets[i] = Mbufs.fullCopy(template, pool);
    }
    try (Ring there =
            Ring.create("nfp-cal-c" + tag, 64, Ring.Sync.SINGLE_PRODUCER_SINGLE_CONSUMER);
        Ring back = Ring.create("nfp-cal-d" + tag, 64, Ring.Sync.SINGLE_PRODUCER_SINGLE_CONSUMER);
        MbufBurst burst = new MbufBurst(n)) {
      int rounds = 2_000;
      long[] remoteNanos = new long[1];
      AtomicReference<Throwable> failure = new AtomicReference<>();
      Thread echo =
          Thread.ofPlatform()
              .name("nfp-calibrate-touch")
              .daemon()
              .start(
                  () -> {
                    try (MbufBurst b = new MbufBurst(n)) {
                      eal.pinThread(1);
                      ParsedPacket parsed = new ParsedPacket();
                      long total = 0;
                      for (int r = 0; r < rounds; r++) {
                        while (there.dequeue(b) == 0) {
                          Thread.onSpinWait();
                        }
                        long t0 = System.nanoTime();
                        for (int i = 0; i < b.size(); i++) {
                          touch(b.get(i), parsed);
                        }
                        total += System.nanoTime() - t0;
                        while (back.enqueue(b) == 0) {
                          Thread.onSpinWait();
                        }
                        b.clear();
                      }
                      remoteNanos[0] = total;
                    } catch (RuntimeException e) {
                      failure.set(e);
                    }
                  });
      ParsedPacket parsed = new ParsedPacket();
      long local = 0;
      for (int r = 0; r < rounds; r++) {
        long t0 = System.nanoTime();
        for (long p : packets) {
          touch(p, parsed);
        }
        for (long p : packets) {
          touch(p, parsed); // the same packets again, now in this core's cache
        }
        local += (System.nanoTime() - t0) / 2;
        for (long p : packets) {
          burst.add(p);
        }
        while (there.enqueue(burst) == 0) {
          Thread.onSpinWait();
        }
        burst.clear();
        while (back.dequeue(burst) == 0) {
          if (failure.get() != null) {
            throw new IllegalStateException("calibration echo failed", failure.get());
          }
          Thread.onSpinWait();
        }
        burst.clear();
      }
      echo.join(10_000);
      if (failure.get() != null) {
        throw new IllegalStateException("calibration echo failed", failure.get());
      }
      return Math.max(0, (remoteNanos[0] - local) / (double) (rounds * n));
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while calibrating", e);
    } finally {
      for (long p : packets) {
        Mbufs.release(p);
      }
    }
  }

  private static void touch(long mbuf, ParsedPacket parsed) {
    if (Mbufs.parse(mbuf, parsed) != ParseStatus.OK) {
      throw new IllegalStateException("calibration packet does not parse");
    }
    MemorySegment data = Mbufs.data(mbuf);
    data.set(ValueLayout.JAVA_BYTE, 22, (byte) (data.get(ValueLayout.JAVA_BYTE, 22) ^ 1));
    Mbufs.setPrivateLong(mbuf, 0, Mbufs.privateLong(mbuf, 0) + 1);
  }

  private static long packet(Mempool pool, int size) {
    long m = pool.allocate();
    byte[] f = new byte[size];
    f[12] = 0x08;
    f[14] = 0x45;
    int ip = size - 14;
    f[16] = (byte) (ip >> 8);
    f[17] = (byte) ip;
    f[22] = 64;
    f[23] = 17;
    f[26] = 10;
    f[33] = 1;
    f[35] = 99;
    f[37] = (byte) 0xb5;
    f[38] = (byte) ((ip - 20) >> 8);
    f[39] = (byte) (ip - 20);
    if (m == 0 || !Mbufs.append(m, f)) {
      throw new IllegalStateException("calibration: cannot build a " + size + "-byte packet");
    }
    return m;
  }

  /** Parsing a packet and moving it through a ring, in bursts of 32, per packet. */
  private static double perPacket(Mempool pool, long template, String tag) {
    try (Ring ring = Ring.create("nfp-cal-r" + tag, 64, Ring.Sync.SINGLE_PRODUCER_SINGLE_CONSUMER);
        MbufBurst burst = new MbufBurst(32)) {
      long[] packets = new long[32];
      for (int i = 0; i < packets.length; i++) {
        packets[i] = Mbufs.fullCopy(template, pool);
      }
      ParsedPacket parsed = new ParsedPacket();
      try {
        return median(
            () -> {
              int bursts = LOOPS / 32;
              long t0 = System.nanoTime();
              for (int b = 0; b < bursts; b++) {
                for (long p : packets) {
                  if (Mbufs.parse(p, parsed) != ParseStatus.OK) {
                    throw new IllegalStateException("calibration packet does not parse");
                  }
                  burst.add(p);
                }
                ring.enqueue(burst);
                burst.clear();
                ring.dequeue(burst);
                burst.clear();
              }
              return (System.nanoTime() - t0) / (double) (bursts * 32);
            });
      } finally {
        for (long p : packets) {
          Mbufs.release(p);
        }
      }
    }
  }

  private static double share(long packet) {
    long t0 = System.nanoTime();
    for (int i = 0; i < LOOPS; i++) {
      Mbufs.share(packet);
      Mbufs.release(packet);
    }
    return (System.nanoTime() - t0) / (double) LOOPS;
  }

  private static double headerCopy(long packet, Mempool headers) {
    long t0 = System.nanoTime();
    for (int i = 0; i < LOOPS; i++) {
      Mbufs.release(Mbufs.headerCopy(packet, headers, 42));
    }
    return (System.nanoTime() - t0) / (double) LOOPS;
  }

  private static double fullCopy(long packet, Mempool pool) {
    long t0 = System.nanoTime();
    for (int i = 0; i < LOOPS; i++) {
      Mbufs.release(Mbufs.fullCopy(packet, pool));
    }
    return (System.nanoTime() - t0) / (double) LOOPS;
  }

  /** Both versions of packets through a two-version merger (one shared buffer), per packet. */
  private static double merge(Mempool pool, long template) {
    Merger merger = new Merger(TWO_WAY, 1024);
    long t0 = System.nanoTime();
    for (long id = 0; id < LOOPS; id++) {
      long m = Mbufs.fullCopy(template, pool);
      Mbufs.share(m);
      merger.arrive(id, 0, m, false, 0);
      long out = merger.arrive(id, 1, m, false, 0);
      Mbufs.release(out);
    }
    // Less the copy each packet starts as (the merge's inputs have to come from somewhere).
    return (System.nanoTime() - t0) / (double) LOOPS - fullCopy(template, pool);
  }

  /** Two NFs on one shared buffer, joined with no field copies and no drops. */
  private static final MergeEntry TWO_WAY =
      new MergeEntry(
          0,
          List.of(
              new MergeEntry.Version(0, 0, CopyKind.SHARED, List.of(0), Endpoint.nf(0)),
              new MergeEntry.Version(1, 0, CopyKind.SHARED, List.of(1), Endpoint.nf(1))),
          0,
          List.of(),
          List.of(),
          new MergeEntry.DropRule(List.of(), List.of()),
          -1,
          -1,
          List.of(new Hop(Endpoint.EGRESS, CopyKind.SHARED, 0, 0)));
}
