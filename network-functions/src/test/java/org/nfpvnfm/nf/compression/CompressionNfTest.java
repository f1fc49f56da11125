package org.nfpvnfm.nf.compression;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.ByteBuffer;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.zip.Deflater;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.nfpvnfm.nf.NfConfig;
import org.nfpvnfm.nf.NfConfigException;
import org.nfpvnfm.nf.NfHarness;
import org.nfpvnfm.nf.NfHarness.Outcome;
import org.nfpvnfm.nf.NfRegistry;
import org.nfpvnfm.tosca.nfp.Access;
import org.nfpvnfm.tosca.nfp.PacketField;

@Tag("integration")
class CompressionNfTest {
  private static NfHarness harness;

  @BeforeAll
  static void start() {
    harness = new NfHarness();
  }

  @AfterAll
  static void stop() {
    harness.close();
  }

  private static CompressionNf nf(Map<String, ?> config) {
    return new CompressionProvider().createCompression(NfConfig.of("zip", config));
  }

  private static CompressionNf compressor() {
    return nf(Map.of("mode", "compress", "level", 9));
  }

  private static CompressionNf decompressor() {
    return nf(Map.of("mode", "decompress"));
  }

  private static byte[] passed(Outcome o) {
    assertThat(o.dropped()).isFalse();
    assertThat(o.malformed()).isFalse();
    return o.bytes();
  }

  @Test
  void compressThenDecompressGivesTheOriginalPacketBack() {
    CompressionNf compressor = compressor();
    CompressionNf decompressor = decompressor();
    List<byte[]> frames =
        List.of(
            Frames.udp4(Frames.text(1400)),
            Frames.tcp4(Frames.text(900)),
            Frames.udp6(Frames.text(300)));
    List<Outcome> small = harness.run(compressor, frames);
    for (int i = 0; i < frames.size(); i++) {
      assertThat(passed(small.get(i)).length).isLessThan(frames.get(i).length);
    }
    List<Outcome> back = harness.run(decompressor, small.stream().map(Outcome::bytes).toList());
    for (int i = 0; i < frames.size(); i++) {
      assertThat(passed(back.get(i))).as("frame %d", i).isEqualTo(frames.get(i));
    }
    assertThat(compressor.counters()).containsEntry("compressed", 3L);
    assertThat(decompressor.counters()).containsEntry("decompressed", 3L);
  }

  @Test
  void compressedPacketsHaveTheirLengthsFixed() {
    byte[] frame = Frames.udp4(Frames.text(1000), 0);
    byte[] out = passed(harness.run(compressor(), frame));
    ByteBuffer b = ByteBuffer.wrap(out);
    int payload = out.length - 42;
    assertThat(b.getShort(16) & 0xffff).isEqualTo(out.length - 14);
    assertThat(b.getShort(38) & 0xffff).isEqualTo(8 + payload);
    assertThat(b.getShort(24)).isEqualTo(Frames.ipv4Checksum(out, 14));
    // The payload is a plain zlib stream: any zlib inflates it.
    var inflater = new java.util.zip.Inflater();
    inflater.setInput(out, 42, payload);
    byte[] text = new byte[1000];
    assertThat(catching(() -> inflater.inflate(text))).isEqualTo(1000);
    assertThat(text).isEqualTo(Frames.text(1000));
  }

  @Test
  void ethernetPaddingIsDroppedWhenTheLengthChanges() {
    byte[] frame = Frames.udp4(Frames.text(200), 6);
    byte[] small = passed(harness.run(compressor(), frame));
    byte[] back = passed(harness.run(decompressor(), small));
    assertThat(back).isEqualTo(Arrays.copyOf(frame, frame.length - 6));
  }

  @Test
  void incompressibleAndEmptyPayloadsPassUnchanged() {
    CompressionNf compressor = compressor();
    byte[] noise = Frames.udp4(Frames.noise(500));
    byte[] tiny = Frames.udp4(new byte[] {1, 2, 3});
    byte[] empty = Frames.udp4(new byte[0]);
    List<Outcome> out = harness.run(compressor, List.of(noise, tiny, empty));
    assertThat(passed(out.get(0))).isEqualTo(noise);
    assertThat(passed(out.get(1))).isEqualTo(tiny);
    assertThat(passed(out.get(2))).isEqualTo(empty);
    assertThat(compressor.counters())
        .containsEntry("not_smaller", 2L)
        .containsEntry("empty", 1L)
        .containsEntry("compressed", 0L);

    // The decompressor leaves what the compressor left alone.
    CompressionNf decompressor = decompressor();
    List<Outcome> back = harness.run(decompressor, List.of(noise, tiny, empty));
    assertThat(passed(back.get(0))).isEqualTo(noise);
    assertThat(passed(back.get(1))).isEqualTo(tiny);
    assertThat(decompressor.counters()).containsEntry("not_compressed", 2L);
  }

  @Test
  void corruptOrTruncatedStreamsPassUnchanged() {
    byte[] small = passed(harness.run(compressor(), Frames.udp4(Frames.text(800))));
    int payload = small.length - 42;
    byte[] corrupt = small.clone();
    corrupt[42 + payload / 2] ^= 0x55;
    byte[] cut = Frames.udp4(Arrays.copyOfRange(small, 42, small.length - 3));
    byte[] trailing = Frames.udp4(concat(Arrays.copyOfRange(small, 42, small.length), new byte[2]));
    CompressionNf decompressor = decompressor();
    List<Outcome> out = harness.run(decompressor, List.of(corrupt, cut, trailing));
    assertThat(passed(out.get(0))).isEqualTo(corrupt);
    assertThat(passed(out.get(1))).isEqualTo(cut);
    assertThat(passed(out.get(2))).isEqualTo(trailing);
    assertThat(decompressor.counters())
        .containsEntry("not_compressed", 3L)
        .containsEntry("decompressed", 0L);
  }

  @Test
  void streamsThatInflatePastTheMbufPassUnchanged() {
    // 1 KiB of zlib that inflates to 60 000 bytes: more than an mbuf's 2048.
    Deflater d = new Deflater(9);
    d.setInput(new byte[60_000]);
    d.finish();
    byte[] bomb = new byte[2000];
    int n = d.deflate(bomb);
    byte[] frame = Frames.udp4(Arrays.copyOf(bomb, n));
    CompressionNf decompressor = decompressor();
    assertThat(passed(harness.run(decompressor, frame))).isEqualTo(frame);
    assertThat(decompressor.counters()).containsEntry("no_room", 1L);
  }

  @Test
  void nonTcpUdpFramesPassUnchanged() {
    CompressionNf compressor = compressor();
    byte[] icmp = Frames.icmp4();
    assertThat(passed(harness.run(compressor, icmp))).isEqualTo(icmp);
    assertThat(compressor.counters()).containsEntry("not_tcp_udp", 1L);
  }

  @Test
  void malformedFramesNeverReachTheNf() {
    byte[] frame = Frames.udp4(Frames.text(100));
    byte[] badUdpLength = frame.clone();
    ByteBuffer.wrap(badUdpLength).putShort(38, (short) 4000);
    CompressionNf compressor = compressor();
    Outcome o = harness.run(compressor, badUdpLength);
    assertThat(o.malformed()).isTrue();
    assertThat(compressor.counters().values()).allMatch(v -> v == 0L);
  }

  @Test
  void rejectsEveryConfigurationProblemAtOnce() {
    assertThatThrownBy(() -> nf(Map.of("mode", "squeeze", "level", 12)))
        .isInstanceOfSatisfying(
            NfConfigException.class,
            e ->
                assertThat(e.problems())
                    .containsExactly(
                        "mode: squeeze (expected: compress or decompress)",
                        "level: 12 (expected: 1 to 9)"));
    assertThatThrownBy(() -> nf(Map.of("mode", "decompress", "level", 3)))
        .isInstanceOf(NfConfigException.class)
        .hasMessageContaining("level: only for mode compress");
    assertThatThrownBy(() -> nf(Map.of()))
        .isInstanceOf(NfConfigException.class)
        .hasMessageContaining("mode: missing");
  }

  @Test
  void profileWritesThePayloadAndChangesItsLength() {
    assertThat(NfRegistry.load().find("compression")).containsInstanceOf(CompressionProvider.class);
    var profile = new CompressionProvider().profile();
    assertThat(profile.fields()).containsExactly(Map.entry(PacketField.PAYLOAD, Access.READ_WRITE));
    assertThat(profile.addsOrRemovesHeader()).isTrue();
    assertThat(profile.mayDrop()).isFalse();
  }

  /** Compresses and decompresses one batch over and over and measures what a packet allocates. */
  @Test
  void roundTripsAllocateNothingPerPacket() {
    var threads =
        (com.sun.management.ThreadMXBean) java.lang.management.ManagementFactory.getThreadMXBean();
    CompressionNf compressor = compressor();
    CompressionNf decompressor = decompressor();
    int n = 32;
    byte[] frame = Frames.udp4(Frames.text(1000));
    try (org.nfpvnfm.dpdk.Mempool pool =
        org.nfpvnfm.dpdk.Mempool.create(
            "zipalloc", 255, 0, 24, org.nfpvnfm.dpdk.Mempool.DEFAULT_DATA_ROOM)) {
      long[] mbufs = new long[n];
      var batch = new org.nfpvnfm.dpdk.nf.PacketBatch(n);
      try {
        for (int i = 0; i < n; i++) {
          mbufs[i] = pool.allocate();
          assertThat(org.nfpvnfm.dpdk.Mbufs.append(mbufs[i], frame)).isTrue();
          assertThat(batch.add(mbufs[i], i).isMalformed()).isFalse();
        }
        int rounds = 500;
        for (int r = 0; r < rounds; r++) {
          compressor.process(batch);
          decompressor.process(batch);
        }
        long t = Thread.currentThread().threadId();
        long before = threads.getThreadAllocatedBytes(t);
        for (int r = 0; r < rounds; r++) {
          compressor.process(batch);
          decompressor.process(batch);
        }
        long total = threads.getThreadAllocatedBytes(t) - before;
        System.out.println("compression: " + total + " bytes over " + 2 * rounds * n + " packets");
        assertThat(total / (2L * rounds * n)).isZero();
        for (int i = 0; i < n; i++) {
          assertThat(org.nfpvnfm.dpdk.Mbufs.toByteArray(mbufs[i])).isEqualTo(frame);
        }
      } finally {
        for (long m : mbufs) {
          org.nfpvnfm.dpdk.Mbufs.release(m);
        }
      }
    }
  }

  private interface Inflate {
    int run() throws Exception;
  }

  private static int catching(Inflate f) {
    try {
      return f.run();
    } catch (Exception e) {
      throw new AssertionError(e);
    }
  }

  private static byte[] concat(byte[] a, byte[] b) {
    byte[] out = Arrays.copyOf(a, a.length + b.length);
    System.arraycopy(b, 0, out, a.length, b.length);
    return out;
  }
}
