package org.nfpvnfm.nf.firewall;

import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import java.util.function.Consumer;
import org.jspecify.annotations.Nullable;

/**
 * Parses iptables match options into a {@link Match}, one rule per parser. The caller reads the
 * rule's words and hands each option to {@link #option}; what is not a match option (a target, a
 * rate) is the caller's. Every problem goes to the consumer given, phrased as "what, (expected:
 * what)", without the rule's name, which the consumer adds.
 *
 * <p>Options: {@code -4}, {@code -6}, {@code [!] -p PROTO}, {@code [!] -s ADDR[/LEN]}, {@code [!]
 * -d ADDR[/LEN]}, {@code [!] --sport P[:P]}, {@code [!] --dport P[:P]}, {@code -m tcp|udp|comment},
 * {@code --comment TEXT}, and when DSCP is allowed {@code -m dscp} and {@code [!] --dscp
 * VALUE[,VALUE...]}. The long forms iptables knows are accepted too.
 */
public final class MatchParser {

  private static final String OPTIONS =
      "-4, -6, -p, -s, -d, --sport, --dport, -m tcp|udp|comment, --comment";
  private static final String DSCP_OPTIONS = ", -m dscp, --dscp";

  private static final Map<String, Integer> PROTOCOLS =
      Map.ofEntries(
          Map.entry("icmp", 1),
          Map.entry("igmp", 2),
          Map.entry("tcp", 6),
          Map.entry("udp", 17),
          Map.entry("gre", 47),
          Map.entry("esp", 50),
          Map.entry("ah", 51),
          Map.entry("icmpv6", 58),
          Map.entry("ipv6-icmp", 58),
          Map.entry("sctp", 132),
          Map.entry("udplite", 136));

  private static final Map<String, Integer> DSCP_NAMES = dscpNames();

  private final boolean dscpAllowed;
  private final Consumer<String> problems;
  private int problemCount;

  private int family;
  private String familyFrom = "";
  private int protocol = -1;
  private boolean notProtocol;
  private @Nullable Prefix source;
  private boolean notSource;
  private @Nullable Prefix destination;
  private boolean notDestination;
  private @Nullable Ports sourcePorts;
  private boolean notSourcePorts;
  private @Nullable Ports destinationPorts;
  private boolean notDestinationPorts;
  private boolean matchDscp;
  private long dscps;
  private final Map<String, String> given = new HashMap<>();
  private boolean stopped;

  /**
   * @param dscpAllowed whether {@code --dscp} is an option: only for NFs whose profile declares a
   *     DSCP read
   */
  public MatchParser(boolean dscpAllowed, Consumer<String> problems) {
    this.dscpAllowed = dscpAllowed;
    this.problems =
        message -> {
          problemCount++;
          problems.accept(message);
        };
  }

  /** The options this parser takes, for an "expected:" list. */
  public String options() {
    return dscpAllowed ? OPTIONS + DSCP_OPTIONS : OPTIONS;
  }

  /**
   * Restricts the rule to one IP version; {@code from} names what did ({@code -4}, {@code
   * ip6tables}), for the message when something else disagrees.
   */
  public void family(int version, String from) {
    if (family != 0 && family != version) {
      problems.accept(
          from
              + " makes the rule IPv"
              + version
              + " but "
              + familyFrom
              + " made it IPv"
              + family
              + ": no packet can match (expected: one IP version)");
      return;
    }
    family = version;
    familyFrom = from;
  }

  /**
   * Parses {@code option} (already taken from {@code tokens}) with its value, when it is a match
   * option; returns false, and takes nothing, when it is not one.
   *
   * @param negated whether a {@code !} came before it
   */
  public boolean option(String option, boolean negated, Tokens tokens) {
    switch (option) {
      case "-4", "--ipv4", "-6", "--ipv6" -> {
        notNegatable(option, negated);
        family(option.contains("4") ? 4 : 6, option);
      }
      case "-p", "--protocol" -> {
        String v = value(option, tokens, "a protocol name (tcp, udp, icmp, ...) or 0 to 255");
        if (v != null) {
          protocol(option, v, negated);
        }
      }
      case "-s", "--source", "--src" -> {
        Prefix p = prefix(option, tokens, negated);
        if (p != null) {
          source = p;
          notSource = negated;
        }
      }
      case "-d", "--destination", "--dst" -> {
        Prefix p = prefix(option, tokens, negated);
        if (p != null) {
          destination = p;
          notDestination = negated;
        }
      }
      case "--sport", "--source-port" -> {
        Ports p = ports(option, tokens);
        if (p != null) {
          sourcePorts = p;
          notSourcePorts = negated;
        }
      }
      case "--dport", "--destination-port" -> {
        Ports p = ports(option, tokens);
        if (p != null) {
          destinationPorts = p;
          notDestinationPorts = negated;
        }
      }
      case "-m", "--match" -> {
        notNegatable(option, negated);
        String v = value(option, tokens, "tcp, udp or comment" + (dscpAllowed ? " or dscp" : ""));
        if (v != null) {
          module(option, v);
        }
      }
      case "--comment" -> {
        notNegatable(option, negated);
        value(option, tokens, "a text, quoted if it has blanks");
      }
      case "--dscp", "--dscp-class" -> {
        if (!dscpAllowed) {
          problems.accept(
              option
                  + ": this NF does not read DSCP; its action profile does not declare it (expected:"
                  + " "
                  + options()
                  + ")");
          stopped = true;
          return true;
        }
        String v = value(option, tokens, "0 to 63 or a name (ef, af41, cs1, ...), comma-separated");
        if (v != null) {
          dscp(option, v, negated);
        }
      }
      default -> {
        return false;
      }
    }
    return true;
  }

  /**
   * Whether the rest of the rule cannot be read: after an unsupported match module, whose options
   * this parser does not know, its words would only give misleading messages.
   */
  public boolean stopped() {
    return stopped;
  }

  /** The rule's criteria, or null when this parser found a problem. */
  public @Nullable Match finish() {
    boolean ports = sourcePorts != null || destinationPorts != null;
    if (ports && (notProtocol || (protocol != 6 && protocol != 17))) {
      problems.accept(
          (sourcePorts != null ? "--sport" : "--dport")
              + " needs -p tcp or -p udp: ports are matched for TCP and UDP only (expected: -p tcp"
              + " or -p udp in the rule)");
    }
    if (protocol == 1 && !notProtocol && family == 6) {
      problems.accept(
          "-p icmp in an IPv6 rule: IPv6 carries ICMPv6, protocol 58 (expected: -p icmpv6)");
    }
    if (protocol == 58 && !notProtocol && family == 4) {
      problems.accept(
          "-p icmpv6 in an IPv4 rule: IPv4 carries ICMP, protocol 1 (expected: -p icmp)");
    }
    if (problemCount > 0) {
      return null;
    }
    return new Match(
        family,
        protocol,
        notProtocol,
        source,
        notSource,
        destination,
        notDestination,
        sourcePorts,
        notSourcePorts,
        destinationPorts,
        notDestinationPorts,
        matchDscp,
        dscps);
  }

  private @Nullable String value(String option, Tokens tokens, String expected) {
    String canonical = canonical(option);
    String earlier = given.put(canonical, option);
    if (earlier != null && !canonical.equals("-m") && !canonical.equals("--comment")) {
      problems.accept(option + " is given twice (expected: once per rule)");
    }
    return tokens.value(option, expected, problems);
  }

  private void notNegatable(String option, boolean negated) {
    if (negated) {
      problems.accept("! before " + option + ", which cannot be negated (expected: no !)");
    }
  }

  private void protocol(String option, String text, boolean negated) {
    String t = text.toLowerCase(Locale.ROOT);
    if (t.equals("all") || t.equals("0")) {
      // iptables reads -p 0 as all: protocol 0 is IPv6's hop-by-hop header, never a transport.
      if (negated) {
        problems.accept("! -p all matches nothing (expected: a protocol, or no -p)");
      }
      return;
    }
    Integer p = PROTOCOLS.get(t);
    if (p == null && t.matches("0|[1-9][0-9]{0,2}") && Integer.parseInt(t) <= 255) {
      p = Integer.parseInt(t);
    }
    if (p == null) {
      problems.accept(
          option
              + " "
              + text
              + " (expected: all, tcp, udp, icmp, icmpv6, sctp, gre, esp, ah, udplite, igmp, or a"
              + " number from 0 to 255)");
      return;
    }
    protocol = p;
    notProtocol = negated;
  }

  private @Nullable Prefix prefix(String option, Tokens tokens, boolean negated) {
    String text = value(option, tokens, "an address or prefix such as 10.0.0.0/8 or 2001:db8::/32");
    if (text == null) {
      return null;
    }
    if (text.indexOf(',') >= 0) {
      problems.accept(
          option
              + " "
              + text
              + ": a list of addresses (expected: one address or prefix; write a rule for each)");
      return null;
    }
    Prefix p = Prefix.parse(text);
    if (p == null) {
      problems.accept(
          option
              + " "
              + text
              + " (expected: an IPv4 address or prefix such as 10.0.0.0/8, or an IPv6 one such as"
              + " 2001:db8::/32; no host names)");
      return null;
    }
    family(p.version(), (negated ? "! " : "") + option + " " + text);
    return p;
  }

  private @Nullable Ports ports(String option, Tokens tokens) {
    String text = value(option, tokens, "a port, or a range LOW:HIGH, from 0 to 65535");
    if (text == null) {
      return null;
    }
    Ports p = Ports.parse(text);
    if (p == null) {
      problems.accept(
          option
              + " "
              + text
              + (text.indexOf(',') >= 0
                  ? ": a list of ports (expected: one port or range; write a rule for each)"
                  : " (expected: a port, or a range LOW:HIGH with LOW <= HIGH, from 0 to 65535;"
                      + " numbers, not service names)"));
    }
    return p;
  }

  private void module(String option, String name) {
    stopped = true;
    switch (name.toLowerCase(Locale.ROOT)) {
      case "tcp", "udp", "comment" -> stopped = false;
      case "dscp" -> {
        stopped = !dscpAllowed;
        if (!dscpAllowed) {
          problems.accept(
              option
                  + " dscp: this NF does not read DSCP, its action profile does not declare it"
                  + " (expected: tcp, udp or comment)");
        }
      }
      case "state", "conntrack" ->
          problems.accept(
              option
                  + " "
                  + name
                  + ": connection tracking is not supported; rules match each packet on its own"
                  + " (expected: tcp, udp or comment)");
      case "multiport" ->
          problems.accept(
              option
                  + " multiport is not supported (expected: one --sport or --dport range per rule;"
                  + " write a rule for each)");
      default ->
          problems.accept(
              option
                  + " "
                  + name
                  + " is not supported (expected: tcp, udp or comment"
                  + (dscpAllowed ? " or dscp)" : ")"));
    }
  }

  private void dscp(String option, String text, boolean negated) {
    long set = 0;
    for (String item : text.split(",", -1)) {
      String t = item.toLowerCase(Locale.ROOT);
      Integer d = DSCP_NAMES.get(t);
      if (d == null && t.matches("0|[1-9][0-9]?") && Integer.parseInt(t) <= 63) {
        d = Integer.parseInt(t);
      } else if (d == null && t.matches("0x[0-9a-f]{1,2}") && Integer.parseInt(t, 16) <= 63) {
        d = Integer.parseInt(t.substring(2), 16);
      }
      if (d == null) {
        problems.accept(
            option
                + " "
                + text
                + ": \""
                + item
                + "\" (expected: 0 to 63, or a name: be, cs0 to cs7, af11 to af43, ef, le)");
        return;
      }
      set |= 1L << d;
    }
    matchDscp = true;
    dscps = negated ? ~set : set;
  }

  private static String canonical(String option) {
    return switch (option) {
      case "--protocol" -> "-p";
      case "--source", "--src" -> "-s";
      case "--destination", "--dst" -> "-d";
      case "--source-port" -> "--sport";
      case "--destination-port" -> "--dport";
      case "--match" -> "-m";
      case "--dscp-class" -> "--dscp";
      default -> option;
    };
  }

  private static Map<String, Integer> dscpNames() {
    Map<String, Integer> m = new HashMap<>();
    m.put("be", 0);
    m.put("default", 0);
    m.put("le", 1);
    m.put("ef", 46);
    for (int i = 0; i <= 7; i++) {
      m.put("cs" + i, 8 * i);
    }
    for (int c = 1; c <= 4; c++) {
      for (int d = 1; d <= 3; d++) {
        m.put("af" + c + d, 8 * c + 2 * d);
      }
    }
    return Map.copyOf(m);
  }
}
