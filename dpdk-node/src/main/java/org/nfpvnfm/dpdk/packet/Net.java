package org.nfpvnfm.dpdk.packet;

import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.nio.ByteOrder;

/**
 * Network-byte-order accessors. Packet headers sit at any address (an mbuf's data offset, a VLAN
 * tag of 4 bytes, IPv4 options), so every layout is unaligned; the JIT turns each access into one
 * load or store plus a byte swap.
 */
final class Net {

  static final ValueLayout.OfShort U16 =
      ValueLayout.JAVA_SHORT_UNALIGNED.withOrder(ByteOrder.BIG_ENDIAN);
  static final ValueLayout.OfInt U32 =
      ValueLayout.JAVA_INT_UNALIGNED.withOrder(ByteOrder.BIG_ENDIAN);
  static final ValueLayout.OfLong U64 =
      ValueLayout.JAVA_LONG_UNALIGNED.withOrder(ByteOrder.BIG_ENDIAN);

  private Net() {}

  static int u8(MemorySegment s, long offset) {
    return s.get(ValueLayout.JAVA_BYTE, offset) & 0xff;
  }

  static int u16(MemorySegment s, long offset) {
    return s.get(U16, offset) & 0xffff;
  }

  static long u32(MemorySegment s, long offset) {
    return s.get(U32, offset) & 0xffff_ffffL;
  }

  static long u48(MemorySegment s, long offset) {
    return ((long) u16(s, offset) << 32) | u32(s, offset + 2);
  }

  static long u64(MemorySegment s, long offset) {
    return s.get(U64, offset);
  }

  static void put8(MemorySegment s, long offset, int value) {
    s.set(ValueLayout.JAVA_BYTE, offset, (byte) value);
  }

  static void put16(MemorySegment s, long offset, int value) {
    s.set(U16, offset, (short) value);
  }

  static void put32(MemorySegment s, long offset, long value) {
    s.set(U32, offset, (int) value);
  }

  static void put48(MemorySegment s, long offset, long value) {
    put16(s, offset, (int) (value >>> 32));
    put32(s, offset + 2, value);
  }

  static void put64(MemorySegment s, long offset, long value) {
    s.set(U64, offset, value);
  }
}
