package org.nfpvnfm.nf.vpn;

import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.nio.ByteOrder;
import java.security.GeneralSecurityException;
import java.util.LinkedHashMap;
import java.util.Map;
import javax.crypto.AEADBadTagException;
import javax.crypto.Cipher;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;
import org.nfpvnfm.dpdk.Mbufs;
import org.nfpvnfm.dpdk.nf.NetworkFunction;
import org.nfpvnfm.dpdk.nf.PacketBatch;
import org.nfpvnfm.dpdk.packet.Checksums;
import org.nfpvnfm.dpdk.packet.ParsedPacket;

/**
 * One direction of an ESP tunnel (RFC 4303 tunnel mode) with AES-GCM (RFC 4106: a 16-byte ICV, an
 * 8-byte explicit IV, a 4-byte salt from the key material).
 *
 * <p><b>Encapsulation</b> turns {@code L2 | inner IP | (Ethernet padding)} into {@code L2 | outer
 * IPv4 | SPI | seq | IV | E(inner IP | padding | pad length | next header) | ICV}: the L2 header is
 * kept (its last ethertype becomes IPv4), the outer header carries the tunnel endpoints, protocol
 * 50, the configured TTL and the inner packet's ToS / traffic class (DSCP and ECN copied out, RFC
 * 2983 uniform model, RFC 6040 normal mode). The sequence number is a 64-bit counter from 1 whose
 * low 32 bits go on the wire (no ESN); the explicit IV is the whole counter, unique per packet as
 * GCM requires. When the 32-bit number would wrap the SA is used up: packets are dropped and
 * counted ({@code sequence_exhausted}), as RFC 4303 §3.3.3 says, until a new SA is configured.
 *
 * <p><b>Decapsulation</b> takes IPv4 ESP packets for the configured SPI and local address, checks
 * the anti-replay window (64 packets, a bitmap, RFC 4303 §3.4.3 and appendix A), decrypts and
 * verifies, and gives back {@code L2 | inner IP}. The window moves only after the ICV verified, so
 * a forged packet cannot advance it. Everything else is dropped and counted by reason.
 *
 * <p>Packets are edited in their first segment through the parsed packet's segment and base (raw
 * access, since the length changes): {@link Mbufs#parse} parses over all of native memory with the
 * data address as base, so a prepend of n bytes moves the frame's start to base - n in the same
 * segment. A chained packet (a header copy) is dropped and counted: its payload is shared.
 *
 * <p>Allocation: the packet path copies through two preallocated arrays. The JDK makes a GCM cipher
 * take its IV through {@link Cipher#init} with a new {@link GCMParameterSpec} per packet (the spec
 * is immutable and clones its IV; the provider's init builds its GHASH and counter state anew), so
 * each packet allocates what init allocates; {@code VpnNfTest.allocationPerPacketIsBounded}
 * measures it. A packet that fails authentication also costs the {@link AEADBadTagException}.
 */
public final class VpnNf implements NetworkFunction {
  static final int ESP = 50;
  static final int NEXT_IPV4 = 4;
  static final int NEXT_IPV6 = 41;
  static final int OUTER_IPV4 = 20;
  static final int ESP_HEADER = 8;
  static final int IV = 8;
  static final int ICV = 16;
  static final int FRONT = OUTER_IPV4 + ESP_HEADER + IV;
  static final int WINDOW = 64;

  private static final ValueLayout.OfShort U16 =
      ValueLayout.JAVA_SHORT_UNALIGNED.withOrder(ByteOrder.BIG_ENDIAN);
  private static final ValueLayout.OfInt U32 =
      ValueLayout.JAVA_INT_UNALIGNED.withOrder(ByteOrder.BIG_ENDIAN);
  private static final ValueLayout.OfLong U64 =
      ValueLayout.JAVA_LONG_UNALIGNED.withOrder(ByteOrder.BIG_ENDIAN);
  private static final int MAX_IP = 65_535;

  private final boolean encap;
  private final int spi;
  private final SecretKeySpec key;
  private final byte[] salt;
  private final int local;
  private final int remote;
  private final int ttl;
  private final Cipher cipher;

  private final byte[] in = new byte[MAX_IP];
  private final byte[] out = new byte[MAX_IP + ICV];
  private final byte[] nonce = new byte[12];
  private final byte[] aad = new byte[ESP_HEADER];
  // Mbufs.append takes the bytes to write; the trailer grows by pad (0-3) + 2 + ICV bytes.
  private final byte[][] tails = {new byte[18], new byte[19], new byte[20], new byte[21]};

  // Encapsulation: the last sequence number sent (64 bits; the low 32 on the wire).
  private long sent;
  // Decapsulation: the highest sequence number verified and which of the 64 below it were seen
  // (bit i: top - i).
  private long top;
  private long seen;

  private long encapsulated;
  private long decapsulated;
  private long notIp;
  private long notEsp;
  private long wrongSpi;
  private long wrongDestination;
  private long replayed;
  private long authFailed;
  private long badTrailer;
  private long truncated;
  private long noRoom;
  private long tooLong;
  private long chained;
  private long sequenceExhausted;
  private long malformedInner;

  VpnNf(boolean encap, int spi, byte[] key, byte[] salt, int local, int remote, int ttl) {
    this.encap = encap;
    this.spi = spi;
    this.key = new SecretKeySpec(key, "AES");
    this.salt = salt.clone();
    this.local = local;
    this.remote = remote;
    this.ttl = ttl;
    try {
      cipher = Cipher.getInstance("AES/GCM/NoPadding");
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("the JDK has no AES/GCM/NoPadding", e);
    }
    System.arraycopy(this.salt, 0, nonce, 0, 4);
  }

  @Override
  public void process(PacketBatch batch) {
    for (int i = 0; i < batch.size(); i++) {
      boolean keep = encap ? encapsulate(batch, i) : decapsulate(batch, i);
      if (!keep) {
        batch.drop(i);
      }
    }
  }

  private boolean encapsulate(PacketBatch batch, int i) {
    ParsedPacket p = batch.packet(i);
    long m = batch.mbuf(i);
    int version = p.ipVersion();
    if (version != 4 && version != 6) {
      notIp++;
      return true;
    }
    if (Mbufs.nextSegment(m) != 0) {
      chained++;
      return false;
    }
    if (sent == 0xffff_ffffL) {
      sequenceExhausted++;
      return false;
    }
    int l2 = p.l3Offset();
    int innerLength = p.l3End() - l2;
    int pad = (4 - ((innerLength + 2) & 3)) & 3;
    int plain = innerLength + pad + 2;
    int outerLength = FRONT + plain + ICV;
    if (outerLength > MAX_IP) {
      tooLong++;
      return false;
    }
    // The node's egress recomputes the checksums the graph's NFs invalidated, but after sealing it
    // sees only the outer header: this is the last place the inner packet's checksums can be made
    // right, so that it leaves the tunnel as the sequential chain would have it.
    Checksums.rewriteAll(p);
    MemorySegment s = p.segment();
    long base = p.base();
    int tos =
        version == 4
            ? s.get(ValueLayout.JAVA_BYTE, base + l2 + 1) & 0xff
            : ((s.get(U16, base + l2) & 0xffff) >>> 4) & 0xff;
    MemorySegment.copy(s, ValueLayout.JAVA_BYTE, base + l2, in, 0, innerLength);
    for (int k = 1; k <= pad; k++) {
      in[innerLength + k - 1] = (byte) k;
    }
    in[innerLength + pad] = (byte) pad;
    in[innerLength + pad + 1] = (byte) (version == 4 ? NEXT_IPV4 : NEXT_IPV6);

    // Ethernet padding goes; the trailer and ICV take its place and more.
    int ethernetPadding = p.frameLength() - p.l3End();
    if (ethernetPadding > 0 && !Mbufs.removeTail(m, ethernetPadding)) {
      noRoom++;
      return false;
    }
    if (!Mbufs.prepend(m, FRONT)) {
      noRoom++;
      return false;
    }
    if (!Mbufs.append(m, tails[pad])) {
      noRoom++;
      return false;
    }

    long seq = ++sent;
    long front = base - FRONT;
    MemorySegment.copy(s, front + FRONT, s, front, l2);
    if (l2 >= 2) {
      s.set(U16, front + l2 - 2, (short) 0x0800);
    }
    long ip = front + l2;
    s.set(ValueLayout.JAVA_BYTE, ip, (byte) 0x45);
    s.set(ValueLayout.JAVA_BYTE, ip + 1, (byte) tos);
    s.set(U16, ip + 2, (short) outerLength);
    s.set(U16, ip + 4, (short) seq);
    s.set(U16, ip + 6, (short) 0);
    s.set(ValueLayout.JAVA_BYTE, ip + 8, (byte) ttl);
    s.set(ValueLayout.JAVA_BYTE, ip + 9, (byte) ESP);
    s.set(U16, ip + 10, (short) 0);
    s.set(U32, ip + 12, local);
    s.set(U32, ip + 16, remote);
    long esp = ip + OUTER_IPV4;
    s.set(U32, esp, spi);
    s.set(U32, esp + 4, (int) seq);
    s.set(U64, esp + 8, seq);

    MemorySegment.copy(s, ValueLayout.JAVA_BYTE, esp, aad, 0, ESP_HEADER);
    MemorySegment.copy(s, ValueLayout.JAVA_BYTE, esp + ESP_HEADER, nonce, 4, IV);
    int sealed;
    try {
      cipher.init(Cipher.ENCRYPT_MODE, key, new GCMParameterSpec(ICV * 8, nonce));
      cipher.updateAAD(aad, 0, ESP_HEADER);
      sealed = cipher.doFinal(in, 0, plain, out, 0);
    } catch (GeneralSecurityException e) {
      // Only a broken provider gets here: the key, IV and buffers are checked above.
      throw new IllegalStateException("AES-GCM encryption failed", e);
    }
    MemorySegment.copy(out, 0, s, ValueLayout.JAVA_BYTE, esp + ESP_HEADER + IV, sealed);

    if (batch.reparse(i).isMalformed()) {
      malformedInner++;
      return false;
    }
    Checksums.rewriteIpv4HeaderChecksum(batch.packet(i));
    encapsulated++;
    return true;
  }

  private boolean decapsulate(PacketBatch batch, int i) {
    ParsedPacket p = batch.packet(i);
    long m = batch.mbuf(i);
    if (p.ipVersion() != 4 || p.protocol() != ESP || p.isFragment()) {
      notEsp++;
      return false;
    }
    if (Mbufs.nextSegment(m) != 0) {
      chained++;
      return false;
    }
    MemorySegment s = p.segment();
    long base = p.base();
    int l2 = p.l3Offset();
    long ip = base + l2;
    long esp = base + p.payloadOffset();
    int sealed = p.payloadLength() - ESP_HEADER - IV;
    int plain = sealed - ICV;
    if (plain < 2) {
      truncated++;
      return false;
    }
    if (s.get(U32, esp) != spi) {
      wrongSpi++;
      return false;
    }
    if (s.get(U32, ip + 16) != local) {
      wrongDestination++;
      return false;
    }
    long seq = s.get(U32, esp + 4) & 0xffff_ffffL;
    if (!fresh(seq)) {
      replayed++;
      return false;
    }

    MemorySegment.copy(s, ValueLayout.JAVA_BYTE, esp, aad, 0, ESP_HEADER);
    MemorySegment.copy(s, ValueLayout.JAVA_BYTE, esp + ESP_HEADER, nonce, 4, IV);
    MemorySegment.copy(s, ValueLayout.JAVA_BYTE, esp + ESP_HEADER + IV, in, 0, sealed);
    try {
      cipher.init(Cipher.DECRYPT_MODE, key, new GCMParameterSpec(ICV * 8, nonce));
      cipher.updateAAD(aad, 0, ESP_HEADER);
      cipher.doFinal(in, 0, sealed, out, 0);
    } catch (AEADBadTagException e) {
      authFailed++;
      return false;
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("AES-GCM decryption failed", e);
    }
    accept(seq);

    int pad = out[plain - 2] & 0xff;
    int next = out[plain - 1] & 0xff;
    int innerLength = plain - pad - 2;
    if (innerLength < 1 || !padded(innerLength, pad)) {
      badTrailer++;
      return false;
    }
    int version = (out[0] & 0xff) >>> 4;
    if (!(next == NEXT_IPV4 && version == 4) && !(next == NEXT_IPV6 && version == 6)) {
      // Next header 59 (a dummy packet, RFC 4303 §2.6) lands here too: dropped, as it should be.
      badTrailer++;
      return false;
    }

    int outerHeader = p.l3HeaderLength();
    int front = outerHeader + ESP_HEADER + IV;
    MemorySegment.copy(out, 0, s, ValueLayout.JAVA_BYTE, ip + front, innerLength);
    MemorySegment.copy(s, base, s, base + front, l2);
    if (l2 >= 2) {
      s.set(U16, base + front + l2 - 2, (short) (version == 4 ? 0x0800 : 0x86dd));
    }
    int tail = p.frameLength() - (l2 + front + innerLength);
    if (!Mbufs.removeFront(m, front) || !Mbufs.removeTail(m, tail)) {
      truncated++;
      return false;
    }
    if (batch.reparse(i).isMalformed()) {
      malformedInner++;
      return false;
    }
    decapsulated++;
    return true;
  }

  private boolean padded(int innerLength, int pad) {
    for (int k = 1; k <= pad; k++) {
      if ((out[innerLength + k - 1] & 0xff) != k) {
        return false;
      }
    }
    return true;
  }

  /** Whether {@code seq} may be new: not 0, not below the window, not seen in it. */
  private boolean fresh(long seq) {
    if (seq == 0) {
      return false;
    }
    if (seq > top) {
      return true;
    }
    long behind = top - seq;
    return behind < WINDOW && (seen & (1L << behind)) == 0;
  }

  /** Records a verified {@code seq} (RFC 4303 appendix A's window update). */
  private void accept(long seq) {
    if (seq > top) {
      long shift = seq - top;
      seen = shift >= WINDOW ? 1L : (seen << shift) | 1L;
      top = seq;
    } else {
      seen |= 1L << (top - seq);
    }
  }

  /** Sets the last sequence number sent, for tests of the SA running out. */
  void exhaustForTest(long lastSent) {
    sent = lastSent;
  }

  /** Counts by outcome; every packet lands in exactly one. */
  public Map<String, Long> counters() {
    Map<String, Long> c = new LinkedHashMap<>();
    c.put("encapsulated", encapsulated);
    c.put("decapsulated", decapsulated);
    c.put("not_ip", notIp);
    c.put("not_esp", notEsp);
    c.put("wrong_spi", wrongSpi);
    c.put("wrong_destination", wrongDestination);
    c.put("replayed", replayed);
    c.put("auth_failed", authFailed);
    c.put("bad_trailer", badTrailer);
    c.put("truncated", truncated);
    c.put("no_room", noRoom);
    c.put("too_long", tooLong);
    c.put("chained", chained);
    c.put("sequence_exhausted", sequenceExhausted);
    c.put("malformed_inner", malformedInner);
    return c;
  }
}
