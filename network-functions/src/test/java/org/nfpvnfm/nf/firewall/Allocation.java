package org.nfpvnfm.nf.firewall;

import java.lang.management.ManagementFactory;
import java.util.List;
import org.nfpvnfm.dpdk.Eal;
import org.nfpvnfm.dpdk.Mbufs;
import org.nfpvnfm.dpdk.Mempool;
import org.nfpvnfm.dpdk.nf.NetworkFunction;
import org.nfpvnfm.dpdk.nf.PacketBatch;

/** Measures what an NF allocates per burst once warm, on one batch of real mbufs. */
public final class Allocation {

  private Allocation() {}

  /**
   * Bytes this thread allocated over {@code bursts} calls of {@code nf.process} on a batch of
   * {@code frames}, after as many calls to warm up (the interpreter and C1 allocate where C2 does
   * not). Between calls the frames are restored, so that an NF that rewrites them sees the same
   * input each time; the restoring is not counted.
   */
  public static long bytesOver(NetworkFunction nf, List<byte[]> frames, int bursts) {
    if (Eal.current().isEmpty()) {
      Eal.start(Eal.testArguments());
    }
    com.sun.management.ThreadMXBean threads =
        (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
    try (Mempool pool =
        Mempool.create(
            "nfa" + ProcessHandle.current().pid() % 10000 + "-" + System.nanoTime() % 100000,
            1023,
            0,
            24,
            Mempool.DEFAULT_DATA_ROOM)) {
      long[] mbufs = new long[frames.size()];
      PacketBatch batch = new PacketBatch(frames.size());
      try {
        for (int i = 0; i < frames.size(); i++) {
          mbufs[i] = pool.allocate();
          if (mbufs[i] == 0 || !Mbufs.append(mbufs[i], frames.get(i))) {
            throw new IllegalStateException("cannot put frame " + i + " in an mbuf");
          }
        }
        long total = 0;
        for (int round = 0; round < 2; round++) {
          long counted = 0;
          for (int b = 0; b < bursts; b++) {
            batch.clear();
            for (int i = 0; i < frames.size(); i++) {
              Mbufs.write(mbufs[i], 0, frames.get(i));
              batch.add(mbufs[i], i);
            }
            long before = threads.getCurrentThreadAllocatedBytes();
            nf.process(batch);
            counted += threads.getCurrentThreadAllocatedBytes() - before;
          }
          total = counted;
        }
        return total;
      } finally {
        for (long m : mbufs) {
          if (m != 0) {
            Mbufs.release(m);
          }
        }
      }
    }
  }
}
