package org.nfpvnfm.bench;

import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.nfpvnfm.dpdk.Eal;
import org.nfpvnfm.dpdk.Mbufs;
import org.nfpvnfm.dpdk.Mempool;
import org.nfpvnfm.dpdk.nf.NetworkFunction;
import org.nfpvnfm.dpdk.nf.PacketBatch;
import org.nfpvnfm.nf.NfConfig;
import org.nfpvnfm.nf.NfRegistry;
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
 * The firewall's cost against its number of rules (docs/network-functions/firewall.md): a burst of
 * 32 IPv4 TCP packets that no rule matches, the worst case (every rule is tried by the walk, every
 * field interval looked up by the index). Up to 15 rules the firewall walks them; from 16 it uses
 * its bit-vector index. One op is parsing the burst and {@code process}; {@code NfBenchmark}'s
 * {@code Baseline.parse} is the parsing alone.
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@State(Scope.Thread)
@Fork(jvmArgsAppend = "--enable-native-access=ALL-UNNAMED")
public class FirewallScaleBenchmark {
  static final int BURST = 32;

  @Param({"1", "10", "15", "16", "100", "1000", "4000"})
  int rules;

  @SuppressWarnings("NullAway.Init")
  Mempool pool;

  @SuppressWarnings("NullAway.Init")
  NetworkFunction firewall;

  final long[] mbufs = new long[BURST];
  final PacketBatch batch = new PacketBatch(BURST);

  @Setup(Level.Trial)
  public void start() {
    Eal.start(
        List.of(
            "--no-huge",
            "--no-pci",
            "-m",
            "256",
            "--file-prefix",
            "nfp-bench-fw-" + ProcessHandle.current().pid(),
            "--no-telemetry",
            "--log-level=lib.eal:warning"));
    pool = Mempool.create("fw-scale", 1023, 0, 24, Mempool.DEFAULT_DATA_ROOM);
    List<String> lines = new ArrayList<>();
    for (int i = 0; i < rules; i++) {
      lines.add(
          "-A FORWARD -p tcp -s 10.%d.%d.0/24 --dport %d -j DROP"
              .formatted(i / 256, i % 256, 1000 + i % 5000));
    }
    firewall =
        NfRegistry.load()
            .find("firewall")
            .orElseThrow()
            .create(NfConfig.of("fw", Map.of("rules", lines)));
    for (int i = 0; i < BURST; i++) {
      ByteBuffer b = ByteBuffer.allocate(64);
      b.putLong(0x0011223344550066L).putInt(0x778899aa).putShort((short) 0x0800);
      b.put((byte) 0x45).put((byte) 0).putShort((short) 50).putInt(0);
      b.put((byte) 64).put((byte) 6).putShort((short) 0).putInt(0xac100000 | i).putInt(0xc0000201);
      b.putShort((short) (40000 + i)).putShort((short) 9999).putInt(0).putInt(0);
      b.putShort((short) 0x5010).putShort((short) 512).putInt(0);
      long m = pool.allocate();
      if (m == 0 || !Mbufs.append(m, b.array())) {
        throw new IllegalStateException("cannot build packet " + i);
      }
      mbufs[i] = m;
    }
  }

  @Benchmark
  public int burstNoRuleMatches() {
    PacketBatch b = batch;
    b.clear();
    for (long m : mbufs) {
      b.add(m, 0);
    }
    firewall.process(b);
    return b.isDropped(0) ? 1 : 0;
  }

  @TearDown(Level.Trial)
  public void stop() {
    for (long m : mbufs) {
      Mbufs.release(m);
    }
    pool.close();
  }
}
