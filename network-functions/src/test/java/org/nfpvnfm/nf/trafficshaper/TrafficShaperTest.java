package org.nfpvnfm.nf.trafficshaper;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.nfpvnfm.dpdk.packet.PacketFields;
import org.nfpvnfm.nf.NfConfig;
import org.nfpvnfm.nf.NfHarness;
import org.nfpvnfm.nf.firewall.Allocation;
import org.nfpvnfm.nf.firewall.ProfileConformance;
import org.nfpvnfm.nf.firewall.RuleLines;
import org.nfpvnfm.nf.firewall.TestPackets;
import org.nfpvnfm.tosca.nfp.PacketField;

/** The shaper on real mbufs, with a clock the test moves. */
@Tag("integration")
class TrafficShaperTest {

  private static NfHarness harness;

  @BeforeAll
  static void start() {
    harness = new NfHarness();
  }

  @AfterAll
  static void stop() {
    harness.close();
  }

  private static final long MICROSECOND = 1_000L;

  private final long[] now = {5_000_000_000L};

  private TrafficShaper shaper(String mode, String... classes) {
    Map<String, Object> p = new HashMap<>();
    p.put("mode", mode);
    p.put("mark_dscp", 8);
    p.put("classes", List.of(classes));
    NfConfig config = NfConfig.of("ts", p);
    var lines = RuleLines.read(config, "classes");
    var parsed = ShaperClasses.parse(lines == null ? List.of() : lines, 8, config::problem);
    config.check();
    return new TrafficShaper(parsed, mode.equals("drop"), () -> now[0]);
  }

  /** A 100-byte frame: 14 Ethernet + 20 IPv4 + 8 UDP + 58 payload. */
  private static byte[] udp100(int dscp) {
    byte[] f =
        TestPackets.udp("10.0.0.1", 5000, "192.0.2.1", 5001).payload(58).dscp(dscp).ecn(1).build();
    assertThat(f).hasSize(100);
    return f;
  }

  private static int dscp(NfHarness.Outcome o) {
    return (int) PacketFields.get(TestPackets.parse(o.bytes()), PacketField.DSCP);
  }

  @Test
  void aFullBucketPassesItsBurstThenDropsUntilTokensComeBack() {
    // 8 Mbit/s is one byte per microsecond; the bucket holds 1514 bytes: 15 frames of 100.
    TrafficShaper ts = shaper("drop", "all --rate 8mbit --burst 1514");
    List<NfHarness.Outcome> out = harness.run(ts, Collections.nCopies(20, udp100(0)));
    assertThat(out.stream().filter(NfHarness.Outcome::dropped).count()).isEqualTo(5);
    assertThat(out.subList(0, 15)).noneMatch(NfHarness.Outcome::dropped);
    now[0] += 250 * MICROSECOND; // 250 bytes: with the 14 left, two frames
    out = harness.run(ts, Collections.nCopies(5, udp100(0)));
    assertThat(out)
        .extracting(NfHarness.Outcome::dropped)
        .containsExactly(false, false, true, true, true);
    assertThat(ts.counters())
        .containsEntry("all conformed packets", 17L)
        .containsEntry("all conformed bytes", 1700L)
        .containsEntry("all exceeded packets", 8L)
        .containsEntry("all exceeded bytes", 800L);
  }

  @Test
  void markModeReMarksExceedingPacketsAndKeepsEcn() {
    TrafficShaper ts =
        shaper(
            "mark",
            "voice --dscp ef --rate 8mbit --burst 1514 --mark 10",
            "rest --rate 8mbit --burst 1514");
    List<byte[]> in = new ArrayList<>(Collections.nCopies(16, udp100(46)));
    in.add(
        TestPackets.udp("2001:db8::1", 1, "2001:db8::2", 2).payload(1000).dscp(46).ecn(2).build());
    in.add(udp100(0));
    List<NfHarness.Outcome> out = harness.run(ts, in);
    assertThat(out).noneMatch(NfHarness.Outcome::dropped);
    for (int i = 0; i < 15; i++) {
      assertThat(out.get(i).bytes()).isEqualTo(in.get(i));
    }
    assertThat(dscp(out.get(15))).isEqualTo(10);
    assertThat(out.get(15).bytes()[15] & 3).as("ECN").isEqualTo(1);
    var v6 = TestPackets.parse(out.get(16).bytes());
    assertThat(PacketFields.get(v6, PacketField.DSCP)).isEqualTo(10);
    assertThat(out.get(16).bytes()[15] >> 4 & 3).as("IPv6 ECN").isEqualTo(2);
    // The other class has its own bucket, still full.
    assertThat(out.get(17).bytes()).isEqualTo(in.get(17));
  }

  @Test
  void classesMatchByDscpOrFiveTupleInOrderAndTheRestIsNotMetered() {
    TrafficShaper ts =
        shaper(
            "drop",
            "voice --dscp ef --rate 8kbit",
            "backup -p tcp -s 10.9.0.0/16 --dport 873 --rate 8kbit",
            "v6 -6 --rate 8kbit");
    byte[] voice = TestPackets.udp("10.0.0.1", 1, "10.0.0.2", 2).dscp(46).payload(1400).build();
    byte[] backup = TestPackets.tcp("10.9.3.3", 40000, "10.0.0.2", 873).payload(1400).build();
    byte[] v6 = TestPackets.udp("2001:db8::1", 1, "2001:db8::2", 2).payload(1400).build();
    byte[] other = TestPackets.tcp("10.8.3.3", 40000, "10.0.0.2", 873).payload(1400).build();
    List<NfHarness.Outcome> out =
        harness.run(
            ts, List.of(voice, voice, backup, backup, v6, v6, other, other, TestPackets.arp()));
    assertThat(out)
        .extracting(NfHarness.Outcome::dropped)
        .containsExactly(false, true, false, true, false, true, false, false, false);
    assertThat(ts.counters())
        .containsEntry("voice exceeded packets", 1L)
        .containsEntry("backup exceeded packets", 1L)
        .containsEntry("v6 exceeded packets", 1L)
        .containsEntry("unclassified packets", 3L);
  }

  @Test
  void aNonIpFrameBeyondTheRateInMarkModePassesUnmarkedAndIsCounted() {
    TrafficShaper ts = shaper("mark", "all --rate 8kbit --burst 1514");
    List<NfHarness.Outcome> out = harness.run(ts, Collections.nCopies(30, TestPackets.arp()));
    assertThat(out).noneMatch(NfHarness.Outcome::dropped);
    assertThat(out).allMatch(o -> java.util.Arrays.equals(o.bytes(), TestPackets.arp()));
    assertThat(ts.counters())
        .containsEntry("all conformed packets", 25L)
        .containsEntry("unmarkable packets", 5L);
  }

  @Test
  void holdsItsRateOverTimeToTheByte() {
    // 80 Mbit/s = 10 bytes per microsecond; offered twice that, in bursts every 100 µs, for 1 s.
    TrafficShaper ts = shaper("drop", "all --rate 80mbit --burst 3000");
    byte[] frame = udp100(0);
    for (int burst = 0; burst < 10_000; burst++) {
      now[0] += 100 * MICROSECOND;
      harness.run(ts, Collections.nCopies(20, frame));
    }
    long conformed = ts.counters().getOrDefault("all conformed bytes", -1L);
    // One second at the rate, less the first 100 µs, which fell into a full bucket, plus the
    // bucket: nothing lost or gained to rounding over 10,000 refills.
    assertThat(conformed).isEqualTo(10_000_000L - 1_000 + 3_000);
  }

  @Test
  void touchesOnlyWhatItsProfileDeclaresInBothModes() {
    List<byte[]> frames = new ArrayList<>();
    for (int i = 0; i < 12; i++) {
      frames.add(
          TestPackets.udp("10.0.0." + i, 5000, "192.0.2.1", 53)
              .dscp(46)
              .ttl(5 + i)
              .payload(300)
              .build());
      frames.add(
          TestPackets.tcp("2001:db8::" + (i + 1), 80, "2001:db8::99", 443)
              .vlan(4)
              .payload(300)
              .build());
    }
    frames.add(TestPackets.arp());
    String[] classes = {"voice --dscp ef --rate 8kbit", "web -p tcp --sport 80 --rate 8kbit"};
    for (String mode : new String[] {"mark", "drop"}) {
      List<NfHarness.Outcome> out =
          ProfileConformance.checkWrites(
              harness, shaper(mode, classes), TrafficShaperProvider.PROFILE, frames);
      assertThat(out.stream().anyMatch(o -> mode.equals("drop") ? o.dropped() : dscp(o) == 8))
          .isTrue();
      ProfileConformance.checkReads(
          harness, () -> shaper(mode, classes), TrafficShaperProvider.PROFILE, frames);
    }
  }

  @Test
  void malformedFramesNeverReachIt() {
    byte[] truncated = java.util.Arrays.copyOf(udp100(0), 30);
    TrafficShaper ts = shaper("drop", "all --rate 8mbit --burst 1514");
    List<NfHarness.Outcome> out = harness.run(ts, List.of(truncated, udp100(0)));
    assertThat(out.get(0).malformed()).isTrue();
    assertThat(ts.counters()).containsEntry("all conformed packets", 1L);
  }

  @Test
  void allocatesNothingPerBurst() {
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
                            "voice --dscp ef --rate 1mbit",
                            "web -p tcp --dport 80 --rate 10mbit"))));
    List<byte[]> frames = new ArrayList<>();
    for (int i = 0; i < 16; i++) {
      frames.add(udp100(46));
      frames.add(TestPackets.tcp("10.0.0.1", 1, "10.0.0.2", 80).build());
    }
    assertThat(Allocation.bytesOver(ts, frames, 20_000)).isZero();
  }
}
