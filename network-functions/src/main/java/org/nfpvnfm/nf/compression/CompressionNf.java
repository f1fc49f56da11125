package org.nfpvnfm.nf.compression;

import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.nio.ByteOrder;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.zip.DataFormatException;
import java.util.zip.Deflater;
import java.util.zip.Inflater;
import org.nfpvnfm.dpdk.Mbufs;
import org.nfpvnfm.dpdk.nf.NetworkFunction;
import org.nfpvnfm.dpdk.nf.PacketBatch;
import org.nfpvnfm.dpdk.packet.Checksums;
import org.nfpvnfm.dpdk.packet.PacketFields;
import org.nfpvnfm.dpdk.packet.ParsedPacket;
import org.nfpvnfm.tosca.nfp.PacketField;

/**
 * Compresses or decompresses the payload of TCP and UDP packets with DEFLATE in the zlib format
 * (RFC 1950: a 2-byte header and an Adler-32 check around RFC 1951 data). The zlib wrapper costs 6
 * bytes but lets the decompressing side tell a compressed payload from one the compressing side
 * left alone (one that would not shrink): a payload that is not a complete zlib stream whose check
 * matches passes unchanged.
 *
 * <p>The payload is rewritten in place and the packet's lengths follow: the mbuf shrinks or grows
 * at the tail (Ethernet padding is dropped first), then the IPv4 total length or IPv6 payload
 * length and the UDP length are fixed through the parsed packet's segment and base (raw access to
 * header fields the action table does not list, as it does not list checksums), the packet is
 * parsed again and the payload written through {@link PacketFields#write}. The IPv4 header checksum
 * is rewritten here; the TCP/UDP checksum is left to the node's egress, which rewrites it for any
 * NF whose profile writes the payload.
 *
 * <p>It never drops. Passed unchanged and counted: packets without TCP or UDP, fragments, empty
 * payloads, payloads that would not shrink (compress), payloads that are not zlib streams, streams
 * that inflate past 64 KiB and packets without tailroom (decompress), chained mbufs.
 *
 * <p>Allocation: none per packet. The Deflater and Inflater are reset and reused, the buffers are
 * preallocated, and the mbuf grows through preallocated zero arrays of power-of-two lengths ({@link
 * Mbufs#append} copies a whole array). A corrupt stream that passes the header check costs the
 * {@link DataFormatException}.
 */
public final class CompressionNf implements NetworkFunction {
  private static final int MAX_PAYLOAD = 65_535;
  private static final ValueLayout.OfShort U16 =
      ValueLayout.JAVA_SHORT_UNALIGNED.withOrder(ByteOrder.BIG_ENDIAN);

  private final boolean compress;
  private final Deflater deflater;
  private final Inflater inflater = new Inflater();
  private final byte[] in = new byte[MAX_PAYLOAD];
  private final byte[] out = new byte[MAX_PAYLOAD];
  private final MemorySegment inSegment = MemorySegment.ofArray(in);
  private final MemorySegment outSegment = MemorySegment.ofArray(out);
  private final byte[][] zeros = new byte[16][];

  private long compressed;
  private long decompressed;
  private long notSmaller;
  private long notCompressed;
  private long empty;
  private long notTcpUdp;
  private long fragments;
  private long chained;
  private long noRoom;
  private long tooLarge;
  private long bytesIn;
  private long bytesOut;

  CompressionNf(boolean compress, int level) {
    this.compress = compress;
    this.deflater = new Deflater(level);
    for (int k = 0; k < zeros.length; k++) {
      zeros[k] = new byte[1 << k];
    }
  }

  @Override
  public void process(PacketBatch batch) {
    for (int i = 0; i < batch.size(); i++) {
      transform(batch, i);
    }
  }

  private void transform(PacketBatch batch, int i) {
    ParsedPacket p = batch.packet(i);
    int protocol = p.protocol();
    if (!p.hasPorts() || (protocol != 6 && protocol != 17)) {
      notTcpUdp++;
      return;
    }
    if (p.isFragment()) {
      fragments++;
      return;
    }
    int length = p.payloadLength();
    if (length == 0) {
      empty++;
      return;
    }
    long m = batch.mbuf(i);
    if (Mbufs.nextSegment(m) != 0) {
      chained++;
      return;
    }
    PacketFields.read(p, PacketField.PAYLOAD, inSegment, 0);
    int result = compress ? deflate(length) : inflate(length);
    if (result < 0) {
      return;
    }
    if (p.l3End() - p.l3Offset() - length + result > MAX_PAYLOAD) {
      tooLarge++;
      return;
    }
    if (!resize(batch, i, p, m, result - length)) {
      noRoom++;
      return;
    }
    ParsedPacket q = batch.packet(i);
    PacketFields.write(q, PacketField.PAYLOAD, outSegment, 0);
    Checksums.rewriteIpv4HeaderChecksum(q);
    bytesIn += length;
    bytesOut += result;
    if (compress) {
      compressed++;
    } else {
      decompressed++;
    }
  }

  /** The compressed length in {@link #out}, or -1 (counted) when it would not be shorter. */
  private int deflate(int length) {
    deflater.reset();
    deflater.setInput(in, 0, length);
    deflater.finish();
    int n = deflater.deflate(out, 0, length - 1);
    if (!deflater.finished()) {
      notSmaller++;
      return -1;
    }
    return n;
  }

  /** The inflated length in {@link #out}, or -1 (counted) when the payload is not a stream. */
  private int inflate(int length) {
    int cmf = in[0] & 0xff;
    int flg = length > 1 ? in[1] & 0xff : 0;
    // RFC 1950: method 8 (deflate), a window of at most 32 KiB, no preset dictionary, and the
    // header check (CMF * 256 + FLG a multiple of 31).
    if (length < 6
        || (cmf & 0x0f) != 8
        || (cmf >>> 4) > 7
        || (flg & 0x20) != 0
        || ((cmf << 8) | flg) % 31 != 0) {
      notCompressed++;
      return -1;
    }
    inflater.reset();
    inflater.setInput(in, 0, length);
    int n;
    try {
      n = inflater.inflate(out, 0, out.length);
    } catch (DataFormatException e) {
      notCompressed++;
      return -1;
    }
    if (!inflater.finished()) {
      if (n == out.length) {
        tooLarge++;
      } else {
        notCompressed++;
      }
      return -1;
    }
    if (inflater.getRemaining() != 0) {
      notCompressed++;
      return -1;
    }
    return n;
  }

  /**
   * Changes the packet's length by {@code delta} at the payload's end and fixes its length fields;
   * false, with the packet as it was, when the mbuf has no room.
   */
  private boolean resize(PacketBatch batch, int i, ParsedPacket p, long m, int delta) {
    int padding = p.frameLength() - p.l3End();
    if (delta > 0) {
      int grown = 0;
      for (int k = zeros.length - 1; k >= 0; k--) {
        if (((delta >>> k) & 1) != 0) {
          if (!Mbufs.append(m, zeros[k])) {
            Mbufs.removeTail(m, grown);
            return false;
          }
          grown += 1 << k;
        }
      }
      if (padding > 0) {
        // The payload grows over the old padding; the packet ends padding bytes later than it must.
        Mbufs.removeTail(m, padding);
      }
    } else {
      Mbufs.removeTail(m, padding - delta);
    }
    MemorySegment s = p.segment();
    long l3 = p.base() + p.l3Offset();
    if (p.ipVersion() == 4) {
      s.set(U16, l3 + 2, (short) ((s.get(U16, l3 + 2) & 0xffff) + delta));
    } else {
      s.set(U16, l3 + 4, (short) ((s.get(U16, l3 + 4) & 0xffff) + delta));
    }
    if (p.protocol() == 17) {
      long udp = p.base() + p.l4Offset();
      s.set(U16, udp + 4, (short) ((s.get(U16, udp + 4) & 0xffff) + delta));
    }
    batch.reparse(i);
    return true;
  }

  /** Counts by outcome, and the payload bytes before and after for the changed packets. */
  public Map<String, Long> counters() {
    Map<String, Long> c = new LinkedHashMap<>();
    c.put("compressed", compressed);
    c.put("decompressed", decompressed);
    c.put("not_smaller", notSmaller);
    c.put("not_compressed", notCompressed);
    c.put("empty", empty);
    c.put("not_tcp_udp", notTcpUdp);
    c.put("fragment", fragments);
    c.put("chained", chained);
    c.put("no_room", noRoom);
    c.put("too_large", tooLarge);
    c.put("payload_bytes_in", bytesIn);
    c.put("payload_bytes_out", bytesOut);
    return c;
  }
}
