package org.nfpvnfm.dpdk.packet;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;

/**
 * Builds byte-exact frames for tests, header by header, with checksums from {@link #reference}, a
 * plain 16-bit-word implementation of RFC 1071 written independently of {@link Checksums}.
 */
final class Frames {

  static final byte[] DMAC = mac(0x00_11_22_33_44_55L);
  static final byte[] SMAC = mac(0x66_77_88_99_aa_bbL);
  static final byte[] SIP4 = {(byte) 192, (byte) 168, 0, 1};
  static final byte[] DIP4 = {(byte) 192, (byte) 168, 0, (byte) 199};
  static final byte[] SIP6 = hex("20010db8000000000000000000000001");
  static final byte[] DIP6 = hex("20010db80000000000000000000000fe");

  private Frames() {}

  static byte[] mac(long value) {
    byte[] b = new byte[6];
    for (int i = 0; i < 6; i++) {
      b[i] = (byte) (value >>> (40 - 8 * i));
    }
    return b;
  }

  static byte[] hex(String s) {
    byte[] b = new byte[s.length() / 2];
    for (int i = 0; i < b.length; i++) {
      b[i] = (byte) Integer.parseInt(s.substring(2 * i, 2 * i + 2), 16);
    }
    return b;
  }

  static byte[] concat(byte[]... parts) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    for (byte[] p : parts) {
      out.writeBytes(p);
    }
    return out.toByteArray();
  }

  /** Ethernet II with optional tags, each {@code tpid << 16 | tci}; no FCS. */
  static byte[] ethernet(int etherType, byte[] l3, int... tags) {
    ByteBuffer b = ByteBuffer.allocate(14 + 4 * tags.length + l3.length);
    b.put(DMAC).put(SMAC);
    for (int t : tags) {
      b.putInt(t);
    }
    b.putShort((short) etherType).put(l3);
    return b.array();
  }

  /** Pads a frame with zeros to Ethernet's 60-byte minimum (no FCS). */
  static byte[] padded(byte[] frame) {
    return frame.length >= 60 ? frame : java.util.Arrays.copyOf(frame, 60);
  }

  /** An IPv4 header (checksum filled in) followed by {@code payload}. */
  static byte[] ipv4(
      int tos, int id, int flagsFragment, int ttl, int protocol, byte[] options, byte[] payload) {
    return ipv4(tos, id, flagsFragment, ttl, protocol, SIP4, DIP4, options, payload);
  }

  static byte[] ipv4(
      int tos,
      int id,
      int flagsFragment,
      int ttl,
      int protocol,
      byte[] sip,
      byte[] dip,
      byte[] options,
      byte[] payload) {
    int headerLength = 20 + options.length;
    ByteBuffer b = ByteBuffer.allocate(headerLength + payload.length);
    b.put((byte) (0x40 | headerLength / 4)).put((byte) tos);
    b.putShort((short) (headerLength + payload.length)).putShort((short) id);
    b.putShort((short) flagsFragment).put((byte) ttl).put((byte) protocol).putShort((short) 0);
    b.put(sip).put(dip).put(options).put(payload);
    byte[] a = b.array();
    int c = reference(java.util.Arrays.copyOf(a, headerLength));
    a[10] = (byte) (c >>> 8);
    a[11] = (byte) c;
    return a;
  }

  /** An IPv6 header followed by {@code rest} (extension headers and the upper layer). */
  static byte[] ipv6(int trafficClass, int flowLabel, int nextHeader, int hopLimit, byte[] rest) {
    ByteBuffer b = ByteBuffer.allocate(40 + rest.length);
    b.putInt(0x6000_0000 | trafficClass << 20 | flowLabel);
    b.putShort((short) rest.length).put((byte) nextHeader).put((byte) hopLimit);
    b.put(SIP6).put(DIP6).put(rest);
    return b.array();
  }

  /** A TCP header with checksum 0; {@code options} must be a multiple of 4 bytes. */
  static byte[] tcp(
      int sport,
      int dport,
      long seq,
      long ack,
      int flags,
      int window,
      byte[] options,
      byte[] data) {
    ByteBuffer b = ByteBuffer.allocate(20 + options.length + data.length);
    b.putShort((short) sport).putShort((short) dport).putInt((int) seq).putInt((int) ack);
    b.put((byte) ((20 + options.length) / 4 << 4)).put((byte) flags).putShort((short) window);
    b.putShort((short) 0).putShort((short) 0).put(options).put(data);
    return b.array();
  }

  /** A UDP header (length filled in, checksum 0). */
  static byte[] udp(int sport, int dport, byte[] data) {
    ByteBuffer b = ByteBuffer.allocate(8 + data.length);
    b.putShort((short) sport).putShort((short) dport).putShort((short) (8 + data.length));
    b.putShort((short) 0).put(data);
    return b.array();
  }

  /** An ICMP or ICMPv6 echo request (checksum 0). */
  static byte[] echo(int type, int id, int seq, byte[] data) {
    ByteBuffer b = ByteBuffer.allocate(8 + data.length);
    b.put((byte) type).put((byte) 0).putShort((short) 0).putShort((short) id);
    b.putShort((short) seq).put(data);
    return b.array();
  }

  /**
   * Fills the checksum at {@code checksumOffset} of an L4 message over IPv4, with the pseudo-header
   * when {@code pseudo}.
   */
  static byte[] l4ChecksumV4(byte[] l4, int protocol, int checksumOffset, boolean pseudo) {
    byte[] input = l4;
    if (pseudo) {
      ByteBuffer ph = ByteBuffer.allocate(12);
      ph.put(SIP4).put(DIP4).put((byte) 0).put((byte) protocol).putShort((short) l4.length);
      input = concat(ph.array(), l4);
    }
    return withChecksum(l4, checksumOffset, reference(input), protocol);
  }

  /** Fills the checksum at {@code checksumOffset} of an L4 message over IPv6. */
  static byte[] l4ChecksumV6(byte[] l4, int protocol, int checksumOffset) {
    return l4ChecksumV6WithDip(l4, protocol, checksumOffset, DIP6);
  }

  /** As {@link #l4ChecksumV6}, for another destination; the message's checksum field is ignored. */
  static byte[] l4ChecksumV6WithDip(byte[] message, int protocol, int checksumOffset, byte[] dip) {
    byte[] l4 = message.clone();
    l4[checksumOffset] = 0;
    l4[checksumOffset + 1] = 0;
    ByteBuffer ph = ByteBuffer.allocate(40);
    ph.put(SIP6).put(dip).putInt(l4.length).putInt(protocol);
    return withChecksum(l4, checksumOffset, reference(concat(ph.array(), l4)), protocol);
  }

  private static byte[] withChecksum(byte[] l4, int offset, int c, int protocol) {
    byte[] a = l4.clone();
    int v = c == 0 && protocol == 17 ? 0xffff : c;
    a[offset] = (byte) (v >>> 8);
    a[offset + 1] = (byte) v;
    return a;
  }

  /** RFC 1071 the slow way: 16-bit big-endian words, end-around carry after each addition. */
  static int reference(byte[] data) {
    int sum = 0;
    for (int i = 0; i < data.length; i += 2) {
      int hi = data[i] & 0xff;
      int lo = i + 1 < data.length ? data[i + 1] & 0xff : 0;
      sum += hi << 8 | lo;
      if (sum > 0xffff) {
        sum = (sum & 0xffff) + 1;
      }
    }
    return ~sum & 0xffff;
  }

  // ---- The frames the tests share.

  static final byte[] MSS_1460 = hex("020405b4");

  /** IPv4/TCP SYN, 192.168.0.1:49152 -> 192.168.0.199:80, MSS option, padded to 60 bytes. */
  static byte[] ipv4TcpSyn() {
    byte[] tcp = tcp(49152, 80, 0x12345678L, 0, 0x02, 64240, MSS_1460, new byte[0]);
    tcp = l4ChecksumV4(tcp, 6, 16, true);
    return padded(ethernet(0x0800, ipv4(0, 0x1c46, 0x4000, 64, 6, new byte[0], tcp)));
  }

  /** The DNS query for {@code example.com} A, ID 0xabcd, recursion desired. */
  static final byte[] DNS_QUERY = hex("abcd01000001000000000000076578616d706c6503636f6d0000010001");

  /** IPv4/UDP DNS query, 192.168.0.1:53000 -> 192.168.0.199:53, DSCP 46 ECN 1, TTL 64. */
  static byte[] ipv4UdpDns() {
    byte[] udp = l4ChecksumV4(udp(53000, 53, DNS_QUERY), 17, 6, true);
    return ethernet(0x0800, ipv4(46 << 2 | 1, 0x0001, 0, 64, 17, new byte[0], udp));
  }

  /** IPv6/TCP ACK with 5 bytes of data ("hello"), traffic class DSCP 10 ECN 2, flow 0x12345. */
  static byte[] ipv6Tcp() {
    byte[] tcp = tcp(40000, 443, 1000, 2000, 0x18, 512, new byte[0], "hello".getBytes(US_ASCII));
    tcp = l4ChecksumV6(tcp, 6, 16);
    return ethernet(0x86dd, ipv6(10 << 2 | 2, 0x12345, 6, 255, tcp));
  }

  /** The IPv4/UDP DNS query in one 802.1Q tag, PCP 5 VLAN 100. */
  static byte[] vlanIpv4() {
    byte[] plain = ipv4UdpDns();
    return ethernet(0x0800, java.util.Arrays.copyOfRange(plain, 14, plain.length), 0x8100_a064);
  }

  /** The IPv4/TCP SYN in QinQ: outer 802.1ad VLAN 10, inner 802.1Q VLAN 20. */
  static byte[] qinqIpv4() {
    byte[] plain = ipv4TcpSyn();
    return ethernet(
        0x0800, java.util.Arrays.copyOfRange(plain, 14, 14 + 44), 0x88a8_000a, 0x8100_0014);
  }

  /** IPv4 with a Router Alert option (IHL 6), UDP to port 5000 with 4 data bytes. */
  static byte[] ipv4WithOptions() {
    byte[] udp = l4ChecksumV4(udp(1234, 5000, hex("deadbeef")), 17, 6, true);
    return ethernet(0x0800, ipv4(0, 7, 0, 1, 17, hex("94040000"), udp));
  }

  /**
   * IPv6, hop-by-hop (router alert, padded to 8 bytes), then a fragment header (offset 0, more
   * fragments), then UDP whose length covers 100 data bytes while this fragment carries 16.
   */
  static byte[] ipv6HopByHopFragment() {
    byte[] hopByHop = hex("2c00050200000100"); // next: fragment; RA option; PadN
    byte[] fragment = hex("1100000100000042"); // next: UDP; offset 0, M=1; id 0x42
    ByteBuffer udp = ByteBuffer.allocate(8 + 16);
    udp.putShort((short) 7000).putShort((short) 7001).putShort((short) 108).putShort((short) 0);
    return ethernet(0x86dd, ipv6(0, 0, 0, 64, concat(hopByHop, fragment, udp.array())));
  }

  /** The second fragment of {@link #ipv6HopByHopFragment()}'s datagram: offset 16 bytes, no UDP. */
  static byte[] ipv6SecondFragment() {
    byte[] fragment = hex("1100001000000042"); // offset 2 (×8), M=0
    return ethernet(0x86dd, ipv6(0, 0, 44, 64, concat(fragment, new byte[16])));
  }

  /** An IPv4 fragment at offset 185 × 8 with UDP as protocol: no ports. */
  static byte[] ipv4NonFirstFragment() {
    return ethernet(0x0800, ipv4(0, 9, 185, 64, 17, new byte[0], new byte[24]));
  }

  /** IPv4 ICMP echo request, id 1 seq 1, 8 data bytes. */
  static byte[] ipv4Icmp() {
    byte[] icmp = l4ChecksumV4(echo(8, 1, 1, hex("0001020304050607")), 1, 2, false);
    return ethernet(0x0800, ipv4(0, 3, 0, 64, 1, new byte[0], icmp));
  }

  /** IPv6 ICMPv6 echo request, id 1 seq 2, 4 data bytes. */
  static byte[] ipv6Icmp() {
    byte[] icmp = l4ChecksumV6(echo(128, 1, 2, hex("61626364")), 58, 2);
    return ethernet(0x86dd, ipv6(0, 0, 58, 64, icmp));
  }

  /** An ARP request (ethertype 0x0806), padded to 60 bytes. */
  static byte[] arp() {
    byte[] body =
        hex("0001080006040001" + "66778899aabb" + "c0a80001" + "000000000000" + "c0a800c7");
    return padded(ethernet(0x0806, body));
  }

  private static final java.nio.charset.Charset US_ASCII =
      java.nio.charset.StandardCharsets.US_ASCII;

  /** Every well-formed frame above, for property tests. */
  static byte[][] all() {
    return new byte[][] {
      ipv4TcpSyn(),
      ipv4UdpDns(),
      ipv6Tcp(),
      vlanIpv4(),
      qinqIpv4(),
      ipv4WithOptions(),
      ipv6HopByHopFragment(),
      ipv6SecondFragment(),
      ipv4NonFirstFragment(),
      ipv4Icmp(),
      ipv6Icmp(),
      arp()
    };
  }
}
