package org.nfpvnfm.dpdk.packet;

import static org.nfpvnfm.dpdk.packet.Net.put16;
import static org.nfpvnfm.dpdk.packet.Net.put32;
import static org.nfpvnfm.dpdk.packet.Net.put48;
import static org.nfpvnfm.dpdk.packet.Net.put64;
import static org.nfpvnfm.dpdk.packet.Net.put8;
import static org.nfpvnfm.dpdk.packet.Net.u16;
import static org.nfpvnfm.dpdk.packet.Net.u32;
import static org.nfpvnfm.dpdk.packet.Net.u48;
import static org.nfpvnfm.dpdk.packet.Net.u64;
import static org.nfpvnfm.dpdk.packet.Net.u8;

import java.lang.foreign.MemorySegment;
import org.nfpvnfm.tosca.nfp.PacketField;

/**
 * Reads, writes and copies the action table's fields ({@link PacketField}) on a parsed packet, in
 * place and without allocating.
 *
 * <ul>
 *   <li>SMAC, DMAC: 48-bit values; VLAN: the outer tag's 16-bit TCI (PCP, DEI, VLAN id).
 *   <li>SIP, DIP: an IPv4 address as an unsigned 32-bit value; an IPv6 address as two longs ({@link
 *       #ipv6High}, {@link #ipv6Low}, {@link #setIpv6}) or as 16 bytes ({@link #read}).
 *   <li>PROTOCOL: IPv4 protocol or the IPv6 next header that names the transport; TTL: TTL or hop
 *       limit; DSCP: the 6 high bits of the ToS or traffic class (ECN is kept on writes).
 *   <li>SPORT, DPORT: TCP or UDP ports.
 *   <li>PAYLOAD: {@link ParsedPacket#payloadOffset()} and {@link ParsedPacket#payloadLength()};
 *       {@link #read} and {@link #copyField} copy its bytes.
 * </ul>
 *
 * <p>A field the packet lacks reads as {@link #ABSENT} and is not written ({@code set} returns
 * false). Checksums are not updated: call {@link Checksums} once after the writes.
 */
public final class PacketFields {

  /** The value {@link #get} returns for a field the packet does not have. */
  public static final long ABSENT = -1L;

  private PacketFields() {}

  /** Whether the packet has {@code field}. */
  public static boolean has(ParsedPacket p, PacketField field) {
    return width(p, field) > 0;
  }

  /**
   * The field's size in bytes in this packet (SIP is 4 or 16, PAYLOAD its length, DSCP 1 though it
   * is 6 bits), or 0 when the packet lacks it. A malformed packet has only the layers parsed before
   * the failing check.
   */
  public static int width(ParsedPacket p, PacketField field) {
    return switch (field) {
      case SMAC, DMAC -> hasMacs(p) ? 6 : 0;
      case VLAN -> p.outerTciOffset >= 0 ? 2 : 0;
      case SIP, DIP -> p.ipVersion == 4 ? 4 : p.ipVersion == 6 ? 16 : 0;
      case PROTOCOL -> p.protocolOffset >= 0 ? 1 : 0;
      case TTL, DSCP -> p.l3Offset >= 0 ? 1 : 0;
      case SPORT, DPORT -> p.ports ? 2 : 0;
      case PAYLOAD -> p.payloadOffset >= 0 ? p.payloadLength : 0;
    };
  }

  /**
   * The field's value, or {@link #ABSENT}.
   *
   * @throws IllegalArgumentException for an IPv6 SIP or DIP (128 bits: use {@link #ipv6High} and
   *     {@link #ipv6Low}) and for PAYLOAD (use {@link #read} or the payload offsets)
   */
  public static long get(ParsedPacket p, PacketField field) {
    if (p.recorder != null) {
      p.recorder.read(field);
    }
    MemorySegment s = p.segment;
    return switch (field) {
      case DMAC -> hasMacs(p) ? u48(s, p.base + 0) : ABSENT;
      case SMAC -> hasMacs(p) ? u48(s, p.base + 6) : ABSENT;
      case VLAN -> p.outerTciOffset >= 0 ? u16(s, p.base + p.outerTciOffset) : ABSENT;
      case SIP, DIP -> {
        if (p.ipVersion == 4) {
          yield u32(s, p.base + addressOffset(p, field));
        }
        if (p.ipVersion == 6) {
          throw new IllegalArgumentException(
              field + " of an IPv6 packet is 128 bits (expected: ipv6High/ipv6Low or read)");
        }
        yield ABSENT;
      }
      case PROTOCOL -> p.protocolOffset >= 0 ? u8(s, p.base + p.protocolOffset) : ABSENT;
      case TTL -> p.l3Offset >= 0 ? u8(s, p.base + ttlOffset(p)) : ABSENT;
      case DSCP -> p.l3Offset >= 0 ? dscp(p) : ABSENT;
      case SPORT -> p.ports ? u16(s, p.base + p.l4Offset) : ABSENT;
      case DPORT -> p.ports ? u16(s, p.base + p.l4Offset + 2) : ABSENT;
      case PAYLOAD ->
          throw new IllegalArgumentException(
              "PAYLOAD is " + p.payloadLength + " bytes (expected: read or payloadOffset)");
    };
  }

  /**
   * Writes {@code value} into the field; false (nothing written) when the packet lacks it.
   *
   * @throws IllegalArgumentException when {@code value} does not fit the field, and for the fields
   *     {@link #get} rejects
   */
  public static boolean set(ParsedPacket p, PacketField field, long value) {
    if (p.recorder != null) {
      p.recorder.write(field);
    }
    MemorySegment s = p.segment;
    switch (field) {
      case DMAC, SMAC -> {
        checkRange(field, value, 0xffff_ffff_ffffL);
        if (!hasMacs(p)) {
          return false;
        }
        put48(s, p.base + (field == PacketField.DMAC ? 0 : 6), value);
      }
      case VLAN -> {
        checkRange(field, value, 0xffff);
        if (p.outerTciOffset < 0) {
          return false;
        }
        put16(s, p.base + p.outerTciOffset, (int) value);
      }
      case SIP, DIP -> {
        checkRange(field, value, 0xffff_ffffL);
        if (p.ipVersion == 6) {
          throw new IllegalArgumentException(
              field + " of an IPv6 packet is 128 bits (expected: setIpv6 or write)");
        }
        if (p.ipVersion != 4) {
          return false;
        }
        put32(s, p.base + addressOffset(p, field), value);
      }
      case PROTOCOL -> {
        checkRange(field, value, 0xff);
        if (p.protocolOffset < 0) {
          return false;
        }
        put8(s, p.base + p.protocolOffset, (int) value);
      }
      case TTL -> {
        checkRange(field, value, 0xff);
        if (p.l3Offset < 0) {
          return false;
        }
        put8(s, p.base + ttlOffset(p), (int) value);
      }
      case DSCP -> {
        checkRange(field, value, 0x3f);
        if (p.l3Offset < 0) {
          return false;
        }
        setDscp(p, (int) value);
      }
      case SPORT, DPORT -> {
        checkRange(field, value, 0xffff);
        if (!p.ports) {
          return false;
        }
        put16(s, p.base + p.l4Offset + (field == PacketField.SPORT ? 0 : 2), (int) value);
      }
      case PAYLOAD ->
          throw new IllegalArgumentException(
              "PAYLOAD is " + p.payloadLength + " bytes (expected: write or payloadOffset)");
    }
    return true;
  }

  /** The high 64 bits of an IPv6 SIP or DIP, or 0 when the packet is not IPv6. */
  public static long ipv6High(ParsedPacket p, PacketField field) {
    if (p.recorder != null) {
      p.recorder.read(field);
    }
    return p.ipVersion == 6 ? u64(p.segment, p.base + addressOffset(p, field)) : 0;
  }

  /** The low 64 bits of an IPv6 SIP or DIP, or 0 when the packet is not IPv6. */
  public static long ipv6Low(ParsedPacket p, PacketField field) {
    if (p.recorder != null) {
      p.recorder.read(field);
    }
    return p.ipVersion == 6 ? u64(p.segment, p.base + addressOffset(p, field) + 8) : 0;
  }

  /** Writes an IPv6 SIP or DIP; false (nothing written) when the packet is not IPv6. */
  public static boolean setIpv6(ParsedPacket p, PacketField field, long high, long low) {
    if (p.recorder != null) {
      p.recorder.write(field);
    }
    int off = addressOffset(p, field);
    if (p.ipVersion != 6) {
      return false;
    }
    put64(p.segment, p.base + off, high);
    put64(p.segment, p.base + off + 8, low);
    return true;
  }

  /**
   * Copies the field's bytes, in network order, to {@code dst} at {@code dstOffset}, and returns
   * how many ({@link #width}; 0 when the packet lacks the field). DSCP is one byte holding the
   * 6-bit value.
   */
  public static int read(ParsedPacket p, PacketField field, MemorySegment dst, long dstOffset) {
    if (p.recorder != null) {
      p.recorder.read(field);
    }
    int w = width(p, field);
    if (w == 0) {
      return 0;
    }
    if (field == PacketField.DSCP) {
      put8(dst, dstOffset, dscp(p));
    } else {
      MemorySegment.copy(p.segment, p.base + offset(p, field), dst, dstOffset, w);
    }
    return w;
  }

  /**
   * Writes the field from {@code width(p, field)} bytes of {@code src} at {@code srcOffset} (the
   * inverse of {@link #read}), and returns how many; 0 (nothing written) when the packet lacks the
   * field. DSCP takes the low 6 bits of one byte.
   */
  public static int write(ParsedPacket p, PacketField field, MemorySegment src, long srcOffset) {
    if (p.recorder != null) {
      p.recorder.write(field);
    }
    int w = width(p, field);
    if (w == 0) {
      return 0;
    }
    if (field == PacketField.DSCP) {
      setDscp(p, u8(src, srcOffset) & 0x3f);
    } else {
      MemorySegment.copy(src, srcOffset, p.segment, p.base + offset(p, field), w);
    }
    return w;
  }

  /**
   * Copies {@code field} from {@code src}'s packet into {@code dst}'s (the merger taking an owned
   * field from one version's buffer into the output). Returns false, and writes nothing, when the
   * field cannot be copied as bytes: either packet lacks it, the IP versions differ (SIP, DIP), or
   * the payload lengths differ (a length change is a header add/remove, not a field write).
   */
  public static boolean copyField(PacketField field, ParsedPacket src, ParsedPacket dst) {
    if (src.recorder != null) {
      src.recorder.read(field);
    }
    if (dst.recorder != null) {
      dst.recorder.write(field);
    }
    int w = width(src, field);
    if (w == 0 || w != width(dst, field)) {
      return false;
    }
    if (field == PacketField.DSCP) {
      setDscp(dst, dscp(src));
    } else {
      MemorySegment.copy(
          src.segment,
          src.base + offset(src, field),
          dst.segment,
          dst.base + offset(dst, field),
          w);
    }
    return true;
  }

  /** Offset of the field's first byte; the field must be present. */
  private static int offset(ParsedPacket p, PacketField field) {
    return switch (field) {
      case DMAC -> 0;
      case SMAC -> 6;
      case VLAN -> p.outerTciOffset;
      case SIP, DIP -> addressOffset(p, field);
      case PROTOCOL -> p.protocolOffset;
      case TTL -> ttlOffset(p);
      case DSCP -> p.l3Offset + (p.ipVersion == 4 ? 1 : 0);
      case SPORT -> p.l4Offset;
      case DPORT -> p.l4Offset + 2;
      case PAYLOAD -> p.payloadOffset;
    };
  }

  private static int addressOffset(ParsedPacket p, PacketField field) {
    boolean source =
        switch (field) {
          case SIP -> true;
          case DIP -> false;
          default ->
              throw new IllegalArgumentException(field + " is not an address (expected: SIP, DIP)");
        };
    if (p.ipVersion == 4) {
      return p.l3Offset + (source ? 12 : 16);
    }
    return p.l3Offset + (source ? 8 : 24);
  }

  private static boolean hasMacs(ParsedPacket p) {
    return p.frameLength >= PacketParser.ETH_HEADER;
  }

  private static int ttlOffset(ParsedPacket p) {
    return p.l3Offset + (p.ipVersion == 4 ? 8 : 7);
  }

  private static int dscp(ParsedPacket p) {
    if (p.ipVersion == 4) {
      return u8(p.segment, p.base + p.l3Offset + 1) >>> 2;
    }
    // Version (4 bits), traffic class (8), flow label (20): DSCP is bits 4..9 of the first word.
    return (u16(p.segment, p.base + p.l3Offset) >>> 6) & 0x3f;
  }

  private static void setDscp(ParsedPacket p, int dscp) {
    MemorySegment s = p.segment;
    if (p.ipVersion == 4) {
      int tos = u8(s, p.base + p.l3Offset + 1);
      put8(s, p.base + p.l3Offset + 1, (dscp << 2) | (tos & 0x03));
    } else {
      int word = u16(s, p.base + p.l3Offset);
      put16(s, p.base + p.l3Offset, (word & ~(0x3f << 6)) | (dscp << 6));
    }
  }

  private static void checkRange(PacketField field, long value, long max) {
    if (value < 0 || value > max) {
      throw new IllegalArgumentException(
          field + ": " + value + " (expected: 0 <= value <= " + max + ")");
    }
  }
}
