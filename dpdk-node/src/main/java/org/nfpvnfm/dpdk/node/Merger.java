package org.nfpvnfm.dpdk.node;

import java.util.Arrays;
import java.util.List;
import org.nfpvnfm.dpdk.Mbufs;
import org.nfpvnfm.dpdk.packet.PacketFields;
import org.nfpvnfm.dpdk.packet.ParsedPacket;
import org.nfpvnfm.engine.MergeEntry;
import org.nfpvnfm.tosca.nfp.PacketField;

/**
 * The core of one merger: collects the versions of each packet and, once all are in, turns them
 * into one packet as its {@link MergeEntry} says (docs/dataplane-design.md, "Mergers"). Everything
 * is sized in the constructor; {@link #arrive} and {@link #expire} allocate nothing but the
 * parser's view of a frame when a field is copied ({@link Mbufs#data}).
 *
 * <p>Ownership: each {@link #arrive} hands the merger one reference to its mbuf (a shared buffer
 * reaches it once per version, each time with its own reference, as a {@code SHARED} hop raises the
 * refcount per branch). The merger therefore releases once per version, never once per buffer, and
 * the output keeps exactly the reference its version brought.
 *
 * <p>Not thread-safe: one core runs it, which is also why the counters are plain fields.
 */
public final class Merger {

  /** The most versions per packet: a version is a bit of an {@code int} mask here. */
  public static final int MAX_VERSIONS = 32;

  private static final long NO_PACKET = -1L;

  private final MergeEntry entry;
  private final int versions;
  private final int outputVersion;
  private final int allArrived;
  private final int mask;

  // The pending table: slot = packetId & mask. arrived == 0 means the slot is free; packetIds
  // keeps the id of the slot's last packet after it left, so that its late versions are known.
  private final long[] packetIds;
  private final int[] arrived;
  private final int[] droppedVersions;
  private final int[] failedVersions;
  private final long[] firstArrivalTsc;
  private final long[] mbufs; // [slot * versions + version]

  // The verdict as version masks (see the constructor for why versions, not NFs).
  private final int[] dropperVersionBits;
  private final int[] overrulingVersions;

  // The fields to copy from another version's buffer into the output.
  private final PacketField[] copyFields;
  private final int[] copyFrom;

  private final ParsedPacket source = new ParsedPacket();
  private final ParsedPacket target = new ParsedPacket();

  private boolean outputMarkedDropped;
  private boolean outputFailed;

  private long merged;
  private long dropped;
  private long timedOut;
  private long collisions;
  private long duplicates;
  private long unsupportedHeaderOps;
  private long fieldsNotCopied;
  private long failed;
  private long lateVersions;

  /**
   * A merger for {@code entry} with room for {@code capacity} packets in flight at once.
   *
   * <p>The drop rule names NFs, but the merger only sees versions, each arriving processed or
   * marked dropped. It maps each dropper and each override's winner to its version ({@link
   * MergeEntry.Dropper#version}, or the version whose branch runs the winner) and uses the
   * version's flag. That is exact where the compiler emits overrides, NFs run together, each its
   * own single-NF branch; in a branch of several NFs, the flag says only that one of them dropped.
   *
   * @throws IllegalArgumentException when {@code capacity} is not a power of two, the entry has no
   *     versions or more than {@link #MAX_VERSIONS}, its versions are not numbered 0 to n - 1 in
   *     order, or a version it names does not exist
   */
  public Merger(MergeEntry entry, int capacity) {
    if (capacity < 1 || Integer.bitCount(capacity) != 1) {
      throw new IllegalArgumentException(
          "capacity: " + capacity + " (expected: a power of two, at least 1)");
    }
    List<MergeEntry.Version> list = entry.versions();
    int n = list.size();
    if (n < 1 || n > MAX_VERSIONS) {
      throw new IllegalArgumentException(
          "merge " + entry.id() + " has " + n + " versions (expected: 1 to " + MAX_VERSIONS + ")");
    }
    for (int i = 0; i < n; i++) {
      if (list.get(i).version() != i) {
        throw new IllegalArgumentException(
            "merge %d lists version %d at index %d (expected: versions 0 to %d in order)"
                .formatted(entry.id(), list.get(i).version(), i, n - 1));
      }
    }
    this.entry = entry;
    this.versions = n;
    this.outputVersion = checkVersion(entry, entry.output(), "output");
    this.allArrived = n == 32 ? -1 : (1 << n) - 1;
    this.mask = capacity - 1;
    this.packetIds = new long[capacity];
    Arrays.fill(packetIds, NO_PACKET);
    this.arrived = new int[capacity];
    this.droppedVersions = new int[capacity];
    this.failedVersions = new int[capacity];
    this.firstArrivalTsc = new long[capacity];
    this.mbufs = new long[capacity * n];

    List<MergeEntry.Dropper> droppers = entry.drop().droppers();
    this.dropperVersionBits = new int[droppers.size()];
    this.overrulingVersions = new int[droppers.size()];
    for (int i = 0; i < droppers.size(); i++) {
      MergeEntry.Dropper d = droppers.get(i);
      dropperVersionBits[i] = 1 << checkVersion(entry, d.version(), "dropper nf " + d.nf());
      for (MergeEntry.Override o : entry.drop().overrides()) {
        if (o.losers().contains(d.nf())) {
          overrulingVersions[i] |= 1 << versionOf(entry, o.winner());
        }
      }
    }

    int copies = (int) entry.fields().stream().filter(MergeEntry.FieldOwner::copy).count();
    this.copyFields = new PacketField[copies];
    this.copyFrom = new int[copies];
    int c = 0;
    for (MergeEntry.FieldOwner owner : entry.fields()) {
      if (owner.copy()) {
        copyFields[c] = owner.field();
        copyFrom[c] = checkVersion(entry, owner.version(), "owner of " + owner.field());
        c++;
      }
    }
  }

  private static int checkVersion(MergeEntry entry, int version, String role) {
    if (version < 0 || version >= entry.versions().size()) {
      throw new IllegalArgumentException(
          "merge %d: %s is version %d (expected: 0 to %d)"
              .formatted(entry.id(), role, version, entry.versions().size() - 1));
    }
    return version;
  }

  /** The version whose branch runs {@code nf}: a dropper's own, else the one listing the NF. */
  private static int versionOf(MergeEntry entry, int nf) {
    for (MergeEntry.Dropper d : entry.drop().droppers()) {
      if (d.nf() == nf) {
        return d.version();
      }
    }
    for (MergeEntry.Version v : entry.versions()) {
      if (v.nfs().contains(nf)) {
        return v.version();
      }
    }
    throw new IllegalArgumentException(
        "merge %d: override winner nf %d is in none of its versions (expected: a dropper's NF)"
            .formatted(entry.id(), nf));
  }

  public MergeEntry entry() {
    return entry;
  }

  /**
   * Records that version {@code version} of packet {@code packetId} arrived, processed or (when
   * {@code dropped}) marked dropped by its branch; the merger now owns that reference to {@code
   * mbuf}. Returns the merged packet when this was the last version missing, and 0 otherwise; the
   * caller then owns the returned mbuf and performs the merger's row with it. When {@link
   * #outputMarkedDropped()} is true after a non-zero return, the verdict was "dropped" and the
   * packet goes to the parent merger marked dropped (a nested block) instead.
   *
   * <p>Packet ids grow per graph. A slot still pending with an older id is a collision: the older
   * packet is given up (its versions freed) to make room. A version of a packet that already left
   * its slot (merged, timed out or given up for a newer one), or older than the slot's packet, is
   * too late: it is freed and counted in {@link #lateVersions()}, not as another lost packet, since
   * its packet was counted when it left (or, when no version of it ever came here, where its
   * versions were lost).
   *
   * @throws IndexOutOfBoundsException when {@code version} is not one of this merger's (a plan
   *     bug); the mbuf is released first, so nothing leaks
   */
  public long arrive(long packetId, int version, long mbuf, boolean dropped, long nowTsc) {
    return arrive(packetId, version, mbuf, dropped, false, nowTsc);
  }

  /**
   * As {@link #arrive(long, int, long, boolean, long)}, and {@code failed} says that the version's
   * branch failed (its NF threw, or the packet broke on the way): nobody knows what that version
   * holds, so the packet is given up whatever the verdict, counted in {@link #failed()}. Inside a
   * nested block it still goes to the parent merger, marked failed ({@link #outputFailed()}), so
   * that the parent can give it up too instead of waiting for it.
   */
  public long arrive(
      long packetId, int version, long mbuf, boolean dropped, boolean failed, long nowTsc) {
    outputMarkedDropped = false;
    outputFailed = false;
    if (version < 0 || version >= versions) {
      Mbufs.release(mbuf);
      throw new IndexOutOfBoundsException(
          "merge %d got version %d (expected: 0 to %d)"
              .formatted(entry.id(), version, versions - 1));
    }
    int slot = (int) (packetId & mask);
    if (packetId < packetIds[slot] || (packetId == packetIds[slot] && arrived[slot] == 0)) {
      lateVersions++;
      Mbufs.release(mbuf);
      return 0;
    }
    if (arrived[slot] != 0 && packetIds[slot] != packetId) {
      collisions++;
      freeSlot(slot);
    }
    int bit = 1 << version;
    if (arrived[slot] == 0) {
      packetIds[slot] = packetId;
      firstArrivalTsc[slot] = nowTsc;
    } else if ((arrived[slot] & bit) != 0) {
      duplicates++;
      Mbufs.release(mbuf);
      return 0;
    }
    arrived[slot] |= bit;
    if (dropped) {
      droppedVersions[slot] |= bit;
    }
    if (failed) {
      failedVersions[slot] |= bit;
    }
    mbufs[slot * versions + version] = mbuf;
    return arrived[slot] == allArrived ? complete(slot) : 0;
  }

  /**
   * Whether the last non-zero {@link #arrive} result is a dropped verdict for the parent merger.
   */
  public boolean outputMarkedDropped() {
    return outputMarkedDropped;
  }

  /** Whether the last non-zero {@link #arrive} result is a failed packet for the parent merger. */
  public boolean outputFailed() {
    return outputFailed;
  }

  /**
   * Gives up every packet whose first version arrived more than {@code timeoutTsc} before {@code
   * nowTsc}, freeing the versions that did arrive; returns how many. Scans the whole table, so a
   * poll loop calls it every so often rather than per packet.
   */
  public int expire(long nowTsc, long timeoutTsc) {
    int expired = 0;
    for (int slot = 0; slot < arrived.length; slot++) {
      if (arrived[slot] != 0 && nowTsc - firstArrivalTsc[slot] > timeoutTsc) {
        freeSlot(slot);
        expired++;
      }
    }
    timedOut += expired;
    return expired;
  }

  /** Packets waiting for versions. */
  public int pending() {
    int count = 0;
    for (int a : arrived) {
      if (a != 0) {
        count++;
      }
    }
    return count;
  }

  /** Frees every pending packet without counting it (the merger is being removed). */
  public void releasePending() {
    for (int slot = 0; slot < arrived.length; slot++) {
      if (arrived[slot] != 0) {
        freeSlot(slot);
      }
    }
  }

  private long complete(int slot) {
    int base = slot * versions;
    long out = mbufs[base + outputVersion];
    if (failedVersions[slot] != 0) {
      failed++;
      if (entry.parentMerge() >= 0) {
        releaseAllBut(slot, outputVersion);
        outputFailed = true;
        return out;
      }
      freeSlot(slot);
      return 0;
    }
    if (verdictDrops(droppedVersions[slot])) {
      dropped++;
      if (entry.parentMerge() >= 0) {
        // As in the reference: the parent block still expects this version, marked dropped.
        releaseAllBut(slot, outputVersion);
        outputMarkedDropped = true;
        return out;
      }
      freeSlot(slot);
      return 0;
    }
    if (!entry.headerOps().isEmpty()) {
      // Replaying header additions and removals needs each NF's header-op log, which comes with
      // the NF SDK; emitting the output without them would send a wrong packet, so it is dropped.
      unsupportedHeaderOps++;
      freeSlot(slot);
      return 0;
    }
    if (copyFields.length > 0 && out != 0) {
      Mbufs.parse(out, target);
      int parsedVersion = -1;
      for (int i = 0; i < copyFields.length; i++) {
        long from = mbufs[base + copyFrom[i]];
        if (from == 0) {
          fieldsNotCopied++;
          continue;
        }
        if (copyFrom[i] != parsedVersion) {
          Mbufs.parse(from, source);
          parsedVersion = copyFrom[i];
        }
        if (!PacketFields.copyField(copyFields[i], source, target)) {
          fieldsNotCopied++;
        }
      }
    }
    releaseAllBut(slot, outputVersion);
    merged++;
    return out;
  }

  private boolean verdictDrops(int droppedMask) {
    for (int i = 0; i < dropperVersionBits.length; i++) {
      boolean droppedHere = (droppedMask & dropperVersionBits[i]) != 0;
      // A winner overrules only when its own version let the packet pass.
      boolean overruled = (overrulingVersions[i] & ~droppedMask) != 0;
      if (droppedHere && !overruled) {
        return true;
      }
    }
    return false;
  }

  /** Releases every arrived version's reference except {@code keep}'s; frees the slot. */
  private void releaseAllBut(int slot, int keep) {
    int base = slot * versions;
    for (int v = 0; v < versions; v++) {
      if (v != keep && (arrived[slot] & (1 << v)) != 0) {
        Mbufs.release(mbufs[base + v]);
      }
      mbufs[base + v] = 0;
    }
    arrived[slot] = 0;
    droppedVersions[slot] = 0;
    failedVersions[slot] = 0;
  }

  private void freeSlot(int slot) {
    releaseAllBut(slot, -1);
  }

  /** Packets merged and returned for the row. */
  public long merged() {
    return merged;
  }

  /** Packets whose verdict was "dropped". */
  public long dropped() {
    return dropped;
  }

  /** Packets given up by {@link #expire} because a version never arrived. */
  public long timedOut() {
    return timedOut;
  }

  /** Packets given up for a newer one in their slot. */
  public long collisions() {
    return collisions;
  }

  /**
   * Versions that came after their packet had left: merged (a duplicate), timed out or given up for
   * a newer one. Freed; not lost packets, which were counted when they left.
   */
  public long lateVersions() {
    return lateVersions;
  }

  /** Versions that arrived twice for one packet (a plan violation); the second was freed. */
  public long duplicates() {
    return duplicates;
  }

  /**
   * Packets dropped because their merge entry asks for header operations of several versions to be
   * replayed. Replay needs each NF's header-operation log, which arrives with the NF runtimes;
   * until then such a packet is dropped and counted here rather than sent with wrong headers.
   */
  public long unsupportedHeaderOps() {
    return unsupportedHeaderOps;
  }

  /** Packets given up because a version's branch failed (see {@link #arrive}). */
  public long failed() {
    return failed;
  }

  /** Owned fields that could not be copied (absent in either packet, or of another width). */
  public long fieldsNotCopied() {
    return fieldsNotCopied;
  }

  @Override
  public String toString() {
    return "Merger[merge %d, %d versions, merged %d, dropped %d, timed out %d, collisions %d, duplicates %d, unsupported header ops %d]"
        .formatted(
            entry.id(),
            versions,
            merged,
            dropped,
            timedOut,
            collisions,
            duplicates,
            unsupportedHeaderOps);
  }
}
