package org.nfpvnfm.dpdk.node;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.nfpvnfm.dpdk.DpdkTestSupport.assertEveryMbufBack;

import java.util.List;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.nfpvnfm.dpdk.DpdkTestSupport;
import org.nfpvnfm.dpdk.Mbufs;
import org.nfpvnfm.dpdk.Mempool;
import org.nfpvnfm.dpdk.packet.PacketFields;
import org.nfpvnfm.dpdk.packet.PacketParser;
import org.nfpvnfm.dpdk.packet.ParseStatus;
import org.nfpvnfm.dpdk.packet.ParsedPacket;
import org.nfpvnfm.dpdk.packet.PublicFrames;
import org.nfpvnfm.engine.CopyKind;
import org.nfpvnfm.engine.Endpoint;
import org.nfpvnfm.engine.MergeEntry;
import org.nfpvnfm.tosca.nfp.PacketField;

@Tag("integration")
class MergerTest {
  private static final byte[] SIP_A = {10, 0, 0, 1};
  private static final byte[] DIP_A = {10, 0, 0, 2};
  private static final byte[] SIP_B = {(byte) 172, 16, 0, 1};
  private static final byte[] DIP_B = {(byte) 172, 16, 0, 2};
  private static final MergeEntry.DropRule NEVER = new MergeEntry.DropRule(List.of(), List.of());

  private Mempool pool;

  @BeforeEach
  void pool() {
    DpdkTestSupport.eal();
    pool = Mempool.create(DpdkTestSupport.uniqueName("mg"), 63);
  }

  @AfterEach
  void noLeaks() {
    assertEveryMbufBack(pool);
    pool.close();
  }

  @Test
  void twoVersionsOnASharedBufferMergeToOneOutput() {
    Merger merger = new Merger(entry(List.of(0, 0), 0, List.of(), NEVER), 8);
    long packet = frame(SIP_A, DIP_A);
    Mbufs.share(packet); // the fork's SHARED hop: one reference per branch
    assertThat(Mbufs.refCount(packet)).as("refcount after the fork").isEqualTo(2);

    assertThat(merger.arrive(7, 0, packet, false, 100)).as("output after one version").isZero();
    long out = merger.arrive(7, 1, packet, false, 101);

    assertThat(out)
        .as("output after both versions (expected: the shared buffer)")
        .isEqualTo(packet);
    assertThat(Mbufs.refCount(out))
        .as("refcount of the output (expected: its own only)")
        .isEqualTo(1);
    assertThat(merger.merged()).isEqualTo(1);
    assertThat(merger.pending()).isZero();
    Mbufs.release(out);
  }

  @Test
  void copiesTheOwnedFieldsFromAnotherBufferIntoTheOutput() {
    List<MergeEntry.FieldOwner> owners =
        List.of(owner(PacketField.SIP, 1, true), owner(PacketField.DIP, 1, true));
    Merger merger = new Merger(entry(List.of(0, 1), 0, owners, NEVER), 8);
    long first = frame(SIP_A, DIP_A);
    long second = frame(SIP_B, DIP_B); // a FULL_COPY whose NF rewrote both addresses

    merger.arrive(1, 1, second, false, 0);
    long out = merger.arrive(1, 0, first, false, 0);

    assertThat(out).as("output (expected: version 0's buffer)").isEqualTo(first);
    ParsedPacket parsed = new ParsedPacket();
    assertThat(PacketParser.parse(Mbufs.data(out), parsed)).isEqualTo(ParseStatus.OK);
    assertThat(PacketFields.get(parsed, PacketField.SIP))
        .as("SIP of the output (expected: version 1's 172.16.0.1)")
        .isEqualTo(0xac10_0001L);
    assertThat(PacketFields.get(parsed, PacketField.DIP))
        .as("DIP of the output (expected: version 1's 172.16.0.2)")
        .isEqualTo(0xac10_0002L);
    assertThat(PacketFields.get(parsed, PacketField.SPORT)).as("SPORT, not owned").isEqualTo(1000);
    assertThat(merger.fieldsNotCopied()).isZero();
    assertThat(pool.inUse()).as("mbufs in use (expected: the output only)").isEqualTo(1);
    Mbufs.release(out);
  }

  @Test
  void aDropperThatDroppedDropsThePacket() {
    MergeEntry.DropRule rule =
        new MergeEntry.DropRule(List.of(new MergeEntry.Dropper(11, 1)), List.of());
    Merger merger = new Merger(entry(List.of(0, 0), 0, List.of(), rule), 8);
    long packet = frame(SIP_A, DIP_A);
    Mbufs.share(packet);

    merger.arrive(3, 0, packet, false, 0);
    assertThat(merger.arrive(3, 1, packet, true, 0)).as("output of a dropped packet").isZero();

    assertThat(merger.dropped()).isEqualTo(1);
    assertThat(merger.merged()).isZero();
  }

  @Test
  void aDropperThatLetThePacketPassDoesNotDropIt() {
    MergeEntry.DropRule rule =
        new MergeEntry.DropRule(List.of(new MergeEntry.Dropper(11, 1)), List.of());
    Merger merger = new Merger(entry(List.of(0, 0), 0, List.of(), rule), 8);
    long packet = frame(SIP_A, DIP_A);
    Mbufs.share(packet);

    merger.arrive(3, 1, packet, false, 0);
    long out = merger.arrive(3, 0, packet, false, 0);

    assertThat(out).as("output").isEqualTo(packet);
    assertThat(merger.dropped()).isZero();
    Mbufs.release(out);
  }

  @Test
  void aPriorityWinnerThatPassedOverrulesItsLoser() {
    // nf 10 (version 0) > nf 11 (version 1): both may drop; 11 dropped, 10 let it pass.
    MergeEntry.DropRule rule =
        new MergeEntry.DropRule(
            List.of(new MergeEntry.Dropper(10, 0), new MergeEntry.Dropper(11, 1)),
            List.of(new MergeEntry.Override(10, List.of(11), null)));
    Merger merger = new Merger(entry(List.of(0, 1), 0, List.of(), rule), 8);

    merger.arrive(5, 1, frame(SIP_B, DIP_B), true, 0);
    long out = merger.arrive(5, 0, frame(SIP_A, DIP_A), false, 0);

    assertThat(out).as("output when the winner passed (expected: not dropped)").isNotZero();
    assertThat(merger.dropped()).isZero();
    Mbufs.release(out);

    // The winner itself dropping is not overruled by anyone.
    merger.arrive(6, 1, frame(SIP_B, DIP_B), false, 0);
    assertThat(merger.arrive(6, 0, frame(SIP_A, DIP_A), true, 0))
        .as("output when the winner dropped")
        .isZero();
    // The winner dropping too does not save the loser's drop.
    merger.arrive(8, 1, frame(SIP_B, DIP_B), true, 0);
    assertThat(merger.arrive(8, 0, frame(SIP_A, DIP_A), true, 0)).isZero();
    assertThat(merger.dropped()).isEqualTo(2);
  }

  @Test
  void aNestedMergerHandsADroppedVerdictOnMarkedDropped() {
    MergeEntry.DropRule rule =
        new MergeEntry.DropRule(List.of(new MergeEntry.Dropper(11, 1)), List.of());
    MergeEntry nested =
        new MergeEntry(4, versions(List.of(0, 1)), 0, List.of(), List.of(), rule, 9, 2, List.of());
    Merger merger = new Merger(nested, 8);
    long first = frame(SIP_A, DIP_A);

    merger.arrive(2, 0, first, false, 0);
    long out = merger.arrive(2, 1, frame(SIP_B, DIP_B), true, 0);

    assertThat(out).as("version for the parent merger").isEqualTo(first);
    assertThat(merger.outputMarkedDropped()).as("marked dropped").isTrue();
    Mbufs.release(out);
  }

  @Test
  void headerOpsAreCountedAsUnsupportedAndThePacketIsDropped() {
    MergeEntry withOps =
        new MergeEntry(
            0,
            versions(List.of(0, 1)),
            0,
            List.of(),
            List.of(new MergeEntry.HeaderOp(1, 11)),
            NEVER,
            -1,
            -1,
            List.of());
    Merger merger = new Merger(withOps, 8);

    merger.arrive(1, 0, frame(SIP_A, DIP_A), false, 0);
    assertThat(merger.arrive(1, 1, frame(SIP_B, DIP_B), false, 0)).isZero();

    assertThat(merger.unsupportedHeaderOps()).isEqualTo(1);
  }

  @Test
  void aVersionThatNeverArrivesTimesOutAndEverythingIsFreed() {
    Merger merger = new Merger(entry(List.of(0, 1, 2), 0, List.of(), NEVER), 8);
    merger.arrive(1, 0, frame(SIP_A, DIP_A), false, 1_000);
    merger.arrive(1, 2, frame(SIP_B, DIP_B), false, 1_500);
    merger.arrive(2, 0, frame(SIP_A, DIP_A), false, 5_000);

    assertThat(merger.expire(4_000, 2_000)).as("expired at 4000, timeout 2000").isEqualTo(1);
    assertThat(merger.pending()).as("pending (expected: packet 2 only)").isEqualTo(1);
    assertThat(merger.expire(10_000, 2_000)).isEqualTo(1);

    assertThat(merger.timedOut()).isEqualTo(2);
    assertThat(merger.pending()).isZero();
  }

  @Test
  void aVersionAfterItsPacketTimedOutIsLateNotANewPacket() {
    Merger merger = new Merger(entry(List.of(0, 1), 0, List.of(), NEVER), 8);
    merger.arrive(3, 0, frame(SIP_A, DIP_A), false, 1_000);
    assertThat(merger.expire(4_000, 2_000)).isEqualTo(1);

    assertThat(merger.arrive(3, 1, frame(SIP_B, DIP_B), false, 5_000)).isZero();
    assertThat(merger.pending()).as("pending (expected: none, packet 3 is gone)").isZero();
    assertThat(merger.lateVersions()).isEqualTo(1);
    assertThat(merger.expire(10_000, 2_000)).as("packet 3 timing out again").isZero();
    assertThat(merger.timedOut()).isEqualTo(1);
    assertThat(pool.inUse()).isZero();
  }

  @Test
  void aVersionAfterItsPacketMergedIsLate() {
    Merger merger = new Merger(entry(List.of(0, 1), 0, List.of(), NEVER), 8);
    merger.arrive(3, 0, frame(SIP_A, DIP_A), false, 0);
    long out = merger.arrive(3, 1, frame(SIP_B, DIP_B), false, 0);
    assertThat(out).isNotZero();
    Mbufs.release(out);

    assertThat(merger.arrive(3, 1, frame(SIP_B, DIP_B), false, 0)).isZero();
    assertThat(merger.pending()).isZero();
    assertThat(merger.lateVersions()).isEqualTo(1);
    assertThat(merger.expire(10_000, 2_000)).isZero();
    assertThat(pool.inUse()).isZero();
  }

  @Test
  void aDuplicateVersionIsCountedAndFreed() {
    Merger merger = new Merger(entry(List.of(0, 1), 0, List.of(), NEVER), 8);
    long first = frame(SIP_A, DIP_A);
    merger.arrive(4, 0, first, false, 0);

    assertThat(merger.arrive(4, 0, frame(SIP_A, DIP_A), false, 0)).isZero();
    assertThat(merger.duplicates()).isEqualTo(1);
    assertThat(pool.inUse()).as("mbufs in use (expected: the first arrival)").isEqualTo(1);

    long out = merger.arrive(4, 1, frame(SIP_B, DIP_B), false, 0);
    assertThat(out).isEqualTo(first);
    Mbufs.release(out);
  }

  @Test
  void aNewerPacketInAnOccupiedSlotEvictsTheOlderOne() {
    Merger merger = new Merger(entry(List.of(0, 1), 0, List.of(), NEVER), 4);
    merger.arrive(1, 0, frame(SIP_A, DIP_A), false, 0);

    merger.arrive(5, 0, frame(SIP_A, DIP_A), false, 0); // 5 & 3 == 1: packet 1's slot
    assertThat(merger.collisions()).isEqualTo(1);
    assertThat(pool.inUse()).as("mbufs in use (expected: packet 5's only)").isEqualTo(1);

    // Packet 1's late version finds packet 5 there: it is freed, packet 5 stays; packet 1 was
    // counted once, when it was given up.
    merger.arrive(1, 1, frame(SIP_B, DIP_B), false, 0);
    assertThat(merger.collisions()).isEqualTo(1);
    assertThat(merger.lateVersions()).isEqualTo(1);
    long out = merger.arrive(5, 1, frame(SIP_B, DIP_B), false, 0);
    assertThat(out).as("packet 5 still merges").isNotZero();
    Mbufs.release(out);
  }

  @Test
  void anUnknownVersionIsRefusedWithoutALeak() {
    Merger merger = new Merger(entry(List.of(0, 1), 0, List.of(), NEVER), 4);
    long packet = frame(SIP_A, DIP_A);

    assertThatThrownBy(() -> merger.arrive(1, 2, packet, false, 0))
        .isInstanceOf(IndexOutOfBoundsException.class)
        .hasMessageContaining("version 2");
  }

  @Test
  void releasePendingFreesWhatIsWaiting() {
    Merger merger = new Merger(entry(List.of(0, 1), 0, List.of(), NEVER), 4);
    merger.arrive(1, 0, frame(SIP_A, DIP_A), false, 0);
    merger.arrive(2, 1, frame(SIP_A, DIP_A), false, 0);

    merger.releasePending();

    assertThat(merger.pending()).isZero();
  }

  @Test
  void refusesACapacityThatIsNotAPowerOfTwo() {
    MergeEntry e = entry(List.of(0, 1), 0, List.of(), NEVER);
    assertThatThrownBy(() -> new Merger(e, 6))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("capacity: 6");
  }

  private long frame(byte[] sip, byte[] dip) {
    long mbuf = pool.allocate();
    assertThat(mbuf).as("mbuf from the pool").isNotZero();
    assertThat(
            Mbufs.append(
                mbuf, PublicFrames.ethernet(0x0800, PublicFrames.ipv4Tcp(sip, dip, 0, 1000, 80))))
        .isTrue();
    return mbuf;
  }

  private static MergeEntry entry(
      List<Integer> buffers,
      int output,
      List<MergeEntry.FieldOwner> fields,
      MergeEntry.DropRule rule) {
    return new MergeEntry(0, versions(buffers), output, fields, List.of(), rule, -1, -1, List.of());
  }

  /** Version i on buffer {@code buffers.get(i)}, run by nf 10 + i. */
  private static List<MergeEntry.Version> versions(List<Integer> buffers) {
    return IntStream.range(0, buffers.size())
        .mapToObj(
            i ->
                new MergeEntry.Version(
                    i,
                    buffers.get(i),
                    buffers.get(i) == 0 ? CopyKind.SHARED : CopyKind.FULL_COPY,
                    List.of(10 + i),
                    Endpoint.nf(10 + i)))
        .toList();
  }

  private static MergeEntry.FieldOwner owner(PacketField field, int version, boolean copy) {
    return new MergeEntry.FieldOwner(
        field, version, 10 + version, List.of(), MergeEntry.OwnerReason.ONLY_WRITER, null, copy);
  }
}
