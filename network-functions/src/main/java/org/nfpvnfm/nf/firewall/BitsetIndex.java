package org.nfpvnfm.nf.firewall;

import java.math.BigInteger;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.TreeSet;
import org.jspecify.annotations.Nullable;

/**
 * The bit-vector scheme (Lakshman and Stiliadis, SIGCOMM 1998) over a {@link MatchTable}'s rules:
 * per field, the field's range is cut at every rule's bounds into intervals, within which each rule
 * either holds or fails, and each interval keeps a bit set of the rules that hold there (a rule
 * without a criterion on the field holds everywhere). A packet looks up one interval per field (a
 * table for ports, protocol and DSCP, a binary search for addresses), ANDs the bit sets word by
 * word and stops at the first non-zero word: the lowest set bit is the first matching rule. Per
 * packet that is a few lookups and at most {@code rules / 64} words per field, instead of a walk
 * over every rule before the match.
 *
 * <p>A field the packet lacks has its own bit set: the rules without a criterion on it. A field
 * some rule uses but that does not apply (the addresses of a non-IP frame) takes all ones, because
 * the family's bit set already excludes the rules with an address.
 */
final class BitsetIndex {

  /** Cut-off for memory: over this many longs in all, {@link #build} gives up. */
  static final long MAX_LONGS = 4L << 20; // 32 MiB

  private static final BigInteger TWO_64 = BigInteger.ONE.shiftLeft(64);

  private final int words;
  private final long[] ones;

  /** Kind 0 (not IP), 1 (IPv4), 2 (IPv6), each {@code words} long. */
  private final long[] family;

  /** 256 protocols, then "absent". */
  private final long[] protocol;

  private final PortField sport;
  private final PortField dport;
  private final AddressField src4;
  private final AddressField dst4;
  private final AddressField src6;
  private final AddressField dst6;

  /** 64 DSCP values, then "absent". */
  private final long[] dscp;

  private BitsetIndex(
      int words,
      long[] family,
      long[] protocol,
      PortField sport,
      PortField dport,
      AddressField src4,
      AddressField dst4,
      AddressField src6,
      AddressField dst6,
      long[] dscp) {
    this.words = words;
    this.ones = new long[words];
    Arrays.fill(ones, -1L);
    this.family = family;
    this.protocol = protocol;
    this.sport = sport;
    this.dport = dport;
    this.src4 = src4;
    this.dst4 = dst4;
    this.src6 = src6;
    this.dst6 = dst6;
    this.dscp = dscp;
  }

  /** The index of {@code matches}, or null when it would take more than {@link #MAX_LONGS}. */
  static @Nullable BitsetIndex build(List<Match> matches) {
    int n = matches.size();
    int words = Math.max(1, (n + 63) / 64);
    // Intervals per field are at most 2n + 1; the tables below are fixed sizes.
    long estimate = (long) words * (3 + 257 + 65 + 6L * (2L * n + 2));
    if (estimate > MAX_LONGS) {
      return null;
    }
    long[] family = new long[3 * words];
    long[] protocol = new long[257 * words];
    long[] dscp = new long[65 * words];
    for (int r = 0; r < n; r++) {
      Match m = matches.get(r);
      for (int kind = 0; kind < 3; kind++) {
        int version = kind == 0 ? 0 : kind == 1 ? 4 : 6;
        if (m.family() == 0 || m.family() == version) {
          set(family, kind, words, r);
        }
      }
      for (int p = 0; p < 256; p++) {
        if (m.protocol() < 0 || (p == m.protocol()) != m.notProtocol()) {
          set(protocol, p, words, r);
        }
      }
      if (m.protocol() < 0) {
        set(protocol, 256, words, r);
      }
      for (int d = 0; d < 64; d++) {
        if (!m.matchDscp() || ((m.dscps() >>> d) & 1) != 0) {
          set(dscp, d, words, r);
        }
      }
      if (!m.matchDscp()) {
        set(dscp, 64, words, r);
      }
    }
    return new BitsetIndex(
        words,
        family,
        protocol,
        PortField.build(matches, words, true),
        PortField.build(matches, words, false),
        AddressField.build(matches, words, 4, true),
        AddressField.build(matches, words, 4, false),
        AddressField.build(matches, words, 6, true),
        AddressField.build(matches, words, 6, false),
        dscp);
  }

  /**
   * The first rule that holds on every field, or {@link MatchTable#NONE}. Each value is -1 when the
   * packet lacks the field or no rule tests it; addresses are read only for {@code version} 4 or 6.
   */
  int first(
      int version,
      int proto,
      int sportValue,
      int dportValue,
      long sHigh,
      long sLow,
      long dHigh,
      long dLow,
      int dscpValue) {
    final int w = words;
    final long[] fam = family;
    final int famAt = (version == 4 ? 1 : version == 6 ? 2 : 0) * w;
    final long[] pro = protocol;
    final int proAt = (proto < 0 ? 256 : proto) * w;
    final long[] sp = sport.bits;
    final int spAt = sport.at(sportValue);
    final long[] dp = dport.bits;
    final int dpAt = dport.at(dportValue);
    long[] s = ones;
    int sAt = 0;
    long[] d = ones;
    int dAt = 0;
    if (version == 4) {
      s = src4.bits;
      sAt = src4.at(0, sLow);
      d = dst4.bits;
      dAt = dst4.at(0, dLow);
    } else if (version == 6) {
      s = src6.bits;
      sAt = src6.at(sHigh, sLow);
      d = dst6.bits;
      dAt = dst6.at(dHigh, dLow);
    }
    final long[] ds = dscp;
    final int dsAt = (dscpValue < 0 ? 64 : dscpValue) * w;
    for (int i = 0; i < w; i++) {
      long x =
          fam[famAt + i]
              & pro[proAt + i]
              & sp[spAt + i]
              & dp[dpAt + i]
              & s[sAt + i]
              & d[dAt + i]
              & ds[dsAt + i];
      if (x != 0) {
        return i * 64 + Long.numberOfTrailingZeros(x);
      }
    }
    return MatchTable.NONE;
  }

  private static void set(long[] bits, int row, int words, int rule) {
    bits[row * words + (rule >>> 6)] |= 1L << rule;
  }

  private static void setRows(long[] bits, int from, int to, int words, int rule) {
    for (int row = from; row < to; row++) {
      set(bits, row, words, rule);
    }
  }

  /** Rows {@code [from, to)}, or when {@code not} the other rows of {@code [0, count)}. */
  private static void setRange(
      long[] bits, int from, int to, int count, boolean not, int words, int rule) {
    if (from < 0 || to < from) {
      throw new IllegalStateException("range bounds not among the cuts: " + from + ", " + to);
    }
    if (not) {
      setRows(bits, 0, from, words, rule);
      setRows(bits, to, count, words, rule);
    } else {
      setRows(bits, from, to, words, rule);
    }
  }

  /** A port field: 65536 ports mapped to intervals, one bit set per interval, then "absent". */
  private static final class PortField {
    final long[] bits;
    private final int[] interval;
    private final int words;
    private final int absentAt;

    private PortField(long[] bits, int[] interval, int words, int absentAt) {
      this.bits = bits;
      this.interval = interval;
      this.words = words;
      this.absentAt = absentAt;
    }

    int at(int port) {
      return port < 0 ? absentAt : interval[port] * words;
    }

    static PortField build(List<Match> matches, int words, boolean source) {
      TreeSet<Integer> cuts = new TreeSet<>();
      cuts.add(0);
      for (Match m : matches) {
        Ports p = source ? m.sourcePorts() : m.destinationPorts();
        if (p != null) {
          cuts.add(p.low());
          if (p.high() < 65535) {
            cuts.add(p.high() + 1);
          }
        }
      }
      int[] starts = cuts.stream().mapToInt(Integer::intValue).toArray();
      int count = starts.length;
      long[] bits = new long[(count + 1) * words];
      for (int r = 0; r < matches.size(); r++) {
        Match m = matches.get(r);
        Ports p = source ? m.sourcePorts() : m.destinationPorts();
        if (p == null) {
          setRows(bits, 0, count + 1, words, r);
          continue;
        }
        // The range is the intervals [from, to): its bounds are among the starts.
        int from = Arrays.binarySearch(starts, p.low());
        int to = p.high() < 65535 ? Arrays.binarySearch(starts, p.high() + 1) : count;
        setRange(
            bits, from, to, count, source ? m.notSourcePorts() : m.notDestinationPorts(), words, r);
      }
      int[] interval = new int[65536];
      int k = 0;
      for (int port = 0; port < 65536; port++) {
        if (k + 1 < count && port >= starts[k + 1]) {
          k++;
        }
        interval[port] = k;
      }
      return new PortField(bits, interval, words, count * words);
    }
  }

  /**
   * An address field of one IP version: the interval starts as (high, low) pairs, compared
   * unsigned, found by binary search; one bit set per interval. A rule of the other version, or
   * without a criterion on this field, holds in every interval.
   */
  private static final class AddressField {
    final long[] bits;
    private final long[] startHigh;
    private final long[] startLow;
    private final int words;

    private AddressField(long[] bits, long[] startHigh, long[] startLow, int words) {
      this.bits = bits;
      this.startHigh = startHigh;
      this.startLow = startLow;
      this.words = words;
    }

    /** The offset in {@link #bits} of the interval that holds the address. */
    int at(long high, long low) {
      int lo = 0;
      int hi = startLow.length - 1;
      // The last start <= the address; starts[0] is 0, so there is one.
      while (lo < hi) {
        int mid = (lo + hi + 1) >>> 1;
        int c = Long.compareUnsigned(startHigh[mid], high);
        if (c == 0) {
          c = Long.compareUnsigned(startLow[mid], low);
        }
        if (c <= 0) {
          lo = mid;
        } else {
          hi = mid - 1;
        }
      }
      return lo * words;
    }

    static AddressField build(List<Match> matches, int words, int version, boolean source) {
      int bitsWide = version == 4 ? 32 : 128;
      BigInteger end = BigInteger.ONE.shiftLeft(bitsWide);
      TreeSet<BigInteger> cuts = new TreeSet<>();
      cuts.add(BigInteger.ZERO);
      List<BigInteger @Nullable []> ranges = new ArrayList<>();
      for (Match m : matches) {
        Prefix p = source ? m.source() : m.destination();
        if (p == null || p.version() != version) {
          ranges.add(null);
          continue;
        }
        BigInteger first = value(p.high(), p.low(), version);
        BigInteger size = BigInteger.ONE.shiftLeft(bitsWide - p.length());
        BigInteger after = first.add(size);
        cuts.add(first);
        if (after.compareTo(end) < 0) {
          cuts.add(after);
        }
        ranges.add(new BigInteger[] {first, after});
      }
      BigInteger[] starts = cuts.toArray(new BigInteger[0]);
      int count = starts.length;
      long[] bits = new long[count * words];
      for (int r = 0; r < matches.size(); r++) {
        Match m = matches.get(r);
        BigInteger @Nullable [] range = ranges.get(r);
        if (range == null) {
          setRows(bits, 0, count, words, r);
          continue;
        }
        int from = Arrays.binarySearch(starts, range[0]);
        int to = range[1].compareTo(end) < 0 ? Arrays.binarySearch(starts, range[1]) : count;
        setRange(bits, from, to, count, source ? m.notSource() : m.notDestination(), words, r);
      }
      long[] startHigh = new long[count];
      long[] startLow = new long[count];
      for (int k = 0; k < count; k++) {
        startHigh[k] = starts[k].shiftRight(64).longValue();
        startLow[k] = starts[k].longValue();
      }
      return new AddressField(bits, startHigh, startLow, words);
    }

    /** An address as a non-negative number: IPv4 in the low 32 bits, IPv6 as high·2⁶⁴ + low. */
    private static BigInteger value(long high, long low, int version) {
      BigInteger lo = new BigInteger(Long.toUnsignedString(low));
      return version == 4
          ? lo
          : new BigInteger(Long.toUnsignedString(high)).multiply(TWO_64).add(lo);
    }
  }
}
