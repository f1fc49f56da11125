package org.nfpvnfm.nf.vpn;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.lang.management.ManagementFactory;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.nfpvnfm.dpdk.Mbufs;
import org.nfpvnfm.dpdk.Mempool;
import org.nfpvnfm.dpdk.nf.PacketBatch;
import org.nfpvnfm.nf.NfConfig;
import org.nfpvnfm.nf.NfConfigException;
import org.nfpvnfm.nf.NfHarness;
import org.nfpvnfm.nf.NfHarness.Outcome;
import org.nfpvnfm.nf.NfRegistry;
import org.nfpvnfm.tosca.nfp.Access;
import org.nfpvnfm.tosca.nfp.BuiltInProfiles;
import org.nfpvnfm.tosca.nfp.PacketField;

@Tag("integration")
class VpnNfTest {
  private static final String KEY128 = "000102030405060708090a0b0c0d0e0f";
  private static final String KEY256 = KEY128 + "101112131415161718191a1b1c1d1e1f";
  private static final int SPI = 0x1001;
  private static final int GW_A = 0xc0000201; // 192.0.2.1
  private static final int GW_B = 0xc0000202; // 192.0.2.2

  private static NfHarness harness;

  @BeforeAll
  static void start() {
    harness = new NfHarness();
  }

  @AfterAll
  static void stop() {
    harness.close();
  }

  private static Map<String, Object> config(String mode, String key) {
    Map<String, Object> c = new HashMap<>();
    c.put("mode", mode);
    c.put("spi", SPI);
    c.put("key", key);
    c.put("salt", "a1b2c3d4");
    c.put("local", mode.equals("encap") ? "192.0.2.1" : "192.0.2.2");
    c.put("remote", mode.equals("encap") ? "192.0.2.2" : "192.0.2.1");
    return c;
  }

  private static VpnNf vpn(Map<String, Object> config) {
    return new VpnProvider().createVpn(NfConfig.of("vpn", config));
  }

  private static VpnNf encap() {
    return vpn(config("encap", KEY128));
  }

  private static VpnNf decap() {
    return vpn(config("decap", KEY128));
  }

  private static List<byte[]> passed(List<Outcome> outcomes) {
    assertThat(outcomes).allSatisfy(o -> assertThat(o.dropped() || o.malformed()).isFalse());
    return outcomes.stream().map(Outcome::bytes).toList();
  }

  @Test
  void encapThenDecapGivesTheOriginalPacketBack() {
    for (String key : List.of(KEY128, KEY256)) {
      VpnNf encap = vpn(config("encap", key));
      VpnNf decap = vpn(config("decap", key));
      List<byte[]> frames = new ArrayList<>();
      for (int length : new int[] {0, 1, 2, 3, 4, 17, 100, 1400}) {
        frames.add(Frames.udp4(Frames.bytes(length, length)));
      }
      List<byte[]> sealed = passed(harness.run(encap, frames));
      List<byte[]> opened = passed(harness.run(decap, sealed));
      for (int i = 0; i < frames.size(); i++) {
        assertThat(opened.get(i)).as("frame %d", i).isEqualTo(frames.get(i));
      }
      assertThat(encap.counters()).containsEntry("encapsulated", (long) frames.size());
      assertThat(decap.counters()).containsEntry("decapsulated", (long) frames.size());
    }
  }

  @Test
  void ipv6InnerPacketsRoundTrip() {
    VpnNf encap = encap();
    VpnNf decap = decap();
    byte[] frame = Frames.udp6(Frames.bytes(77, 3));
    byte[] sealed = passed(harness.run(encap, List.of(frame))).getFirst();
    assertThat(ByteBuffer.wrap(sealed).getShort(12)).isEqualTo((short) 0x0800);
    assertThat(sealed[14 + 20 + 8 + 8 + 0]).isNotEqualTo(frame[14]);
    byte[] opened = passed(harness.run(decap, List.of(sealed))).getFirst();
    assertThat(opened).isEqualTo(frame);
  }

  @Test
  void ethernetPaddingIsNotEncrypted() {
    byte[] frame = Frames.udp4(0x0a000001, 0x0a000002, 0, new byte[2], 16);
    byte[] sealed = passed(harness.run(encap(), List.of(frame))).getFirst();
    byte[] opened = passed(harness.run(decap(), List.of(sealed))).getFirst();
    assertThat(opened).isEqualTo(Arrays.copyOf(frame, frame.length - 16));
  }

  @Test
  void encapsulationBuildsAnEspPacketBetweenTheTunnelEndpoints() {
    VpnNf encap = encap();
    byte[] frame = Frames.udp4(Frames.bytes(10, 1));
    List<byte[]> sealed = passed(harness.run(encap, List.of(frame, frame)));
    for (int n = 0; n < 2; n++) {
      ByteBuffer b = ByteBuffer.wrap(sealed.get(n));
      int inner = frame.length - 14; // 38 bytes: 40 with the trailer, no padding needed
      int espLength = 8 + 8 + inner + 2 + 16;
      assertThat(b.limit()).isEqualTo(14 + 20 + espLength);
      assertThat(Arrays.copyOf(b.array(), 12)).isEqualTo(Arrays.copyOf(frame, 12));
      assertThat(b.getShort(12)).isEqualTo((short) 0x0800);
      assertThat(b.get(14)).isEqualTo((byte) 0x45);
      assertThat(b.get(15)).as("inner ToS copied out").isEqualTo((byte) 0xb8);
      assertThat(b.getShort(16) & 0xffff).isEqualTo(20 + espLength);
      assertThat(b.get(22)).as("TTL").isEqualTo((byte) 64);
      assertThat(b.get(23)).as("protocol").isEqualTo((byte) 50);
      assertThat(ipv4ChecksumOk(b.array(), 14)).isTrue();
      assertThat(b.getInt(26)).isEqualTo(GW_A);
      assertThat(b.getInt(30)).isEqualTo(GW_B);
      assertThat(b.getInt(34)).isEqualTo(SPI);
      assertThat(b.getInt(38)).as("sequence number").isEqualTo(n + 1);
      assertThat(b.getLong(42)).as("explicit IV").isEqualTo(n + 1);
    }
    assertThat(sealed.get(0)).isNotEqualTo(sealed.get(1));
  }

  @Test
  void encapsulationPassesNonIpFramesUnchanged() {
    VpnNf encap = encap();
    byte[] arp = Frames.arp();
    Outcome o = harness.run(encap, arp);
    assertThat(o.dropped()).isFalse();
    assertThat(o.bytes()).isEqualTo(arp);
    assertThat(encap.counters()).containsEntry("not_ip", 1L).containsEntry("encapsulated", 0L);
  }

  @Test
  void decapsulationDropsTamperedPackets() {
    VpnNf encap = encap();
    VpnNf decap = decap();
    byte[] frame = Frames.udp4(Frames.bytes(64, 9));
    List<byte[]> sealed = passed(harness.run(encap, List.of(frame, frame, frame, frame)));
    byte[] body = sealed.get(0).clone();
    body[14 + 20 + 16 + 5] ^= 1; // ciphertext
    byte[] icv = sealed.get(1).clone();
    icv[icv.length - 1] ^= (byte) 0x80;
    byte[] iv = sealed.get(2).clone();
    iv[14 + 20 + 8 + 7] ^= 1;
    byte[] seq = sealed.get(3).clone();
    seq[14 + 20 + 7] ^= 0x40; // sequence number: authenticated data
    List<Outcome> out = harness.run(decap, List.of(body, icv, iv, seq));
    assertThat(out).allSatisfy(o -> assertThat(o.dropped()).isTrue());
    assertThat(decap.counters()).containsEntry("auth_failed", 4L).containsEntry("decapsulated", 0L);
    // The forged numbers did not move the window: the genuine packets still go through.
    assertThat(passed(harness.run(decap, sealed))).allSatisfy(b -> assertThat(b).isEqualTo(frame));
  }

  @Test
  void decapsulationDropsReplaysAndPacketsBelowTheWindow() {
    VpnNf encap = encap();
    VpnNf decap = decap();
    byte[] frame = Frames.udp4(Frames.bytes(20, 2));
    List<byte[]> frames = new ArrayList<>();
    for (int i = 0; i < 70; i++) {
      frames.add(frame);
    }
    List<byte[]> sealed = passed(harness.run(encap, frames)); // sequence numbers 1 to 70
    // 70, then 7 (63 behind: in the window), 6 (64 behind: too old), 70 again, 7 again, 40.
    List<Outcome> out =
        harness.run(
            decap,
            List.of(
                sealed.get(69),
                sealed.get(6),
                sealed.get(5),
                sealed.get(69),
                sealed.get(6),
                sealed.get(39)));
    assertThat(out.stream().map(Outcome::dropped))
        .containsExactly(false, false, true, true, true, false);
    assertThat(decap.counters())
        .containsEntry("decapsulated", 3L)
        .containsEntry("replayed", 3L)
        .containsEntry("auth_failed", 0L);
  }

  @Test
  void decapsulationDropsOtherSpisDestinationsAndNonEsp() {
    VpnNf encap = encap();
    byte[] frame = Frames.udp4(Frames.bytes(20, 2));
    byte[] sealed = passed(harness.run(encap, List.of(frame))).getFirst();
    Map<String, Object> otherSpi = config("decap", KEY128);
    otherSpi.put("spi", SPI + 1);
    VpnNf wrongSpi = vpn(otherSpi);
    assertThat(harness.run(wrongSpi, sealed).dropped()).isTrue();
    assertThat(wrongSpi.counters()).containsEntry("wrong_spi", 1L);

    Map<String, Object> otherLocal = config("decap", KEY128);
    otherLocal.put("local", "192.0.2.9");
    VpnNf wrongDestination = vpn(otherLocal);
    assertThat(harness.run(wrongDestination, sealed).dropped()).isTrue();
    assertThat(wrongDestination.counters()).containsEntry("wrong_destination", 1L);

    VpnNf decap = decap();
    List<Outcome> out = harness.run(decap, List.of(frame, Frames.arp(), Frames.udp6(new byte[4])));
    assertThat(out).allSatisfy(o -> assertThat(o.dropped()).isTrue());
    assertThat(decap.counters()).containsEntry("not_esp", 3L);
  }

  @Test
  void decapsulationDropsTruncatedEsp() {
    byte[] frame = Frames.udp4(Frames.bytes(20, 2));
    byte[] sealed = passed(harness.run(encap(), List.of(frame))).getFirst();
    // ESP header, IV, ICV and one byte: too short for the pad length and next header.
    byte[] shortEsp = Arrays.copyOf(sealed, 14 + 20 + 33);
    ByteBuffer.wrap(shortEsp).putShort(16, (short) 53);
    fixIpv4Checksum(shortEsp, 14);
    VpnNf decap = decap();
    assertThat(harness.run(decap, shortEsp).dropped()).isTrue();
    assertThat(decap.counters()).containsEntry("truncated", 1L);

    // Cut short by one byte: the ICV no longer verifies.
    byte[] cut = Arrays.copyOf(sealed, sealed.length - 1);
    ByteBuffer.wrap(cut).putShort(16, (short) (cut.length - 14));
    fixIpv4Checksum(cut, 14);
    assertThat(harness.run(decap, cut).dropped()).isTrue();
    assertThat(decap.counters()).containsEntry("auth_failed", 1L);
  }

  @Test
  void encapsulationDropsPacketsWithoutTailroom() {
    VpnNf encap = encap();
    // The harness's mbufs hold 2048 bytes after 128 of headroom: a 2040-byte frame has no room
    // for the 18-byte trailer and ICV.
    byte[] frame = Frames.udp4(Frames.bytes(2040 - 42, 5));
    Outcome o = harness.run(encap, frame);
    assertThat(o.dropped()).isTrue();
    assertThat(encap.counters()).containsEntry("no_room", 1L).containsEntry("encapsulated", 0L);
  }

  @Test
  void theSequenceNumberIsNeverReused() {
    VpnNf encap = encap();
    encap.exhaustForTest(0xffff_fffeL);
    byte[] frame = Frames.udp4(Frames.bytes(20, 2));
    List<Outcome> out = harness.run(encap, List.of(frame, frame));
    assertThat(out.get(0).dropped()).isFalse();
    assertThat(ByteBuffer.wrap(out.get(0).bytes()).getInt(38)).isEqualTo(0xffff_ffff);
    assertThat(out.get(1).dropped()).isTrue();
    assertThat(encap.counters()).containsEntry("sequence_exhausted", 1L);
  }

  @Test
  void rejectsEveryConfigurationProblemAtOnce() {
    Map<String, Object> bad = new HashMap<>();
    bad.put("mode", "both");
    bad.put("spi", 7);
    bad.put("key", "00112233445566778899aabbccddeeXX");
    bad.put("salt", "abc");
    bad.put("local", "192.0.2.300");
    bad.put("ttl", 0);
    assertThatThrownBy(() -> new VpnProvider().create(NfConfig.of("vpn", bad)))
        .isInstanceOfSatisfying(
            NfConfigException.class,
            e ->
                assertThat(e.problems())
                    .hasSize(7)
                    .anySatisfy(p -> assertThat(p).startsWith("mode: both"))
                    .anySatisfy(p -> assertThat(p).startsWith("spi: 7"))
                    .anySatisfy(p -> assertThat(p).startsWith("key: 'X' at 30"))
                    .anySatisfy(p -> assertThat(p).startsWith("salt: 3 hex digits"))
                    .anySatisfy(p -> assertThat(p).startsWith("local: 192.0.2.300"))
                    .anySatisfy(p -> assertThat(p).startsWith("remote: missing"))
                    .anySatisfy(p -> assertThat(p).startsWith("ttl: 0")));
  }

  @Test
  void rejectsKeysOfOtherLengths() {
    Map<String, Object> c = config("encap", KEY128 + "00");
    assertThatThrownBy(() -> vpn(c))
        .isInstanceOf(NfConfigException.class)
        .hasMessageContaining("key: 34 hex digits (expected: 32 or 64 hex digits)");
  }

  @Test
  void profileIsTheBuiltInWithDropsAndTheOuterHeaderWrites() {
    VpnProvider provider = new VpnProvider();
    assertThat(NfRegistry.load().find("vpn")).containsInstanceOf(VpnProvider.class);
    assertThat(provider.profile().mayDrop()).isTrue();
    assertThat(provider.profile().addsOrRemovesHeader()).isTrue();
    for (PacketField f : BuiltInProfiles.VPN.fields().keySet()) {
      assertThat(provider.profile().access(f).union(BuiltInProfiles.VPN.access(f)))
          .isEqualTo(provider.profile().access(f));
    }
    assertThat(provider.profile().access(PacketField.SIP)).isEqualTo(Access.READ_WRITE);
    assertThat(provider.profile().access(PacketField.PROTOCOL)).isEqualTo(Access.READ_WRITE);
  }

  /**
   * Encapsulates and decapsulates one batch over and over (the packets come back to what they were
   * each time) and measures what each packet allocates; prints it for the docs.
   */
  @Test
  void allocationPerPacketIsBounded() {
    var threads = (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
    VpnNf encap = encap();
    VpnNf decap = decap();
    int n = 32;
    byte[] frame = Frames.udp4(Frames.bytes(256, 4));
    try (Mempool pool = Mempool.create("vpnalloc", 255, 0, 24, Mempool.DEFAULT_DATA_ROOM)) {
      long[] mbufs = new long[n];
      PacketBatch batch = new PacketBatch(n);
      try {
        for (int i = 0; i < n; i++) {
          mbufs[i] = pool.allocate();
          assertThat(Mbufs.append(mbufs[i], frame)).isTrue();
          assertThat(batch.add(mbufs[i], i).isMalformed()).isFalse();
        }
        int rounds = 2000;
        for (int r = 0; r < rounds; r++) { // warm-up
          encap.process(batch);
          decap.process(batch);
        }
        long t = Thread.currentThread().threadId();
        long before = threads.getThreadAllocatedBytes(t);
        for (int r = 0; r < rounds; r++) {
          encap.process(batch);
          decap.process(batch);
        }
        long perPacket = (threads.getThreadAllocatedBytes(t) - before) / (2L * rounds * n);
        System.out.println("vpn: " + perPacket + " bytes allocated per packet and direction");
        assertThat(perPacket).isLessThan(2048);
        for (int i = 0; i < n; i++) {
          assertThat(batch.isDropped(i)).isFalse();
          assertThat(Mbufs.toByteArray(mbufs[i])).isEqualTo(frame);
        }
      } finally {
        for (long m : mbufs) {
          Mbufs.release(m);
        }
      }
    }
  }

  private static boolean ipv4ChecksumOk(byte[] f, int at) {
    int sum = 0;
    for (int i = at; i < at + 20; i += 2) {
      sum += ((f[i] & 0xff) << 8) | (f[i + 1] & 0xff);
    }
    sum = (sum & 0xffff) + (sum >>> 16);
    sum = (sum & 0xffff) + (sum >>> 16);
    return sum == 0xffff;
  }

  private static void fixIpv4Checksum(byte[] f, int at) {
    ByteBuffer b = ByteBuffer.wrap(f);
    b.putShort(at + 10, (short) 0);
    int sum = 0;
    for (int i = at; i < at + 20; i += 2) {
      sum += b.getShort(i) & 0xffff;
    }
    sum = (sum & 0xffff) + (sum >>> 16);
    sum = (sum & 0xffff) + (sum >>> 16);
    b.putShort(at + 10, (short) ~sum);
  }
}
