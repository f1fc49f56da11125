package org.nfpvnfm.nf.node;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

/**
 * Reproducible traffic aimed at {@link RealNfs}'s configurations: every kind of flow makes some NF
 * act (accept or drop, translate, balance, redirect, route, expire, mark, compress, alert), on
 * Ethernet frames of 64 to 1500 bytes, IPv4 mostly, some IPv6, some VLAN-tagged, TCP and UDP, with
 * HTTP requests or text (compressible) or random (incompressible) payloads, and valid IPv4 header
 * and TCP/UDP checksums.
 */
final class Trace {
  private static final int[] SIZES = {64, 64, 128, 256, 512, 724, 1024, 1500};

  /** Kinds of flow, by the NFs they are meant for. */
  enum Kind {
    /** TCP from 10.1/16 to the load balancer's VIP, port 80, HTTP: balanced, NATed, cached. */
    WEB_VIP(20),
    /** TCP from 10.2/16 to other web servers, ports 80 and 443. */
    WEB(10),
    /** UDP from 10.0.0.0/28 (the firewall accepts it) to outside hosts. */
    UDP_INTERNAL(10),
    /** UDP from 10.0.0.0/28 to port 5001, 600-byte frames: the shaper's "bulk" class. */
    BULK(4),
    /** TCP and UDP from 172.16/12 to 192.168/16: no firewall rule accepts it. */
    BLOCKED(8),
    /** TCP from 10.66/16: the firewall's first rule drops it. */
    DENIED(3),
    /** TCP from 10.3/16 to 198.18.0.0/24 port 80: the proxy redirects it to 10.0.0.100. */
    PROXY_CLIENT(6),
    /** TCP from the proxy 10.0.0.100 port 80 back to 10.3/16 clients: the proxy restores SIP. */
    PROXY_REPLY(4),
    /** TCP and UDP from outside to the NAT's public address, ports 40000 to 40255. */
    NAT_INBOUND(5),
    /** TCP and UDP within 2001:db8::/32. */
    IPV6(8),
    /** IPv6 to 2001:db9::/32: the firewall drops it, the router has no route. */
    IPV6_ELSEWHERE(2),
    /** As WEB_VIP with TTL 1: the router drops it as expired. */
    TTL_EXPIRING(3);

    final int weight;

    Kind(int weight) {
      this.weight = weight;
    }
  }

  /** A flow: what every one of its packets shares. */
  record Flow(
      Kind kind,
      int id,
      boolean v6,
      int vlan,
      boolean tcp,
      byte[] src,
      byte[] dst,
      int sport,
      int dport,
      int dscp,
      int ttl,
      Payload payload) {}

  enum Payload {
    HTTP,
    TEXT,
    RANDOM
  }

  private Trace() {}

  /** {@code packets} frames over {@code flows} flows of every kind, a function of {@code seed}. */
  static List<byte[]> mixed(long seed, int packets, int flows) {
    SplittableRandom r = new SplittableRandom(seed);
    List<Flow> all = new ArrayList<>();
    int total = 0;
    for (Kind k : Kind.values()) {
      total += k.weight;
    }
    for (int i = 0; i < flows; i++) {
      int pick = r.nextInt(total);
      Kind kind = Kind.values()[0];
      for (Kind k : Kind.values()) {
        if (pick < k.weight) {
          kind = k;
          break;
        }
        pick -= k.weight;
      }
      all.add(flow(kind, i, new SplittableRandom(seed * 1_000_003L + i)));
    }
    List<byte[]> out = new ArrayList<>(packets);
    for (int i = 0; i < packets; i++) {
      Flow f = all.get(r.nextInt(all.size()));
      int size = f.kind == Kind.BULK ? 600 : SIZES[r.nextInt(SIZES.length)];
      out.add(frame(f, size, i));
    }
    return out;
  }

  private static Flow flow(Kind kind, int id, SplittableRandom r) {
    int vlan = r.nextInt(6) == 0 ? 100 + r.nextInt(50) : -1;
    int[] dscps = {0, 0, 0, 10, 18, 46};
    int dscp = dscps[r.nextInt(dscps.length)];
    int a = r.nextInt(250) + 1;
    int b = r.nextInt(250) + 1;
    int sport = 1024 + r.nextInt(60000);
    return switch (kind) {
      case WEB_VIP, TTL_EXPIRING ->
          new Flow(
              kind,
              id,
              false,
              vlan,
              true,
              v4(10, 1, a, b),
              v4(203, 0, 113, 10),
              sport,
              80,
              dscp,
              kind == Kind.TTL_EXPIRING ? 1 : 64,
              Payload.HTTP);
      case WEB -> {
        boolean https = r.nextInt(3) == 0;
        yield new Flow(
            kind,
            id,
            false,
            vlan,
            true,
            v4(10, 2, a, b),
            v4(203, 0, 113, 20 + r.nextInt(20)),
            sport,
            https ? 443 : 80,
            dscp,
            64,
            https ? Payload.RANDOM : Payload.HTTP);
      }
      case UDP_INTERNAL ->
          new Flow(
              kind,
              id,
              false,
              vlan,
              false,
              v4(10, 0, 0, r.nextInt(16)),
              r.nextBoolean() ? v4(8, 8, 8, 8) : v4(198, 51, 100, 7 + r.nextInt(9)),
              sport,
              r.nextBoolean() ? 53 : 6000 + r.nextInt(1000),
              dscp,
              64,
              r.nextBoolean() ? Payload.TEXT : Payload.RANDOM);
      case BULK ->
          new Flow(
              kind,
              id,
              false,
              vlan,
              false,
              v4(10, 0, 0, r.nextInt(16)),
              v4(203, 0, 113, 50),
              sport,
              5001,
              dscp,
              64,
              Payload.TEXT);
      case BLOCKED ->
          new Flow(
              kind,
              id,
              false,
              vlan,
              r.nextBoolean(),
              v4(172, 16 + r.nextInt(16), a, b),
              v4(192, 168, r.nextInt(256), b),
              sport,
              6000 + r.nextInt(1000),
              dscp,
              64,
              Payload.RANDOM);
      case DENIED ->
          new Flow(
              kind,
              id,
              false,
              vlan,
              true,
              v4(10, 66, a, b),
              v4(203, 0, 113, 10),
              sport,
              80,
              dscp,
              64,
              Payload.HTTP);
      case PROXY_CLIENT, PROXY_REPLY -> {
        // Clients and replies share their addresses and ports, so that replies find their flow.
        int client = r.nextInt(8);
        byte[] c = v4(10, 3, 0, 1 + client);
        byte[] server = v4(198, 18, 0, 1 + client % 3);
        int port = 40000 + client;
        yield kind == Kind.PROXY_CLIENT
            ? new Flow(kind, id, false, vlan, true, c, server, port, 80, dscp, 64, Payload.HTTP)
            : new Flow(
                kind,
                id,
                false,
                vlan,
                true,
                v4(10, 0, 0, 100),
                c,
                80,
                port,
                dscp,
                64,
                Payload.TEXT);
      }
      case NAT_INBOUND ->
          new Flow(
              kind,
              id,
              false,
              vlan,
              r.nextBoolean(),
              v4(8, 8, 4, 4),
              v4(198, 51, 100, 1),
              r.nextBoolean() ? 53 : 443,
              40000 + r.nextInt(256),
              dscp,
              64,
              Payload.RANDOM);
      case IPV6, IPV6_ELSEWHERE ->
          new Flow(
              kind,
              id,
              true,
              vlan,
              r.nextBoolean(),
              v6(0x20010db8_0001_0000L, a),
              v6(kind == Kind.IPV6 ? 0x20010db8_0002_0000L : 0x20010db9_0000_0000L, b),
              sport,
              r.nextBoolean() ? 80 : 7000 + r.nextInt(100),
              dscp,
              r.nextInt(4) == 0 ? 1 : 64,
              r.nextBoolean() ? Payload.HTTP : Payload.RANDOM);
    };
  }

  private static byte[] v4(int a, int b, int c, int d) {
    return new byte[] {(byte) a, (byte) b, (byte) c, (byte) d};
  }

  private static byte[] v6(long high, long low) {
    return ByteBuffer.allocate(16).putLong(high).putLong(low).array();
  }

  /** One frame of {@code f}, {@code size} bytes (or the headers and 4 bytes, if more). */
  static byte[] frame(Flow f, int size, int sequence) {
    int l2 = f.vlan >= 0 ? 18 : 14;
    int l3 = f.v6 ? 40 : 20;
    int l4 = f.tcp ? 20 : 8;
    int total = Math.max(size, l2 + l3 + l4 + 4);
    ByteBuffer b = ByteBuffer.allocate(total);
    b.put(new byte[] {0x00, 0x11, 0x22, 0x33, 0x44, 0x55});
    b.put(new byte[] {0x02, 0x00, 0x00, 0x00, (byte) (f.id >>> 8), (byte) f.id});
    if (f.vlan >= 0) {
      b.putShort((short) 0x8100).putShort((short) f.vlan);
    }
    b.putShort((short) (f.v6 ? 0x86dd : 0x0800));
    int ipPayload = total - l2 - l3;
    if (f.v6) {
      b.putInt(0x60000000 | f.dscp << 22 | f.id & 0xfffff).putShort((short) ipPayload);
      b.put((byte) (f.tcp ? 6 : 17)).put((byte) f.ttl).put(f.src).put(f.dst);
    } else {
      b.put((byte) 0x45).put((byte) (f.dscp << 2)).putShort((short) (l3 + ipPayload));
      b.putShort((short) sequence).putShort((short) 0x4000).put((byte) f.ttl);
      b.put((byte) (f.tcp ? 6 : 17)).putShort((short) 0).put(f.src).put(f.dst);
    }
    b.putShort((short) f.sport).putShort((short) f.dport);
    if (f.tcp) {
      b.putInt(sequence).putInt(0).putShort((short) 0x5018).putShort((short) 512).putInt(0);
    } else {
      b.putShort((short) ipPayload).putShort((short) 0);
    }
    payload(b, f, sequence);
    byte[] frame = b.array();
    checksums(frame, l2, f.v6, f.tcp);
    return frame;
  }

  /** Valid IPv4 header and TCP/UDP checksums, as real traffic has. */
  private static void checksums(byte[] frame, int l2, boolean v6, boolean tcp) {
    ByteBuffer b = ByteBuffer.wrap(frame);
    int l4 = l2 + (v6 ? 40 : 20);
    int length = frame.length - l4;
    long sum;
    if (v6) {
      sum = sum(frame, l2 + 8, 32);
    } else {
      b.putShort(l2 + 10, (short) ~fold(sum(frame, l2, 20)));
      sum = sum(frame, l2 + 12, 8);
    }
    sum += (tcp ? 6 : 17) + length;
    sum += sum(frame, l4, length);
    int checksum = ~fold(sum) & 0xffff;
    b.putShort(l4 + (tcp ? 16 : 6), (short) (checksum == 0 && !tcp ? 0xffff : checksum));
  }

  private static long sum(byte[] bytes, int from, int length) {
    long s = 0;
    for (int i = 0; i < length; i += 2) {
      int hi = bytes[from + i] & 0xff;
      int lo = i + 1 < length ? bytes[from + i + 1] & 0xff : 0;
      s += hi << 8 | lo;
    }
    return s;
  }

  private static int fold(long sum) {
    while (sum >>> 16 != 0) {
      sum = (sum & 0xffff) + (sum >>> 16);
    }
    return (int) sum;
  }

  private static final String[] PATHS = {
    "/index.html",
    "/admin/login",
    "/img/logo.png",
    "/api/v1/items?page=2",
    "/css/site.css",
    "/admin",
    "/news/today",
    "/search?q=nfp"
  };

  private static final byte[] TEXT =
      ("The quick brown fox jumps over the lazy dog; network functions in parallel keep the"
              + " result of the sequential chain. ")
          .getBytes(StandardCharsets.US_ASCII);

  private static void payload(ByteBuffer b, Flow f, int sequence) {
    switch (f.payload) {
      case HTTP -> {
        String path = PATHS[(f.id + sequence) % PATHS.length];
        String host = f.v6 ? "[2001:db8::2]" : "www" + f.dst[3] + ".example.com";
        byte[] request =
            ("GET %s HTTP/1.1\r\nHost: %s\r\nUser-Agent: nfp-test\r\n\r\n".formatted(path, host))
                .getBytes(StandardCharsets.US_ASCII);
        b.put(request, 0, Math.min(request.length, b.remaining()));
        fillText(b, sequence);
      }
      case TEXT -> fillText(b, sequence);
      case RANDOM -> {
        SplittableRandom r = new SplittableRandom(sequence * 31L + f.id);
        while (b.hasRemaining()) {
          b.put((byte) r.nextInt(256));
        }
      }
    }
  }

  private static void fillText(ByteBuffer b, int sequence) {
    for (int i = sequence % TEXT.length; b.hasRemaining(); i = (i + 1) % TEXT.length) {
      b.put(TEXT[i]);
    }
  }
}
