package org.nfpvnfm.nf.nat;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.nfpvnfm.nf.NfConfig;
import org.nfpvnfm.nf.NfConfigException;
import org.nfpvnfm.nf.NfRegistry;
import org.nfpvnfm.tosca.nfp.BuiltInProfiles;

class NatConfigTest {

  private static List<String> problems(Map<String, ?> properties) {
    try {
      new NatProvider().create(NfConfig.of("nat1", properties));
    } catch (NfConfigException e) {
      return e.problems();
    }
    throw new AssertionError("no problem found");
  }

  @Test
  void theRegistryFindsItWithExactlyTheBuiltInProfile() {
    var provider = NfRegistry.load().find("nat").orElseThrow();
    assertThat(provider).isInstanceOf(NatProvider.class);
    assertThat(provider.profile()).isEqualTo(BuiltInProfiles.NAT);
  }

  @Test
  void defaultsCoverEveryPortAndEveryAddressOfThePublicAddressVersion() {
    NatSettings s =
        NatProvider.settings(NfConfig.of("nat1", Map.of("public_address", "203.0.113.1")));
    assertThat(s.portMin()).isEqualTo(1024);
    assertThat(s.portMax()).isEqualTo(65535);
    assertThat(s.maxMappings()).isEqualTo(2 * 64512);
    assertThat(s.internal()).hasSize(1);
    assertThat(s.internal().getFirst().length()).isZero();
    assertThat(s.tcpTimeoutNanos()).isEqualTo(7440_000_000_000L);
    assertThat(s.udpTimeoutNanos()).isEqualTo(300_000_000_000L);
  }

  @Test
  void reportsEveryProblemAtOnce() {
    assertThat(problems(Map.of()))
        .containsExactly(
            "public_address: missing (expected: the IPv4 or IPv6 address translated packets leave"
                + " from, such as 203.0.113.1)");
    assertThat(
            problems(
                Map.of(
                    "public_address",
                    "203.0.113.300",
                    "internal",
                    List.of("10.0.0.0/33", "fd00::/8"),
                    "port_min",
                    5000,
                    "port_max",
                    4000,
                    "max_mappings",
                    0,
                    "udp_timeout",
                    "5m")))
        .containsExactly(
            "public_address: 203.0.113.300 (expected: an IPv4 address such as 203.0.113.1 or an"
                + " IPv6 address such as 2001:db8::1)",
            "internal: 10.0.0.0/33 (expected: a prefix such as 10.0.0.0/8 or fd00::/8)",
            "port_min 5000 is above port_max 4000 (expected: port_min <= port_max)",
            "max_mappings: 0 (expected: 1 to 2)",
            "udp_timeout: 5m (expected: an integer from 1 to 604800)");
    assertThat(problems(Map.of("public_address", "2001:db8::1", "internal", List.of("10.0.0.0/8"))))
        .containsExactly(
            "internal: 10.0.0.0/8 is IPv4 but public_address is IPv6 (expected: prefixes of the"
                + " public address's version)");
  }
}
