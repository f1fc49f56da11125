package org.nfpvnfm.dpdk;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.concurrent.atomic.AtomicInteger;

/**
 * What every DPDK test shares: the one EAL of the test JVM (DPDK allows one initialisation per
 * process, so all test classes use {@link Eal#startForTests()}), unique object names (DPDK names
 * pools and rings globally), and the leak check.
 */
public final class DpdkTestSupport {
  private static final AtomicInteger NEXT = new AtomicInteger();

  private DpdkTestSupport() {}

  public static Eal eal() {
    return Eal.startForTests();
  }

  /** A name no other pool or ring of this process has; short, DPDK's limit is under 30 bytes. */
  public static String uniqueName(String prefix) {
    return prefix + NEXT.incrementAndGet();
  }

  /** The whole packet's bytes, every segment in order (a chained packet read back in tests). */
  public static byte[] packetBytes(long mbuf) {
    byte[] bytes = new byte[Mbufs.packetLength(mbuf)];
    int at = 0;
    for (long segment = mbuf; segment != 0; segment = Mbufs.nextSegment(segment)) {
      byte[] part = Mbufs.toByteArray(segment);
      assertThat(at + part.length)
          .as("bytes in the segments so far (expected: at most pkt_len %d)", bytes.length)
          .isLessThanOrEqualTo(bytes.length);
      System.arraycopy(part, 0, bytes, at, part.length);
      at += part.length;
    }
    assertThat(at).as("bytes in all segments (expected: pkt_len)").isEqualTo(bytes.length);
    return bytes;
  }

  /** Asserts every mbuf taken from {@code pool} is back in it. */
  public static void assertEveryMbufBack(Mempool pool) {
    assertThat(pool.inUse())
        .as("mbufs of %s still in use (expected: 0, every mbuf back)", pool.name())
        .isZero();
    assertThat(pool.available())
        .as("available mbufs of %s (expected: its size)", pool.name())
        .isEqualTo(pool.size());
  }
}
