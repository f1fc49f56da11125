package org.nfpvnfm.nf.node;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Classic libpcap files of Ethernet frames: written with microsecond timestamps, read with either
 * resolution (DPDK's net_pcap writes nanoseconds).
 */
final class Pcap {
  private static final int MICROSECONDS = 0xa1b2c3d4;
  private static final int NANOSECONDS = 0xa1b23c4d;
  private static final int LINKTYPE_ETHERNET = 1;

  private Pcap() {}

  static void write(Path file, List<byte[]> frames) throws IOException {
    int bytes = 24;
    for (byte[] f : frames) {
      bytes += 16 + f.length;
    }
    ByteBuffer b = ByteBuffer.allocate(bytes).order(ByteOrder.LITTLE_ENDIAN);
    b.putInt(MICROSECONDS).putShort((short) 2).putShort((short) 4).putInt(0).putInt(0);
    b.putInt(65_535).putInt(LINKTYPE_ETHERNET);
    int usec = 0;
    for (byte[] f : frames) {
      b.putInt(1 + usec / 1_000_000).putInt(usec % 1_000_000).putInt(f.length).putInt(f.length);
      b.put(f);
      usec += 10;
    }
    Files.write(file, b.array());
  }

  static List<byte[]> read(Path file) throws IOException {
    ByteBuffer b = ByteBuffer.wrap(Files.readAllBytes(file)).order(ByteOrder.LITTLE_ENDIAN);
    int magic = b.getInt(0);
    if (magic != MICROSECONDS && magic != NANOSECONDS) {
      throw new IOException(
          "%s: magic %08x (expected: a1b2c3d4 or a1b23c4d, little-endian)".formatted(file, magic));
    }
    b.position(24);
    List<byte[]> frames = new ArrayList<>();
    while (b.remaining() >= 16) {
      b.position(b.position() + 8);
      int captured = b.getInt();
      b.getInt();
      byte[] f = new byte[captured];
      b.get(f);
      frames.add(f);
    }
    return frames;
  }
}
