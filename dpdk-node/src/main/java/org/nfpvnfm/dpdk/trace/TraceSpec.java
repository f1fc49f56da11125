package org.nfpvnfm.dpdk.trace;

import java.util.List;

/**
 * What trace to generate. The same spec gives the same bytes, on every run and every JVM; change
 * only the {@link #seed} for another trace with the same statistics.
 *
 * @param packets how many packets, 1 to {@link #MAX_PACKETS}
 * @param sizes each packet's frame size, drawn per packet, independently of its flow
 * @param flows which flow each packet belongs to
 * @param ipv6Share the share of flows that are IPv6, 0 to 1 (of flows, not packets: under Zipf the
 *     packet share depends on which flows are heavy)
 * @param tcpShare the share of flows that are TCP, 0 to 1; the others are UDP
 * @param ratePps packets per second: packet i is stamped {@code i / ratePps} seconds after {@link
 *     TraceGenerator#EPOCH_SECONDS}, to the microsecond (rounded down)
 * @param seed the seed every draw derives from
 * @param dstPrefixes where destination addresses come from: each flow picks one prefix of its IP
 *     version, equally likely, and random host bits in it; at least one IPv4 prefix unless every
 *     flow is IPv6, and one IPv6 prefix unless none is
 */
public record TraceSpec(
    long packets,
    SizeDistribution sizes,
    FlowDistribution flows,
    double ipv6Share,
    double tcpShare,
    long ratePps,
    long seed,
    List<Prefix> dstPrefixes) {

  /** The most packets a trace can have (2⁴⁰, about 1.1 × 10¹²). */
  public static final long MAX_PACKETS = 1L << 40;

  /**
   * The longest a trace may last, in seconds, so that its last timestamp still fits pcap's 32-bit
   * seconds field (63 years).
   */
  public static final long MAX_DURATION_SECONDS = 2_000_000_000L;

  /**
   * Destinations by default: private and benchmarking IPv4 ranges (192.168.0.0/16, 172.16.0.0/12,
   * and RFC 2544's 198.18.0.0/15) and the IPv6 documentation prefix, none overlapping the sources
   * (10.0.0.0/8, fd00::/96), so that an L3 forwarder's routes for them match every packet.
   */
  public static final List<Prefix> DEFAULT_DST_PREFIXES =
      List.of(
          Prefix.parse("192.168.0.0/16"),
          Prefix.parse("172.16.0.0/12"),
          Prefix.parse("198.18.0.0/15"),
          Prefix.parse("2001:db8::/32"));

  public TraceSpec {
    dstPrefixes = List.copyOf(dstPrefixes);
    if (packets < 1 || packets > MAX_PACKETS) {
      throw new IllegalArgumentException(
          "packets: " + packets + " (expected: 1 to " + MAX_PACKETS + ")");
    }
    share("IPv6 share", ipv6Share);
    share("TCP share", tcpShare);
    if (ratePps < 1) {
      throw new IllegalArgumentException(
          "rate: " + ratePps + " packets per second (expected: at least 1)");
    }
    if (packets / ratePps >= MAX_DURATION_SECONDS) {
      throw new IllegalArgumentException(
          "%d packets at %d per second last %d s (expected: less than %d s, so that timestamps fit pcap's 32-bit seconds)"
              .formatted(packets, ratePps, packets / ratePps, MAX_DURATION_SECONDS));
    }
    boolean v4 = dstPrefixes.stream().anyMatch(p -> p.version() == 4);
    boolean v6 = dstPrefixes.stream().anyMatch(p -> p.version() == 6);
    if (ipv6Share < 1 && !v4) {
      throw new IllegalArgumentException(
          "destination prefixes "
              + dstPrefixes
              + ": no IPv4 prefix (expected: one at least, since the IPv6 share "
              + ipv6Share
              + " is below 1)");
    }
    if (ipv6Share > 0 && !v6) {
      throw new IllegalArgumentException(
          "destination prefixes "
              + dstPrefixes
              + ": no IPv6 prefix (expected: one at least, since the IPv6 share "
              + ipv6Share
              + " is above 0)");
    }
  }

  private static void share(String what, double value) {
    if (!(value >= 0 && value <= 1)) {
      throw new IllegalArgumentException(
          what + ": " + value + " (expected: a fraction from 0 to 1, such as 0.1)");
    }
  }

  /**
   * 1,000,000 packets of the data-centre mix ({@link SizeDistribution#DATA_CENTRE}, mean 724 B)
   * over 1024 equally likely flows, all IPv4, 80% of flows TCP, at 1 Mpps, seed 1, to {@link
   * #DEFAULT_DST_PREFIXES}.
   */
  public static TraceSpec defaults() {
    return new TraceSpec(
        1_000_000,
        SizeDistribution.DATA_CENTRE,
        FlowDistribution.uniform(1024),
        0,
        0.8,
        1_000_000,
        1,
        DEFAULT_DST_PREFIXES);
  }

  public TraceSpec withPackets(long n) {
    return new TraceSpec(n, sizes, flows, ipv6Share, tcpShare, ratePps, seed, dstPrefixes);
  }

  public TraceSpec withSizes(SizeDistribution d) {
    return new TraceSpec(packets, d, flows, ipv6Share, tcpShare, ratePps, seed, dstPrefixes);
  }

  public TraceSpec withFlows(FlowDistribution d) {
    return new TraceSpec(packets, sizes, d, ipv6Share, tcpShare, ratePps, seed, dstPrefixes);
  }

  public TraceSpec withIpv6Share(double share) {
    return new TraceSpec(packets, sizes, flows, share, tcpShare, ratePps, seed, dstPrefixes);
  }

  public TraceSpec withTcpShare(double share) {
    return new TraceSpec(packets, sizes, flows, ipv6Share, share, ratePps, seed, dstPrefixes);
  }

  public TraceSpec withRatePps(long pps) {
    return new TraceSpec(packets, sizes, flows, ipv6Share, tcpShare, pps, seed, dstPrefixes);
  }

  public TraceSpec withSeed(long s) {
    return new TraceSpec(packets, sizes, flows, ipv6Share, tcpShare, ratePps, s, dstPrefixes);
  }

  public TraceSpec withDstPrefixes(List<Prefix> prefixes) {
    return new TraceSpec(packets, sizes, flows, ipv6Share, tcpShare, ratePps, seed, prefixes);
  }
}
