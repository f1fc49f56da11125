package org.nfpvnfm.dpdk;

import static org.assertj.core.api.Assertions.assertThat;
import static org.nfpvnfm.dpdk.DpdkTestSupport.assertEveryMbufBack;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

@Tag("integration")
class MbufsTest {
  private static final byte[] PAYLOAD = {1, 2, 3, 4, 5, 6, 7, 8, 9, 10};

  private Mempool pool;
  private Mempool clones;

  @BeforeEach
  void pools() {
    DpdkTestSupport.eal();
    pool = Mempool.create(DpdkTestSupport.uniqueName("mb"), 63);
    // Indirect mbufs need no data room: a clone points at the original's buffer.
    clones = Mempool.create(DpdkTestSupport.uniqueName("mbc"), 63, 0, 0);
  }

  @AfterEach
  void noLeaks() {
    assertEveryMbufBack(pool);
    assertEveryMbufBack(clones);
    pool.close();
    clones.close();
  }

  @Test
  void appendWritesThePacketBytes() {
    long mbuf = pool.allocate();
    assertThat(Mbufs.append(mbuf, PAYLOAD)).isTrue();

    assertThat(Mbufs.dataLength(mbuf)).isEqualTo(PAYLOAD.length);
    assertThat(Mbufs.packetLength(mbuf)).isEqualTo(PAYLOAD.length);
    assertThat(Mbufs.segments(mbuf)).isEqualTo(1);
    assertThat(Mbufs.refCount(mbuf)).isEqualTo(1);
    assertThat(Mbufs.toByteArray(mbuf)).containsExactly(PAYLOAD);
    Mbufs.release(mbuf);
  }

  @Test
  void sharedCloneSharesTheDataAndRaisesTheRefCount() {
    long original = pool.allocate();
    Mbufs.append(original, PAYLOAD);

    long clone = Mbufs.sharedClone(original, clones);

    assertThat(clone).isNotZero();
    assertThat(Mbufs.refCount(original)).as("refcount of the original after a clone").isEqualTo(2);
    assertThat(Mbufs.dataAddress(clone)).isEqualTo(Mbufs.dataAddress(original));
    Mbufs.write(original, 0, new byte[] {42});
    assertThat(Mbufs.toByteArray(clone)[0])
        .as("clone sees a write to the original")
        .isEqualTo((byte) 42);

    Mbufs.release(clone);
    assertThat(Mbufs.refCount(original)).as("refcount after releasing the clone").isEqualTo(1);
    Mbufs.release(original);
  }

  @Test
  void fullCopyDoesNotShare() {
    long original = pool.allocate();
    Mbufs.append(original, PAYLOAD);

    long copy = Mbufs.fullCopy(original, pool);

    assertThat(copy).isNotZero();
    assertThat(Mbufs.refCount(original)).isEqualTo(1);
    assertThat(Mbufs.refCount(copy)).isEqualTo(1);
    assertThat(Mbufs.dataAddress(copy)).isNotEqualTo(Mbufs.dataAddress(original));
    assertThat(Mbufs.toByteArray(copy)).containsExactly(PAYLOAD);
    Mbufs.write(original, 0, new byte[] {42});
    assertThat(Mbufs.toByteArray(copy)[0])
        .as("copy after a write to the original")
        .isEqualTo((byte) 1);

    Mbufs.release(copy);
    Mbufs.release(original);
  }

  @Test
  void prependAndRemoveFrontMoveTheStartOfThePacket() {
    long mbuf = pool.allocate();
    Mbufs.append(mbuf, PAYLOAD);
    long start = Mbufs.dataAddress(mbuf);

    assertThat(Mbufs.prepend(mbuf, 14)).isTrue();
    assertThat(Mbufs.dataAddress(mbuf)).isEqualTo(start - 14);
    assertThat(Mbufs.dataLength(mbuf)).isEqualTo(PAYLOAD.length + 14);
    assertThat(Mbufs.removeFront(mbuf, 16)).isTrue();
    assertThat(Mbufs.toByteArray(mbuf)).containsExactly(3, 4, 5, 6, 7, 8, 9, 10);
    assertThat(Mbufs.removeTail(mbuf, 2)).isTrue();
    assertThat(Mbufs.toByteArray(mbuf)).containsExactly(3, 4, 5, 6, 7, 8);
    assertThat(Mbufs.removeFront(mbuf, 100)).as("removing more than the packet").isFalse();
    Mbufs.release(mbuf);
  }

  @Test
  void appendBeyondTheRoomFails() {
    long mbuf = pool.allocate();

    assertThat(Mbufs.append(mbuf, new byte[4000])).as("4000 bytes into a 2 KiB mbuf").isFalse();
    assertThat(Mbufs.dataLength(mbuf)).isZero();
    Mbufs.release(mbuf);
  }
}
