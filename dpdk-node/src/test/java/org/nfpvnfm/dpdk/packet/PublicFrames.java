package org.nfpvnfm.dpdk.packet;

/**
 * {@link Frames} for tests in other packages (the classifier's): Frames stays package-private so
 * that the parser's tests keep their short names, and this class only forwards to it.
 */
public final class PublicFrames {

  public static final byte[] DMAC = Frames.DMAC.clone();
  public static final byte[] SMAC = Frames.SMAC.clone();

  private PublicFrames() {}

  /** Ethernet II with optional tags, each {@code tpid << 16 | tci}, padded to 60 bytes. */
  public static byte[] ethernet(int etherType, byte[] l3, int... tags) {
    return Frames.padded(Frames.ethernet(etherType, l3, tags));
  }

  /** IPv4 (DF, TTL 64, the given ToS) with a TCP SYN from {@code sport} to {@code dport}. */
  public static byte[] ipv4Tcp(byte[] sip, byte[] dip, int tos, int sport, int dport) {
    byte[] tcp = Frames.tcp(sport, dport, 1, 0, 0x02, 1024, new byte[0], new byte[0]);
    return Frames.ipv4(tos, 1, 0x4000, 64, 6, sip, dip, new byte[0], tcp);
  }

  /** IPv4 with a 4-byte UDP datagram from {@code sport} to {@code dport}. */
  public static byte[] ipv4Udp(byte[] sip, byte[] dip, int sport, int dport) {
    byte[] udp = Frames.udp(sport, dport, new byte[4]);
    return Frames.ipv4(0, 1, 0, 64, 17, sip, dip, new byte[0], udp);
  }

  /** {@link Frames#ipv4TcpSyn()}: 192.168.0.1:49152 -> 192.168.0.199:80. */
  public static byte[] ipv4TcpSyn() {
    return Frames.ipv4TcpSyn();
  }

  /** {@link Frames#ipv6Tcp()}: [2001:db8::1]:40000 -> [2001:db8::fe]:443, DSCP 10. */
  public static byte[] ipv6Tcp() {
    return Frames.ipv6Tcp();
  }

  /** {@link Frames#vlanIpv4()}: VLAN 100, UDP 192.168.0.1:53000 -> 192.168.0.199:53, DSCP 46. */
  public static byte[] vlanIpv4() {
    return Frames.vlanIpv4();
  }

  /** {@link Frames#qinqIpv4()}: outer VLAN 10, inner 20, the TCP SYN. */
  public static byte[] qinqIpv4() {
    return Frames.qinqIpv4();
  }

  /** {@link Frames#arp()}: ethertype 0x0806. */
  public static byte[] arp() {
    return Frames.arp();
  }

  /** {@link Frames#ipv4NonFirstFragment()}: protocol UDP, no ports. */
  public static byte[] ipv4NonFirstFragment() {
    return Frames.ipv4NonFirstFragment();
  }

  /** {@link Frames#ipv4Icmp()}. */
  public static byte[] ipv4Icmp() {
    return Frames.ipv4Icmp();
  }

  /** Every well-formed frame of {@link Frames#all()}. */
  public static byte[][] all() {
    return Frames.all();
  }
}
