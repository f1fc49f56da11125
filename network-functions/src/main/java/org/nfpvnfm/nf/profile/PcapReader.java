package org.nfpvnfm.nf.profile;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** Reads the frames of a classic libpcap file (either byte order, µs or ns timestamps). */
public final class PcapReader {
  private static final int MAGIC_MICROS = 0xa1b2c3d4;
  private static final int MAGIC_NANOS = 0xa1b23c4d;
  private static final int LINKTYPE_ETHERNET = 1;

  private PcapReader() {}

  /**
   * The file's frames, in order.
   *
   * @throws IOException when the file cannot be read, is not a classic pcap of Ethernet frames, or
   *     ends inside a record (the message says which and where)
   */
  public static List<byte[]> read(Path file) throws IOException {
    ByteBuffer in = ByteBuffer.wrap(Files.readAllBytes(file)).order(ByteOrder.LITTLE_ENDIAN);
    if (in.remaining() < 24) {
      throw new IOException(file + ": " + in.remaining() + " bytes (expected: a 24-byte header)");
    }
    int magic = in.getInt(0);
    if (magic != MAGIC_MICROS && magic != MAGIC_NANOS) {
      in.order(ByteOrder.BIG_ENDIAN);
      magic = in.getInt(0);
      if (magic != MAGIC_MICROS && magic != MAGIC_NANOS) {
        throw new IOException(
            file + ": not a classic pcap file (magic " + Integer.toHexString(in.getInt(0)) + ")");
      }
    }
    int link = in.getInt(20);
    if (link != LINKTYPE_ETHERNET) {
      throw new IOException(file + ": link type " + link + " (expected: 1, Ethernet)");
    }
    in.position(24);
    List<byte[]> frames = new ArrayList<>();
    while (in.hasRemaining()) {
      int at = in.position();
      if (in.remaining() < 16) {
        throw new IOException(file + ": truncated record header at byte " + at);
      }
      in.position(at + 8);
      int captured = in.getInt();
      in.getInt();
      if (captured < 0 || captured > in.remaining()) {
        throw new IOException(
            file
                + ": record at byte "
                + at
                + " claims "
                + captured
                + " bytes, "
                + in.remaining()
                + " left");
      }
      byte[] frame = new byte[captured];
      in.get(frame);
      frames.add(frame);
    }
    return frames;
  }
}
