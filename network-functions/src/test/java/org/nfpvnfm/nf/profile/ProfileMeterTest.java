package org.nfpvnfm.nf.profile;

import static org.assertj.core.api.Assertions.assertThat;

import java.lang.foreign.ValueLayout;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.nfpvnfm.dpdk.Eal;
import org.nfpvnfm.dpdk.Mempool;
import org.nfpvnfm.dpdk.nf.NetworkFunction;
import org.nfpvnfm.dpdk.nf.ProfileNf;
import org.nfpvnfm.dpdk.packet.ParsedPacket;
import org.nfpvnfm.tosca.nfp.Access;
import org.nfpvnfm.tosca.nfp.ActionProfile;
import org.nfpvnfm.tosca.nfp.PacketField;

@Tag("integration")
public class ProfileMeterTest {
  private static Mempool pool;

  @BeforeAll
  static void start() {
    if (Eal.current().isEmpty()) {
      Eal.start(Eal.testArguments());
    }
    pool = Mempool.create("pm-" + ProcessHandle.current().pid() % 10000, 1023, 0, 24, 2176);
  }

  @AfterAll
  static void stop() {
    pool.close();
  }

  /** UDP/IPv4 frames over a few flows, some with a VLAN tag. */
  public static List<byte[]> traffic(int n) {
    List<byte[]> out = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      boolean vlan = i % 5 == 0;
      ByteBuffer b = ByteBuffer.allocate(vlan ? 68 : 64);
      b.putLong(0x0011223344550066L).putInt(0x778899aa);
      if (vlan) {
        b.putShort((short) 0x8100).putShort((short) 7);
      }
      b.putShort((short) 0x0800).put((byte) 0x45).put((byte) 0).putShort((short) 50).putInt(0);
      b.put((byte) 64).put((byte) 17).putShort((short) 0).putInt(0x0a000000 | i % 7);
      b.putInt(0xc0a80001).putShort((short) (1000 + i)).putShort((short) 53).putShort((short) 30);
      out.add(b.array());
    }
    return out;
  }

  private static ActionProfile profile(Map<PacketField, Access> fields, boolean a, boolean d) {
    EnumMap<PacketField, Access> copy = new EnumMap<>(PacketField.class);
    copy.putAll(fields);
    return new ActionProfile("test", copy, a, d);
  }

  @Test
  void measuresExactlyWhatAnHonestNfDoes() {
    ActionProfile declared =
        profile(
            Map.of(
                PacketField.SIP,
                Access.READ,
                PacketField.DIP,
                Access.READ_WRITE,
                PacketField.TTL,
                Access.WRITE),
            false,
            true);
    ProfileMeter.Measurement m =
        ProfileMeter.measure("honest", new ProfileNf(declared, 7), traffic(200), pool);

    assertThat(m.packets()).isEqualTo(200);
    assertThat(m.profile().fields()).isEqualTo(declared.fields());
    assertThat(m.profile().mayDrop()).isTrue();
    assertThat(m.unrecordedWrites()).isEmpty();
    assertThat(ProfileCheck.compare(declared, m.profile())).isEmpty();
  }

  @Test
  void seesHeadersAddedAndRemoved() {
    ActionProfile declared = profile(Map.of(), true, false);
    ProfileMeter.Measurement m =
        ProfileMeter.measure("tagger", new ProfileNf(declared, 3), traffic(50), pool);
    assertThat(m.headerChanges()).isEqualTo(50);
    assertThat(m.profile().addsOrRemovesHeader()).isTrue();
    assertThat(ProfileCheck.compare(declared, m.profile())).isEmpty();
  }

  @Test
  void catchesAWriteThatBypassesTheApiAndCallsItAnUnderDeclaration() {
    // Declares that it only reads SIP, but decrements the TTL through the raw bytes.
    NetworkFunction liar =
        batch -> {
          for (int i = 0; i < batch.size(); i++) {
            ParsedPacket p = batch.packet(i);
            org.nfpvnfm.dpdk.packet.PacketFields.get(p, PacketField.SIP);
            long at = p.base() + p.l3Offset() + 8;
            byte ttl = p.segment().get(ValueLayout.JAVA_BYTE, at);
            p.segment().set(ValueLayout.JAVA_BYTE, at, (byte) (ttl - 1));
          }
        };
    ActionProfile declared = profile(Map.of(PacketField.SIP, Access.READ), false, false);

    ProfileMeter.Measurement m = ProfileMeter.measure("liar", liar, traffic(20), pool);

    assertThat(m.unrecordedWrites()).containsExactly(PacketField.TTL);
    assertThat(ProfileCheck.compare(declared, m.profile()))
        .extracting(ProfileCheck.Finding::toString)
        .containsExactly("error: writes ttl but declares none (under-declared write)");
  }

  @Test
  void warnsAboutWhatIsDeclaredButNeverSeenAndPrintsTheMeasuredProfileAsTosca() {
    ActionProfile declared =
        profile(
            Map.of(PacketField.SIP, Access.READ, PacketField.PAYLOAD, Access.READ), false, true);
    ActionProfile measured = profile(Map.of(PacketField.SIP, Access.READ), false, false);

    assertThat(ProfileCheck.compare(declared, measured))
        .extracting(ProfileCheck.Finding::toString)
        .containsExactly(
            "warning: declares a read of payload never seen",
            "warning: declares dropping, never seen");
    assertThat(ProfileCheck.toTosca("fw_profile", "FW", measured))
        .contains("type: nfp.policies.ActionProfile")
        .contains("fields: { sip: r }")
        .contains("drop: false")
        .contains("targets: [ FW ]");
  }
}
