package org.nfpvnfm.nf.firewall;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.function.Supplier;
import org.nfpvnfm.dpdk.nf.NetworkFunction;
import org.nfpvnfm.dpdk.packet.ParsedPacket;
import org.nfpvnfm.nf.NfHarness;
import org.nfpvnfm.tosca.nfp.ActionProfile;
import org.nfpvnfm.tosca.nfp.PacketField;

/**
 * Measures an NF against its action profile on sample frames, for NFs that neither add nor remove
 * headers:
 *
 * <ul>
 *   <li>{@link #checkWrites}: every byte the NF changed lies in a field the profile declares
 *       written (DSCP's neighbours, ECN and the IPv6 version and flow label, must stay), and it
 *       drops only when the profile says it may;
 *   <li>{@link #checkReads}: for each field the profile does not declare read, a fresh NF run on
 *       the frames with that field changed behaves exactly as one run on the frames as they were:
 *       the same drops and the same bytes, but for the changed field (which it keeps changed, or
 *       writes the same value into when the profile declares it written).
 * </ul>
 *
 * PROTOCOL is never changed (a different protocol parses differently).
 */
public final class ProfileConformance {

  private static final PacketField[] PERTURBED = {
    PacketField.DMAC,
    PacketField.SMAC,
    PacketField.VLAN,
    PacketField.SIP,
    PacketField.DIP,
    PacketField.TTL,
    PacketField.DSCP,
    PacketField.SPORT,
    PacketField.DPORT,
    PacketField.PAYLOAD
  };

  private ProfileConformance() {}

  /** Runs {@code nf} on {@code frames} (one batch) and checks what it wrote and dropped. */
  public static List<NfHarness.Outcome> checkWrites(
      NfHarness harness, NetworkFunction nf, ActionProfile profile, List<byte[]> frames) {
    List<NfHarness.Outcome> out = harness.run(nf, frames);
    for (int i = 0; i < frames.size(); i++) {
      byte[] before = frames.get(i);
      NfHarness.Outcome o = out.get(i);
      if (o.malformed()) {
        continue;
      }
      if (!profile.mayDrop()) {
        assertThat(o.dropped())
            .as("frame %d dropped, profile %s says no drop", i, profile)
            .isFalse();
      }
      byte[] after = o.bytes();
      assertThat(after.length).as("frame %d length", i).isEqualTo(before.length);
      ParsedPacket p = TestPackets.parse(before);
      boolean[] writable = new boolean[before.length];
      for (PacketField f : profile.writes()) {
        for (int[] r : ranges(p, f)) {
          Arrays.fill(writable, r[0], r[1], true);
        }
      }
      for (int b = 0; b < before.length; b++) {
        if (!writable[b]) {
          assertThat(after[b])
              .as("frame %d byte %d changed, in no field profile %s writes", i, b, profile.name())
              .isEqualTo(before[b]);
        }
      }
      if (profile.writes().contains(PacketField.DSCP) && p.l3Offset() >= 0) {
        int l3 = p.l3Offset();
        if (p.ipVersion() == 4) {
          assertThat(after[l3 + 1] & 3).as("frame %d ECN", i).isEqualTo(before[l3 + 1] & 3);
        } else {
          assertThat(after[l3] & 0xf0).as("frame %d IPv6 version", i).isEqualTo(before[l3] & 0xf0);
          assertThat(after[l3 + 1] & 0x3f)
              .as("frame %d ECN and flow label", i)
              .isEqualTo(before[l3 + 1] & 0x3f);
        }
      }
    }
    return out;
  }

  /**
   * For every field {@code profile} does not read, runs a fresh NF from {@code nfs} on {@code
   * frames} with that field changed and another on {@code frames} as they are, and checks that the
   * field made no difference.
   */
  public static void checkReads(
      NfHarness harness,
      Supplier<NetworkFunction> nfs,
      ActionProfile profile,
      List<byte[]> frames) {
    List<NfHarness.Outcome> plain = harness.run(nfs.get(), frames);
    for (PacketField f : PERTURBED) {
      if (profile.reads().contains(f)) {
        continue;
      }
      List<byte[]> changed = new ArrayList<>();
      for (byte[] frame : frames) {
        changed.add(perturb(frame, TestPackets.parse(frame), f));
      }
      List<NfHarness.Outcome> out = harness.run(nfs.get(), changed);
      for (int i = 0; i < frames.size(); i++) {
        NfHarness.Outcome a = plain.get(i);
        NfHarness.Outcome b = out.get(i);
        assertThat(b.dropped())
            .as(
                "frame %d: dropped depends on %s, which profile %s does not read",
                i, f, profile.name())
            .isEqualTo(a.dropped());
        byte[] expected =
            profile.writes().contains(f)
                ? a.bytes()
                : perturb(a.bytes(), TestPackets.parse(frames.get(i)), f);
        assertThat(b.bytes())
            .as(
                "frame %d: output depends on %s, which profile %s does not read",
                i, f, profile.name())
            .isEqualTo(expected);
      }
    }
  }

  /** {@code frame} with {@code field}'s bits flipped (DSCP: its six bits only), as a copy. */
  static byte[] perturb(byte[] frame, ParsedPacket p, PacketField field) {
    byte[] out = frame.clone();
    if (field == PacketField.DSCP) {
      if (p.l3Offset() >= 0) {
        int l3 = p.l3Offset();
        if (p.ipVersion() == 4) {
          out[l3 + 1] ^= (byte) 0xa8; // 101010 in the DSCP bits
        } else {
          out[l3] ^= 0x0a; // traffic class bits 7..4 are the low nibble of byte 0
          out[l3 + 1] ^= (byte) 0x80;
        }
      }
      return out;
    }
    for (int[] r : ranges(p, field)) {
      for (int b = r[0]; b < r[1]; b++) {
        out[b] ^= (byte) (0x5a + b);
      }
    }
    return out;
  }

  /** The byte ranges {@code [from, to)} of {@code field} in a packet; none when it lacks it. */
  static List<int[]> ranges(ParsedPacket p, PacketField field) {
    int l3 = p.l3Offset();
    boolean v4 = p.ipVersion() == 4;
    boolean ip = p.ipVersion() != 0;
    int[] r =
        switch (field) {
          case DMAC -> new int[] {0, 6};
          case SMAC -> new int[] {6, 12};
          case VLAN ->
              p.outerTciOffset() < 0
                  ? null
                  : new int[] {p.outerTciOffset(), p.outerTciOffset() + 2};
          case SIP -> !ip ? null : v4 ? new int[] {l3 + 12, l3 + 16} : new int[] {l3 + 8, l3 + 24};
          case DIP -> !ip ? null : v4 ? new int[] {l3 + 16, l3 + 20} : new int[] {l3 + 24, l3 + 40};
          case PROTOCOL ->
              p.protocolOffset() < 0
                  ? null
                  : new int[] {p.protocolOffset(), p.protocolOffset() + 1};
          case TTL -> !ip ? null : v4 ? new int[] {l3 + 8, l3 + 9} : new int[] {l3 + 7, l3 + 8};
          case DSCP -> !ip ? null : v4 ? new int[] {l3 + 1, l3 + 2} : new int[] {l3, l3 + 2};
          case SPORT -> !p.hasPorts() ? null : new int[] {p.l4Offset(), p.l4Offset() + 2};
          case DPORT -> !p.hasPorts() ? null : new int[] {p.l4Offset() + 2, p.l4Offset() + 4};
          case PAYLOAD ->
              p.payloadOffset() < 0 || p.payloadLength() == 0
                  ? null
                  : new int[] {p.payloadOffset(), p.payloadOffset() + p.payloadLength()};
        };
    return r == null ? List.of() : List.<int[]>of(r);
  }
}
