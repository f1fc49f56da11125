package org.nfpvnfm.dpdk;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.nfpvnfm.dpdk.DpdkTestSupport.assertEveryMbufBack;
import static org.nfpvnfm.dpdk.DpdkTestSupport.packetBytes;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

@Tag("integration")
class HeaderCopyTest {
  // RTE_PKTMBUF_HEADROOM (128 in Debian's DPDK) plus 128 bytes: room for any header length here.
  private static final int HEADER_ROOM = 256;

  private Mempool pool;
  private Mempool headers;

  @BeforeEach
  void pools() {
    DpdkTestSupport.eal();
    pool = Mempool.create(DpdkTestSupport.uniqueName("hp"), 63);
    headers = Mempool.create(DpdkTestSupport.uniqueName("hh"), 63, 0, HEADER_ROOM);
  }

  @AfterEach
  void noLeaks() {
    assertEveryMbufBack(pool);
    assertEveryMbufBack(headers);
    pool.close();
    headers.close();
  }

  /** A packet of {@code length} bytes, byte i = i mod 251 (no period of a header length). */
  private static byte[] bytes(int length) {
    byte[] b = new byte[length];
    for (int i = 0; i < length; i++) {
      b[i] = (byte) (i % 251);
    }
    return b;
  }

  private long packet(int length) {
    long mbuf = pool.allocate();
    assertThat(Mbufs.append(mbuf, bytes(length))).as("append %d bytes", length).isTrue();
    return mbuf;
  }

  @Test
  void headerCopyCopiesTheHeadersAndChainsTheSharedPayload() {
    long original = packet(200);

    long copy = Mbufs.headerCopy(original, headers, 64);

    assertThat(copy).isNotZero();
    assertThat(Mbufs.segments(copy)).as("segments of the copy").isEqualTo(2);
    assertThat(Mbufs.packetLength(copy)).as("pkt_len of the copy").isEqualTo(200);
    assertThat(Mbufs.dataLength(copy)).as("data_len of the header segment").isEqualTo(64);
    long payload = Mbufs.nextSegment(copy);
    assertThat(Mbufs.dataLength(payload)).as("data_len of the payload segment").isEqualTo(136);
    assertThat(Mbufs.nextSegment(payload)).as("segment after the payload").isZero();
    assertThat(Mbufs.dataAddress(payload))
        .as("payload address (expected: the original's data + 64, shared)")
        .isEqualTo(Mbufs.dataAddress(original) + 64);
    assertThat(Mbufs.dataAddress(copy)).isNotEqualTo(Mbufs.dataAddress(original));
    assertThat(Mbufs.refCount(original)).as("refcount of the original's data").isEqualTo(2);
    assertThat(Mbufs.refCount(copy)).as("refcount of the header segment").isEqualTo(1);
    assertThat(packetBytes(copy)).containsExactly(bytes(200));

    Mbufs.release(copy);
    assertThat(Mbufs.refCount(original)).as("refcount after releasing the copy").isEqualTo(1);
    Mbufs.release(original);
  }

  @Test
  void writingTheCopysHeadersLeavesTheOriginalUnchanged() {
    long original = packet(200);
    long copy = Mbufs.headerCopy(original, headers, 64);

    Mbufs.write(copy, 0, new byte[] {-1, -1, -1, -1});

    assertThat(packetBytes(original))
        .as("original after writing the copy's header")
        .containsExactly(bytes(200));
    assertThat(packetBytes(copy)[0]).isEqualTo((byte) -1);
    Mbufs.release(copy);
    Mbufs.release(original);
  }

  @Test
  void thePayloadIsSharedBytesNotACopy() {
    long original = packet(200);
    long copy = Mbufs.headerCopy(original, headers, 64);

    // Only to show the sharing: NFs on a header copy must not write the payload.
    Mbufs.write(original, 100, new byte[] {42});

    assertThat(packetBytes(copy)[100])
        .as("copy's byte 100 after the original's changed")
        .isEqualTo((byte) 42);
    Mbufs.release(copy);
    Mbufs.release(original);
  }

  @Test
  void theOriginalMayBeReleasedFirst() {
    long original = packet(200);
    long copy = Mbufs.headerCopy(original, headers, 64);

    Mbufs.release(original);

    assertThat(pool.inUse()).as("packet mbufs in use (expected: the shared data's)").isEqualTo(1);
    assertThat(Mbufs.refCount(Mbufs.nextSegment(copy)))
        .as("refcount of the shared data")
        .isEqualTo(1);
    assertThat(packetBytes(copy)).containsExactly(bytes(200));
    Mbufs.release(copy);
  }

  @Test
  void aPacketNoLongerThanTheHeaderGetsAFullCopyInOneSegment() {
    for (int length : new int[] {60, 64}) {
      long original = packet(length);

      long copy = Mbufs.headerCopy(original, headers, 64);

      assertThat(Mbufs.segments(copy)).as("segments of the copy of %d bytes", length).isEqualTo(1);
      assertThat(Mbufs.refCount(original))
          .as("refcount of the original of %d bytes", length)
          .isEqualTo(1);
      assertThat(Mbufs.dataAddress(copy)).isNotEqualTo(Mbufs.dataAddress(original));
      assertThat(packetBytes(copy)).containsExactly(bytes(length));
      Mbufs.release(copy);
      Mbufs.release(original);
    }
  }

  @Test
  void aHeaderCopyOfAChainedPacketSharesFromTheSegmentWhereThePayloadStarts() {
    long original = packet(300);
    long chained = Mbufs.headerCopy(original, headers, 64);

    // 100 bytes: the first segment (64) and 36 bytes of the second; 64: exactly the first.
    for (int headerBytes : new int[] {100, 64}) {
      long copy = Mbufs.headerCopy(chained, headers, headerBytes);

      assertThat(Mbufs.segments(copy)).as("segments, header of %d", headerBytes).isEqualTo(2);
      assertThat(Mbufs.dataLength(copy)).isEqualTo(headerBytes);
      assertThat(Mbufs.packetLength(copy)).isEqualTo(300);
      assertThat(Mbufs.dataAddress(Mbufs.nextSegment(copy)))
          .as("payload address, header of %d", headerBytes)
          .isEqualTo(Mbufs.dataAddress(original) + headerBytes);
      // The indirect segment attaches to the mbuf that owns the data, not to the other indirect.
      assertThat(Mbufs.refCount(original)).as("refcount, header of %d", headerBytes).isEqualTo(3);
      assertThat(packetBytes(copy)).containsExactly(bytes(300));
      Mbufs.release(copy);
    }
    Mbufs.release(chained);
    assertThat(Mbufs.refCount(original)).isEqualTo(1);
    Mbufs.release(original);
  }

  @Test
  void aHeaderPoolRunningOutGivesZeroAndTakesNothing() {
    long original = packet(300);
    long chained = Mbufs.headerCopy(original, headers, 64);
    try (Mempool one = Mempool.create(DpdkTestSupport.uniqueName("h1"), 1, 0, HEADER_ROOM);
        Mempool two = Mempool.create(DpdkTestSupport.uniqueName("h2"), 2, 0, HEADER_ROOM)) {
      // A one-segment packet needs two mbufs at once.
      assertThat(Mbufs.headerCopy(original, one, 64)).as("header copy from 1 mbuf").isZero();
      // A two-segment packet with a 32-byte header needs three: the last attach fails, and the
      // header segment and the first indirect one, attached already, must go back.
      assertThat(Mbufs.headerCopy(chained, two, 32)).as("header copy from 2 mbufs").isZero();

      assertEveryMbufBack(one);
      assertEveryMbufBack(two);
      assertThat(Mbufs.refCount(original)).as("refcount of the original's data").isEqualTo(2);
    }
    Mbufs.release(chained);
    Mbufs.release(original);
  }

  @Test
  void aHeaderLongerThanTheHeaderPoolsRoomTakesSeveralSegments() {
    long original = packet(300);
    try (Mempool small = Mempool.create(DpdkTestSupport.uniqueName("hs"), 7, 0, 128 + 64)) {
      long copy = Mbufs.headerCopy(original, small, 100);

      assertThat(Mbufs.segments(copy)).as("64 + 36 header bytes, then the payload").isEqualTo(3);
      assertThat(Mbufs.dataLength(copy)).isEqualTo(64);
      assertThat(Mbufs.dataAddress(Mbufs.nextSegment(Mbufs.nextSegment(copy))))
          .isEqualTo(Mbufs.dataAddress(original) + 100);
      assertThat(packetBytes(copy)).containsExactly(bytes(300));
      Mbufs.release(copy);
      assertEveryMbufBack(small);
    }
    Mbufs.release(original);
  }

  @Test
  void rejectsAnEmptyHeader() {
    long original = packet(100);
    try {
      assertThatThrownBy(() -> Mbufs.headerCopy(original, headers, 0))
          .isInstanceOf(IllegalArgumentException.class)
          .hasMessageContaining("headerBytes: 0");
    } finally {
      Mbufs.release(original);
    }
  }
}
