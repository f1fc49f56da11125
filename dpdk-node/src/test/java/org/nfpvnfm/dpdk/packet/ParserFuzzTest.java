package org.nfpvnfm.dpdk.packet;

import static org.assertj.core.api.Assertions.assertThat;

import java.lang.foreign.MemorySegment;
import java.util.Arrays;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.nfpvnfm.tosca.nfp.PacketField;

/**
 * Property-style checks with fixed seeds: whatever the bytes, parsing returns a status, never
 * throws, and describes only bytes inside the frame; reading fields and checksums of whatever it
 * parsed never throws either.
 */
class ParserFuzzTest {

  private static final byte[] ETHERTYPES = {
    0x08, 0x00, (byte) 0x86, (byte) 0xdd, (byte) 0x81, 0x00
  };

  private final ParsedPacket p = new ParsedPacket();
  private final DropCounters seen = new DropCounters();
  private final MemorySegment scratch = MemorySegment.ofArray(new byte[64]);

  @Test
  void randomBytesNeverThrow() {
    SplittableRandom r = new SplittableRandom(20260101L);
    for (int i = 0; i < 50_000; i++) {
      byte[] frame = new byte[r.nextInt(0, 200)];
      r.nextBytes(frame);
      if (frame.length >= 14 && r.nextBoolean()) {
        // Half the frames get an IP or VLAN ethertype, and a plausible version, to reach deeper.
        int t = r.nextInt(3) * 2;
        frame[12] = ETHERTYPES[t];
        frame[13] = ETHERTYPES[t + 1];
        if (frame.length > 14) {
          frame[14] = (byte) ((t == 2 ? 0x60 : 0x40) | (frame[14] & 0x0f));
        }
      }
      checkInvariants(frame);
    }
  }

  @Test
  void everyTruncationOfAValidFrameNeverThrows() {
    for (byte[] frame : Frames.all()) {
      for (int len = 0; len <= frame.length; len++) {
        checkInvariants(Arrays.copyOf(frame, len));
      }
    }
  }

  @Test
  void mutatedValidFramesNeverThrow() {
    SplittableRandom r = new SplittableRandom(42L);
    byte[][] frames = Frames.all();
    for (int i = 0; i < 50_000; i++) {
      byte[] frame = frames[r.nextInt(frames.length)].clone();
      int flips = r.nextInt(1, 4);
      for (int k = 0; k < flips; k++) {
        frame[r.nextInt(frame.length)] = (byte) r.nextInt(256);
      }
      checkInvariants(Arrays.copyOf(frame, r.nextInt(frame.length / 2, frame.length + 1)));
    }
    // The mutations reach the transport checks, not only the first bytes.
    assertThat(seen.get(ParseStatus.OK)).as("%s", seen).isPositive();
    assertThat(seen.get(ParseStatus.BAD_UDP_LENGTH)).as("%s", seen).isPositive();
    assertThat(seen.get(ParseStatus.BAD_TCP_OFFSET)).as("%s", seen).isPositive();
  }

  private void checkInvariants(byte[] frame) {
    ParseStatus s = PacketParser.parse(MemorySegment.ofArray(frame), p);
    seen.count(s);
    String what = Arrays.toString(frame);
    assertThat(p.status()).as(what).isEqualTo(s);
    if (s.isMalformed()) {
      assertThat(p.payloadOffset()).as(what).isEqualTo(-1);
    } else {
      assertThat(p.payloadOffset()).as(what).isBetween(0, frame.length);
      assertThat(p.payloadOffset() + p.payloadLength()).as(what).isLessThanOrEqualTo(frame.length);
    }
    if (p.l3Offset() >= 0) {
      assertThat(p.l3End()).as(what).isLessThanOrEqualTo(frame.length);
      assertThat(p.l3Offset() + p.l3HeaderLength()).as(what).isLessThanOrEqualTo(p.l3End());
    }
    if (p.l4Offset() >= 0) {
      assertThat(p.l4Offset() + p.l4HeaderLength()).as(what).isLessThanOrEqualTo(p.l3End());
    }
    for (PacketField f : PacketField.values()) {
      boolean wide =
          f == PacketField.PAYLOAD
              || ((f == PacketField.SIP || f == PacketField.DIP) && p.ipVersion() == 6);
      if (wide && f != PacketField.PAYLOAD) {
        PacketFields.setIpv6(p, f, PacketFields.ipv6High(p, f), PacketFields.ipv6Low(p, f));
      } else if (!wide) {
        long v = PacketFields.get(p, f);
        if (v != PacketFields.ABSENT) {
          assertThat(PacketFields.set(p, f, v)).as(what).isTrue();
        }
      }
      if (PacketFields.width(p, f) <= scratch.byteSize()) {
        PacketFields.read(p, f, scratch, 0);
      }
    }
    Checksums.l4ChecksumValid(p);
    Checksums.ipv4HeaderChecksumValid(p);
    Checksums.rewriteAll(p);
  }
}
