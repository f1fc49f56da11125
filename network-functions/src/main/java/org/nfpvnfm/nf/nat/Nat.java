package org.nfpvnfm.nf.nat;

import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.function.LongSupplier;
import org.nfpvnfm.dpdk.nf.NetworkFunction;
import org.nfpvnfm.dpdk.nf.PacketBatch;
import org.nfpvnfm.dpdk.packet.PacketFields;
import org.nfpvnfm.dpdk.packet.ParsedPacket;
import org.nfpvnfm.nf.firewall.Counters;
import org.nfpvnfm.nf.firewall.Prefix;
import org.nfpvnfm.tosca.nfp.PacketField;

/**
 * Source NAT with port allocation (NAPT, RFC 3022) behind one public address.
 *
 * <ul>
 *   <li><b>Outbound</b> (source in an internal prefix, destination not the public address): a TCP
 *       or UDP packet gets the public address as SIP and its mapping's public port as SPORT; the
 *       first packet of an internal endpoint makes the mapping. Other protocols, and later
 *       fragments (no ports), get the public address only.
 *   <li><b>Inbound</b> (destination the public address): a TCP or UDP packet to a mapped public
 *       port gets the internal endpoint back as DIP and DPORT.
 *   <li>Anything else passes unchanged.
 * </ul>
 *
 * <p>Mappings are endpoint-independent (RFC 4787 REQ-1): one public port per internal (protocol,
 * address, port), whatever the destination, which spends one port per endpoint rather than per
 * flow. Filtering is endpoint-independent too, because the profile declares no drop: any packet to
 * a mapped port is translated back.
 *
 * <p>State: a mapping is a slot of entry arrays whose index is its public port (TCP first, then
 * UDP), so the return path finds it by index, without a lookup. The outbound key (protocol,
 * internal address, internal port) finds it in an open-addressing table (linear probing, deletion
 * by backward shift, no tombstones) at most half full. Free ports wait in a FIFO ring per protocol,
 * shuffled once by the seed, so a released port is reused last. Each protocol keeps its mappings in
 * a list ordered by last use; since every packet of a burst is stamped with the one time read at
 * the burst's start, expiry pops from the list's head at the start of each burst, and a mapping
 * found during a burst is always live.
 */
public final class Nat implements NetworkFunction {

  private static final int TCP = 6;
  private static final int UDP = 17;
  private static final int NONE = -1;

  static final int OUTBOUND = 0;
  static final int INBOUND = 1;
  static final int ADDRESS_ONLY = 2;
  static final int INBOUND_UNMATCHED = 3;
  static final int PASSED = 4;
  static final int OTHER_VERSION = 5;
  static final int CREATED = 6;
  static final int EXPIRED = 7;
  static final int TABLE_FULL = 8;
  static final int PORTS_EXHAUSTED = 9;
  static final int MAPPINGS = 10;

  private static final String[] COUNTER_NAMES = {
    "outbound translated",
    "inbound translated",
    "outbound address only",
    "inbound unmatched",
    "passed",
    "other ip version",
    "mappings created",
    "mappings expired",
    "table full",
    "ports exhausted",
    "mappings"
  };

  private final LongSupplier clock;
  private final Counters counters = new Counters(COUNTER_NAMES.length);

  private final int version;
  private final long publicHigh;
  private final long publicLow;
  private final long[] internalHighMask;
  private final long[] internalHigh;
  private final long[] internalLowMask;
  private final long[] internalLow;
  private final int portMin;
  private final int ports;
  private final int maxMappings;
  private final long[] timeout = new long[2];
  private final long hashKey;

  // Entries, by index protocol * ports + (public port - portMin).
  private final long[] entryHigh;
  private final long[] entryLow;
  private final int[] entryPort; // the internal port; NONE when the entry is free
  private final long[] lastSeen;
  private final int[] older;
  private final int[] newer;
  private final int[] oldest = {NONE, NONE};
  private final int[] newest = {NONE, NONE};
  private int mappings;

  // Free public ports per protocol, a FIFO ring of port indexes.
  private final int[][] free;
  private final int[] freeHead = new int[2];
  private final int[] freeCount = new int[2];

  // The outbound table: entry index per slot (NONE when empty) and the key's hash.
  private final int[] slotEntry;
  private final int[] slotHash;
  private final int mask;

  Nat(NatSettings s, LongSupplier clock) {
    this.clock = clock;
    byte[] a = s.publicAddress();
    version = a.length == 4 ? 4 : 6;
    Prefix address = Prefix.of(a, a.length * 8);
    publicHigh = address.high();
    publicLow = address.low();
    int n = s.internal().size();
    internalHighMask = new long[n];
    internalHigh = new long[n];
    internalLowMask = new long[n];
    internalLow = new long[n];
    for (int i = 0; i < n; i++) {
      Prefix p = s.internal().get(i);
      internalHighMask[i] = p.highMask();
      internalHigh[i] = p.high();
      internalLowMask[i] = p.lowMask();
      internalLow[i] = p.low();
    }
    portMin = s.portMin();
    ports = s.ports();
    maxMappings = s.maxMappings();
    timeout[0] = s.tcpTimeoutNanos();
    timeout[1] = s.udpTimeoutNanos();
    hashKey = mix(s.seed() ^ 0x4e4154L);

    int entries = 2 * ports;
    entryHigh = new long[entries];
    entryLow = new long[entries];
    entryPort = new int[entries];
    Arrays.fill(entryPort, NONE);
    lastSeen = new long[entries];
    older = new int[entries];
    newer = new int[entries];

    free = new int[2][ports];
    SplittableRandom random = new SplittableRandom(s.seed());
    for (int proto = 0; proto < 2; proto++) {
      int[] ring = free[proto];
      for (int i = 0; i < ports; i++) {
        ring[i] = i;
      }
      for (int i = ports - 1; i > 0; i--) {
        int j = random.nextInt(i + 1);
        int t = ring[i];
        ring[i] = ring[j];
        ring[j] = t;
      }
      freeCount[proto] = ports;
    }

    // At most half full, so that probes stay short and always find an empty slot.
    int capacity = Integer.highestOneBit(Math.max(2, 2 * maxMappings - 1)) << 1;
    slotEntry = new int[capacity];
    Arrays.fill(slotEntry, NONE);
    slotHash = new int[capacity];
    mask = capacity - 1;
  }

  @Override
  public void process(PacketBatch batch) {
    long now = clock.getAsLong();
    expire(now);
    for (int i = 0; i < batch.size(); i++) {
      translate(batch.packet(i), now);
    }
    counters.set(MAPPINGS, mappings);
  }

  private void translate(ParsedPacket p, long now) {
    int v = p.ipVersion();
    if (v != version) {
      counters.increment(v == 0 ? PASSED : OTHER_VERSION);
      return;
    }
    int proto = (int) PacketFields.get(p, PacketField.PROTOCOL);
    int index = proto == TCP ? 0 : proto == UDP ? 1 : NONE;
    boolean ports = index != NONE && p.hasPorts();
    long dHigh = v == 6 ? PacketFields.ipv6High(p, PacketField.DIP) : 0;
    long dLow =
        v == 6 ? PacketFields.ipv6Low(p, PacketField.DIP) : PacketFields.get(p, PacketField.DIP);
    if (dHigh == publicHigh && dLow == publicLow) {
      if (ports) {
        int publicPort = (int) PacketFields.get(p, PacketField.DPORT);
        int slot = publicPort - portMin;
        if (slot >= 0 && slot < this.ports) {
          int e = index * this.ports + slot;
          if (entryPort[e] != NONE) {
            setAddress(p, PacketField.DIP, entryHigh[e], entryLow[e]);
            PacketFields.set(p, PacketField.DPORT, entryPort[e]);
            touch(e, index, now);
            counters.increment(INBOUND);
            return;
          }
        }
      }
      counters.increment(INBOUND_UNMATCHED);
      return;
    }
    long sHigh = v == 6 ? PacketFields.ipv6High(p, PacketField.SIP) : 0;
    long sLow =
        v == 6 ? PacketFields.ipv6Low(p, PacketField.SIP) : PacketFields.get(p, PacketField.SIP);
    if (!internal(sHigh, sLow)) {
      counters.increment(PASSED);
      return;
    }
    if (!ports) {
      setAddress(p, PacketField.SIP, publicHigh, publicLow);
      counters.increment(ADDRESS_ONLY);
      return;
    }
    int sport = (int) PacketFields.get(p, PacketField.SPORT);
    int e = mapping(index, sHigh, sLow, sport, now);
    if (e == NONE) {
      return; // counted: the packet leaves untranslated
    }
    setAddress(p, PacketField.SIP, publicHigh, publicLow);
    PacketFields.set(p, PacketField.SPORT, portMin + e - index * this.ports);
    counters.increment(OUTBOUND);
  }

  private boolean internal(long high, long low) {
    for (int i = 0; i < internalLow.length; i++) {
      if ((low & internalLowMask[i]) == internalLow[i]
          && (high & internalHighMask[i]) == internalHigh[i]) {
        return true;
      }
    }
    return false;
  }

  private void setAddress(ParsedPacket p, PacketField field, long high, long low) {
    if (version == 6) {
      PacketFields.setIpv6(p, field, high, low);
    } else {
      PacketFields.set(p, field, low);
    }
  }

  /** The mapping of an internal endpoint, made if there is none; NONE (counted) when full. */
  private int mapping(int index, long high, long low, int port, long now) {
    int h = hash(index, high, low, port);
    int s = h & mask;
    for (int e = slotEntry[s]; e != NONE; e = slotEntry[s]) {
      if (slotHash[s] == h
          && entryPort[e] == port
          && entryLow[e] == low
          && entryHigh[e] == high
          && e / ports == index) {
        touch(e, index, now);
        return e;
      }
      s = (s + 1) & mask;
    }
    if (mappings >= maxMappings) {
      counters.increment(TABLE_FULL);
      return NONE;
    }
    if (freeCount[index] == 0) {
      counters.increment(PORTS_EXHAUSTED);
      return NONE;
    }
    int[] ring = free[index];
    int e = index * ports + ring[freeHead[index]];
    freeHead[index] = freeHead[index] + 1 == ports ? 0 : freeHead[index] + 1;
    freeCount[index]--;
    entryHigh[e] = high;
    entryLow[e] = low;
    entryPort[e] = port;
    lastSeen[e] = now;
    append(e, index);
    slotEntry[s] = e;
    slotHash[s] = h;
    mappings++;
    counters.increment(CREATED);
    return e;
  }

  /** Ends every mapping idle for longer than its protocol's timeout at {@code now}. */
  private void expire(long now) {
    for (int index = 0; index < 2; index++) {
      for (int e = oldest[index];
          e != NONE && now - lastSeen[e] > timeout[index];
          e = oldest[index]) {
        remove(e, index);
        counters.increment(EXPIRED);
      }
    }
  }

  private void remove(int e, int index) {
    int h = hash(index, entryHigh[e], entryLow[e], entryPort[e]);
    int s = h & mask;
    while (slotEntry[s] != e) {
      s = (s + 1) & mask;
    }
    // Backward shift: move later entries of the probe run into the hole, unless the slot they
    // hash to lies cyclically in (hole, their slot], where they would no longer be found.
    int hole = s;
    for (int j = (s + 1) & mask; slotEntry[j] != NONE; j = (j + 1) & mask) {
      int home = slotHash[j] & mask;
      boolean stays = hole <= j ? hole < home && home <= j : hole < home || home <= j;
      if (!stays) {
        slotEntry[hole] = slotEntry[j];
        slotHash[hole] = slotHash[j];
        hole = j;
      }
    }
    slotEntry[hole] = NONE;
    unlink(e, index);
    entryPort[e] = NONE;
    int[] ring = free[index];
    int tail = freeHead[index] + freeCount[index];
    ring[tail >= ports ? tail - ports : tail] = e - index * ports;
    freeCount[index]++;
    mappings--;
  }

  private void touch(int e, int index, long now) {
    lastSeen[e] = now;
    if (newest[index] != e) {
      unlink(e, index);
      append(e, index);
    }
  }

  private void append(int e, int index) {
    int last = newest[index];
    older[e] = last;
    newer[e] = NONE;
    if (last == NONE) {
      oldest[index] = e;
    } else {
      newer[last] = e;
    }
    newest[index] = e;
  }

  private void unlink(int e, int index) {
    int o = older[e];
    int n = newer[e];
    if (o == NONE) {
      oldest[index] = n;
    } else {
      newer[o] = n;
    }
    if (n == NONE) {
      newest[index] = o;
    } else {
      older[n] = o;
    }
  }

  private int hash(int index, long high, long low, int port) {
    long k = hashKey ^ high * 0x9e3779b97f4a7c15L ^ mix(low ^ ((long) port << 1 | index));
    return (int) (mix(k) >>> 32);
  }

  private static long mix(long z) {
    z = (z ^ (z >>> 30)) * 0xbf58476d1ce4e5b9L;
    z = (z ^ (z >>> 27)) * 0x94d049bb133111ebL;
    return z ^ (z >>> 31);
  }

  /** Live mappings now (any thread). */
  public long mappings() {
    return counters.get(MAPPINGS);
  }

  /**
   * The counters by name: {@code outbound translated}, {@code inbound translated}, {@code outbound
   * address only} (no ports: another protocol or a later fragment), {@code inbound unmatched} (to
   * the public address, no mapping), {@code passed} (neither way, or not IP), {@code other ip
   * version}, {@code mappings created}, {@code mappings expired}, {@code table full} and {@code
   * ports exhausted} (outbound packets left untranslated), and the gauge {@code mappings}.
   * Allocates: for statistics.
   */
  public Map<String, Long> counters() {
    Map<String, Long> out = new LinkedHashMap<>();
    for (int i = 0; i < COUNTER_NAMES.length; i++) {
      out.put(COUNTER_NAMES[i], counters.get(i));
    }
    return out;
  }
}
