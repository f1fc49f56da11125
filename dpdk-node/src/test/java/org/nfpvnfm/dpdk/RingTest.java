package org.nfpvnfm.dpdk;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.nfpvnfm.dpdk.DpdkTestSupport.assertEveryMbufBack;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

@Tag("integration")
class RingTest {
  @BeforeAll
  static void eal() {
    DpdkTestSupport.eal();
  }

  @Test
  void burstRoundTripKeepsOrder() {
    try (Mempool pool = Mempool.create(DpdkTestSupport.uniqueName("rp"), 127);
        Ring ring =
            Ring.create(
                DpdkTestSupport.uniqueName("r"), 64, Ring.Sync.SINGLE_PRODUCER_SINGLE_CONSUMER);
        MbufBurst in = new MbufBurst(32);
        MbufBurst out = new MbufBurst(32)) {
      assertThat(in.allocate(pool, 32)).isTrue();
      long[] sent = new long[32];
      for (int i = 0; i < 32; i++) {
        sent[i] = in.get(i);
      }

      assertThat(ring.enqueue(in)).isEqualTo(32);
      in.clear();
      assertThat(ring.count()).isEqualTo(32);
      assertThat(ring.dequeue(out)).isEqualTo(32);

      for (int i = 0; i < 32; i++) {
        assertThat(out.get(i)).as("mbuf %d out of the ring", i).isEqualTo(sent[i]);
      }
      out.releaseAll();
      assertEveryMbufBack(pool);
    }
  }

  @Test
  void enqueueIntoAFullRingMovesOnlyWhatFits() {
    try (Mempool pool = Mempool.create(DpdkTestSupport.uniqueName("rp"), 127);
        Ring ring =
            Ring.create(
                DpdkTestSupport.uniqueName("r"), 16, Ring.Sync.MULTI_PRODUCER_MULTI_CONSUMER);
        MbufBurst burst = new MbufBurst(32)) {
      assertThat(ring.capacity()).as("usable slots of a 16-slot ring").isEqualTo(15);
      assertThat(burst.allocate(pool, 32)).isTrue();

      int moved = ring.enqueue(burst);
      assertThat(moved).as("mbufs a 15-slot ring takes from 32").isEqualTo(15);
      burst.releaseFrom(moved);

      ring.close();
      assertEveryMbufBack(pool);
    }
  }

  @Test
  void sizeMustBeAPowerOfTwo() {
    assertThatThrownBy(() -> Ring.create("bad", 100, Ring.Sync.SINGLE_PRODUCER_SINGLE_CONSUMER))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("ring size: 100 (expected: a power of two >= 2)");
  }
}
