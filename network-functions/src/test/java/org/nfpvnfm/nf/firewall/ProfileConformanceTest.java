package org.nfpvnfm.nf.firewall;

import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.nfpvnfm.dpdk.nf.NetworkFunction;
import org.nfpvnfm.dpdk.packet.PacketFields;
import org.nfpvnfm.nf.NfHarness;
import org.nfpvnfm.tosca.nfp.BuiltInProfiles;
import org.nfpvnfm.tosca.nfp.PacketField;

/** The checker catches what it is there to catch. */
@Tag("integration")
class ProfileConformanceTest {

  private static NfHarness harness;

  @BeforeAll
  static void start() {
    harness = new NfHarness();
  }

  @AfterAll
  static void stop() {
    harness.close();
  }

  private static final List<byte[]> FRAMES =
      List.of(
          TestPackets.tcp("10.0.0.1", 1000, "10.0.0.2", 80).ttl(63).build(),
          TestPackets.udp("2001:db8::1", 1000, "2001:db8::2", 53).ttl(64).vlan(5).build(),
          TestPackets.arp());

  @Test
  void anNfThatDoesNothingPasses() {
    assertThatCode(
            () -> {
              ProfileConformance.checkWrites(harness, b -> {}, BuiltInProfiles.GATEWAY, FRAMES);
              ProfileConformance.checkReads(
                  harness, () -> b -> {}, BuiltInProfiles.GATEWAY, FRAMES);
            })
        .doesNotThrowAnyException();
  }

  @Test
  void catchesAnUndeclaredWrite() {
    NetworkFunction ttlWriter =
        b -> {
          for (int i = 0; i < b.size(); i++) {
            PacketFields.set(b.packet(i), PacketField.TTL, 1);
          }
        };
    assertThatThrownBy(
            () ->
                ProfileConformance.checkWrites(
                    harness, ttlWriter, BuiltInProfiles.FIREWALL, FRAMES))
        .hasMessageContaining("in no field profile firewall writes");
  }

  @Test
  void catchesAnUndeclaredRead() {
    NetworkFunction ttlReader =
        b -> {
          for (int i = 0; i < b.size(); i++) {
            if (PacketFields.get(b.packet(i), PacketField.TTL) == 63) {
              b.drop(i);
            }
          }
        };
    assertThatThrownBy(
            () ->
                ProfileConformance.checkReads(
                    harness, () -> ttlReader, BuiltInProfiles.FIREWALL, FRAMES))
        .hasMessageContaining("dropped depends on TTL");
  }

  @Test
  void catchesAnUndeclaredDrop() {
    assertThatThrownBy(
            () ->
                ProfileConformance.checkWrites(
                    harness, b -> b.drop(0), BuiltInProfiles.NAT, FRAMES))
        .hasMessageContaining("says no drop");
  }
}
