package org.nfpvnfm.nf.firewall;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.nfpvnfm.nf.NfConfig;
import org.nfpvnfm.nf.NfConfigException;
import org.nfpvnfm.nf.NfRegistry;
import org.nfpvnfm.tosca.nfp.BuiltInProfiles;

/** Reading the rules: the forms they come in, and every mistake named by its line. */
class FirewallConfigTest {

  private static Firewall create(Object rules) {
    return new FirewallProvider().create(NfConfig.of("fw", Map.of("rules", rules)));
  }

  private static List<String> problems(NfConfig config) {
    try {
      new FirewallProvider().create(config);
    } catch (NfConfigException e) {
      assertThat(e.getMessage()).startsWith(config.nf() + ": ");
      return e.problems();
    }
    throw new AssertionError("no problem found");
  }

  private static List<String> problems(String... rules) {
    return problems(NfConfig.of("fw", Map.of("rules", List.of(rules))));
  }

  @Test
  void theRegistryFindsItWithTheBuiltInProfile() {
    var provider = NfRegistry.load().find("firewall").orElseThrow();
    assertThat(provider).isInstanceOf(FirewallProvider.class);
    assertThat(provider.profile()).isEqualTo(BuiltInProfiles.FIREWALL);
  }

  @Test
  void readsAListOfRulesAndThePolicy() {
    Firewall fw =
        create(
            List.of(
                "-A FORWARD -p tcp -s 10.0.0.0/8 -d 192.0.2.0/24 --dport 80:443 -j ACCEPT",
                "# a comment",
                "",
                "-A FORWARD -p udp ! --sport 53 -j DROP",
                "-P FORWARD DROP"));
    assertThat(fw.ruleCount()).isEqualTo(2);
    var counters = fw.ruleCounters();
    assertThat(counters).hasSize(3);
    assertThat(counters.get(0).rule())
        .isEqualTo(
            "rules item 1 \"-A FORWARD -p tcp -s 10.0.0.0/8 -d 192.0.2.0/24 --dport 80:443 -j"
                + " ACCEPT\"");
    assertThat(counters.get(0).accept()).isTrue();
    assertThat(counters.get(1).rule()).startsWith("rules item 4 ");
    assertThat(counters.get(1).accept()).isFalse();
    assertThat(counters.get(2).rule()).isEqualTo("rules item 5 \"-P FORWARD DROP\"");
    assertThat(counters.get(2).accept()).isFalse();
  }

  @Test
  void withoutAPolicyLineThePolicyIsAcceptAsInIptables() {
    Firewall fw = create(List.of("-A FORWARD -p tcp --dport 23 -j DROP"));
    assertThat(fw.ruleCounters().getLast().accept()).isTrue();
    assertThat(fw.ruleCounters().getLast().rule()).isEqualTo("policy ACCEPT (no -P FORWARD line)");
  }

  @Test
  void readsOneStringWithARulePerLineAndAnArtifactWithLineNumbers() {
    Firewall fromString = create("-P FORWARD DROP\n\n-A FORWARD -p icmp -j ACCEPT\n");
    assertThat(fromString.ruleCounters().getFirst().rule()).startsWith("rules line 3 ");

    Firewall fromArtifact =
        new FirewallProvider()
            .create(
                new NfConfig(
                    "fw",
                    Map.of(),
                    Map.of("rules", "# policy\n-P FORWARD DROP\n\n-A FORWARD -p icmp -j ACCEPT")));
    assertThat(fromArtifact.ruleCounters().getFirst().rule())
        .isEqualTo("artifact rules line 4 \"-A FORWARD -p icmp -j ACCEPT\"");
  }

  @Test
  void acceptsTheCommandWordsLongOptionsQuotesAndComments() {
    Firewall fw =
        create(
            List.of(
                "iptables -t filter --append FORWARD --protocol tcp --source 10.0.0.0/8"
                    + " --destination-port 22 -m comment --comment \"ssh from inside\" --jump"
                    + " ACCEPT",
                "ip6tables -A FORWARD -p icmpv6 -j ACCEPT",
                "-A FORWARD -6 -p udp -m udp --sport 1000:2000 -j DROP",
                "-A FORWARD ! -p tcp -j ACCEPT",
                "--policy FORWARD DROP"));
    assertThat(fw.ruleCount()).isEqualTo(4);
  }

  @Test
  void namesEveryBadLineAndWhatIsWrongAtOnce() {
    List<String> problems =
        problems(
            "-A FORWARD -p tcp --dport 99999 -j ACCEPT",
            "-A INPUT -j DROP",
            "-A FORWARD -s 10.0.0.300 -j DROP",
            "-A FORWARD --dport 80 -j DROP",
            "-A FORWARD -p tcp -j REJECT",
            "-A FORWARD -p tcp",
            "-I FORWARD 1 -j DROP",
            "-A FORWARD -s 10.0.0.0/8 -d 2001:db8::/32 -j DROP",
            "-A FORWARD -m state --state ESTABLISHED -j ACCEPT",
            "-A FORWARD -i eth0 -j DROP",
            "-A FORWARD --frobnicate -j DROP",
            "-A FORWARD -p tcp -j accept",
            "-A FORWARD -p tcp --comment \"unclosed -j DROP",
            "-P FORWARD DROP",
            "-P FORWARD ACCEPT",
            "-A FORWARD -s 10.0.0.0/8 -s 10.1.0.0/16 -j DROP",
            "-A FORWARD -p tcp --dport 80,443 -j DROP",
            "-A FORWARD --dscp 46 -j DROP",
            "-A FORWARD -6 -p icmp -j DROP",
            "-A FORWARD ! -j DROP");
    assertThat(problems)
        .containsExactly(
            "rules item 1 \"-A FORWARD -p tcp --dport 99999 -j ACCEPT\": --dport 99999 (expected: a"
                + " port, or a range LOW:HIGH with LOW <= HIGH, from 0 to 65535; numbers, not"
                + " service names)",
            "rules item 2 \"-A INPUT -j DROP\": -A INPUT: the firewall filters the traffic that"
                + " passes through it, the FORWARD chain (expected: -A FORWARD)",
            "rules item 3 \"-A FORWARD -s 10.0.0.300 -j DROP\": -s 10.0.0.300 (expected: an IPv4"
                + " address or prefix such as 10.0.0.0/8, or an IPv6 one such as 2001:db8::/32;"
                + " no host names)",
            "rules item 4 \"-A FORWARD --dport 80 -j DROP\": --dport needs -p tcp or -p udp: ports"
                + " are matched for TCP and UDP only (expected: -p tcp or -p udp in the rule)",
            "rules item 5 \"-A FORWARD -p tcp -j REJECT\": -j REJECT: REJECT answers with an ICMP"
                + " error or a TCP reset, which this NF cannot send (DROP discards without an"
                + " answer) (expected: ACCEPT or DROP)",
            "rules item 6 \"-A FORWARD -p tcp\": no target (expected: -j ACCEPT or -j DROP)",
            "rules item 7 \"-I FORWARD 1 -j DROP\": command -I is not supported: the rules are the"
                + " lines in order (expected: -A FORWARD or -P FORWARD)",
            "rules item 8 \"-A FORWARD -s 10.0.0.0/8 -d 2001:db8::/32 -j DROP\": -d 2001:db8::/32"
                + " makes the rule IPv6 but -s 10.0.0.0/8 made it IPv4: no packet can match"
                + " (expected: one IP version)",
            "rules item 9 \"-A FORWARD -m state --state ESTABLISHED -j ACCEPT\": -m state:"
                + " connection tracking is not supported; rules match each packet on its own"
                + " (expected: tcp, udp or comment)",
            "rules item 10 \"-A FORWARD -i eth0 -j DROP\": -i: the firewall sees one stream of"
                + " packets and has no interfaces to match (expected: no -i)",
            "rules item 11 \"-A FORWARD --frobnicate -j DROP\": unknown option --frobnicate"
                + " (expected: -A FORWARD, -P FORWARD, -j, -t filter, -4, -6, -p, -s, -d, --sport,"
                + " --dport, -m tcp|udp|comment, --comment; the rest of the rule is not read)",
            "rules item 12 \"-A FORWARD -p tcp -j accept\": -j accept: targets are upper case"
                + " (expected: ACCEPT or DROP)",
            "rules item 13 \"-A FORWARD -p tcp --comment \"unclosed -j DROP\": a quote \" is not"
                + " closed (expected: a closing \")",
            "rules item 15 \"-P FORWARD ACCEPT\": the policy is set twice, first by rules item 14"
                + " (expected: one -P FORWARD line)",
            "rules item 16 \"-A FORWARD -s 10.0.0.0/8 -s 10.1.0.0/16 -j DROP\": -s is given twice"
                + " (expected: once per rule)",
            "rules item 17 \"-A FORWARD -p tcp --dport 80,443 -j DROP\": --dport 80,443: a list of"
                + " ports (expected: one port or range; write a rule for each)",
            "rules item 18 \"-A FORWARD --dscp 46 -j DROP\": --dscp: this NF does not read DSCP;"
                + " its action profile does not declare it (expected: -4, -6, -p, -s, -d, --sport,"
                + " --dport, -m tcp|udp|comment, --comment)",
            "rules item 19 \"-A FORWARD -6 -p icmp -j DROP\": -p icmp in an IPv6 rule: IPv6"
                + " carries ICMPv6, protocol 58 (expected: -p icmpv6)",
            "rules item 20 \"-A FORWARD ! -j DROP\": ! before -j (expected: ! before a match"
                + " option only)");
  }

  @Test
  void rulesAreRequiredAndComeFromOnePlace() {
    assertThat(problems(NfConfig.empty("fw")))
        .containsExactly(
            "rules: missing (expected: a property or an artifact \"rules\" with iptables lines"
                + " such as \"-A FORWARD -p tcp --dport 443 -j ACCEPT\" and \"-P FORWARD DROP\")");
    assertThat(
            problems(
                new NfConfig(
                    "fw",
                    Map.of("rules", List.of("-P FORWARD DROP")),
                    Map.of("rules", "-P FORWARD DROP"))))
        .containsExactly(
            "rules: given both as a property and as an artifact (expected: one of them, so that"
                + " the rule order is plain)");
    assertThat(problems(NfConfig.of("fw", Map.of("rules", 7))))
        .containsExactly("rules: 7 (expected: a list of strings)");
  }

  @Test
  void anEmptyListIsAFirewallThatAcceptsEverything() {
    Firewall fw = create(List.of());
    assertThat(fw.ruleCount()).isZero();
    assertThatThrownBy(() -> fw.packets(1)).isInstanceOf(IndexOutOfBoundsException.class);
  }
}
