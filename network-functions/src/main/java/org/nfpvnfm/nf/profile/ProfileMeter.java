package org.nfpvnfm.nf.profile;

import java.lang.foreign.MemorySegment;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumMap;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.nfpvnfm.dpdk.Mbufs;
import org.nfpvnfm.dpdk.Mempool;
import org.nfpvnfm.dpdk.nf.NetworkFunction;
import org.nfpvnfm.dpdk.nf.PacketBatch;
import org.nfpvnfm.dpdk.packet.FieldAccessRecorder;
import org.nfpvnfm.dpdk.packet.PacketFields;
import org.nfpvnfm.dpdk.packet.ParsedPacket;
import org.nfpvnfm.tosca.nfp.Access;
import org.nfpvnfm.tosca.nfp.ActionProfile;
import org.nfpvnfm.tosca.nfp.PacketField;

/**
 * Measures an NF's action profile on sample traffic (the paper's "NF action collection tool"):
 *
 * <ul>
 *   <li><b>Reads and writes</b> through {@link PacketFields}, recorded on each packet ({@link
 *       ParsedPacket#recordAccessesTo}).
 *   <li><b>Writes that bypass {@link PacketFields}</b> (raw access to the bytes): every field's
 *       value before and after the NF ran is compared, and a changed field nobody wrote through the
 *       API counts as written and is listed in {@link Measurement#unrecordedWrites}.
 *   <li><b>Headers added or removed</b>: the packet parsed again after the NF ran has another
 *       header stack (VLAN tags, the L3 offset, the IP version or protocol) or another header
 *       length.
 *   <li><b>Drops</b>: the NF's verdicts.
 * </ul>
 *
 * Reads through raw access cannot be seen: an NF that reads bytes behind the API's back can hide a
 * read, which costs correctness. The SDK's rule is therefore to read fields only through {@link
 * PacketFields}.
 */
public final class ProfileMeter {
  private static final int BURST = 32;
  private static final PacketField[] FIELDS = PacketField.values();

  private ProfileMeter() {}

  /** What the NF was seen doing. */
  public record Measurement(
      ActionProfile profile,
      long packets,
      long malformed,
      long dropped,
      long headerChanges,
      Map<PacketField, Long> reads,
      Map<PacketField, Long> writes,
      Set<PacketField> unrecordedWrites) {
    public Measurement {
      reads = Map.copyOf(reads);
      writes = Map.copyOf(writes);
      unrecordedWrites = Set.copyOf(unrecordedWrites);
    }
  }

  private static final class Recorder implements FieldAccessRecorder {
    final EnumSet<PacketField> read = EnumSet.noneOf(PacketField.class);
    final EnumSet<PacketField> written = EnumSet.noneOf(PacketField.class);

    @Override
    public void read(PacketField field) {
      read.add(field);
    }

    @Override
    public void write(PacketField field) {
      written.add(field);
    }
  }

  /**
   * Runs {@code nf} over {@code frames}, in bursts, on mbufs from {@code pool}, and returns what it
   * did. The NF keeps its state across bursts, as on a node.
   */
  public static Measurement measure(
      String name, NetworkFunction nf, List<byte[]> frames, Mempool pool) {
    EnumMap<PacketField, Long> reads = new EnumMap<>(PacketField.class);
    EnumMap<PacketField, Long> writes = new EnumMap<>(PacketField.class);
    EnumSet<PacketField> unrecorded = EnumSet.noneOf(PacketField.class);
    long packets = 0;
    long malformed = 0;
    long dropped = 0;
    long headerChanges = 0;
    PacketBatch batch = new PacketBatch(BURST);
    Recorder[] recorders = new Recorder[BURST];
    for (int i = 0; i < BURST; i++) {
      recorders[i] = new Recorder();
    }
    ParsedPacket after = new ParsedPacket();
    for (int start = 0; start < frames.size(); start += BURST) {
      List<byte[]> burst = frames.subList(start, Math.min(frames.size(), start + BURST));
      long[] mbufs = new long[burst.size()];
      List<byte[][]> before = new ArrayList<>();
      List<int[]> stackBefore = new ArrayList<>();
      batch.clear();
      try {
        for (int i = 0; i < burst.size(); i++) {
          long m = pool.allocate();
          if (m == 0 || !Mbufs.append(m, burst.get(i))) {
            Mbufs.release(m);
            throw new IllegalStateException(
                "frame " + (start + i) + " does not fit an mbuf of " + pool.name());
          }
          mbufs[i] = m;
          if (batch.add(m, Arrays.hashCode(burst.get(i))).isMalformed()) {
            batch.removeLast();
            malformed++;
            continue;
          }
          ParsedPacket p = batch.packet(batch.size() - 1);
          p.recordAccessesTo(null);
          before.add(values(p));
          stackBefore.add(stack(p));
          Recorder r = recorders[batch.size() - 1];
          r.read.clear();
          r.written.clear();
          p.recordAccessesTo(r);
        }
        nf.process(batch);
        for (int i = 0; i < batch.size(); i++) {
          ParsedPacket p = batch.packet(i);
          p.recordAccessesTo(null);
          Recorder r = recorders[i];
          packets++;
          if (batch.isDropped(i)) {
            dropped++;
          }
          Mbufs.parse(batch.mbuf(i), after);
          int[] was = stackBefore.get(i);
          boolean headers = !Arrays.equals(was, stack(after));
          if (headers) {
            headerChanges++;
          } else {
            byte[][] now = values(after);
            byte[][] then = before.get(i);
            for (PacketField f : FIELDS) {
              if (!Arrays.equals(then[f.ordinal()], now[f.ordinal()]) && !r.written.contains(f)) {
                unrecorded.add(f);
                writes.merge(f, 1L, Long::sum);
              }
            }
          }
          r.read.forEach(f -> reads.merge(f, 1L, Long::sum));
          r.written.forEach(f -> writes.merge(f, 1L, Long::sum));
        }
      } finally {
        for (int i = 0; i < batch.size(); i++) {
          batch.packet(i).recordAccessesTo(null);
        }
        for (long m : mbufs) {
          Mbufs.release(m);
        }
      }
    }
    EnumMap<PacketField, Access> fields = new EnumMap<>(PacketField.class);
    for (PacketField f : FIELDS) {
      boolean r = reads.containsKey(f);
      boolean w = writes.containsKey(f);
      if (r || w) {
        fields.put(f, r && w ? Access.READ_WRITE : r ? Access.READ : Access.WRITE);
      }
    }
    ActionProfile profile = new ActionProfile(name, fields, headerChanges > 0, dropped > 0);
    return new Measurement(
        profile, packets, malformed, dropped, headerChanges, reads, writes, unrecorded);
  }

  /** Every field's bytes as the packet has them (empty when it lacks the field). */
  private static byte[][] values(ParsedPacket p) {
    byte[][] v = new byte[FIELDS.length][];
    for (PacketField f : FIELDS) {
      int w = PacketFields.width(p, f);
      byte[] b = new byte[w];
      if (w > 0) {
        PacketFields.read(p, f, MemorySegment.ofArray(b), 0);
      }
      v[f.ordinal()] = b;
    }
    return v;
  }

  /** The header stack: what adding or removing a header changes. */
  private static int[] stack(ParsedPacket p) {
    return new int[] {
      p.vlanTags(), p.etherType(), p.l3Offset(), p.ipVersion(), p.l3HeaderLength(), p.protocol()
    };
  }
}
