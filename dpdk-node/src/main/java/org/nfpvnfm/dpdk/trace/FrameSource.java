package org.nfpvnfm.dpdk.trace;

import java.util.BitSet;
import java.util.List;

/**
 * Makes a spec's frames one after another into a caller's buffer: the one generator behind {@link
 * TraceGenerator#write} and {@link TraceGenerator#frames}. It holds per-flow state (the TCP bytes
 * each flow has sent, which flows were seen), never packets.
 *
 * <p>Every random value comes from one of three {@link SplitMix64} streams of the seed: the packet
 * stream (each packet's flow, size and payload offset, in that order), a stream per flow (its
 * 5-tuple and TCP numbers, drawn afresh from the flow's number whenever it sends, so no table of
 * tuples is kept), and the payload block. A flow's draws are made in a fixed order whatever the
 * shares, so that changing the TCP share does not move a flow's addresses.
 */
final class FrameSource {
  static final int ETHERNET = 14;
  static final int IPV4 = 20;
  static final int IPV6 = 40;
  static final int TCP = 20;
  static final int UDP = 8;

  /** Destination ports flows pick three times in four; the rest pick 1024 to 65535. */
  static final int[] WELL_KNOWN_PORTS = {80, 443, 53, 22, 8080};

  private static final long STREAM_PACKETS = 1;
  private static final long STREAM_FLOWS = 2;
  private static final long STREAM_PAYLOAD = 3;
  private static final long STREAM_SOURCES = 4;

  // Payloads are slices of one block of random bytes: copying is far cheaper than drawing 724
  // random bytes per packet, and a slice at a random offset differs from packet to packet.
  private static final int PAYLOAD_BLOCK = 1 << 16;

  private static final byte[] DST_MAC = {0x02, 0, 0, 0, 0, 0x02};
  private static final byte[] SRC_MAC = {0x02, 0, 0, 0, 0, 0x01};

  private final TraceSpec spec;
  private final SplitMix64 packets;
  private final byte[] payload = new byte[PAYLOAD_BLOCK];
  private final Prefix[] v4;
  private final Prefix[] v6;
  private final int[] tcpBytesSent;
  private final BitSet seen;
  private final int key1;
  private final int key2;
  private final int key3;

  private long index;
  private int flow;
  private boolean ipv6;
  private boolean tcp;

  FrameSource(TraceSpec spec) {
    this.spec = spec;
    long seed = spec.seed();
    this.packets = SplitMix64.of(seed, STREAM_PACKETS, 0);
    SplitMix64 bytes = SplitMix64.of(seed, STREAM_PAYLOAD, 0);
    for (int i = 0; i < PAYLOAD_BLOCK; i += 8) {
      long v = bytes.nextLong();
      for (int j = 0; j < 8; j++) {
        payload[i + j] = (byte) (v >>> (56 - 8 * j));
      }
    }
    List<Prefix> prefixes = spec.dstPrefixes();
    this.v4 = prefixes.stream().filter(p -> p.version() == 4).toArray(Prefix[]::new);
    this.v6 = prefixes.stream().filter(p -> p.version() == 6).toArray(Prefix[]::new);
    int flows = spec.flows().flows();
    this.tcpBytesSent = new int[spec.tcpShare() > 0 ? flows : 0];
    this.seen = new BitSet(flows);
    SplitMix64 keys = SplitMix64.of(seed, STREAM_SOURCES, 0);
    this.key1 = (int) keys.nextLong();
    this.key2 = (int) keys.nextLong() | 1;
    this.key3 = (int) keys.nextLong();
  }

  boolean hasNext() {
    return index < spec.packets();
  }

  /** The next packet's timestamp, in microseconds after the epoch. */
  long nextTimestampMicros() {
    return index * 1_000_000 / spec.ratePps();
  }

  /** The flow (1 to N) of the frame last made. */
  int flow() {
    return flow;
  }

  boolean ipv6() {
    return ipv6;
  }

  boolean tcp() {
    return tcp;
  }

  /** Flows that have sent so far. */
  long distinctFlows() {
    return seen.cardinality();
  }

  /**
   * Writes the next frame at the start of {@code frame} (at least {@link
   * SizeDistribution#MAX_FRAME} bytes) and returns its length.
   */
  int next(byte[] frame) {
    flow = spec.flows().sample(packets);
    int size = spec.sizes().sample(packets);
    seen.set(flow - 1);

    SplitMix64 f = SplitMix64.of(spec.seed(), STREAM_FLOWS, flow);
    ipv6 = f.nextDouble() < spec.ipv6Share();
    tcp = f.nextDouble() < spec.tcpShare();
    // One draw for the prefix whatever the version (either list may be empty); the bias of
    // taking it modulo a list's length is at most that length over 2^30.
    int pick = f.nextInt(1 << 30);
    long hostHigh = f.nextLong();
    long hostLow = f.nextLong();
    int sport = 1024 + f.nextInt(65536 - 1024);
    boolean wellKnown = f.nextInt(4) != 0;
    int knownPort = WELL_KNOWN_PORTS[f.nextInt(WELL_KNOWN_PORTS.length)];
    int highPort = 1024 + f.nextInt(65536 - 1024);
    int dport = wellKnown ? knownPort : highPort;
    int isn = (int) f.nextLong();
    int ack = (int) f.nextLong();
    int flowLabel = f.nextInt(1 << 20);

    int l3Header = ipv6 ? IPV6 : IPV4;
    int l4Header = tcp ? TCP : UDP;
    int headers = ETHERNET + l3Header + l4Header;
    // Only IPv6 headers can outgrow the smallest size (62 bytes with UDP, 74 with TCP).
    int length = Math.max(size, headers);
    int payloadLength = length - headers;
    int offset = packets.nextInt(PAYLOAD_BLOCK - payloadLength + 1);

    System.arraycopy(DST_MAC, 0, frame, 0, 6);
    System.arraycopy(SRC_MAC, 0, frame, 6, 6);
    int source = 0x0a00_0000 | sourceHost(flow - 1);
    int l3 = ETHERNET;
    int l4 = l3 + l3Header;
    int protocol = tcp ? 6 : 17;
    long pseudo;
    if (ipv6) {
      Prefix p = v6[pick % v6.length];
      long dstHigh = p.high() | (hostHigh & ~p.highMask());
      long dstLow = p.low() | (hostLow & ~p.lowMask());
      put16(frame, 12, 0x86dd);
      put32(frame, l3, 6 << 28 | flowLabel);
      put16(frame, l3 + 4, length - l4);
      frame[l3 + 6] = (byte) protocol;
      frame[l3 + 7] = 64;
      // fd00::10.x.y.z: the flow's IPv4 source in the low 32 bits of fd00::/96.
      put64(frame, l3 + 8, 0xfd00L << 48);
      put64(frame, l3 + 16, source & 0xffff_ffffL);
      put64(frame, l3 + 24, dstHigh);
      put64(frame, l3 + 32, dstLow);
      pseudo = sum(frame, l3 + 8, 32, 0) + (length - l4) + protocol;
    } else {
      Prefix p = v4[pick % v4.length];
      int dst = (int) (p.low() | (hostLow & ~p.lowMask() & 0xffff_ffffL));
      put16(frame, 12, 0x0800);
      frame[l3] = 0x45;
      frame[l3 + 1] = 0;
      put16(frame, l3 + 2, length - l3);
      put16(frame, l3 + 4, (int) index); // identification: the packet's number, low 16 bits
      put16(frame, l3 + 6, 0x4000); // don't fragment
      frame[l3 + 8] = 64;
      frame[l3 + 9] = (byte) protocol;
      put16(frame, l3 + 10, 0);
      put32(frame, l3 + 12, source);
      put32(frame, l3 + 16, dst);
      put16(frame, l3 + 10, finish(sum(frame, l3, IPV4, 0)));
      pseudo = sum(frame, l3 + 12, 8, 0) + (length - l4) + protocol;
    }

    put16(frame, l4, sport);
    put16(frame, l4 + 2, dport);
    int checksumField;
    if (tcp) {
      int sent = tcpBytesSent[flow - 1];
      tcpBytesSent[flow - 1] = sent + payloadLength;
      put32(frame, l4 + 4, isn + sent);
      put32(frame, l4 + 8, ack);
      frame[l4 + 12] = 0x50; // data offset 5: no options
      frame[l4 + 13] = 0x18; // ACK | PSH
      put16(frame, l4 + 14, 64240);
      put16(frame, l4 + 18, 0);
      checksumField = l4 + 16;
    } else {
      put16(frame, l4 + 4, length - l4);
      checksumField = l4 + 6;
    }
    put16(frame, checksumField, 0);
    System.arraycopy(payload, offset, frame, l4 + l4Header, payloadLength);
    int checksum = finish(sum(frame, l4, length - l4, pseudo));
    // UDP sends a computed 0 as 0xffff: 0 means "no checksum" (RFC 768), and IPv6 requires one.
    put16(frame, checksumField, checksum == 0 && !tcp ? 0xffff : checksum);
    index++;
    return length;
  }

  /** A bijection of the 24-bit flow number, keyed by the seed: each flow a source of its own. */
  private int sourceHost(int flowIndex) {
    int x = (flowIndex ^ key1) & 0xff_ffff;
    x = (x * key2) & 0xff_ffff; // times an odd number: invertible modulo 2^24
    x ^= x >>> 12;
    x = (x * 0x9e_3779) & 0xff_ffff;
    x ^= x >>> 11;
    return (x + key3) & 0xff_ffff;
  }

  /** Adds bytes {@code [off, off + length)} as big-endian 16-bit words, an odd end zero-padded. */
  static long sum(byte[] b, int off, int length, long sum) {
    long s = sum;
    int end = off + length;
    int i = off;
    for (; i + 1 < end; i += 2) {
      s += (b[i] & 0xff) << 8 | (b[i + 1] & 0xff);
    }
    if (i < end) {
      s += (b[i] & 0xff) << 8;
    }
    return s;
  }

  /** Folds a sum to 16 bits and complements it (RFC 1071). */
  static int finish(long sum) {
    long x = sum;
    while ((x >>> 16) != 0) {
      x = (x & 0xffff) + (x >>> 16);
    }
    return (int) (~x & 0xffff);
  }

  private static void put16(byte[] b, int off, int v) {
    b[off] = (byte) (v >>> 8);
    b[off + 1] = (byte) v;
  }

  private static void put32(byte[] b, int off, int v) {
    put16(b, off, v >>> 16);
    put16(b, off + 2, v);
  }

  private static void put64(byte[] b, int off, long v) {
    put32(b, off, (int) (v >>> 32));
    put32(b, off + 4, (int) v);
  }
}
