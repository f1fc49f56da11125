package org.nfpvnfm.tosca.nfp;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

class BuiltInProfilesTest {

  /** One row of the paper's Table 1 (spec §3): SIP, DIP, SPORT, DPORT, Payload, Add/Rm, Drop. */
  record Row(
      String nf,
      String sip,
      String dip,
      String sport,
      String dport,
      String payload,
      boolean add,
      boolean drop) {}

  static List<Row> table1() {
    return List.of(
        new Row("firewall", "R", "R", "R", "R", "", false, true),
        new Row("nids", "R", "R", "R", "R", "R", false, false),
        new Row("gateway", "R", "R", "", "", "", false, false),
        new Row("load_balancer", "RW", "RW", "R", "R", "", false, false),
        new Row("caching", "R", "", "R", "", "R", false, false),
        new Row("vpn", "R", "R", "", "", "RW", true, false),
        new Row("nat", "RW", "RW", "RW", "RW", "", false, false),
        new Row("proxy", "RW", "RW", "", "", "", false, false),
        new Row("compression", "", "", "", "", "RW", false, false),
        new Row("traffic_shaper", "", "", "", "", "", false, false),
        new Row("monitor", "R", "R", "R", "R", "", false, false));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("table1")
  void impliesEveryCellOfTable1(Row row) {
    ActionProfile p = BuiltInProfiles.byName(row.nf()).orElseThrow();
    Map<PacketField, String> cells =
        Map.of(
            PacketField.SIP, row.sip(),
            PacketField.DIP, row.dip(),
            PacketField.SPORT, row.sport(),
            PacketField.DPORT, row.dport(),
            PacketField.PAYLOAD, row.payload());
    cells.forEach(
        (field, cell) -> {
          Access want = Access.of(cell.contains("R"), cell.contains("W"));
          assertThat(p.access(field).covers(want))
              .as("%s %s: table says %s, profile says %s", row.nf(), field, cell, p.access(field))
              .isTrue();
        });
    if (row.add()) {
      assertThat(p.addsOrRemovesHeader()).as(row.nf() + " add/rm").isTrue();
    }
    if (row.drop()) {
      assertThat(p.mayDrop()).as(row.nf() + " drop").isTrue();
    }
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("table1")
  void declaresNoWriteOrHeaderChangeBeyondTable1(Row row) {
    // Writes are what break correctness; a profile may add reads Table 1 lacks, never writes
    // to its five columns or an add/remove the paper did not observe.
    ActionProfile p = BuiltInProfiles.byName(row.nf()).orElseThrow();
    assertThat(p.access(PacketField.SIP).writes()).isEqualTo(row.sip().contains("W"));
    assertThat(p.access(PacketField.DIP).writes()).isEqualTo(row.dip().contains("W"));
    assertThat(p.access(PacketField.PAYLOAD).writes()).isEqualTo(row.payload().contains("W"));
    assertThat(p.addsOrRemovesHeader()).isEqualTo(row.add());
  }

  @Test
  void knowsTheElevenTableNfsAndAnL3Forwarder() {
    assertThat(BuiltInProfiles.names())
        .containsExactly(
            "firewall",
            "nids",
            "gateway",
            "load_balancer",
            "caching",
            "vpn",
            "nat",
            "proxy",
            "compression",
            "traffic_shaper",
            "monitor",
            "l3_forwarder");
    assertThat(BuiltInProfiles.all().values())
        .extracting(ActionProfile::name)
        .containsExactlyElementsOf(BuiltInProfiles.names());
  }

  @Test
  void l3ForwarderReadsDestinationAndRewritesTtlAndMacs() {
    ActionProfile p = BuiltInProfiles.L3_FORWARDER;
    assertThat(p.access(PacketField.DIP)).isEqualTo(Access.READ);
    assertThat(p.access(PacketField.TTL)).isEqualTo(Access.READ_WRITE);
    assertThat(p.writes())
        .containsExactlyInAnyOrder(PacketField.TTL, PacketField.SMAC, PacketField.DMAC);
    assertThat(p.mayDrop()).isTrue();
    assertThat(p.rewritesIpChecksum()).as("TTL is in the IPv4 header checksum").isTrue();
    assertThat(p.rewritesL4Checksum()).as("TTL and MACs are not in the L4 checksum").isFalse();
  }

  @Test
  void checksumsFollowWrites() {
    assertThat(BuiltInProfiles.NAT.rewritesIpChecksum()).isTrue();
    assertThat(BuiltInProfiles.NAT.rewritesL4Checksum()).isTrue();
    assertThat(BuiltInProfiles.COMPRESSION.rewritesIpChecksum()).isFalse();
    assertThat(BuiltInProfiles.COMPRESSION.rewritesL4Checksum()).isTrue();
    assertThat(BuiltInProfiles.VPN.rewritesIpChecksum()).as("adds a header").isTrue();
    assertThat(BuiltInProfiles.MONITOR.rewritesIpChecksum()).isFalse();
    assertThat(BuiltInProfiles.MONITOR.rewritesL4Checksum()).isFalse();
  }

  @Test
  void onlyPayloadWritersNeedFullCopies() {
    assertThat(BuiltInProfiles.all().values().stream().filter(ActionProfile::writesPayload))
        .extracting(ActionProfile::name)
        .containsExactly("vpn", "compression");
  }

  @Test
  void unionOfProfilesKeepsEveryAction() {
    ActionProfile u = BuiltInProfiles.FIREWALL.union("fw+lb", BuiltInProfiles.LOAD_BALANCER);
    assertThat(u.access(PacketField.SIP)).isEqualTo(Access.READ_WRITE);
    assertThat(u.access(PacketField.SPORT)).isEqualTo(Access.READ);
    assertThat(u.mayDrop()).isTrue();
  }

  @Test
  void profileDropsNoneEntriesAndIsImmutable() {
    ActionProfile p =
        new ActionProfile(
            "x", Map.of(PacketField.SIP, Access.NONE, PacketField.DIP, Access.READ), false, false);
    assertThat(p.fields()).containsOnlyKeys(PacketField.DIP);
    assertThat(p.access(PacketField.SIP)).isEqualTo(Access.NONE);
  }
}
