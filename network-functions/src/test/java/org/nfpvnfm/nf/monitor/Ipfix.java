package org.nfpvnfm.nf.monitor;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** A small IPFIX (RFC 7011) decoder for the tests: templates and data records, by IE number. */
final class Ipfix {
  record Message(
      int version,
      int length,
      long exportTime,
      long sequence,
      long domain,
      List<Map<Integer, Object>> records) {}

  private final Map<Integer, int[][]> templates = new HashMap<>();

  Message decode(byte[] data, int length) {
    ByteBuffer b = ByteBuffer.wrap(data, 0, length);
    int version = b.getShort() & 0xffff;
    int total = b.getShort() & 0xffff;
    long time = b.getInt() & 0xffffffffL;
    long seq = b.getInt() & 0xffffffffL;
    long domain = b.getInt() & 0xffffffffL;
    List<Map<Integer, Object>> records = new ArrayList<>();
    while (b.position() < total) {
      int setStart = b.position();
      int id = b.getShort() & 0xffff;
      int setLength = b.getShort() & 0xffff;
      int end = setStart + setLength;
      if (id == 2) {
        while (b.position() + 4 <= end) {
          int tid = b.getShort() & 0xffff;
          int count = b.getShort() & 0xffff;
          int[][] fields = new int[count][2];
          for (int i = 0; i < count; i++) {
            fields[i][0] = b.getShort() & 0xffff;
            fields[i][1] = b.getShort() & 0xffff;
          }
          templates.put(tid, fields);
        }
      } else if (id >= 256) {
        int[][] fields = templates.get(id);
        if (fields == null) {
          throw new IllegalStateException("data set " + id + " before its template");
        }
        int recordLength = 0;
        for (int[] f : fields) {
          recordLength += f[1];
        }
        while (b.position() + recordLength <= end) {
          Map<Integer, Object> r = new LinkedHashMap<>();
          for (int[] f : fields) {
            byte[] v = new byte[f[1]];
            b.get(v);
            r.put(f[0], value(f[0], v));
          }
          records.add(r);
        }
      }
      b.position(end);
    }
    return new Message(version, total, time, seq, domain, records);
  }

  private static Object value(int ie, byte[] v) {
    if (ie == 8 || ie == 12 || ie == 27 || ie == 28) {
      try {
        return InetAddress.getByAddress(v).getHostAddress();
      } catch (UnknownHostException e) {
        throw new IllegalArgumentException(e);
      }
    }
    long x = 0;
    for (byte c : v) {
      x = (x << 8) | (c & 0xff);
    }
    return x;
  }
}
