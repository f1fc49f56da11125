package org.nfpvnfm.nf.trafficshaper;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.nfpvnfm.nf.NfConfig;
import org.nfpvnfm.nf.NfConfigException;
import org.nfpvnfm.nf.NfRegistry;
import org.nfpvnfm.tosca.nfp.Access;
import org.nfpvnfm.tosca.nfp.BuiltInProfiles;
import org.nfpvnfm.tosca.nfp.PacketField;

class TrafficShaperConfigTest {

  private static List<String> problems(Map<String, ?> properties) {
    try {
      new TrafficShaperProvider().create(NfConfig.of("ts", properties));
    } catch (NfConfigException e) {
      return e.problems();
    }
    throw new AssertionError("no problem found");
  }

  @Test
  void itsProfileAddsDscpReadWriteTheClassReadsAndDropsToTheEmptyBuiltIn() {
    var provider = NfRegistry.load().find("traffic_shaper").orElseThrow();
    assertThat(provider).isInstanceOf(TrafficShaperProvider.class);
    var profile = provider.profile();
    assertThat(BuiltInProfiles.TRAFFIC_SHAPER.fields()).isEmpty();
    assertThat(profile.name()).isEqualTo("traffic_shaper");
    assertThat(profile.access(PacketField.DSCP)).isEqualTo(Access.READ_WRITE);
    assertThat(profile.writes()).containsExactly(PacketField.DSCP);
    assertThat(profile.reads())
        .containsExactlyInAnyOrder(
            PacketField.DSCP,
            PacketField.SIP,
            PacketField.DIP,
            PacketField.SPORT,
            PacketField.DPORT,
            PacketField.PROTOCOL);
    assertThat(profile.mayDrop()).isTrue();
    assertThat(profile.addsOrRemovesHeader()).isFalse();
  }

  @Test
  void readsClassesWithRatesBurstsMarksAndMatches() {
    TrafficShaper ts =
        new TrafficShaperProvider()
            .create(
                NfConfig.of(
                    "ts",
                    Map.of(
                        "mode",
                        "mark",
                        "classes",
                        List.of(
                            "voice --dscp ef,cs5 --rate 2mbit --burst 16kb",
                            "# bulk traffic from the backup subnet",
                            "bulk -s 10.9.0.0/16 -p tcp --dport 873 --rate 1.5gbit --mark 8",
                            "rest --rate 100mbit"))));
    assertThat(ts.classes()).containsExactly("voice", "bulk", "rest");
    assertThat(ts.counters()).containsKeys("voice conformed packets", "unclassified packets");
  }

  @Test
  void defaultBurstIsTenMillisecondsAtTheRateAndAtLeastAFrame() {
    List<String> problems = new java.util.ArrayList<>();
    var classes =
        ShaperClasses.parse(
            List.of(
                new org.nfpvnfm.nf.firewall.RuleLine("c1", "a --rate 80mbit"),
                new org.nfpvnfm.nf.firewall.RuleLine("c2", "b --rate 8kbit")),
            0,
            problems::add);
    assertThat(problems).isEmpty();
    assertThat(classes.get(0).burstBytes()).isEqualTo(100_000);
    assertThat(classes.get(1).burstBytes()).isEqualTo(1514);
  }

  @Test
  void reportsEveryProblemWithItsLine() {
    assertThat(
            problems(
                Map.of(
                    "mode",
                    "police",
                    "mark_dscp",
                    64,
                    "classes",
                    List.of(
                        "voice --dscp 64 --rate 2mbit",
                        "fast --rate 2 mbit",
                        "big --rate 2tbit",
                        "tiny --rate 1mbit --burst 100",
                        "-p tcp --rate 1mbit",
                        "web -p tcp --dport 80 --rate 1mbit --mark 99",
                        "ok --rate 1mbit",
                        "ok --rate 2mbit",
                        "norate -p udp",
                        "x --ratee 1mbit"))))
        .containsExactly(
            "mode: police (expected: drop or mark)",
            "mark_dscp: 64 (expected: 0 to 63)",
            "classes item 1 \"voice --dscp 64 --rate 2mbit\": --dscp 64: \"64\" (expected: 0 to 63,"
                + " or a name: be, cs0 to cs7, af11 to af43, ef, le)",
            "classes item 2 \"fast --rate 2 mbit\": --rate 2 (expected: 8bit to 1tbit, a number and"
                + " a unit: bit, kbit, mbit, gbit or tbit, such as 2mbit or 1.5gbit)",
            "classes item 2 \"fast --rate 2 mbit\": unknown option mbit (expected: --rate, --burst,"
                + " --mark, -4, -6, -p, -s, -d, --sport, --dport, -m tcp|udp|comment, --comment, -m"
                + " dscp, --dscp; the rest of the line is not read)",
            "classes item 3 \"big --rate 2tbit\": --rate 2tbit (expected: 8bit to 1tbit, a number"
                + " and a unit: bit, kbit, mbit, gbit or tbit, such as 2mbit or 1.5gbit)",
            "classes item 4 \"tiny --rate 1mbit --burst 100\": --burst 100 (expected: 1514 bytes"
                + " (one full-size frame) to 1024mb, a number with b, kb or mb, such as 16kb)",
            "classes item 5 \"-p tcp --rate 1mbit\": the class name -p (expected: the line to start"
                + " with a name of letters, digits, _, . or -, such as voice)",
            "classes item 6 \"web -p tcp --dport 80 --rate 1mbit --mark 99\": --mark 99 (expected:"
                + " a DSCP value from 0 to 63)",
            "classes item 8 \"ok --rate 2mbit\": class ok is already defined by classes item 7"
                + " (expected: a name per class)",
            "classes item 9 \"norate -p udp\": no rate (expected: --rate such as --rate 2mbit)",
            "classes item 10 \"x --ratee 1mbit\": unknown option --ratee (expected: --rate, --burst,"
                + " --mark, -4, -6, -p, -s, -d, --sport, --dport, -m tcp|udp|comment, --comment, -m"
                + " dscp, --dscp; the rest of the line is not read)");
    assertThat(problems(Map.of()))
        .containsExactly(
            "classes: missing (expected: a property or an artifact \"classes\" with a class per"
                + " line such as \"voice --dscp ef --rate 2mbit --burst 16kb\")");
  }
}
