package org.nfpvnfm.dpdk;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Writes classic libpcap files (Ethernet, microsecond timestamps) and reads them with either
 * timestamp resolution, for net_pcap tests.
 */
public final class PcapFiles {
  private static final int MAGIC = 0xa1b2c3d4;
  // DPDK 22.11's net_pcap writes nanosecond timestamps, which libpcap marks with this magic.
  private static final int MAGIC_NANOSECONDS = 0xa1b23c4d;
  private static final int ETHERNET = 1;

  private PcapFiles() {}

  public static void write(Path file, List<byte[]> packets) throws IOException {
    int size = 24 + packets.stream().mapToInt(p -> 16 + p.length).sum();
    ByteBuffer out = ByteBuffer.allocate(size).order(ByteOrder.LITTLE_ENDIAN);
    out.putInt(MAGIC).putShort((short) 2).putShort((short) 4).putInt(0).putInt(0);
    out.putInt(65535).putInt(ETHERNET);
    int second = 1;
    for (byte[] packet : packets) {
      out.putInt(second++).putInt(0).putInt(packet.length).putInt(packet.length).put(packet);
    }
    Files.write(file, out.array());
  }

  public static List<byte[]> read(Path file) throws IOException {
    ByteBuffer in = ByteBuffer.wrap(Files.readAllBytes(file)).order(ByteOrder.LITTLE_ENDIAN);
    int magic = in.getInt();
    if (magic != MAGIC && magic != MAGIC_NANOSECONDS) {
      throw new IOException(
          file
              + ": magic "
              + Integer.toHexString(magic)
              + " (expected: a1b2c3d4 or a1b23c4d, little-endian)");
    }
    in.position(24);
    List<byte[]> packets = new ArrayList<>();
    while (in.remaining() >= 16) {
      in.getInt();
      in.getInt();
      int captured = in.getInt();
      in.getInt();
      byte[] packet = new byte[captured];
      in.get(packet);
      packets.add(packet);
    }
    return packets;
  }
}
