package org.nfpvnfm.nf.monitor;

import static org.nfpvnfm.tosca.nfp.PacketField.DIP;
import static org.nfpvnfm.tosca.nfp.PacketField.DPORT;
import static org.nfpvnfm.tosca.nfp.PacketField.DSCP;
import static org.nfpvnfm.tosca.nfp.PacketField.PROTOCOL;
import static org.nfpvnfm.tosca.nfp.PacketField.SIP;
import static org.nfpvnfm.tosca.nfp.PacketField.SPORT;

import java.io.IOException;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetSocketAddress;
import java.net.SocketException;
import java.nio.ByteBuffer;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;
import org.nfpvnfm.dpdk.nf.NetworkFunction;
import org.nfpvnfm.dpdk.nf.PacketBatch;
import org.nfpvnfm.dpdk.packet.PacketFields;
import org.nfpvnfm.dpdk.packet.ParsedPacket;

/**
 * A NetFlow-style monitor: packets and bytes per flow (IP version, protocol, addresses, ports,
 * DSCP) in an open-addressing flow table, expired on idle and active timeouts and exported as IPFIX
 * (RFC 7011) over UDP.
 *
 * <p>The packet path only updates the table. Expiry and export run from {@link #process} at most
 * every {@code exportIntervalMs}, once per burst at most, so the sweep and the socket send (which
 * may allocate) are off the per-packet path. Each message carries the two templates (IPv4 256, IPv6
 * 257) before its data records: over UDP a collector must be able to decode any message it
 * receives, even after it restarted (RFC 7011 §8.4).
 *
 * <p>Octets are IP bytes (header included, Ethernet padding excluded), as octetDeltaCount defines.
 */
public final class MonitorNf implements NetworkFunction, AutoCloseable {
  static final int TEMPLATE_V4 = 256;
  static final int TEMPLATE_V6 = 257;
  static final int RECORD_V4 = 4 + 4 + 2 + 2 + 1 + 1 + 8 + 8 + 8 + 8 + 1;
  static final int RECORD_V6 = 16 + 16 + 2 + 2 + 1 + 1 + 8 + 8 + 8 + 8 + 1;
  static final int IDLE = 1;
  static final int ACTIVE = 2;
  static final int FORCED = 4;
  // Fits an Ethernet MTU with IPv4 and UDP headers: no IP fragmentation of exports.
  private static final int MESSAGE_MAX = 1472;
  private static final int HEADER = 16;
  // {IE, length} of each template, in record order.
  static final int[][] FIELDS_V4 = {
    {8, 4}, {12, 4}, {7, 2}, {11, 2}, {4, 1}, {195, 1}, {2, 8}, {1, 8}, {152, 8}, {153, 8}, {136, 1}
  };
  static final int[][] FIELDS_V6 = {
    {27, 16}, {28, 16}, {7, 2}, {11, 2}, {4, 1}, {195, 1}, {2, 8}, {1, 8}, {152, 8}, {153, 8},
    {136, 1}
  };

  private final long activeTimeoutMs;
  private final long idleTimeoutMs;
  private final long exportIntervalMs;
  private final int domain;

  // The table: slots hold entry numbers (or -1); a flow's data lives in the entry arrays, so that
  // backward-shift deletion moves one int per slot instead of every field.
  private final int capacity;
  private final int[] slots;
  private final int mask;
  private final int[] free;
  private int freeCount;
  private final long[] hash;
  private final int[] version;
  private final int[] protocol;
  private final int[] dscp;
  private final long[] srcHi;
  private final long[] srcLo;
  private final long[] dstHi;
  private final long[] dstLo;
  private final int[] sport;
  private final int[] dport;
  private final long[] packetCount;
  private final long[] octetCount;
  private final long[] first;
  private final long[] last;

  private final DatagramSocket socket;
  private final byte[] message = new byte[MESSAGE_MAX];
  private final ByteBuffer out = ByteBuffer.wrap(message);
  private final DatagramPacket datagram;
  private long nextExport;
  private long sequence;
  private int recordsInMessage;

  private long packets;
  private long nonIp;
  private long tableFull;
  private long flowsCreated;
  private long flowsExported;
  private long messagesSent;
  private long exportErrors;

  MonitorNf(
      InetSocketAddress collector,
      int capacity,
      long activeTimeoutMs,
      long idleTimeoutMs,
      long exportIntervalMs,
      int domain)
      throws SocketException {
    this.activeTimeoutMs = activeTimeoutMs;
    this.idleTimeoutMs = idleTimeoutMs;
    this.exportIntervalMs = exportIntervalMs;
    this.domain = domain;
    this.capacity = capacity;
    int n = Integer.highestOneBit(Math.max(2, capacity) * 2 - 1) * 2;
    slots = new int[n];
    Arrays.fill(slots, -1);
    mask = n - 1;
    free = new int[capacity];
    for (int i = 0; i < capacity; i++) {
      free[i] = capacity - 1 - i;
    }
    freeCount = capacity;
    hash = new long[capacity];
    version = new int[capacity];
    protocol = new int[capacity];
    dscp = new int[capacity];
    srcHi = new long[capacity];
    srcLo = new long[capacity];
    dstHi = new long[capacity];
    dstLo = new long[capacity];
    sport = new int[capacity];
    dport = new int[capacity];
    packetCount = new long[capacity];
    octetCount = new long[capacity];
    first = new long[capacity];
    last = new long[capacity];
    socket = new DatagramSocket();
    datagram = new DatagramPacket(message, 0, collector);
  }

  @Override
  public void process(PacketBatch batch) {
    long now = System.currentTimeMillis();
    for (int i = 0; i < batch.size(); i++) {
      account(batch.packet(i), now);
    }
    if (now >= nextExport) {
      nextExport = now + exportIntervalMs;
      expire(now, false);
    }
  }

  private void account(ParsedPacket p, long now) {
    packets++;
    int v = p.ipVersion();
    if (v == 0) {
      nonIp++;
      return;
    }
    int proto = (int) PacketFields.get(p, PROTOCOL);
    int ds = (int) PacketFields.get(p, DSCP);
    int sp = p.hasPorts() ? (int) PacketFields.get(p, SPORT) : 0;
    int dp = p.hasPorts() ? (int) PacketFields.get(p, DPORT) : 0;
    long sh;
    long sl;
    long dh;
    long dl;
    if (v == 4) {
      sh = 0;
      sl = PacketFields.get(p, SIP);
      dh = 0;
      dl = PacketFields.get(p, DIP);
    } else {
      sh = PacketFields.ipv6High(p, SIP);
      sl = PacketFields.ipv6Low(p, SIP);
      dh = PacketFields.ipv6High(p, DIP);
      dl = PacketFields.ipv6Low(p, DIP);
    }
    long h =
        mix(
            sh,
            sl,
            dh,
            dl,
            ((long) v << 56) | ((long) proto << 48) | ((long) ds << 32) | ((long) sp << 16) | dp);
    int e = -1;
    int s = (int) h & mask;
    for (; slots[s] >= 0; s = (s + 1) & mask) {
      int c = slots[s];
      if (hash[c] == h
          && srcLo[c] == sl
          && dstLo[c] == dl
          && srcHi[c] == sh
          && dstHi[c] == dh
          && sport[c] == sp
          && dport[c] == dp
          && protocol[c] == proto
          && dscp[c] == ds
          && version[c] == v) {
        e = c;
        break;
      }
    }
    if (e < 0) {
      if (freeCount == 0) {
        // Counted, not evicted: evicting on the packet path would export per packet under attack.
        tableFull++;
        return;
      }
      e = free[--freeCount];
      slots[s] = e;
      hash[e] = h;
      version[e] = v;
      protocol[e] = proto;
      dscp[e] = ds;
      srcHi[e] = sh;
      srcLo[e] = sl;
      dstHi[e] = dh;
      dstLo[e] = dl;
      sport[e] = sp;
      dport[e] = dp;
      packetCount[e] = 0;
      octetCount[e] = 0;
      first[e] = now;
      flowsCreated++;
    }
    packetCount[e]++;
    octetCount[e] += p.l3End() - p.l3Offset();
    last[e] = now;
  }

  private static long mix(long a, long b, long c, long d, long e) {
    long h = a * 0x9e3779b97f4a7c15L;
    h = (h ^ b) * 0xbf58476d1ce4e5b9L;
    h = (h ^ c) * 0x94d049bb133111ebL;
    h = (h ^ d) * 0x9e3779b97f4a7c15L;
    h = (h ^ e) * 0xbf58476d1ce4e5b9L;
    return h ^ (h >>> 31);
  }

  /**
   * Exports every flow now and empties the table (flowEndReason 4, forced end): for shutdown and
   * tests. Call it from the thread that calls {@link #process}, or when that one has stopped.
   */
  public void flush() {
    expire(System.currentTimeMillis(), true);
  }

  private void expire(long now, boolean all) {
    for (int s = 0; s <= mask; s++) {
      int e = slots[s];
      while (e >= 0) {
        int reason =
            all
                ? FORCED
                : now - last[e] >= idleTimeoutMs
                    ? IDLE
                    : now - first[e] >= activeTimeoutMs ? ACTIVE : 0;
        if (reason == 0) {
          break;
        }
        append(e, reason);
        if (reason == ACTIVE) {
          // A long flow goes on: the next record carries the deltas since this one.
          packetCount[e] = 0;
          octetCount[e] = 0;
          first[e] = now;
          break;
        }
        remove(s);
        // Backward shift may have moved a later flow into this slot: look at it too.
        e = slots[s];
      }
    }
    send();
  }

  private void remove(int s) {
    int e = slots[s];
    int hole = s;
    for (int j = (hole + 1) & mask; slots[j] >= 0; j = (j + 1) & mask) {
      int home = (int) hash[slots[j]] & mask;
      boolean movable = hole <= j ? (home <= hole || home > j) : (home <= hole && home > j);
      if (movable) {
        slots[hole] = slots[j];
        hole = j;
      }
    }
    slots[hole] = -1;
    free[freeCount++] = e;
  }

  private void append(int e, int reason) {
    int length = version[e] == 4 ? RECORD_V4 : RECORD_V6;
    // One data set per record keeps v4 and v6 records in one message simple; 4 bytes per record.
    if (out.position() + 4 + length > MESSAGE_MAX || out.position() == 0) {
      if (out.position() != 0) {
        send();
      }
      begin();
    }
    out.putShort((short) (version[e] == 4 ? TEMPLATE_V4 : TEMPLATE_V6));
    out.putShort((short) (4 + length));
    if (version[e] == 4) {
      out.putInt((int) srcLo[e]).putInt((int) dstLo[e]);
    } else {
      out.putLong(srcHi[e]).putLong(srcLo[e]).putLong(dstHi[e]).putLong(dstLo[e]);
    }
    out.putShort((short) sport[e]).putShort((short) dport[e]);
    out.put((byte) protocol[e]).put((byte) dscp[e]);
    out.putLong(packetCount[e]).putLong(octetCount[e]).putLong(first[e]).putLong(last[e]);
    out.put((byte) reason);
    recordsInMessage++;
    flowsExported++;
  }

  /** Starts a message: the header (length and time filled in by send) and the template set. */
  private void begin() {
    out.clear();
    out.position(HEADER);
    int setStart = out.position();
    out.putShort((short) 2).putShort((short) 0);
    template(TEMPLATE_V4, FIELDS_V4);
    template(TEMPLATE_V6, FIELDS_V6);
    out.putShort(setStart + 2, (short) (out.position() - setStart));
    recordsInMessage = 0;
  }

  private void template(int id, int[][] fields) {
    out.putShort((short) id).putShort((short) fields.length);
    for (int[] f : fields) {
      out.putShort((short) f[0]).putShort((short) f[1]);
    }
  }

  private void send() {
    if (recordsInMessage == 0) {
      out.clear();
      return;
    }
    int length = out.position();
    out.putShort(0, (short) 10);
    out.putShort(2, (short) length);
    out.putInt(4, (int) (System.currentTimeMillis() / 1000));
    // The sequence number counts data records sent before this message (RFC 7011 §3.1).
    out.putInt(8, (int) sequence);
    out.putInt(12, domain);
    datagram.setLength(length);
    try {
      socket.send(datagram);
      messagesSent++;
    } catch (IOException e) {
      // The collector being away is no reason to fail the burst: counted, the flows are gone.
      exportErrors++;
    }
    sequence += recordsInMessage;
    recordsInMessage = 0;
    out.clear();
  }

  /** Closes the export socket (flows not yet exported are lost: {@link #flush} first). */
  @Override
  public void close() {
    socket.close();
  }

  /** Counters, read without locks (a value may lag the worker by a burst). */
  public Map<String, Long> counters() {
    Map<String, Long> m = new LinkedHashMap<>();
    m.put("packets", packets);
    m.put("non_ip", nonIp);
    m.put("flows_active", (long) (capacity - freeCount));
    m.put("flows_created", flowsCreated);
    m.put("flows_exported", flowsExported);
    m.put("flow_table_full", tableFull);
    m.put("ipfix_messages", messagesSent);
    m.put("export_errors", exportErrors);
    return m;
  }
}
