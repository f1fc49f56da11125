package org.nfpvnfm.dpdk;

import java.lang.foreign.MemorySegment;
import org.nfpvnfm.dpdk.internal.ffm.Shim;
import org.nfpvnfm.dpdk.packet.PacketParser;
import org.nfpvnfm.dpdk.packet.ParseStatus;
import org.nfpvnfm.dpdk.packet.ParsedPacket;

/**
 * Operations on one mbuf, named for what they do to ownership. An mbuf is its address, a {@code
 * long}, so the packet path creates no Java object per packet; 0 means "none" (an empty pool, no
 * room). Each mbuf has one owner who must {@link #release} it, hand it on (ring, port) or keep it.
 *
 * <ul>
 *   <li>{@link #release}: gives the caller's reference back (refcount - 1; back to the pool at 0).
 *   <li>{@link #share}: one more reference to the same mbuf (refcount + 1).
 *   <li>{@link #sharedClone}: a second reference to the same data (refcount + 1); read-only.
 *   <li>{@link #fullCopy}: new mbufs holding a copy of the packet; independent of the original.
 *   <li>{@link #headerCopy}: the first bytes copied, the rest shared read-only with the original.
 * </ul>
 */
public final class Mbufs {
  private Mbufs() {}

  /** Releases the caller's reference to the packet (every segment); 0 is ignored. */
  public static void release(long mbuf) {
    if (mbuf != 0) {
      Shim.free(mbuf);
    }
  }

  /**
   * One more reference to the same mbuf (refcount + 1 on every segment, as {@link #release} takes
   * one from every segment): the engine's {@code SHARED} hand-over, one buffer going to several
   * branches, each of which releases its own reference. Nothing is allocated; writes through any
   * reference are seen by all.
   */
  public static void share(long mbuf) {
    for (long segment = mbuf; segment != 0; segment = Shim.mbufNext(segment)) {
      Shim.refcntUpdate(segment, 1);
    }
  }

  /**
   * A new mbuf from {@code pool} that shares {@code mbuf}'s data (DPDK's indirect mbuf): the data's
   * refcount goes up, nothing is copied, and writing through either changes both. Both must be
   * released. Returns 0 when {@code pool} is empty.
   */
  public static long sharedClone(long mbuf, Mempool pool) {
    return Shim.clone(mbuf, pool.address());
  }

  /** A deep copy of the whole packet into mbufs from {@code pool}; 0 when the pool is empty. */
  public static long fullCopy(long mbuf, Mempool pool) {
    return Shim.copy(mbuf, pool.address(), 0, -1);
  }

  /**
   * A header copy (the engine's {@code HEADER_COPY}): a new packet whose first {@code headerBytes}
   * bytes are a private copy, in a new mbuf from {@code headerPool}, and whose remaining bytes are
   * the original's, shared through an indirect mbuf (also from {@code headerPool}) chained after
   * it. Writing the copy's first {@code headerBytes} bytes leaves the original unchanged; the
   * payload must be treated as read-only by both, since a write through either is seen by the
   * other. The original's data gains a reference ({@link #refCount} + 1), which releasing the copy
   * gives back, so the two may be released in either order.
   *
   * <p>{@code headerBytes} is the caller's choice: at least every header an NF on the copy reads or
   * writes (the parsed payload offset, or a fixed 64 or 128). A packet of at most {@code
   * headerBytes} bytes has no payload to share and gets a {@link #fullCopy} from {@code headerPool}
   * instead: the same bytes in one segment when they fit the pool's data room.
   *
   * <p>The result is a chain (see {@link #nextSegment}): the header segment, one when {@code
   * headerPool}'s data room (less headroom) holds {@code headerBytes}, then one indirect segment
   * per segment of the original from the one where the payload starts; two mbufs from {@code
   * headerPool} for a one-segment original. Its indirect mbufs leave their data room unused, so a
   * pool of small mbufs suits both. Ports that take chains can send it as it is (docs/dpdk-node.md,
   * "Header copies"). Returns 0 when {@code headerPool} runs out, having taken nothing.
   *
   * @throws IllegalArgumentException when {@code headerBytes < 1}
   */
  public static long headerCopy(long mbuf, Mempool headerPool, int headerBytes) {
    if (headerBytes < 1) {
      throw new IllegalArgumentException("headerBytes: " + headerBytes + " (expected: at least 1)");
    }
    return Shim.headerCopy(mbuf, headerPool.address(), headerBytes);
  }

  /** The packet's next segment after this one, or 0 for the last. */
  public static long nextSegment(long mbuf) {
    return Shim.mbufNext(mbuf);
  }

  /** Bytes in this segment. */
  public static int dataLength(long mbuf) {
    return Shim.mbufDataLength(mbuf);
  }

  /** Bytes in the whole packet (all segments). */
  public static int packetLength(long mbuf) {
    return Shim.mbufPacketLength(mbuf);
  }

  /** References to this mbuf's data (for a clone: to the data it shares, read on the clone). */
  public static int refCount(long mbuf) {
    return Shim.mbufRefcnt(mbuf);
  }

  public static int segments(long mbuf) {
    return Shim.mbufSegments(mbuf);
  }

  /** Bytes of private area this mbuf carries (its pool's {@code privateSize}). */
  public static int privateSize(long mbuf) {
    return Shim.mbufPrivateSize(mbuf);
  }

  /**
   * The 8 bytes at {@code offset} of the mbuf's private area. Unchecked on the packet path: the
   * caller owns the pools and made them with room for what it reads (see {@link #privateSize}).
   */
  public static long privateLong(long mbuf, int offset) {
    return Shim.mbufPrivateLong(mbuf, offset);
  }

  /** Writes 8 bytes at {@code offset} of the mbuf's private area; see {@link #privateLong}. */
  public static void setPrivateLong(long mbuf, int offset, long value) {
    Shim.setMbufPrivateLong(mbuf, offset, value);
  }

  /** Port the packet arrived on. */
  public static int port(long mbuf) {
    return Shim.mbufPort(mbuf);
  }

  /** Address of the first data byte of this segment. */
  public static long dataAddress(long mbuf) {
    return Shim.mbufData(mbuf);
  }

  /**
   * This segment's data bytes in place, for {@link org.nfpvnfm.dpdk.packet.PacketParser}: writes
   * through it change the packet. Only the first segment: a header copy keeps every header there.
   * The view is a small Java object, so a caller on the packet path should take one per packet at
   * most (the JIT may remove it) and never keep it after handing the mbuf on.
   */
  public static MemorySegment data(long mbuf) {
    return Shim.nativeBytes(dataAddress(mbuf), dataLength(mbuf));
  }

  /**
   * Parses the packet in place: its first segment, checked against the whole packet's length, so
   * that a chained packet (a header copy) parses as the packet it is, with every header readable.
   */
  public static ParseStatus parse(long mbuf, ParsedPacket out) {
    return PacketParser.parseAt(
        Shim.everything(), dataAddress(mbuf), dataLength(mbuf), packetLength(mbuf), out);
  }

  /** Appends {@code bytes} at the tail of the packet; false when there is no room. */
  public static boolean append(long mbuf, byte[] bytes) {
    long at = Shim.append(mbuf, bytes.length);
    if (at == 0) {
      return false;
    }
    Shim.copyToNative(bytes, 0, at, bytes.length);
    return true;
  }

  /** Grows the packet by {@code length} bytes at the front (headroom); false when there is none. */
  public static boolean prepend(long mbuf, int length) {
    return Shim.prepend(mbuf, length) != 0;
  }

  /** Removes {@code length} bytes from the front; false when the segment is shorter. */
  public static boolean removeFront(long mbuf, int length) {
    return Shim.adj(mbuf, length) != 0;
  }

  /** Removes {@code length} bytes from the tail; false when the last segment is shorter. */
  public static boolean removeTail(long mbuf, int length) {
    return Shim.trim(mbuf, length) == 0;
  }

  /** Copies this segment's data into {@code target} from index 0; returns the number copied. */
  public static int read(long mbuf, byte[] target) {
    int length = Math.min(dataLength(mbuf), target.length);
    Shim.copyFromNative(dataAddress(mbuf), target, 0, length);
    return length;
  }

  /** Overwrites this segment's data at {@code offset} with {@code source}. */
  public static void write(long mbuf, int offset, byte[] source) {
    int length = dataLength(mbuf);
    if (offset < 0 || offset + source.length > length) {
      throw new IndexOutOfBoundsException(
          "offset "
              + offset
              + " + "
              + source.length
              + " bytes (expected: within the segment's "
              + length
              + " bytes)");
    }
    Shim.copyToNative(source, 0, dataAddress(mbuf) + offset, source.length);
  }

  /** A new array with this segment's bytes; for tests and tools, not the packet path. */
  public static byte[] toByteArray(long mbuf) {
    byte[] bytes = new byte[dataLength(mbuf)];
    read(mbuf, bytes);
    return bytes;
  }
}
