package org.nfpvnfm.nf.gateway;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.nfpvnfm.nf.NfConfig;
import org.nfpvnfm.nf.NfConfigException;
import org.nfpvnfm.nf.NfHarness;
import org.nfpvnfm.nf.NfHarness.Outcome;
import org.nfpvnfm.nf.NfRegistry;
import org.nfpvnfm.nf.l3_forwarder.Frames;
import org.nfpvnfm.tosca.nfp.BuiltInProfiles;

@Tag("integration")
class GatewayTest {
  private static NfHarness harness;

  @BeforeAll
  static void start() {
    harness = new NfHarness();
  }

  @AfterAll
  static void stop() {
    harness.close();
  }

  private static Gateway nf(Map<String, ?> props) {
    return (Gateway) new GatewayProvider().create(NfConfig.of("gw", props));
  }

  @Test
  void isFoundByTypeWithTheBuiltInProfile() {
    var p = NfRegistry.load().find("gateway").orElseThrow();
    assertThat(p.profile()).isEqualTo(BuiltInProfiles.GATEWAY);
  }

  @Test
  void classifiesByTheFirstMatchingPolicyAndChangesNoPacket() {
    Gateway nf =
        nf(
            Map.of(
                "policies",
                List.of(
                    "from 10.1.0.0/16 to any class blocked",
                    "from 10.0.0.0/8 to 192.168.0.0/16 class internal",
                    "from any to 2001:db8::/32 class lab",
                    "from 10.0.0.0/8 to any class outbound"),
                "default_class",
                "other"));
    List<byte[]> frames =
        List.of(
            Frames.ipv4("10.1.2.3", "192.168.1.1").build(),
            Frames.ipv4("10.2.2.3", "192.168.1.1").protocol(Frames.TCP).build(),
            Frames.ipv4("10.2.2.3", "8.8.8.8").vlan(7).build(),
            Frames.ipv6("2001:db8:9::1", "2001:db8::5").build(),
            Frames.ipv6("2001:db9::1", "2001:db9::5").build(),
            Frames.ipv4("172.16.0.1", "192.168.1.1").build());
    List<Outcome> out = harness.run(nf, frames);
    assertThat(out).noneMatch(Outcome::dropped);
    for (int k = 0; k < frames.size(); k++) {
      assertThat(out.get(k).bytes()).as("frame %d", k).isEqualTo(frames.get(k));
    }
    assertThat(nf.counters())
        .containsEntry("class.blocked", 1L)
        .containsEntry("class.internal", 1L)
        .containsEntry("class.outbound", 1L)
        .containsEntry("class.lab", 1L)
        .containsEntry("class.other", 2L)
        .containsEntry("policy.1", 1L)
        .containsEntry("policy.4", 1L)
        .containsEntry("unmatched", 2L);
  }

  @Test
  void keepsIpv4PoliciesFromMatchingIpv6PacketsAndBack() {
    Gateway nf =
        nf(
            Map.of(
                "policies",
                List.of("from 0.0.0.0/0 to any class v4", "from ::/0 to any class v6")));
    harness.run(
        nf,
        List.of(
            Frames.ipv6("::1", "::2").build(),
            Frames.ipv4("0.0.0.1", "0.0.0.2").build(),
            Frames.ipv6("2001:db8::1", "2001:db8::2").build()));
    assertThat(nf.counters()).containsEntry("class.v4", 1L).containsEntry("class.v6", 2L);
  }

  @Test
  void passesNonIpAndMalformedFramesAndCountsNonIpInTheDefaultClass() {
    Gateway nf = nf(Map.of("policies", List.of("from any to any class all")));
    byte[] truncated = java.util.Arrays.copyOf(Frames.ipv4("10.0.0.1", "10.0.0.2").build(), 25);
    List<Outcome> out = harness.run(nf, List.of(Frames.arp(), truncated));
    assertThat(out.get(0).dropped()).isFalse();
    assertThat(out.get(1).malformed()).isTrue();
    assertThat(nf.counters())
        .containsEntry("non_ip", 1L)
        .containsEntry("class.default", 1L)
        .containsEntry("class.all", 0L);
  }

  @Test
  void reportsEveryConfigurationProblemAtOnce() {
    Map<String, Object> props =
        Map.of(
            "policies",
            List.of(
                "from 10.0.0.0/8 class x",
                "from 10.0.0.0/33 to any class x",
                "from 10.0.0.0/8 to 2001:db8::/32 class x",
                "from any to any class bad!name"),
            "default_class",
            "");
    assertThatThrownBy(() -> new GatewayProvider().create(NfConfig.of("gw", props)))
        .isInstanceOfSatisfying(
            NfConfigException.class,
            e ->
                assertThat(e.problems())
                    .hasSize(5)
                    .anyMatch(m -> m.contains("expected: from <prefix> to <prefix> class <name>"))
                    .anyMatch(m -> m.contains("length 33"))
                    .anyMatch(m -> m.contains("never match together"))
                    .anyMatch(m -> m.contains("class bad!name"))
                    .anyMatch(m -> m.startsWith("default_class")));
    assertThatThrownBy(() -> new GatewayProvider().create(NfConfig.empty("gw")))
        .isInstanceOf(NfConfigException.class)
        .hasMessageContaining("policies: none given");
  }
}
