package org.nfpvnfm.nf.firewall;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.function.Consumer;
import org.jspecify.annotations.Nullable;

/**
 * A firewall's rules as parsed from iptables command lines: {@code -A FORWARD [match] -j
 * ACCEPT|DROP} appends a rule, {@code -P FORWARD ACCEPT|DROP} sets the policy for packets no rule
 * matches (ACCEPT when no line sets it, as in iptables). A line may start with {@code iptables}
 * (the rule is then IPv4 only) or {@code ip6tables} (IPv6 only), and may name {@code -t filter}.
 *
 * @param rules in order: the first that matches decides
 * @param policyLine the {@code -P} line, or null when the policy is the default ACCEPT
 */
record FirewallRules(List<Rule> rules, boolean policyAccept, @Nullable RuleLine policyLine) {

  /** One {@code -A} line. */
  record Rule(RuleLine line, Match match, boolean accept) {}

  static final String CHAIN = "FORWARD";

  /** iptables commands other than -A and -P: each changes a ruleset that is not there. */
  private static final Set<String> OTHER_COMMANDS =
      Set.of(
          "-I",
          "--insert",
          "-D",
          "--delete",
          "-R",
          "--replace",
          "-N",
          "--new-chain",
          "-X",
          "--delete-chain",
          "-F",
          "--flush",
          "-Z",
          "--zero",
          "-L",
          "--list",
          "-S",
          "--list-rules",
          "-E",
          "--rename-chain");

  /** The words a {@code !} may stand before, checked again by {@link MatchParser} itself. */
  private static final Set<String> MATCH_OPTIONS_NEGATABLE =
      Set.of(
          "-p",
          "--protocol",
          "-s",
          "--source",
          "--src",
          "-d",
          "--destination",
          "--dst",
          "--sport",
          "--source-port",
          "--dport",
          "--destination-port",
          "-4",
          "--ipv4",
          "-6",
          "--ipv6",
          "-m",
          "--match",
          "--comment");

  /** Parses every line; each problem goes to {@code problems} prefixed with the line's name. */
  static FirewallRules parse(List<RuleLine> lines, Consumer<String> problems) {
    List<Rule> rules = new ArrayList<>();
    Boolean policy = null;
    RuleLine policyLine = null;
    for (RuleLine line : lines) {
      Consumer<String> lineProblems = m -> problems.accept(line + ": " + m);
      Parsed p = parseLine(line, lineProblems);
      if (p == null) {
        continue;
      }
      if (p.match == null) {
        if (policyLine != null) {
          lineProblems.accept(
              "the policy is set twice, first by "
                  + policyLine.where()
                  + " (expected: one -P "
                  + CHAIN
                  + " line)");
          continue;
        }
        policy = p.accept;
        policyLine = line;
      } else {
        rules.add(new Rule(line, p.match, p.accept));
      }
    }
    return new FirewallRules(rules, policy == null || policy, policyLine);
  }

  /** A rule (with its match) or a policy (match null). */
  private record Parsed(@Nullable Match match, boolean accept) {}

  private static @Nullable Parsed parseLine(RuleLine line, Consumer<String> problems) {
    int[] count = {0};
    Consumer<String> counted =
        m -> {
          count[0]++;
          problems.accept(m);
        };
    Tokens t = Tokens.split(line.text(), counted);
    if (t == null) {
      return null;
    }
    MatchParser match = new MatchParser(false, counted);
    String first = t.peek();
    if (first != null && (first.equals("iptables") || first.equals("ip6tables"))) {
      t.next();
      match.family(first.equals("iptables") ? 4 : 6, first);
    }
    String command = null;
    String target = null;
    String policy = null;
    boolean hasMatch = false;
    boolean negated = false;
    boolean stop = false;
    while (t.hasNext() && !stop && !match.stopped()) {
      String word = t.next();
      if (word.equals("!")) {
        if (negated) {
          counted.accept("! ! (expected: one ! before an option)");
        }
        negated = true;
        continue;
      }
      boolean not = negated;
      negated = false;
      if (not && !MATCH_OPTIONS_NEGATABLE.contains(word)) {
        counted.accept("! before " + word + " (expected: ! before a match option only)");
      }
      switch (word) {
        case "-A", "--append", "-P", "--policy" -> {
          if (command != null) {
            counted.accept(
                word + " after " + command + " (expected: one command, -A or -P, per line)");
          }
          command = word.equals("-A") || word.equals("--append") ? "-A" : "-P";
          String chain = t.value(word, "the chain " + CHAIN, counted);
          if (chain != null && !chain.equals(CHAIN)) {
            counted.accept(
                word
                    + " "
                    + chain
                    + ": the firewall filters the traffic that passes through it, the "
                    + CHAIN
                    + " chain (expected: "
                    + word
                    + " "
                    + CHAIN
                    + ")");
          }
          if (command.equals("-P")) {
            policy = t.value(word, "ACCEPT or DROP", counted);
          }
        }
        case "-t", "--table" -> {
          String table = t.value(word, "filter", counted);
          if (table != null && !table.equals("filter")) {
            counted.accept(
                word
                    + " "
                    + table
                    + ": only the filter table is supported (NAT is the nat NF's, mangling the"
                    + " traffic_shaper's) (expected: -t filter, or no -t)");
          }
        }
        case "-j", "--jump" -> {
          if (target != null) {
            counted.accept(word + " is given twice (expected: one target per rule)");
          }
          target = t.value(word, "ACCEPT or DROP", counted);
        }
        case "-i", "--in-interface", "-o", "--out-interface" -> {
          t.value(word, "an interface", counted);
          counted.accept(
              word
                  + ": the firewall sees one stream of packets and has no interfaces to match"
                  + " (expected: no "
                  + word
                  + ")");
        }
        case "-g", "--goto" -> {
          counted.accept(word + ": there are no user chains (expected: -j ACCEPT or -j DROP)");
          stop = true;
        }
        default -> {
          if (OTHER_COMMANDS.contains(word)) {
            counted.accept(
                "command "
                    + word
                    + " is not supported: the rules are the lines in order (expected: -A "
                    + CHAIN
                    + " or -P "
                    + CHAIN
                    + ")");
            stop = true;
          } else if (match.option(word, not, t)) {
            hasMatch = true;
          } else {
            counted.accept(
                "unknown option "
                    + word
                    + " (expected: -A "
                    + CHAIN
                    + ", -P "
                    + CHAIN
                    + ", -j, -t filter, "
                    + match.options()
                    + "; the rest of the rule is not read)");
            stop = true;
          }
        }
      }
    }
    if (negated && !stop && !match.stopped()) {
      counted.accept("! at the end of the rule (expected: an option after it)");
    }
    if (stop || match.stopped()) {
      return null;
    }
    if (command == null) {
      counted.accept(
          "no command (expected: -A "
              + CHAIN
              + " ... -j ACCEPT|DROP, or -P "
              + CHAIN
              + " ACCEPT|DROP)");
      return null;
    }
    if (command.equals("-P")) {
      if (hasMatch || target != null) {
        counted.accept(
            "-P sets the policy and takes no match or -j (expected: -P " + CHAIN + " ACCEPT|DROP)");
      }
      Boolean accept = policy == null ? null : verdict("-P " + CHAIN, policy, counted);
      return count[0] > 0 || accept == null ? null : new Parsed(null, accept);
    }
    if (target == null) {
      counted.accept("no target (expected: -j ACCEPT or -j DROP)");
      return null;
    }
    Boolean accept = verdict("-j", target, counted);
    Match m = match.finish();
    return count[0] > 0 || accept == null || m == null ? null : new Parsed(m, accept);
  }

  private static @Nullable Boolean verdict(
      String option, String target, Consumer<String> problems) {
    return switch (target) {
      case "ACCEPT" -> true;
      case "DROP" -> false;
      default -> {
        String t = target.toUpperCase(Locale.ROOT);
        String why =
            switch (t) {
              case "ACCEPT", "DROP" -> ": targets are upper case";
              case "REJECT" ->
                  ": REJECT answers with an ICMP error or a TCP reset, which this NF cannot"
                      + " send (DROP discards without an answer)";
              case "RETURN", "QUEUE", "NFQUEUE", "LOG", "MARK", "CONNMARK" ->
                  ": " + t + " is not supported";
              default -> option.equals("-j") ? ": there are no user chains" : "";
            };
        problems.accept(option + " " + target + why + " (expected: ACCEPT or DROP)");
        yield null;
      }
    };
  }
}
