package org.nfpvnfm.dpdk.trace;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Arrays;
import java.util.Iterator;
import java.util.NoSuchElementException;

/**
 * Generates a {@link TraceSpec}'s packets: Ethernet II frames of IPv4 or IPv6 with TCP or UDP,
 * every length field consistent and every checksum right, so that {@code PacketParser} parses each
 * one as {@code OK}. The same spec gives the same bytes on every run and every JVM (docs/traces.md
 * lists what each frame holds).
 *
 * <p>Streaming: {@link #write} holds one frame and a 1 MiB buffer, never the trace, so 10⁷ packets
 * take no more memory than 10; per-flow state is 4 bytes per flow for TCP sequence numbers and a
 * bit per flow.
 */
public final class TraceGenerator {

  /** The first packet's timestamp: 2024-01-01T00:00:00Z, in seconds since 1970. */
  public static final long EPOCH_SECONDS = 1_704_067_200L;

  /** The classic pcap magic (microsecond timestamps), written little-endian. */
  static final int PCAP_MAGIC = 0xa1b2c3d4;

  /** pcap's LINKTYPE_ETHERNET. */
  static final int LINKTYPE_ETHERNET = 1;

  static final int SNAPLEN = 65535;

  private static final int BUFFER = 1 << 20;

  private TraceGenerator() {}

  /**
   * Writes the trace to {@code file} as a classic pcap (version 2.4, little-endian, microsecond
   * timestamps, LINKTYPE_ETHERNET, snap length 65535, every frame captured whole), replacing what
   * was there.
   */
  public static TraceSummary write(TraceSpec spec, Path file) throws IOException {
    FrameSource source = new FrameSource(spec);
    ByteBuffer buffer = ByteBuffer.allocate(BUFFER).order(ByteOrder.LITTLE_ENDIAN);
    byte[] frame = new byte[SizeDistribution.MAX_FRAME];
    long packets = 0;
    long bytes = 0;
    long ipv6 = 0;
    long tcp = 0;
    long first = source.nextTimestampMicros();
    long last = first;
    try (FileChannel out =
        FileChannel.open(
            file,
            StandardOpenOption.CREATE,
            StandardOpenOption.TRUNCATE_EXISTING,
            StandardOpenOption.WRITE)) {
      buffer.putInt(PCAP_MAGIC).putShort((short) 2).putShort((short) 4);
      buffer.putInt(0).putInt(0).putInt(SNAPLEN).putInt(LINKTYPE_ETHERNET);
      while (source.hasNext()) {
        last = source.nextTimestampMicros();
        int length = source.next(frame);
        if (buffer.remaining() < 16 + length) {
          drain(buffer, out);
        }
        buffer
            .putInt((int) (EPOCH_SECONDS + last / 1_000_000))
            .putInt((int) (last % 1_000_000))
            .putInt(length)
            .putInt(length)
            .put(frame, 0, length);
        packets++;
        bytes += length;
        ipv6 += source.ipv6() ? 1 : 0;
        tcp += source.tcp() ? 1 : 0;
      }
      drain(buffer, out);
    }
    return new TraceSummary(packets, bytes, source.distinctFlows(), ipv6, tcp, last - first);
  }

  private static void drain(ByteBuffer buffer, FileChannel out) throws IOException {
    buffer.flip();
    while (buffer.hasRemaining()) {
      out.write(buffer);
    }
    buffer.clear();
  }

  /**
   * The trace's frames in order, each a new array: the bytes {@link #write} puts in the file's
   * records. Made as they are asked for, so a long trace can be walked without holding it.
   */
  public static Iterator<byte[]> frames(TraceSpec spec) {
    FrameSource source = new FrameSource(spec);
    byte[] frame = new byte[SizeDistribution.MAX_FRAME];
    return new Iterator<>() {
      @Override
      public boolean hasNext() {
        return source.hasNext();
      }

      @Override
      public byte[] next() {
        if (!source.hasNext()) {
          throw new NoSuchElementException("the trace has " + spec.packets() + " packets");
        }
        return Arrays.copyOf(frame, source.next(frame));
      }
    };
  }
}
