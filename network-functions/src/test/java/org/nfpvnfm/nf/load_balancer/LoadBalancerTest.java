package org.nfpvnfm.nf.load_balancer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
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
class LoadBalancerTest {
  private static NfHarness harness;
  private final AtomicLong clock = new AtomicLong(1_000_000_000L);

  @BeforeAll
  static void start() {
    harness = new NfHarness();
  }

  @AfterAll
  static void stop() {
    harness.close();
  }

  private LoadBalancer nf(List<String> backends) {
    return LoadBalancerProvider.create(
        NfConfig.of("lb", Map.of("vip", "203.0.113.10", "backends", backends, "table_size", 65537)),
        clock::get);
  }

  private static List<byte[]> clients(int count, int firstPort) {
    List<byte[]> frames = new ArrayList<>();
    for (int k = 0; k < count; k++) {
      frames.add(
          Frames.ipv4("192.0.2." + (1 + k % 200), "203.0.113.10")
              .protocol(Frames.TCP)
              .ports(firstPort + k, 443)
              .build());
    }
    return frames;
  }

  @Test
  void isFoundByTypeWithTheBuiltInProfile() {
    var p = NfRegistry.load().find("load_balancer").orElseThrow();
    assertThat(p.profile()).isEqualTo(BuiltInProfiles.LOAD_BALANCER);
  }

  @Test
  void spreadsTheMaglevTableByWeight() {
    LoadBalancer nf = nf(List.of("10.0.0.1 weight 2", "10.0.0.2", "10.0.0.3"));
    Map<String, Integer> slots = new HashMap<>();
    for (String s : nf.lookupTable()) {
      slots.merge(s, 1, Integer::sum);
    }
    assertThat(slots.get("10.0.0.1/32")).isBetween(32768 - 300, 32768 + 300);
    assertThat(slots.get("10.0.0.2/32")).isBetween(16384 - 300, 16384 + 300);
  }

  @Test
  void removingABackendMovesFewSlotsOfTheOthers() {
    LoadBalancer nf = nf(List.of("10.0.0.1", "10.0.0.2", "10.0.0.3", "10.0.0.4", "10.0.0.5"));
    String[] before = nf.lookupTable();
    nf.updateBackends(
        List.of(
            new Maglev.Backend("10.0.0.1", 1),
            new Maglev.Backend("10.0.0.2", 1),
            new Maglev.Backend("10.0.0.4", 1),
            new Maglev.Backend("10.0.0.5", 1)));
    String[] after = nf.lookupTable();
    int moved = 0;
    for (int s = 0; s < before.length; s++) {
      if (!before[s].equals("10.0.0.3/32") && !before[s].equals(after[s])) {
        moved++;
      }
    }
    // Maglev's paper measures a few percent of the remaining slots at this size.
    assertThat(moved).isLessThan(before.length / 20);
  }

  @Test
  void sendsEachConnectionToOneBackendAndRestoresTheVipOnReplies() {
    LoadBalancer nf = nf(List.of("10.0.0.1", "10.0.0.2", "10.0.0.3"));
    List<Outcome> out = harness.run(nf, clients(200, 20000));
    Map<String, Integer> per = new HashMap<>();
    for (Outcome o : out) {
      per.merge(Frames.dip(o.bytes()), 1, Integer::sum);
      assertThat(Frames.dport(o.bytes())).isEqualTo(443);
    }
    assertThat(per).containsOnlyKeys("10.0.0.1", "10.0.0.2", "10.0.0.3");
    assertThat(per.values()).allMatch(c -> c > 30);
    String backend = Frames.dip(out.get(5).bytes());
    Outcome reply =
        harness.run(
            nf, Frames.ipv4(backend, "192.0.2.6").protocol(Frames.TCP).ports(443, 20005).build());
    assertThat(Frames.sip(reply.bytes())).isEqualTo("203.0.113.10");
    assertThat(nf.counters())
        .containsEntry("balanced", 200L)
        .containsEntry("new_connections", 200L)
        .containsEntry("replies", 1L);
  }

  @Test
  void keepsExistingConnectionsOnTheirBackendWhenBackendsChange() {
    LoadBalancer nf = nf(List.of("10.0.0.1", "10.0.0.2"));
    List<byte[]> frames = clients(100, 30000);
    List<Outcome> first = harness.run(nf, frames);
    nf.updateBackends(
        List.of(
            new Maglev.Backend("10.0.0.3", 1),
            new Maglev.Backend("10.0.0.4", 1),
            new Maglev.Backend("10.0.0.5", 1)));
    List<Outcome> again = harness.run(nf, frames);
    for (int k = 0; k < frames.size(); k++) {
      assertThat(Frames.dip(again.get(k).bytes())).isEqualTo(Frames.dip(first.get(k).bytes()));
    }
    Outcome fresh = harness.run(nf, clients(1, 50000).getFirst());
    assertThat(Frames.dip(fresh.bytes())).isIn("10.0.0.3", "10.0.0.4", "10.0.0.5");
    clock.addAndGet(61_000_000_000L);
    List<Outcome> later = harness.run(nf, frames);
    assertThat(later)
        .allMatch(o -> List.of("10.0.0.3", "10.0.0.4", "10.0.0.5").contains(Frames.dip(o.bytes())));
  }

  @Test
  void balancesIpv6AndPassesOtherTrafficUnchanged() {
    LoadBalancer nf =
        LoadBalancerProvider.create(
            NfConfig.of(
                "lb",
                Map.of(
                    "vip", "2001:db8::10", "backends", List.of("2001:db8:1::1", "2001:db8:1::2"))),
            clock::get);
    byte[] v4 = Frames.ipv4("192.0.2.1", "203.0.113.10").build();
    byte[] other = Frames.ipv6("2001:db8::99", "2001:db8::11").build();
    byte[] truncated = java.util.Arrays.copyOf(other, 40);
    List<Outcome> out =
        harness.run(
            nf,
            List.of(
                Frames.ipv6("2001:db8::99", "2001:db8::10").vlan(3).build(),
                v4,
                other,
                Frames.arp(),
                truncated));
    assertThat(Frames.dip(out.get(0).bytes()))
        .isIn(Frames.norm("2001:db8:1::1"), Frames.norm("2001:db8:1::2"));
    assertThat(out.get(1).bytes()).isEqualTo(v4);
    assertThat(out.get(2).bytes()).isEqualTo(other);
    assertThat(out.get(4).malformed()).isTrue();
    assertThat(out).noneMatch(Outcome::dropped);
    assertThat(nf.counters()).containsEntry("passed", 2L).containsEntry("non_ip", 1L);
  }

  @Test
  void reportsEveryConfigurationProblemAtOnce() {
    Map<String, Object> props =
        Map.of(
            "vip",
            "203.0.113.0/24",
            "backends",
            List.of("10.0.0.1 weight 0", "10.0.0.1 heavy", "2001:db8::1", "10.0.0.2", "10.0.0.2"),
            "table_size",
            65536);
    assertThatThrownBy(() -> new LoadBalancerProvider().create(NfConfig.of("lb", props)))
        .isInstanceOfSatisfying(
            NfConfigException.class,
            e ->
                assertThat(e.problems())
                    .anyMatch(m -> m.startsWith("table_size: 65536"))
                    .anyMatch(m -> m.startsWith("vip: 203.0.113.0/24"))
                    .anyMatch(m -> m.contains("weight 0"))
                    .anyMatch(m -> m.contains("10.0.0.1 heavy"))
                    .anyMatch(m -> m.contains("10.0.0.2 is given twice")));
    assertThatThrownBy(() -> new LoadBalancerProvider().create(NfConfig.empty("lb")))
        .isInstanceOf(NfConfigException.class)
        .hasMessageContaining("vip: missing")
        .hasMessageContaining("backends: none given");
  }
}
