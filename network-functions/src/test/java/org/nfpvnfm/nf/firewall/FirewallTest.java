package org.nfpvnfm.nf.firewall;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.nfpvnfm.nf.NfConfig;
import org.nfpvnfm.nf.NfHarness;
import org.nfpvnfm.tosca.nfp.BuiltInProfiles;

/** The firewall on real mbufs: verdicts, counters, its profile, and no allocation per burst. */
@Tag("integration")
class FirewallTest {

  private static NfHarness harness;

  @BeforeAll
  static void start() {
    harness = new NfHarness();
  }

  @AfterAll
  static void stop() {
    harness.close();
  }

  private static final List<String> RULES =
      List.of(
          "-A FORWARD -p tcp -s 10.0.0.0/8 -d 192.0.2.0/24 --dport 80:443 -j ACCEPT",
          "-A FORWARD -p tcp --dport 80:443 -j DROP",
          "ip6tables -A FORWARD -p udp -s 2001:db8::/32 --sport 1024: ! --dport 53 -j ACCEPT",
          "-A FORWARD -p icmp -j ACCEPT",
          "-A FORWARD -4 -p udp --dport 53 -j ACCEPT",
          "-P FORWARD DROP");

  private static Firewall firewall() {
    return new FirewallProvider().create(NfConfig.of("fw", Map.of("rules", RULES)));
  }

  private static List<byte[]> mix() {
    List<byte[]> frames = new ArrayList<>();
    frames.add(TestPackets.tcp("10.1.1.1", 40000, "192.0.2.10", 443).build()); // rule 0
    frames.add(TestPackets.tcp("10.1.1.1", 40000, "192.0.2.10", 444).build()); // policy
    frames.add(TestPackets.tcp("172.16.0.1", 40000, "192.0.2.10", 80).payload(200).build()); // 1
    frames.add(TestPackets.udp("2001:db8::5", 5000, "2001:db9::1", 123).vlan(7).build()); // 2
    frames.add(TestPackets.udp("2001:db8::5", 5000, "2001:db9::1", 53).build()); // policy
    frames.add(TestPackets.udp("2001:db8::5", 1000, "2001:db9::1", 123).build()); // policy
    frames.add(TestPackets.ping("10.0.0.1", "8.8.8.8").build()); // 3
    frames.add(TestPackets.ping("2001:db8::1", "2001:db8::2").build()); // policy (icmpv6)
    frames.add(TestPackets.udp("10.0.0.1", 5353, "8.8.8.8", 53).build()); // 4
    frames.add(TestPackets.udp("10.0.0.1", 5353, "8.8.8.8", 53).laterFragment().build()); // pol.
    frames.add(TestPackets.arp()); // policy
    return frames;
  }

  @Test
  void theFirstMatchDecidesAndThePolicyTakesTheRest() {
    Firewall fw = firewall();
    List<NfHarness.Outcome> out = harness.run(fw, mix());
    assertThat(out)
        .extracting(NfHarness.Outcome::dropped)
        .containsExactly(false, true, true, false, true, true, false, true, false, true, true);
    List<byte[]> in = mix();
    for (int i = 0; i < in.size(); i++) {
      assertThat(out.get(i).bytes()).as("frame %d", i).isEqualTo(in.get(i));
    }
  }

  @Test
  void countsPacketsAndBytesPerRuleAndForThePolicy() {
    Firewall fw = firewall();
    harness.run(fw, mix());
    harness.run(fw, mix());
    List<byte[]> frames = mix();
    assertThat(fw.ruleCounters())
        .extracting(Firewall.RuleCounter::packets)
        .containsExactly(2L, 2L, 2L, 2L, 2L, 12L);
    assertThat(fw.bytes(1)).isEqualTo(2L * frames.get(2).length);
    assertThat(fw.packets(fw.ruleCount())).isEqualTo(12);
    long total = 0;
    for (byte[] f : frames) {
      total += 2L * f.length;
    }
    assertThat(fw.ruleCounters().stream().mapToLong(Firewall.RuleCounter::bytes).sum())
        .isEqualTo(total);
  }

  @Test
  void namesItsCountersForStatistics() {
    Firewall fw = firewall();
    harness.run(fw, mix());
    Map<String, Long> c = fw.counters();
    assertThat(c.keySet())
        .startsWith("rule 1 packets", "rule 1 bytes", "rule 2 packets")
        .endsWith("policy packets", "policy bytes")
        .hasSize(12);
    assertThat(c.get("rule 1 packets")).isEqualTo(1);
    assertThat(c.get("policy packets")).isEqualTo(6);
  }

  @Test
  void malformedFramesNeverReachItAndTheRestOfTheBurstIsFiltered() {
    byte[] truncated =
        java.util.Arrays.copyOf(TestPackets.tcp("10.1.1.1", 1, "192.0.2.1", 80).build(), 30);
    byte[] badIhl = TestPackets.tcp("10.1.1.1", 1, "192.0.2.1", 80).build();
    badIhl[14] = 0x43; // IHL 3: shorter than an IPv4 header
    Firewall fw = firewall();
    List<NfHarness.Outcome> out =
        harness.run(
            fw,
            List.of(
                truncated,
                TestPackets.tcp("10.1.1.1", 1, "192.0.2.1", 80).build(),
                badIhl,
                TestPackets.tcp("10.1.1.1", 1, "192.0.2.1", 8080).build()));
    assertThat(out)
        .extracting(NfHarness.Outcome::malformed)
        .containsExactly(true, false, true, false);
    assertThat(out)
        .extracting(NfHarness.Outcome::dropped)
        .containsExactly(false, false, false, true);
    assertThat(fw.counters().values().stream().filter(v -> v > 0 && v < 10).count()).isEqualTo(2);
    assertThat(fw.packets(0) + fw.packets(fw.ruleCount())).isEqualTo(2);
  }

  @Test
  void touchesOnlyWhatTheFirewallProfileDeclares() {
    List<byte[]> frames = new ArrayList<>(mix());
    for (byte[] f : mix()) {
      frames.add(f);
    }
    ProfileConformance.checkWrites(harness, firewall(), BuiltInProfiles.FIREWALL, frames);
    ProfileConformance.checkReads(
        harness, FirewallTest::firewall, BuiltInProfiles.FIREWALL, frames);
  }

  @Test
  void allocatesNothingPerBurst() {
    List<byte[]> frames = new ArrayList<>();
    for (int i = 0; i < 3; i++) {
      frames.addAll(mix());
    }
    assertThat(Allocation.bytesOver(firewall(), frames, 20_000)).isZero();
  }
}
