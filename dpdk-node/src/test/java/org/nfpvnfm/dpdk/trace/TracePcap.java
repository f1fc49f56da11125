package org.nfpvnfm.dpdk.trace;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * A classic pcap file read back field by field, written here from the format's description (the
 * network-functions module's reader is out of this module's reach), so that the tests check the
 * writer against the format rather than against itself.
 */
record TracePcap(
    int magic,
    int versionMajor,
    int versionMinor,
    int thisZone,
    int sigFigs,
    int snapLength,
    int linkType,
    List<Record> records) {

  record Record(long seconds, long micros, int capturedLength, int originalLength, byte[] frame) {}

  static TracePcap read(Path file) throws IOException {
    ByteBuffer in = ByteBuffer.wrap(Files.readAllBytes(file)).order(ByteOrder.LITTLE_ENDIAN);
    int magic = in.getInt();
    int major = Short.toUnsignedInt(in.getShort());
    int minor = Short.toUnsignedInt(in.getShort());
    int zone = in.getInt();
    int sigFigs = in.getInt();
    int snap = in.getInt();
    int link = in.getInt();
    List<Record> records = new ArrayList<>();
    while (in.hasRemaining()) {
      if (in.remaining() < 16) {
        throw new IOException(file + ": " + in.remaining() + " bytes after the last record");
      }
      long seconds = Integer.toUnsignedLong(in.getInt());
      long micros = Integer.toUnsignedLong(in.getInt());
      int captured = in.getInt();
      int original = in.getInt();
      if (captured < 0 || captured > in.remaining()) {
        throw new IOException(file + ": record of " + captured + " bytes past the end");
      }
      byte[] frame = new byte[captured];
      in.get(frame);
      records.add(new Record(seconds, micros, captured, original, frame));
    }
    return new TracePcap(magic, major, minor, zone, sigFigs, snap, link, records);
  }
}
