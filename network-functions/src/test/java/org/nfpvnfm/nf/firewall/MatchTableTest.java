package org.nfpvnfm.nf.firewall;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigInteger;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.Test;
import org.nfpvnfm.dpdk.packet.ParsedPacket;
import org.nfpvnfm.tosca.nfp.PacketField;

/** Matching semantics on packets parsed on the heap, and a differential test against a model. */
class MatchTableTest {

  private static Match parse(String rule, boolean dscp) {
    List<String> problems = new ArrayList<>();
    Tokens t = Tokens.split(rule, problems::add);
    MatchParser m = new MatchParser(dscp, problems::add);
    while (t != null && t.hasNext()) {
      String w = t.next();
      boolean not = w.equals("!");
      if (not) {
        w = t.next();
      }
      if (!m.option(w, not, t)) {
        throw new AssertionError("not a match option: " + w);
      }
    }
    Match match = m.finish();
    assertThat(problems).as(rule).isEmpty();
    if (match == null) {
      throw new AssertionError(rule + ": no match");
    }
    return match;
  }

  private static MatchTable table(String... rules) {
    List<Match> matches = new ArrayList<>();
    for (String r : rules) {
      matches.add(parse(r, true));
    }
    return MatchTable.compile(matches);
  }

  private static int first(MatchTable t, byte[] frame) {
    return t.first(TestPackets.parse(frame));
  }

  @Test
  void theFirstMatchingRuleWins() {
    MatchTable t =
        table(
            "-p tcp -s 10.0.0.0/8 -d 192.0.2.0/24 --dport 80:443",
            "-p tcp --dport 22",
            "-s 10.1.0.0/16",
            "");
    assertThat(first(t, TestPackets.tcp("10.1.2.3", 5000, "192.0.2.9", 80).build())).isZero();
    assertThat(first(t, TestPackets.tcp("10.1.2.3", 5000, "192.0.2.9", 443).build())).isZero();
    assertThat(first(t, TestPackets.tcp("10.1.2.3", 5000, "192.0.2.9", 444).build())).isEqualTo(2);
    assertThat(first(t, TestPackets.tcp("10.1.2.3", 5000, "192.0.3.9", 80).build())).isEqualTo(2);
    assertThat(first(t, TestPackets.tcp("11.1.2.3", 5000, "192.0.2.9", 22).build())).isEqualTo(1);
    assertThat(first(t, TestPackets.udp("11.1.2.3", 5000, "192.0.2.9", 80).build())).isEqualTo(3);
    assertThat(first(t, TestPackets.arp())).isEqualTo(3);
  }

  @Test
  void aRuleWithoutCriteriaMatchesEveryFrameAndAnEmptyTableNone() {
    assertThat(first(table(""), TestPackets.arp())).isZero();
    assertThat(first(MatchTable.compile(List.of()), TestPackets.arp())).isEqualTo(MatchTable.NONE);
  }

  @Test
  void addressesMatchTheirOwnIpVersionOnly() {
    MatchTable t = table("-s 0.0.0.0/0", "-d ::/0", "-4", "-6");
    assertThat(first(t, TestPackets.udp("1.2.3.4", 1, "5.6.7.8", 2).build())).isZero();
    assertThat(first(t, TestPackets.udp("2001:db8::1", 1, "2001:db8::2", 2).build())).isEqualTo(1);
    // ::1.2.3.4 and ::ffff:1.2.3.4 are IPv6 addresses, never the IPv4 address 1.2.3.4.
    MatchTable v4 = table("-s 1.2.3.4", "-s ::ffff:1.2.3.4", "-6");
    assertThat(first(v4, TestPackets.udp("::1.2.3.4", 1, "::1", 2).build())).isEqualTo(2);
    assertThat(first(v4, TestPackets.udp("::ffff:1.2.3.4", 1, "::1", 2).build())).isEqualTo(1);
    assertThat(first(table("-4", "-6"), TestPackets.arp())).isEqualTo(MatchTable.NONE);
  }

  @Test
  void ipv6PrefixesUseBothHalves() {
    MatchTable t = table("-d 2001:db8:1:2:8000::/65", "-d 2001:db8::/32", "-d 2001:db9::/128");
    assertThat(first(t, TestPackets.tcp("::1", 1, "2001:db8:1:2:8fff::1", 80).build())).isZero();
    assertThat(first(t, TestPackets.tcp("::1", 1, "2001:db8:1:2:7fff::1", 80).build()))
        .isEqualTo(1);
    assertThat(first(t, TestPackets.tcp("::1", 1, "2001:db9::", 80).build())).isEqualTo(2);
    assertThat(first(t, TestPackets.tcp("::1", 1, "2001:db9::1", 80).build()))
        .isEqualTo(MatchTable.NONE);
  }

  @Test
  void hostBitsOfAPrefixAreIgnored() {
    MatchTable t = table("-s 10.1.2.3/8");
    assertThat(first(t, TestPackets.tcp("10.200.0.1", 1, "1.1.1.1", 80).build())).isZero();
  }

  @Test
  void aNegatedCriterionStillNeedsTheField() {
    MatchTable t = table("-p udp ! --dport 53", "! -p tcp", "! -s 10.0.0.0/8");
    assertThat(first(t, TestPackets.udp("10.0.0.1", 1, "1.1.1.1", 54).build())).isZero();
    assertThat(first(t, TestPackets.udp("10.0.0.1", 1, "1.1.1.1", 53).build())).isEqualTo(1);
    // A later fragment has no ports: "! --dport 53" does not match it.
    assertThat(first(t, TestPackets.udp("10.0.0.1", 1, "1.1.1.1", 54).laterFragment().build()))
        .isEqualTo(1);
    assertThat(first(t, TestPackets.tcp("10.0.0.1", 1, "1.1.1.1", 54).build()))
        .isEqualTo(MatchTable.NONE);
    assertThat(first(t, TestPackets.tcp("11.0.0.1", 1, "1.1.1.1", 54).build())).isEqualTo(2);
    // An ARP frame has no protocol and no address.
    assertThat(first(t, TestPackets.arp())).isEqualTo(MatchTable.NONE);
  }

  @Test
  void portRangesIncludeBothEnds() {
    MatchTable t = table("-p tcp --sport :1023", "-p tcp --dport 8000:", "-p udp --sport 7");
    assertThat(first(t, TestPackets.tcp("1.1.1.1", 1023, "2.2.2.2", 1).build())).isZero();
    assertThat(first(t, TestPackets.tcp("1.1.1.1", 1024, "2.2.2.2", 7999).build()))
        .isEqualTo(MatchTable.NONE);
    assertThat(first(t, TestPackets.tcp("1.1.1.1", 1024, "2.2.2.2", 65535).build())).isEqualTo(1);
    assertThat(first(t, TestPackets.udp("1.1.1.1", 7, "2.2.2.2", 1).build())).isEqualTo(2);
    assertThat(first(t, TestPackets.udp("1.1.1.1", 8, "2.2.2.2", 1).build()))
        .isEqualTo(MatchTable.NONE);
  }

  @Test
  void dscpSetsNamesAndNegation() {
    MatchTable t = table("--dscp ef", "--dscp af41,af42,10", "! --dscp 0");
    assertThat(first(t, TestPackets.udp("1.1.1.1", 1, "2.2.2.2", 2).dscp(46).build())).isZero();
    assertThat(first(t, TestPackets.udp("::1", 1, "::2", 2).dscp(46).ecn(3).build())).isZero();
    assertThat(first(t, TestPackets.udp("::1", 1, "::2", 2).dscp(36).build())).isEqualTo(1);
    assertThat(first(t, TestPackets.udp("::1", 1, "::2", 2).dscp(10).build())).isEqualTo(1);
    assertThat(first(t, TestPackets.udp("::1", 1, "::2", 2).dscp(8).build())).isEqualTo(2);
    assertThat(first(t, TestPackets.udp("::1", 1, "::2", 2).dscp(0).build()))
        .isEqualTo(MatchTable.NONE);
    assertThat(first(t, TestPackets.arp())).isEqualTo(MatchTable.NONE);
  }

  @Test
  void readsOnlyTheFieldsItsRulesTest() {
    assertThat(table("-p tcp --dport 80").reads())
        .containsExactlyInAnyOrder(PacketField.PROTOCOL, PacketField.DPORT);
    assertThat(table("-4", "").reads()).isEmpty();
    assertThat(table("-s 10.0.0.0/8", "--dscp 1").reads())
        .containsExactlyInAnyOrder(PacketField.SIP, PacketField.DSCP);
  }

  // ---- Differential: random rules and packets against a direct model of the semantics.

  private record Pkt(
      int version,
      int protocol,
      byte[] src,
      byte[] dst,
      int sport,
      int dport,
      int dscp,
      boolean later) {
    boolean hasPorts() {
      return (protocol == 6 || protocol == 17) && !later && version != 0;
    }
  }

  private record Crit(
      int family,
      int protocol,
      boolean notProtocol,
      byte @Nullable [] src,
      int srcLength,
      boolean notSrc,
      byte @Nullable [] dst,
      int dstLength,
      boolean notDst,
      int sportLow,
      int sportHigh,
      boolean notSport,
      int dportLow,
      int dportHigh,
      boolean notDport,
      long dscps,
      boolean notDscp) {

    String text() {
      StringBuilder b = new StringBuilder();
      if (family != 0 && src == null && dst == null) {
        b.append(" -").append(family);
      }
      if (protocol >= 0) {
        b.append(notProtocol ? " ! -p " : " -p ").append(protocol);
      }
      if (src != null) {
        b.append(notSrc ? " ! -s " : " -s ").append(addressText(src)).append('/').append(srcLength);
      }
      if (dst != null) {
        b.append(notDst ? " ! -d " : " -d ").append(addressText(dst)).append('/').append(dstLength);
      }
      if (sportLow >= 0) {
        b.append(notSport ? " ! --sport " : " --sport ").append(sportLow).append(':');
        b.append(sportHigh);
      }
      if (dportLow >= 0) {
        b.append(notDport ? " ! --dport " : " --dport ").append(dportLow).append(':');
        b.append(dportHigh);
      }
      if (dscps != 0) {
        b.append(notDscp ? " ! --dscp " : " --dscp ");
        String sep = "";
        for (int d = 0; d < 64; d++) {
          if ((dscps >>> d & 1) != 0) {
            b.append(sep).append(d);
            sep = ",";
          }
        }
      }
      return b.toString().strip();
    }

    boolean matches(Pkt p) {
      if (family != 0 && p.version != family) {
        return false;
      }
      if (protocol >= 0 && (p.version == 0 || (p.protocol == protocol) == notProtocol)) {
        return false;
      }
      if (src != null && inPrefix(p.src, src, srcLength) == notSrc) {
        return false;
      }
      if (dst != null && inPrefix(p.dst, dst, dstLength) == notDst) {
        return false;
      }
      if (sportLow >= 0
          && (!p.hasPorts() || (p.sport >= sportLow && p.sport <= sportHigh) == notSport)) {
        return false;
      }
      if (dportLow >= 0
          && (!p.hasPorts() || (p.dport >= dportLow && p.dport <= dportHigh) == notDport)) {
        return false;
      }
      return dscps == 0 || (p.version != 0 && ((dscps >>> p.dscp & 1) != 0) != notDscp);
    }
  }

  private static boolean inPrefix(byte[] address, byte[] prefix, int length) {
    int bits = address.length * 8;
    BigInteger a = new BigInteger(1, address).shiftRight(bits - length);
    BigInteger b = new BigInteger(1, prefix).shiftRight(bits - length);
    return a.equals(b);
  }

  private static String addressText(byte[] address) {
    if (address.length == 16) {
      // InetAddress would print an IPv4-mapped address as IPv4.
      StringBuilder b = new StringBuilder();
      for (int i = 0; i < 16; i += 2) {
        b.append(i == 0 ? "" : ":")
            .append(Integer.toHexString((address[i] & 0xff) << 8 | address[i + 1] & 0xff));
      }
      return b.toString();
    }
    try {
      return java.net.InetAddress.getByAddress(address).getHostAddress();
    } catch (java.net.UnknownHostException e) {
      throw new AssertionError(e);
    }
  }

  private static final String[] V4 = {"10.0.0.1", "10.0.1.1", "10.200.3.4", "192.0.2.1", "0.0.0.0"};
  private static final String[] V6 = {
    "2001:db8::1", "2001:db8:0:1::1", "2001:db8:8000::", "fe80::1", "::ffff:10.0.0.1"
  };
  private static final int[] PROTOCOLS = {6, 17, 1, 58, 47};

  private static byte[] address(Random r, int version) {
    String[] pool = version == 4 ? V4 : V6;
    byte[] b =
        version == 4
            ? Prefix.ipv4(pool[r.nextInt(pool.length)])
            : Prefix.ipv6(pool[r.nextInt(pool.length)]);
    if (b == null) {
      throw new AssertionError();
    }
    if (r.nextInt(3) == 0) {
      b[b.length - 1 - r.nextInt(b.length)] ^= (byte) (1 << r.nextInt(8));
    }
    return b;
  }

  private static int port(Random r) {
    int[] common = {0, 22, 53, 80, 443, 1023, 1024, 8080, 65535};
    return r.nextBoolean() ? common[r.nextInt(common.length)] : r.nextInt(65536);
  }

  private static Crit crit(Random r) {
    int family = r.nextInt(4) == 0 ? 0 : r.nextBoolean() ? 4 : 6;
    boolean ports = r.nextInt(3) == 0;
    int protocol =
        ports ? (r.nextBoolean() ? 6 : 17) : r.nextInt(3) == 0 ? PROTOCOLS[r.nextInt(5)] : -1;
    if (family == 6 && protocol == 1 || family == 4 && protocol == 58) {
      protocol = -1;
    }
    boolean notProtocol = !ports && protocol >= 0 && r.nextInt(4) == 0;
    byte[] src = family != 0 && r.nextInt(3) == 0 ? address(r, family) : null;
    byte[] dst = family != 0 && r.nextInt(3) == 0 ? address(r, family) : null;
    int max = family == 4 ? 32 : 128;
    int sl = r.nextInt(max + 1);
    int dl = r.nextInt(max + 1);
    int[] sp = range(r, ports && r.nextBoolean());
    int[] dp = range(r, ports && (sp[0] < 0 || r.nextBoolean()));
    long a = r.nextLong();
    long b = r.nextLong();
    long dscps = r.nextInt(4) == 0 ? a & b | 1L << r.nextInt(64) : 0;
    return new Crit(
        family,
        protocol,
        notProtocol,
        src,
        sl,
        r.nextInt(4) == 0,
        dst,
        dl,
        r.nextInt(4) == 0,
        sp[0],
        sp[1],
        r.nextInt(4) == 0,
        dp[0],
        dp[1],
        r.nextInt(4) == 0,
        dscps,
        r.nextInt(4) == 0);
  }

  private static int[] range(Random r, boolean present) {
    if (!present) {
      return new int[] {-1, -1};
    }
    int a = port(r);
    int b = r.nextBoolean() ? a : port(r);
    return new int[] {Math.min(a, b), Math.max(a, b)};
  }

  private static Pkt packet(Random r) {
    int version = r.nextInt(8) == 0 ? 0 : r.nextBoolean() ? 4 : 6;
    int protocol = PROTOCOLS[r.nextInt(PROTOCOLS.length)];
    if (version == 4 && protocol == 58) {
      protocol = 1;
    } else if (version == 6 && protocol == 1) {
      protocol = 58;
    }
    int v = version == 0 ? 4 : version;
    return new Pkt(
        version,
        protocol,
        address(r, v),
        address(r, v),
        port(r),
        port(r),
        r.nextInt(64),
        r.nextInt(6) == 0);
  }

  private static byte[] frame(Pkt p) {
    if (p.version == 0) {
      return TestPackets.arp();
    }
    String s = addressText(p.src);
    String d = addressText(p.dst);
    TestPackets.Builder b =
        switch (p.protocol) {
          case 6 -> TestPackets.tcp(s, p.sport, d, p.dport);
          case 17 -> TestPackets.udp(s, p.sport, d, p.dport);
          case 1, 58 -> TestPackets.ping(s, d);
          default -> TestPackets.ip(p.protocol, s, d);
        };
    b.dscp(p.dscp);
    if (p.later) {
      b.laterFragment();
    }
    return b.build();
  }

  @Test
  void agreesWithADirectModelOnRandomRulesAndPackets() {
    for (MatchTable.Strategy s : MatchTable.Strategy.values()) {
      agreesWithTheModel(s, 400, 8, false);
      agreesWithTheModel(s, 40, 300, true);
    }
  }

  /**
   * @param narrow rules that each test an address, so that the first match often lies past the
   *     first 64 rules (the bit sets' first word)
   */
  private static void agreesWithTheModel(
      MatchTable.Strategy strategy, int seeds, int maxRules, boolean narrow) {
    long checked = 0;
    int deepest = -1;
    long matched = 0;
    for (int seed = 0; seed < seeds; seed++) {
      Random r = new Random(seed);
      List<Crit> crits = new ArrayList<>();
      List<Match> matches = new ArrayList<>();
      int n = 1 + r.nextInt(maxRules);
      for (int i = 0; i < n; i++) {
        Crit c = crit(r);
        while (narrow && (c.src() == null && c.dst() == null || c.notSrc() || c.notDst())) {
          c = crit(r);
        }
        crits.add(c);
        matches.add(parse(c.text(), true));
      }
      MatchTable table = MatchTable.compile(matches, strategy);
      for (int k = 0; k < 100; k++) {
        Pkt p = packet(r);
        int expected = MatchTable.NONE;
        for (int i = 0; i < n && expected < 0; i++) {
          if (crits.get(i).matches(p)) {
            expected = i;
          }
        }
        ParsedPacket parsed = TestPackets.parse(frame(p));
        assertThat(table.first(parsed))
            .as(
                "%s, seed %d, rules %s, packet %s",
                strategy, seed, crits.stream().map(Crit::text).toList(), p)
            .isEqualTo(expected);
        checked++;
        matched += expected >= 0 ? 1 : 0;
        deepest = Math.max(deepest, expected);
      }
    }
    // The generator must exercise both outcomes, not only one, and matches past the first word.
    assertThat(matched).isBetween(checked / 10, checked * 9 / 10);
    if (narrow) {
      assertThat(deepest).isGreaterThan(64);
    }
  }
}
