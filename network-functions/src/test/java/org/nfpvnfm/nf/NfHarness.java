package org.nfpvnfm.nf;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.nfpvnfm.dpdk.Eal;
import org.nfpvnfm.dpdk.Mbufs;
import org.nfpvnfm.dpdk.Mempool;
import org.nfpvnfm.dpdk.nf.NetworkFunction;
import org.nfpvnfm.dpdk.nf.PacketBatch;

/**
 * Runs an NF on crafted frames as the node's runtime would: each frame in an mbuf of a real pool
 * (the test JVM's one EAL, without hugepages), parsed, malformed ones kept from the NF, one {@link
 * PacketBatch} per call; returns what the NF did to each frame and checks that every mbuf came
 * back.
 */
public final class NfHarness implements AutoCloseable {
  private static final AtomicInteger NAMES = new AtomicInteger();

  private final Mempool pool;

  /** What happened to one frame. */
  public record Outcome(boolean malformed, boolean dropped, byte[] bytes) {
    @Override
    public String toString() {
      return (malformed ? "malformed " : dropped ? "dropped " : "passed ")
          + bytes.length
          + " bytes";
    }
  }

  public NfHarness() {
    if (Eal.current().isEmpty()) {
      Eal.start(Eal.testArguments());
    }
    pool =
        Mempool.create(
            "nfh" + NAMES.incrementAndGet() + "-" + ProcessHandle.current().pid() % 10000,
            2047,
            0,
            24,
            Mempool.DEFAULT_DATA_ROOM);
  }

  /** Runs {@code nf} once over all {@code frames} (one batch; at most 256 frames). */
  public List<Outcome> run(NetworkFunction nf, List<byte[]> frames) {
    PacketBatch batch = new PacketBatch(Math.max(1, frames.size()));
    long[] mbufs = new long[frames.size()];
    boolean[] malformed = new boolean[frames.size()];
    int[] slot = new int[frames.size()];
    try {
      for (int i = 0; i < frames.size(); i++) {
        long m = pool.allocate();
        if (m == 0 || !Mbufs.append(m, frames.get(i))) {
          throw new IllegalStateException("cannot put frame " + i + " in an mbuf");
        }
        mbufs[i] = m;
        if (batch.add(m, Arrays.hashCode(frames.get(i))).isMalformed()) {
          batch.removeLast();
          malformed[i] = true;
          slot[i] = -1;
        } else {
          slot[i] = batch.size() - 1;
        }
      }
      nf.process(batch);
      List<Outcome> out = new ArrayList<>();
      for (int i = 0; i < frames.size(); i++) {
        // An NF that pushed or popped a header changed the mbuf's data, not its address.
        byte[] bytes = Mbufs.toByteArray(mbufs[i]);
        out.add(new Outcome(malformed[i], slot[i] >= 0 && batch.isDropped(slot[i]), bytes));
      }
      return out;
    } finally {
      for (long m : mbufs) {
        Mbufs.release(m);
      }
    }
  }

  /** Runs {@code nf} on one frame. */
  public Outcome run(NetworkFunction nf, byte[] frame) {
    return run(nf, List.of(frame)).getFirst();
  }

  /**
   * Frees the pool.
   *
   * @throws IllegalStateException when an mbuf did not come back (the NF kept or lost one)
   */
  @Override
  public void close() {
    pool.close();
  }
}
