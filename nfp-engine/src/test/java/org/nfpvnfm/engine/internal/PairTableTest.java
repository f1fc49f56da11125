package org.nfpvnfm.engine.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.nfpvnfm.engine.Relation.PARALLEL;
import static org.nfpvnfm.engine.Relation.PARALLEL_WITH_COPY;
import static org.nfpvnfm.engine.Relation.SEQUENTIAL;

import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.nfpvnfm.engine.Relation;
import org.nfpvnfm.tosca.nfp.Access;
import org.nfpvnfm.tosca.nfp.ActionProfile;
import org.nfpvnfm.tosca.nfp.BuiltInProfiles;
import org.nfpvnfm.tosca.nfp.PacketField;

/** The spec's §4 table, cell by cell, with one-action profiles. */
class PairTableTest {

  /** A profile with one action: R or W on sip, A, D, or nothing. */
  private static ActionProfile only(String action) {
    return switch (action) {
      case "R" -> new ActionProfile("r", Map.of(PacketField.SIP, Access.READ), false, false);
      case "W" -> new ActionProfile("w", Map.of(PacketField.SIP, Access.WRITE), false, false);
      case "A" -> new ActionProfile("a", Map.of(), true, false);
      case "D" -> new ActionProfile("d", Map.of(), false, true);
      default -> new ActionProfile("none", Map.of(), false, false);
    };
  }

  @ParameterizedTest(name = "{0} before {1}: {2}")
  @CsvSource({
    "R, R, PARALLEL",
    "R, W, PARALLEL_WITH_COPY",
    "R, A, PARALLEL_WITH_COPY",
    "R, D, PARALLEL",
    "W, R, SEQUENTIAL",
    "W, W, PARALLEL_WITH_COPY",
    "W, A, PARALLEL_WITH_COPY",
    "W, D, PARALLEL",
    "A, R, SEQUENTIAL",
    "A, W, SEQUENTIAL",
    "A, A, PARALLEL_WITH_COPY",
    "A, D, PARALLEL",
    "D, R, SEQUENTIAL",
    "D, W, SEQUENTIAL",
    "D, A, SEQUENTIAL",
  })
  void followsTheSpecTableCellByCell(String first, String second, Relation expected) {
    assertThat(PairTable.relate(only(first), only(second))).isEqualTo(expected);
  }

  @Test
  void anNfThatMayDropIsSequentialBeforeEvenAnotherDropperOrAnNfThatReadsNothing() {
    // The table's D/D cell says parallel; but the second NF would see packets the first dropped.
    assertThat(PairTable.relate(only("D"), only("D"))).isEqualTo(SEQUENTIAL);
    assertThat(PairTable.relate(only("D"), only("none"))).isEqualTo(SEQUENTIAL);
    assertThat(PairTable.conflicts(only("D"), only("none")))
        .extracting(Object::toString)
        .containsExactly("packet: D/sees the packet -> sequential");
  }

  @Test
  void accessesToDifferentFieldsNeverConflict() {
    ActionProfile writesSip = only("W");
    ActionProfile readsDip =
        new ActionProfile("r", Map.of(PacketField.DIP, Access.READ), false, false);
    assertThat(PairTable.relate(writesSip, readsDip)).isEqualTo(PARALLEL);
    assertThat(PairTable.conflicts(writesSip, readsDip)).isEmpty();
  }

  @Test
  void addRemoveMeetsEveryFieldTheOtherTouches() {
    ActionProfile readsPayload =
        new ActionProfile("r", Map.of(PacketField.PAYLOAD, Access.READ), false, false);
    assertThat(PairTable.relate(only("A"), readsPayload)).isEqualTo(SEQUENTIAL);
    assertThat(PairTable.relate(readsPayload, only("A"))).isEqualTo(PARALLEL_WITH_COPY);
    assertThat(PairTable.relate(only("A"), only("none"))).isEqualTo(PARALLEL);
  }

  @Test
  void builtInPairsOfThePaperChain() {
    assertThat(PairTable.relate(BuiltInProfiles.MONITOR, BuiltInProfiles.FIREWALL))
        .isEqualTo(PARALLEL);
    assertThat(PairTable.relate(BuiltInProfiles.FIREWALL, BuiltInProfiles.MONITOR))
        .isEqualTo(SEQUENTIAL);
    assertThat(PairTable.relate(BuiltInProfiles.MONITOR, BuiltInProfiles.LOAD_BALANCER))
        .isEqualTo(PARALLEL_WITH_COPY);
    assertThat(PairTable.relate(BuiltInProfiles.VPN, BuiltInProfiles.MONITOR))
        .isEqualTo(SEQUENTIAL);
    assertThat(PairTable.conflicts(BuiltInProfiles.MONITOR, BuiltInProfiles.LOAD_BALANCER))
        .extracting(Object::toString)
        .containsExactly("sip: R/W -> parallel with copy", "dip: R/W -> parallel with copy");
  }

  @Test
  void togetherNfsShareABufferOnlyWithoutOverlappingWrites() {
    assertThat(
            PairTable.together(
                ProfileBits.of(BuiltInProfiles.FIREWALL), ProfileBits.of(BuiltInProfiles.NIDS)))
        .isEqualTo(PARALLEL);
    assertThat(
            PairTable.together(
                ProfileBits.of(BuiltInProfiles.NAT), ProfileBits.of(BuiltInProfiles.MONITOR)))
        .isEqualTo(PARALLEL_WITH_COPY);
  }
}
