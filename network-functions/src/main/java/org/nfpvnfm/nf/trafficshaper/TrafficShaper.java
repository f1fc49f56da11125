package org.nfpvnfm.nf.trafficshaper;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.LongSupplier;
import org.nfpvnfm.dpdk.nf.NetworkFunction;
import org.nfpvnfm.dpdk.nf.PacketBatch;
import org.nfpvnfm.dpdk.packet.PacketFields;
import org.nfpvnfm.dpdk.packet.ParsedPacket;
import org.nfpvnfm.nf.firewall.Counters;
import org.nfpvnfm.nf.firewall.Match;
import org.nfpvnfm.nf.firewall.MatchTable;
import org.nfpvnfm.tosca.nfp.PacketField;

/**
 * A token bucket per traffic class. A packet belongs to the first class it matches; if its class's
 * bucket holds the packet's frame bytes it conforms and takes them, otherwise it exceeds and, by
 * mode, is re-marked with the class's DSCP or dropped (and takes no tokens). Packets of no class
 * pass, unmetered.
 *
 * <p>It polices rather than delays: an NF must give every packet back within its burst, so there is
 * no queue to smooth traffic into; the bucket's depth is the burst the class may send at once.
 *
 * <p>Tokens are counted in bit-nanoseconds (a byte is 8·10⁹ of them), so that refilling at a rate
 * in bits per second is an exact integer product of the nanoseconds elapsed, with no rounding drift
 * however often it runs. The time is read once per burst; each bucket refills at the burst's start.
 */
public final class TrafficShaper implements NetworkFunction {

  private static final long BYTE = 8_000_000_000L;

  private final LongSupplier clock;
  private final boolean drop;
  private final MatchTable table;
  private final List<String> names;
  private final long[] rate;
  private final long[] depth;
  private final long[] fillNanos;
  private final int[] mark;
  private final long[] tokens;
  private long last;

  // Per class c: 4c conformed packets, 4c+1 conformed bytes, 4c+2 exceeded packets, 4c+3 bytes;
  // then unclassified packets and exceeded packets that could not be marked (not IP).
  private final Counters counters;
  private final int unclassified;
  private final int unmarkable;

  TrafficShaper(List<ShaperClasses.ShaperClass> classes, boolean drop, LongSupplier clock) {
    this.clock = clock;
    this.drop = drop;
    int n = classes.size();
    List<Match> matches = new ArrayList<>();
    List<String> classNames = new ArrayList<>();
    rate = new long[n];
    depth = new long[n];
    fillNanos = new long[n];
    mark = new int[n];
    tokens = new long[n];
    for (int c = 0; c < n; c++) {
      ShaperClasses.ShaperClass k = classes.get(c);
      matches.add(k.match());
      classNames.add(k.name());
      rate[c] = k.bitsPerSecond();
      depth[c] = k.burstBytes() * BYTE;
      fillNanos[c] = depth[c] / rate[c] + 1;
      mark[c] = k.mark();
      tokens[c] = depth[c];
    }
    table = MatchTable.compile(matches);
    names = List.copyOf(classNames);
    counters = new Counters(4 * n + 2);
    unclassified = 4 * n;
    unmarkable = 4 * n + 1;
    last = clock.getAsLong();
  }

  @Override
  public void process(PacketBatch batch) {
    long now = clock.getAsLong();
    refill(now - last);
    last = now;
    for (int i = 0; i < batch.size(); i++) {
      ParsedPacket p = batch.packet(i);
      int c = table.first(p);
      if (c < 0) {
        counters.increment(unclassified);
        continue;
      }
      int bytes = p.packetLength();
      long need = bytes * BYTE;
      if (tokens[c] >= need) {
        tokens[c] -= need;
        counters.increment(4 * c);
        counters.add(4 * c + 1, bytes);
        continue;
      }
      counters.increment(4 * c + 2);
      counters.add(4 * c + 3, bytes);
      if (drop) {
        batch.drop(i);
      } else if (!PacketFields.set(p, PacketField.DSCP, mark[c])) {
        counters.increment(unmarkable);
      }
    }
  }

  private void refill(long elapsed) {
    if (elapsed <= 0) {
      return; // a clock that did not move (or went back) adds nothing
    }
    for (int c = 0; c < tokens.length; c++) {
      // Below fillNanos the product is at most depth (under 2^63); compared with the room left, not
      // added to the tokens, it cannot overflow either.
      long room = depth[c] - tokens[c];
      long add = elapsed >= fillNanos[c] ? room : elapsed * rate[c];
      tokens[c] = add >= room ? depth[c] : tokens[c] + add;
    }
  }

  /**
   * The counters by name: per class, in order, {@code NAME conformed packets}, {@code NAME
   * conformed bytes}, {@code NAME exceeded packets}, {@code NAME exceeded bytes} (re-marked or
   * dropped); then {@code unclassified packets} and {@code unmarkable packets} (exceeded in mark
   * mode, but not IP). Bytes are frame bytes, without the FCS. Allocates: for statistics.
   */
  public Map<String, Long> counters() {
    Map<String, Long> out = new LinkedHashMap<>();
    for (int c = 0; c < names.size(); c++) {
      String n = names.get(c);
      out.put(n + " conformed packets", counters.get(4 * c));
      out.put(n + " conformed bytes", counters.get(4 * c + 1));
      out.put(n + " exceeded packets", counters.get(4 * c + 2));
      out.put(n + " exceeded bytes", counters.get(4 * c + 3));
    }
    out.put("unclassified packets", counters.get(unclassified));
    out.put("unmarkable packets", counters.get(unmarkable));
    return out;
  }

  /** The classes' names, in match order. */
  public List<String> classes() {
    return names;
  }
}
