package org.nfpvnfm.dpdk.classify;

import java.net.Inet4Address;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.jspecify.annotations.Nullable;
import org.nfpvnfm.tosca.nfp.Classifier;
import org.nfpvnfm.tosca.nfp.PortRange;

/**
 * Turns a {@link Classifier}'s text and numbers into a {@link Rule}'s masks and values, off the
 * fast path. Every problem found is collected (not only the first), each naming the criterion, its
 * value and what was expected, so that one failed deployment shows everything to fix.
 */
final class RuleCompiler {

  static final int ETHER_IPV4 = 0x0800;
  static final int ETHER_IPV6 = 0x86dd;

  /** The typed criteria, in both vocabularies: what an unsupported key is told to use instead. */
  static final String SUPPORTED =
      "eth_src, eth_dst, eth_type, vlan_id, ip_proto, ip_dscp, ip_src_prefix, ip_dst_prefix,"
          + " source_port_range, destination_port_range (Tacker) or their SOL001 NfpRule names";

  private final String where;
  private final List<String> problems;

  private RuleCompiler(String where, List<String> problems) {
    this.where = where;
    this.problems = problems;
  }

  /**
   * Compiles {@code c} for {@code graphId}, or returns null after adding to {@code problems}.
   *
   * @param graph how messages name the graph ({@code graph 3 "web_path"})
   */
  static @Nullable Rule compile(int graphId, String graph, Classifier c, List<String> problems) {
    String where = graph + ", classifier \"" + c.name() + "\" at " + c.location();
    int before = problems.size();
    Rule rule = new RuleCompiler(where, problems).compile(graphId, c);
    return problems.size() == before ? rule : null;
  }

  private Rule compile(int graphId, Classifier c) {
    for (Map.Entry<String, String> e : c.other().entrySet()) {
      // Matching without the key would take more traffic than the descriptor asks for (a port id
      // that scopes the ACL to one tenant's port, an ICMP type, an MPLS label): refuse instead.
      problem(
          "match key %s (\"%s\") is not supported by the dataplane classifier; ignoring it would"
              + " widen the match (expected only: %s)",
          e.getKey(), e.getValue(), SUPPORTED);
    }

    long dmac = c.destinationMac() == null ? 0 : mac("eth_dst", c.destinationMac());
    long smac = c.sourceMac() == null ? 0 : mac("eth_src", c.sourceMac());
    int etherType = c.etherType() == null ? -1 : etherType(c.etherType());
    int[] vlans = vlans(c.vlanIds());
    int protocol = c.ipProtocol() == null ? -1 : range("ip_proto", c.ipProtocol(), 0, 255);
    int dscp = c.dscp() == null ? -1 : range("ip_dscp", c.dscp(), 0, 63);
    Prefix src = c.sourcePrefix() == null ? null : prefix("ip_src_prefix", c.sourcePrefix());
    Prefix dst =
        c.destinationPrefix() == null ? null : prefix("ip_dst_prefix", c.destinationPrefix());

    int ipVersion = consistentIpVersion(etherType, src, dst);
    boolean l3 = protocol >= 0 || dscp >= 0 || src != null || dst != null || hasPorts(c);
    if (etherType >= 0 && etherType != ETHER_IPV4 && etherType != ETHER_IPV6 && l3) {
      problem(
          "eth_type is 0x%04x, not IP, but IP or port criteria are given: no packet can match"
              + " (expected: eth_type ipv4 or ipv6, or no IP or port criteria)",
          etherType);
    }
    if (hasPorts(c) && protocol >= 0 && protocol != 6 && protocol != 17) {
      // The parser reads ports for TCP and UDP only; SCTP or DCCP ports would never match.
      problem(
          "port ranges with ip_proto %d: ports are matched for TCP (6) and UDP (17) only"
              + " (expected: ip_proto 6, 17 or none)",
          protocol);
    }

    PortRange sports = c.sourcePorts();
    PortRange dports = c.destinationPorts();
    return new Rule(
        graphId,
        where,
        c.destinationMac() == null ? 0 : -1L,
        dmac,
        c.sourceMac() == null ? 0 : -1L,
        smac,
        etherType < 0 ? 0 : -1,
        Math.max(etherType, 0),
        vlans,
        protocol < 0 ? 0 : -1,
        Math.max(protocol, 0),
        dscp < 0 ? 0 : -1,
        Math.max(dscp, 0),
        ipVersion == 0 ? 0 : -1,
        ipVersion,
        src == null ? Prefix.ANY : src.masksAndValues(),
        dst == null ? Prefix.ANY : dst.masksAndValues(),
        sports == null ? -1 : sports.low(),
        sports == null ? 65535 : sports.high(),
        dports == null ? -1 : dports.low(),
        dports == null ? 65535 : dports.high());
  }

  private static boolean hasPorts(Classifier c) {
    return c.sourcePorts() != null || c.destinationPorts() != null;
  }

  /** The IP version every criterion agrees on (4, 6), 0 when none fixes it; a conflict is noted. */
  private int consistentIpVersion(int etherType, @Nullable Prefix src, @Nullable Prefix dst) {
    int fromEther = etherType == ETHER_IPV4 ? 4 : etherType == ETHER_IPV6 ? 6 : 0;
    agreeWithEtherType(src, fromEther);
    agreeWithEtherType(dst, fromEther);
    if (src != null && dst != null && src.version != dst.version) {
      problem(
          "ip_src_prefix is IPv%d but ip_dst_prefix is IPv%d: no packet can match"
              + " (expected: both prefixes of one IP version)",
          src.version, dst.version);
    }
    return src != null ? src.version : dst != null ? dst.version : 0;
  }

  private void agreeWithEtherType(@Nullable Prefix p, int fromEther) {
    if (p != null && fromEther != 0 && p.version != fromEther) {
      problem(
          "%s is IPv%d but eth_type is IPv%d: no packet can match (expected: one IP version)",
          p.criterion, p.version, fromEther);
    }
  }

  private int range(String criterion, int value, int min, int max) {
    if (value < min || value > max) {
      problem("%s is %d (expected: %d to %d)", criterion, value, min, max);
      return min;
    }
    return value;
  }

  private int[] vlans(List<Integer> ids) {
    int[] out = new int[ids.size()];
    for (int i = 0; i < out.length; i++) {
      out[i] = range("vlan_id", ids.get(i), 0, 4095);
    }
    return out;
  }

  /** {@code aa:bb:cc:dd:ee:ff} or {@code aa-bb-cc-dd-ee-ff}, either case, as a 48-bit value. */
  private long mac(String criterion, String text) {
    String t = text.strip();
    if (t.matches("[0-9A-Fa-f]{2}([:-])[0-9A-Fa-f]{2}(\\1[0-9A-Fa-f]{2}){4}")) {
      return Long.parseLong(t.replaceAll("[:-]", ""), 16);
    }
    problem("%s is \"%s\" (expected: a MAC address such as 00:11:22:33:44:55)", criterion, text);
    return 0;
  }

  /**
   * {@code ipv4}, {@code ipv6} (any case), or a number as Tacker descriptors write it: {@code
   * 0x0800}, {@code 0x800} or {@code 2048} (YAML reads an unquoted {@code 0x0800} as 2048).
   */
  private int etherType(String text) {
    String t = text.strip().toLowerCase(Locale.ROOT);
    int value = -1;
    if (t.equals("ipv4")) {
      value = ETHER_IPV4;
    } else if (t.equals("ipv6")) {
      value = ETHER_IPV6;
    } else if (t.matches("0x[0-9a-f]{1,4}")) {
      value = Integer.parseInt(t.substring(2), 16);
    } else if (t.matches("[0-9]{1,5}")) {
      value = Integer.parseInt(t);
    }
    if (value < 0x0600 || value > 0xffff) {
      // Below 0x0600 the field is an 802.3 length, never an ethertype.
      problem(
          "eth_type is \"%s\" (expected: ipv4, ipv6, or an ethertype from 0x0600 to 0xffff such as"
              + " 0x0800 or 2048)",
          text);
      return -1;
    }
    if (value == 0x8100 || value == 0x88a8 || value == 0x9100) {
      // The parser steps over up to two tags and reports the ethertype after them.
      problem(
          "eth_type is \"%s\", a VLAN tag type: the classifier sees the ethertype after the tags"
              + " (expected: the inner ethertype, and vlan_id to match the tag)",
          text);
      return -1;
    }
    return value;
  }

  /** A prefix {@code a.b.c.d/n} or {@code x:y::z/n}; without {@code /n}, one address. */
  private @Nullable Prefix prefix(String criterion, String text) {
    String t = text.strip();
    int slash = t.indexOf('/');
    String address = slash < 0 ? t : t.substring(0, slash);
    byte[] bytes = address.indexOf(':') >= 0 ? ipv6(address) : ipv4(address);
    if (bytes == null) {
      problem(
          "%s is \"%s\" (expected: an IPv4 prefix such as 10.0.0.0/8 or an IPv6 prefix such as"
              + " 2001:db8::/32)",
          criterion, text);
      return null;
    }
    int max = bytes.length * 8;
    int length = max;
    if (slash >= 0) {
      String n = t.substring(slash + 1);
      length = n.matches("[0-9]{1,3}") ? Integer.parseInt(n) : -1;
      if (length > max || length < 0) {
        problem(
            "%s is \"%s\": prefix length \"%s\" (expected: 0 to %d for IPv%d)",
            criterion, text, n, max, max == 32 ? 4 : 6);
        return null;
      }
    }
    return new Prefix(criterion, bytes, length);
  }

  /**
   * Four decimal octets and nothing else. {@link Inet4Address#ofLiteral} also takes {@code 10} or
   * {@code 10.1} (BSD forms), which in a prefix are more likely typos than intent.
   */
  private static byte @Nullable [] ipv4(String s) {
    String[] parts = s.split("\\.", -1);
    if (parts.length != 4) {
      return null;
    }
    byte[] out = new byte[4];
    for (int i = 0; i < 4; i++) {
      // A leading zero reads as octal in some tools and decimal in others: refuse the doubt.
      if (!parts[i].matches("0|[1-9][0-9]{0,2}") || Integer.parseInt(parts[i]) > 255) {
        return null;
      }
      out[i] = (byte) Integer.parseInt(parts[i]);
    }
    return out;
  }

  private static byte @Nullable [] ipv6(String s) {
    if (!s.matches("[0-9A-Fa-f:.]+")) {
      return null; // no brackets, no %scope: a prefix is not a socket address
    }
    InetAddress a;
    try {
      a = Inet6Address.ofLiteral(s);
    } catch (IllegalArgumentException e) {
      return null;
    }
    byte[] raw = a.getAddress();
    if (raw.length == 16) {
      return raw;
    }
    // ofLiteral answers an IPv4-mapped address (::ffff:a.b.c.d) as an Inet4Address; on the wire
    // it is still a 16-byte IPv6 address.
    byte[] mapped = new byte[16];
    mapped[10] = (byte) 0xff;
    mapped[11] = (byte) 0xff;
    System.arraycopy(raw, 0, mapped, 12, 4);
    return mapped;
  }

  private void problem(String format, Object... args) {
    problems.add(where + ": " + format.formatted(args));
  }

  /** A parsed prefix: host bits past the length are ignored (10.1.2.3/8 is 10.0.0.0/8). */
  private static final class Prefix {
    static final long[] ANY = {0, 0, 0, 0};

    final String criterion;
    final int version;
    final long high;
    final long low;
    final long highMask;
    final long lowMask;

    Prefix(String criterion, byte[] bytes, int length) {
      this.criterion = criterion;
      if (bytes.length == 4) {
        version = 4;
        highMask = 0;
        high = 0;
        lowMask = length == 0 ? 0 : (0xffff_ffffL << (32 - length)) & 0xffff_ffffL;
        low = bigEndian(bytes, 0, 4) & lowMask;
      } else {
        version = 6;
        highMask = mask(Math.min(length, 64));
        lowMask = mask(Math.max(length - 64, 0));
        high = bigEndian(bytes, 0, 8) & highMask;
        low = bigEndian(bytes, 8, 8) & lowMask;
      }
    }

    /** The top {@code bits} of 64 set; Java shifts by {@code bits mod 64}, so 0 is special. */
    private static long mask(int bits) {
      return bits == 0 ? 0 : -1L << (64 - bits);
    }

    private static long bigEndian(byte[] b, int from, int n) {
      long v = 0;
      for (int i = from; i < from + n; i++) {
        v = v << 8 | (b[i] & 0xff);
      }
      return v;
    }

    /** In the order {@link Rule}'s constructor takes: high mask, high, low mask, low. */
    long[] masksAndValues() {
      return new long[] {highMask, high, lowMask, low};
    }
  }

  /** For messages that list several problems: one per line, indented. */
  static String join(String headline, List<String> problems) {
    List<String> lines = new ArrayList<>();
    lines.add(headline);
    for (String p : problems) {
      lines.add("  " + p);
    }
    return String.join("\n", lines);
  }
}
