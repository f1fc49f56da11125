package org.nfpvnfm.nf.firewall;

import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import org.jspecify.annotations.Nullable;
import org.nfpvnfm.dpdk.packet.PacketFields;
import org.nfpvnfm.dpdk.packet.ParsedPacket;
import org.nfpvnfm.tosca.nfp.PacketField;

/**
 * A list of {@link Match}es compiled into primitive arrays, one slot per rule, that {@link #first}
 * scans in order for the first rule a packet matches, without allocating.
 *
 * <p>Per packet it reads, once, only the fields some rule tests (so an NF never reads a field its
 * rules do not need), then walks the rules. Each rule is a bit set of the criteria it has and, per
 * criterion, its values: an address prefix as two 64-bit masks and values, a port range as two
 * ints, a DSCP set as a 64-bit mask. A rule's first failing criterion ends it; the protocol and the
 * destination port, which tell ACL rules apart most often, are tested first. From {@link
 * #BITSET_FROM} rules on, a {@link BitsetIndex} finds the same first match in a few lookups and a
 * pass over {@code rules / 64} words per field instead.
 */
public final class MatchTable {

  private static final int FAMILY = 1;
  private static final int PROTO = 1 << 1;
  private static final int NOT_PROTO = 1 << 2;
  private static final int SRC = 1 << 3;
  private static final int NOT_SRC = 1 << 4;
  private static final int DST = 1 << 5;
  private static final int NOT_DST = 1 << 6;
  private static final int SPORT = 1 << 7;
  private static final int NOT_SPORT = 1 << 8;
  private static final int DPORT = 1 << 9;
  private static final int NOT_DPORT = 1 << 10;
  private static final int DSCP = 1 << 11;

  /** What {@link #first} returns when no rule matches. */
  public static final int NONE = -1;

  /**
   * From this many rules on, {@link #first} uses a {@link BitsetIndex} (where its memory stays
   * under {@link BitsetIndex#MAX_LONGS}) instead of walking the rules.
   */
  static final int BITSET_FROM = 16;

  /** How {@link #first} finds the match: for tests that compare the two ways. */
  enum Strategy {
    AUTO,
    LINEAR,
    BITSET
  }

  private final int size;
  private final int[] flags;
  private final int[] family;
  private final int[] protocol;
  private final long[] srcHighMask;
  private final long[] srcHigh;
  private final long[] srcLowMask;
  private final long[] srcLow;
  private final long[] dstHighMask;
  private final long[] dstHigh;
  private final long[] dstLowMask;
  private final long[] dstLow;
  private final int[] sportLow;
  private final int[] sportHigh;
  private final int[] dportLow;
  private final int[] dportHigh;
  private final long[] dscps;

  /** The union of every rule's criteria: the fields {@link #first} reads. */
  private final int uses;

  private final @Nullable BitsetIndex index;

  private MatchTable(List<Match> matches, Strategy strategy) {
    size = matches.size();
    flags = new int[size];
    family = new int[size];
    protocol = new int[size];
    srcHighMask = new long[size];
    srcHigh = new long[size];
    srcLowMask = new long[size];
    srcLow = new long[size];
    dstHighMask = new long[size];
    dstHigh = new long[size];
    dstLowMask = new long[size];
    dstLow = new long[size];
    sportLow = new int[size];
    sportHigh = new int[size];
    dportLow = new int[size];
    dportHigh = new int[size];
    dscps = new long[size];
    int all = 0;
    for (int r = 0; r < size; r++) {
      Match m = matches.get(r);
      int f = 0;
      if (m.family() != 0) {
        f |= FAMILY;
        family[r] = m.family();
      }
      if (m.protocol() >= 0) {
        f |= PROTO | (m.notProtocol() ? NOT_PROTO : 0);
        protocol[r] = m.protocol();
      }
      Prefix s = m.source();
      if (s != null) {
        f |= SRC | (m.notSource() ? NOT_SRC : 0);
        srcHighMask[r] = s.highMask();
        srcHigh[r] = s.high();
        srcLowMask[r] = s.lowMask();
        srcLow[r] = s.low();
      }
      Prefix d = m.destination();
      if (d != null) {
        f |= DST | (m.notDestination() ? NOT_DST : 0);
        dstHighMask[r] = d.highMask();
        dstHigh[r] = d.high();
        dstLowMask[r] = d.lowMask();
        dstLow[r] = d.low();
      }
      Ports sp = m.sourcePorts();
      if (sp != null) {
        f |= SPORT | (m.notSourcePorts() ? NOT_SPORT : 0);
        sportLow[r] = sp.low();
        sportHigh[r] = sp.high();
      }
      Ports dp = m.destinationPorts();
      if (dp != null) {
        f |= DPORT | (m.notDestinationPorts() ? NOT_DPORT : 0);
        dportLow[r] = dp.low();
        dportHigh[r] = dp.high();
      }
      if (m.matchDscp()) {
        f |= DSCP;
        dscps[r] = m.dscps();
      }
      flags[r] = f;
      all |= f;
    }
    uses = all;
    boolean bitsets =
        strategy == Strategy.BITSET || (strategy == Strategy.AUTO && size >= BITSET_FROM);
    index = bitsets ? BitsetIndex.build(matches) : null;
    if (strategy == Strategy.BITSET && index == null) {
      throw new IllegalArgumentException(size + " rules: the bit sets would take too much memory");
    }
  }

  public static MatchTable compile(List<Match> matches) {
    return compile(matches, Strategy.AUTO);
  }

  static MatchTable compile(List<Match> matches, Strategy strategy) {
    return new MatchTable(List.copyOf(matches), strategy);
  }

  /** Whether {@link #first} uses bit sets rather than a walk over the rules. */
  boolean indexed() {
    return index != null;
  }

  public int size() {
    return size;
  }

  /** The fields {@link #first} reads from a packet: those some rule tests. */
  public Set<PacketField> reads() {
    Set<PacketField> out = EnumSet.noneOf(PacketField.class);
    if ((uses & PROTO) != 0) {
      out.add(PacketField.PROTOCOL);
    }
    if ((uses & SRC) != 0) {
      out.add(PacketField.SIP);
    }
    if ((uses & DST) != 0) {
      out.add(PacketField.DIP);
    }
    if ((uses & SPORT) != 0) {
      out.add(PacketField.SPORT);
    }
    if ((uses & DPORT) != 0) {
      out.add(PacketField.DPORT);
    }
    if ((uses & DSCP) != 0) {
      out.add(PacketField.DSCP);
    }
    return out;
  }

  /** The first rule {@code p} matches, or {@link #NONE}. Allocates nothing. */
  public int first(ParsedPacket p) {
    final int u = uses;
    final int version = p.ipVersion();
    int proto = -1;
    if ((u & PROTO) != 0) {
      proto = (int) PacketFields.get(p, PacketField.PROTOCOL);
    }
    long sHigh = 0;
    long sLow = 0;
    if ((u & SRC) != 0) {
      if (version == 4) {
        sLow = PacketFields.get(p, PacketField.SIP);
      } else if (version == 6) {
        sHigh = PacketFields.ipv6High(p, PacketField.SIP);
        sLow = PacketFields.ipv6Low(p, PacketField.SIP);
      }
    }
    long dHigh = 0;
    long dLow = 0;
    if ((u & DST) != 0) {
      if (version == 4) {
        dLow = PacketFields.get(p, PacketField.DIP);
      } else if (version == 6) {
        dHigh = PacketFields.ipv6High(p, PacketField.DIP);
        dLow = PacketFields.ipv6Low(p, PacketField.DIP);
      }
    }
    int sport = -1;
    if ((u & SPORT) != 0 && p.hasPorts()) {
      sport = (int) PacketFields.get(p, PacketField.SPORT);
    }
    int dport = -1;
    if ((u & DPORT) != 0 && p.hasPorts()) {
      dport = (int) PacketFields.get(p, PacketField.DPORT);
    }
    int dscp = -1;
    if ((u & DSCP) != 0 && p.l3Offset() >= 0) {
      dscp = (int) PacketFields.get(p, PacketField.DSCP);
    }

    BitsetIndex bits = index;
    if (bits != null) {
      return bits.first(version, proto, sport, dport, sHigh, sLow, dHigh, dLow, dscp);
    }
    final int[] flags = this.flags;
    for (int r = 0; r < size; r++) {
      int f = flags[r];
      if (f == 0) {
        return r;
      }
      if ((f & PROTO) != 0 && (proto < 0 || (proto == protocol[r]) == ((f & NOT_PROTO) != 0))) {
        continue;
      }
      if ((f & DPORT) != 0
          && (dport < 0
              || (dport >= dportLow[r] && dport <= dportHigh[r]) == ((f & NOT_DPORT) != 0))) {
        continue;
      }
      // An address criterion always comes with FAMILY: a packet of the other version (or not IP)
      // fails here, before its zero addresses could match.
      if ((f & FAMILY) != 0 && version != family[r]) {
        continue;
      }
      if ((f & DST) != 0
          && ((dLow & dstLowMask[r]) == dstLow[r] && (dHigh & dstHighMask[r]) == dstHigh[r])
              == ((f & NOT_DST) != 0)) {
        continue;
      }
      if ((f & SRC) != 0
          && ((sLow & srcLowMask[r]) == srcLow[r] && (sHigh & srcHighMask[r]) == srcHigh[r])
              == ((f & NOT_SRC) != 0)) {
        continue;
      }
      if ((f & SPORT) != 0
          && (sport < 0
              || (sport >= sportLow[r] && sport <= sportHigh[r]) == ((f & NOT_SPORT) != 0))) {
        continue;
      }
      if ((f & DSCP) != 0 && (dscp < 0 || ((dscps[r] >>> dscp) & 1) == 0)) {
        continue;
      }
      return r;
    }
    return NONE;
  }
}
