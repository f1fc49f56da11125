package org.nfpvnfm.dpdk.nf;

import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.nio.ByteOrder;
import org.nfpvnfm.dpdk.Mbufs;
import org.nfpvnfm.dpdk.packet.PacketFields;
import org.nfpvnfm.dpdk.packet.ParsedPacket;
import org.nfpvnfm.tosca.nfp.ActionProfile;
import org.nfpvnfm.tosca.nfp.PacketField;

/**
 * An NF that does on real packets exactly what its action profile declares, deterministically, and
 * nothing else: the engine's {@code DeterministicNf} applied to bytes (docs/dataplane-design.md,
 * "Proof"). Per packet it reads every field it declares as read, mixes the values into its state
 * for the packet's flow, and from the new state derives a value for every field it writes, a drop
 * for about one packet in four when it may drop, and a VLAN tag push or pop when it adds or removes
 * headers. Running a pcap through a parallel graph of these and through the sequential chain must
 * give the same output: any difference is a plan or dataplane bug.
 *
 * <p>State is per flow (the classifier's flow hash) because that is what real NFs keep, and because
 * a node with several mergers keeps packet order per flow, not across flows.
 *
 * <p>A written PROTOCOL keeps its value: a different protocol changes how every later header
 * parses, a dependency the field-level profile language does not express, so no NF can honestly
 * declare it.
 */
public final class ProfileNf implements NetworkFunction {
  private static final int FLOWS = 1024;
  private static final long DROP_SALT = 0x44524f50L;
  private static final long HEADER_SALT = 0x48445253L;
  private static final int VLAN_TPID = 0x8100;
  private static final ValueLayout.OfShort BE16 =
      ValueLayout.JAVA_SHORT_UNALIGNED.withOrder(ByteOrder.BIG_ENDIAN);

  private final PacketField[] reads;
  private final PacketField[] writes;
  private final boolean mayDrop;
  private final boolean headers;
  private final boolean looksAtHeaders;
  private final long seed;
  private final long[] state = new long[FLOWS];

  public ProfileNf(ActionProfile profile, long seed) {
    this.reads = profile.reads().toArray(new PacketField[0]);
    this.writes = profile.writes().toArray(new PacketField[0]);
    this.mayDrop = profile.mayDrop();
    this.headers = profile.addsOrRemovesHeader();
    this.looksAtHeaders = reads.length > 0 || writes.length > 0;
    this.seed = seed;
    java.util.Arrays.fill(state, seed);
  }

  /** Distinct NFs, distinct values: the seed for NF {@code id} of a graph. */
  public static long seedFor(int id) {
    return mix(0x4e4650L + mix(id));
  }

  @Override
  public void process(PacketBatch batch) {
    for (int i = 0; i < batch.size(); i++) {
      processOne(batch, i);
    }
  }

  private void processOne(PacketBatch batch, int i) {
    ParsedPacket p = batch.packet(i);
    long input = 0x4f425356L;
    for (PacketField f : reads) {
      input = mix(input ^ mix(f.ordinal() + 31L * read(p, f)));
    }
    if (looksAtHeaders) {
      // What a field is depends on the headers in front of it (spec §4: A before R or W).
      input = mix(input ^ (p.vlanTags() + 1L));
    }
    int flow = (int) (batch.flowHash(i) & (FLOWS - 1));
    long s = mix(state[flow] ^ mix(input));
    state[flow] = s;
    for (PacketField f : writes) {
      write(p, f, mix(seed ^ s ^ mix(f.ordinal() + 1L)));
    }
    if (mayDrop && Math.floorMod(mix(seed ^ s ^ DROP_SALT), 4) == 0) {
      batch.drop(i);
    }
    if (headers) {
      long h = mix(seed ^ s ^ HEADER_SALT);
      long mbuf = batch.mbuf(i);
      boolean changed =
          p.vlanTags() == 0 || ((h & 1) == 0 && p.vlanTags() < 2)
              ? pushVlan(mbuf, (int) ((h >>> 1) & 0x0fff))
              : popVlan(mbuf);
      if (changed) {
        batch.reparse(i);
      }
    }
  }

  private static long read(ParsedPacket p, PacketField f) {
    if ((f == PacketField.SIP || f == PacketField.DIP) && p.ipVersion() == 6) {
      return PacketFields.ipv6High(p, f) * 31 + PacketFields.ipv6Low(p, f);
    }
    if (f == PacketField.PAYLOAD) {
      return payloadHash(p);
    }
    return PacketFields.get(p, f);
  }

  private static long payloadHash(ParsedPacket p) {
    if (p.payloadOffset() < 0) {
      return -1;
    }
    MemorySegment s = p.segment();
    int end = Math.min(p.payloadOffset() + p.payloadLength(), p.frameLength());
    long h = p.payloadLength();
    for (int at = p.payloadOffset(); at < end; at++) {
      h = h * 1_000_003L + s.get(ValueLayout.JAVA_BYTE, p.base() + at);
    }
    return h;
  }

  private static void write(ParsedPacket p, PacketField f, long value) {
    switch (f) {
      case SMAC, DMAC -> PacketFields.set(p, f, value & 0xffff_ffff_ffffL);
      case VLAN, SPORT, DPORT -> PacketFields.set(p, f, value & 0xffff);
      case TTL -> PacketFields.set(p, f, value & 0xff);
      case DSCP -> PacketFields.set(p, f, value & 0x3f);
      case PROTOCOL -> {
        long now = PacketFields.get(p, f);
        if (now >= 0) {
          PacketFields.set(p, f, now);
        }
      }
      case SIP, DIP -> {
        if (p.ipVersion() == 6) {
          PacketFields.setIpv6(p, f, value, mix(value));
        } else {
          PacketFields.set(p, f, value & 0xffff_ffffL);
        }
      }
      case PAYLOAD -> {
        MemorySegment s = p.segment();
        int end = Math.min(p.payloadOffset() + p.payloadLength(), p.frameLength());
        long v = value;
        for (int at = p.payloadOffset(); at >= 0 && at < end; at++) {
          s.set(ValueLayout.JAVA_BYTE, p.base() + at, (byte) v);
          v = (v >>> 8) | (v << 56);
        }
      }
    }
  }

  /** Inserts an 802.1Q tag after the MAC addresses; false when there is no headroom. */
  private static boolean pushVlan(long mbuf, int vlanId) {
    if (Mbufs.dataLength(mbuf) < 14 || !Mbufs.prepend(mbuf, 4)) {
      return false;
    }
    MemorySegment s = Mbufs.data(mbuf);
    MemorySegment.copy(s, 4, s, 0, 12);
    s.set(BE16, 12, (short) VLAN_TPID);
    s.set(BE16, 14, (short) vlanId);
    return true;
  }

  /** Removes the outer VLAN tag. */
  private static boolean popVlan(long mbuf) {
    if (Mbufs.dataLength(mbuf) < 18) {
      return false;
    }
    MemorySegment s = Mbufs.data(mbuf);
    MemorySegment.copy(s, 0, s, 4, 12);
    return Mbufs.removeFront(mbuf, 4);
  }

  private static long mix(long z) {
    z = (z ^ (z >>> 30)) * 0xbf58476d1ce4e5b9L;
    z = (z ^ (z >>> 27)) * 0x94d049bb133111ebL;
    return z ^ (z >>> 31);
  }
}
