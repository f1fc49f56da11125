package org.nfpvnfm.dpdk;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.nfpvnfm.dpdk.DpdkTestSupport.assertEveryMbufBack;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

@Tag("integration")
class MempoolTest {
  @BeforeAll
  static void eal() {
    DpdkTestSupport.eal();
  }

  @Test
  void isFullAgainAfterAllocateAndReleaseCycles() {
    try (Mempool pool = Mempool.create(DpdkTestSupport.uniqueName("mp"), 511);
        MbufBurst burst = new MbufBurst(64)) {
      for (int cycle = 0; cycle < 100; cycle++) {
        assertThat(burst.allocate(pool, 64)).as("bulk allocate in cycle %d", cycle).isTrue();
        long single = pool.allocate();
        assertThat(single).isNotZero();
        assertThat(pool.inUse()).isEqualTo(65);
        Mbufs.release(single);
        burst.releaseAll();
      }

      assertEveryMbufBack(pool);
    }
  }

  @Test
  void perCoreCacheStillCountsAsAvailable() {
    try (Mempool pool = Mempool.create(DpdkTestSupport.uniqueName("mpc"), 1023, 32, 2048);
        MbufBurst burst = new MbufBurst(128)) {
      assertThat(burst.allocate(pool, 128)).isTrue();
      burst.releaseAll();

      assertEveryMbufBack(pool);
    }
  }

  @Test
  void allocateReturnsZeroWhenEmptyAndBulkIsAllOrNothing() {
    try (Mempool pool = Mempool.create(DpdkTestSupport.uniqueName("mpe"), 8);
        MbufBurst burst = new MbufBurst(16)) {
      assertThat(burst.allocate(pool, 16)).as("16 from a pool of 8").isFalse();
      assertThat(burst.size()).isZero();
      assertThat(pool.inUse()).as("nothing taken by a failed bulk allocate").isZero();

      assertThat(burst.allocate(pool, 8)).isTrue();
      assertThat(pool.allocate()).as("allocate from an empty pool").isZero();
      burst.releaseAll();
      assertEveryMbufBack(pool);
    }
  }

  @Test
  void closeRefusesWhileMbufsAreOut() {
    Mempool pool = Mempool.create(DpdkTestSupport.uniqueName("mpl"), 16);
    long mbuf = pool.allocate();

    assertThatThrownBy(pool::close)
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("1 of 16 mbufs still in use (expected: 0)");

    Mbufs.release(mbuf);
    pool.close();
  }

  @Test
  void duplicateNameIsADpdkException() {
    String name = DpdkTestSupport.uniqueName("mpd");
    try (Mempool pool = Mempool.create(name, 16)) {
      assertThatThrownBy(() -> Mempool.create(name, 16))
          .isInstanceOf(DpdkException.class)
          .hasMessageContaining("cannot create mempool " + name);
      assertThat(pool.size()).isEqualTo(16);
    }
  }
}
