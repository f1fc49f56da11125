package org.nfpvnfm.bench;

import java.util.List;
import java.util.concurrent.TimeUnit;
import org.jspecify.annotations.Nullable;
import org.nfpvnfm.dpdk.Eal;
import org.nfpvnfm.dpdk.Mbufs;
import org.nfpvnfm.dpdk.Mempool;
import org.nfpvnfm.dpdk.bench.NodeBench;
import org.nfpvnfm.dpdk.node.Merger;
import org.nfpvnfm.engine.MergeEntry;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;

/**
 * The merger's per-packet cost on a real EAL (docs/benchmarks.md, "Merge and copy per packet"): one
 * packet's two versions arriving at a {@link Merger} built from the node benchmark's graph, A and B
 * in parallel. {@code shared}: both versions are one mbuf (the graph without copies; the merge only
 * counts and releases a reference). {@code headerCopy}: B works on a header copy and both write
 * DSCP, so the merge copies B's DSCP into A's buffer (parse both, copy the field) and frees the
 * copy. Each op includes taking the packet from the pool and giving it back (about 17 ns, {@code
 * MbufBenchmark.fullCopyRelease64} for scale), and making the copy where there is one.
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@State(Scope.Thread)
@Fork(jvmArgsAppend = "--enable-native-access=ALL-UNNAMED")
public class MergeBenchmark {

  @Param({"64", "1500"})
  int size;

  @SuppressWarnings("NullAway.Init")
  Mempool packets;

  @SuppressWarnings("NullAway.Init")
  Mempool headers;

  @SuppressWarnings("NullAway.Init")
  Merger shared;

  @SuppressWarnings("NullAway.Init")
  Merger copied;

  long template;
  long packetId;
  @Nullable Thread eal;

  @Setup(Level.Trial)
  public void start() throws Exception {
    Eal.start(
        List.of(
            "--no-huge",
            "--no-pci",
            "-m",
            "256",
            "--file-prefix",
            "nfp-bench-merge-" + ProcessHandle.current().pid(),
            "--no-telemetry",
            "--log-level=lib.eal:warning"));
    eal = Thread.currentThread();
    packets = Mempool.create("merge-pkt", 4095, 256, 2048 + 128);
    headers = Mempool.create("merge-hdr", 4095, 256, 128 + 512);
    MergeEntry sharedEntry = NodeBench.graph(true, false).merges().getFirst();
    MergeEntry copiedEntry = NodeBench.graph(true, true).merges().getFirst();
    shared = new Merger(sharedEntry, 1024);
    copied = new Merger(copiedEntry, 1024);
    template = packets.allocate();
    if (template == 0 || !Mbufs.append(template, frame(size))) {
      throw new IllegalStateException("cannot build a " + size + "-byte packet");
    }
  }

  /** A UDP/IPv4 frame of {@code size} bytes. */
  static byte[] frame(int size) {
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
    int udp = ip - 20;
    f[38] = (byte) (udp >> 8);
    f[39] = (byte) udp;
    return f;
  }

  private long packet() {
    return Mbufs.fullCopy(template, packets);
  }

  @Benchmark
  public long shared() {
    long m = packet();
    Mbufs.share(m);
    long id = packetId++;
    shared.arrive(id, 0, m, false, 0);
    long out = shared.arrive(id, 1, m, false, 0);
    Mbufs.release(out);
    return out;
  }

  @Benchmark
  public long headerCopy() {
    long m = packet();
    long copy = Mbufs.headerCopy(m, headers, 42);
    long id = packetId++;
    int output = copiedOutput();
    copied.arrive(id, output, output == 0 ? m : copy, false, 0);
    long out = copied.arrive(id, 1 - output, output == 0 ? copy : m, false, 0);
    Mbufs.release(out);
    return out;
  }

  private int copiedOutput() {
    return copied.entry().output();
  }

  @TearDown(Level.Iteration)
  public void checkThread() {
    if (Thread.currentThread() != eal) {
      throw new IllegalStateException("measured on " + Thread.currentThread());
    }
  }

  @TearDown(Level.Trial)
  public void stop() {
    Mbufs.release(template);
    for (Mempool pool : new Mempool[] {packets, headers}) {
      if (pool.inUse() != 0) {
        throw new IllegalStateException(pool + ": " + pool.inUse() + " mbufs still in use");
      }
      pool.close();
    }
  }
}
