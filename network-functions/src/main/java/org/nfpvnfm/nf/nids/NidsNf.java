package org.nfpvnfm.nf.nids;

import static org.nfpvnfm.tosca.nfp.PacketField.DIP;
import static org.nfpvnfm.tosca.nfp.PacketField.DPORT;
import static org.nfpvnfm.tosca.nfp.PacketField.DSCP;
import static org.nfpvnfm.tosca.nfp.PacketField.PAYLOAD;
import static org.nfpvnfm.tosca.nfp.PacketField.PROTOCOL;
import static org.nfpvnfm.tosca.nfp.PacketField.SIP;
import static org.nfpvnfm.tosca.nfp.PacketField.SPORT;
import static org.nfpvnfm.tosca.nfp.PacketField.TTL;

import java.lang.foreign.MemorySegment;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.nfpvnfm.dpdk.nf.NetworkFunction;
import org.nfpvnfm.dpdk.nf.PacketBatch;
import org.nfpvnfm.dpdk.packet.PacketFields;
import org.nfpvnfm.dpdk.packet.ParsedPacket;
import org.nfpvnfm.nf.nids.NidsRule.Content;

/**
 * A signature NIDS: every rule's contents are matched in one pass over the payload by an {@link
 * AhoCorasick} automaton; a rule whose contents all matched where they must (offset, depth, case)
 * and whose header matches (protocol, addresses, ports, TTL, DSCP) raises an alert. Alerts are
 * counted per sid and kept in a bounded ring of the most recent ones ({@link #recentAlerts}). It
 * never writes or drops a packet.
 *
 * <p>The packet path allocates nothing: the payload is copied with {@link PacketFields#read} into
 * one preallocated buffer (so every byte read is one the action profile declares), and "which
 * contents and rules matched this packet" is a stamp per pattern and per rule, compared with a
 * packet sequence number, rather than sets cleared per packet.
 */
public final class NidsNf implements NetworkFunction {
  /** Larger than any IP payload (16-bit lengths), so every payload fits. */
  static final int MAX_PAYLOAD = 65536;

  /** One alert, as {@link #recentAlerts} returns it. */
  public record Alert(
      long timeMillis,
      int sid,
      String msg,
      int protocol,
      String source,
      int sourcePort,
      String destination,
      int destinationPort) {}

  private final NidsRule[] rules;
  private final AhoCorasick automaton;
  private final boolean hasPatterns;
  // Per pattern (one per content of each rule): its rule, bytes, case rule and window.
  private final int[] patternRule;
  private final byte[][] patternBytes;
  private final boolean[] patternNocase;
  private final int[] patternOffset;
  private final int[] patternEnd;
  // Patterns of rule r are rulePatterns[r] to rulePatterns[r + 1] - 1.
  private final int[] rulePatterns;
  private final int[] headerOnlyRules;

  private final byte[] payload = new byte[MAX_PAYLOAD];
  private final MemorySegment payloadSegment = MemorySegment.ofArray(payload);
  private final int[] patternSeen;
  private final int[] ruleSeen;
  private final int[] candidates;
  private int sequence;

  private final long[] alertsBySid;
  private long packets;
  private long nonIp;
  private long scannedBytes;
  private long oversized;
  private long alerts;

  // The alert ring: the worker writes entry (written % capacity), then publishes written; a reader
  // keeps only the entries the worker cannot have overwritten while it copied them.
  private final int ringCapacity;
  private final long[] ringTime;
  private final int[] ringRule;
  private final int[] ringVersion;
  private final long[] ringSrcHi;
  private final long[] ringSrcLo;
  private final long[] ringDstHi;
  private final long[] ringDstLo;
  private final int[] ringProtocol;
  private final int[] ringSport;
  private final int[] ringDport;
  private volatile long written;

  NidsNf(List<NidsRule> ruleList, int ringCapacity) {
    this.rules = ruleList.toArray(new NidsRule[0]);
    List<byte[]> patterns = new ArrayList<>();
    List<Integer> headerOnly = new ArrayList<>();
    rulePatterns = new int[rules.length + 1];
    List<Content> contents = new ArrayList<>();
    List<Integer> owners = new ArrayList<>();
    for (int r = 0; r < rules.length; r++) {
      rulePatterns[r] = patterns.size();
      if (rules[r].contents().isEmpty()) {
        headerOnly.add(r);
      }
      for (Content c : rules[r].contents()) {
        patterns.add(c.bytes());
        contents.add(c);
        owners.add(r);
      }
    }
    rulePatterns[rules.length] = patterns.size();
    int n = patterns.size();
    automaton = new AhoCorasick(patterns);
    hasPatterns = n > 0;
    patternRule = new int[n];
    patternBytes = new byte[n][];
    patternNocase = new boolean[n];
    patternOffset = new int[n];
    patternEnd = new int[n];
    for (int i = 0; i < n; i++) {
      Content c = contents.get(i);
      patternRule[i] = owners.get(i);
      patternBytes[i] = c.bytes();
      patternNocase[i] = c.nocase();
      patternOffset[i] = c.offset();
      patternEnd[i] = c.depth() < 0 ? Integer.MAX_VALUE : c.offset() + c.depth();
    }
    headerOnlyRules = headerOnly.stream().mapToInt(Integer::intValue).toArray();
    patternSeen = new int[n];
    ruleSeen = new int[rules.length];
    candidates = new int[rules.length];
    alertsBySid = new long[rules.length];

    this.ringCapacity = ringCapacity;
    ringTime = new long[ringCapacity];
    ringRule = new int[ringCapacity];
    ringVersion = new int[ringCapacity];
    ringSrcHi = new long[ringCapacity];
    ringSrcLo = new long[ringCapacity];
    ringDstHi = new long[ringCapacity];
    ringDstLo = new long[ringCapacity];
    ringProtocol = new int[ringCapacity];
    ringSport = new int[ringCapacity];
    ringDport = new int[ringCapacity];
  }

  @Override
  public void process(PacketBatch batch) {
    long now = System.currentTimeMillis();
    for (int i = 0; i < batch.size(); i++) {
      inspect(batch.packet(i), now);
    }
  }

  private void inspect(ParsedPacket p, long now) {
    packets++;
    int version = p.ipVersion();
    if (version == 0) {
      // Every rule names an IP protocol; a non-IP frame cannot match.
      nonIp++;
      return;
    }
    int protocol = (int) PacketFields.get(p, PROTOCOL);
    int ttl = (int) PacketFields.get(p, TTL);
    int dscp = (int) PacketFields.get(p, DSCP);
    int sport = p.hasPorts() ? (int) PacketFields.get(p, SPORT) : -1;
    int dport = p.hasPorts() ? (int) PacketFields.get(p, DPORT) : -1;
    long srcHi;
    long srcLo;
    long dstHi;
    long dstLo;
    if (version == 4) {
      srcHi = 0;
      srcLo = PacketFields.get(p, SIP);
      dstHi = 0;
      dstLo = PacketFields.get(p, DIP);
    } else {
      srcHi = PacketFields.ipv6High(p, SIP);
      srcLo = PacketFields.ipv6Low(p, SIP);
      dstHi = PacketFields.ipv6High(p, DIP);
      dstLo = PacketFields.ipv6Low(p, DIP);
    }
    if (++sequence == 0) {
      // After 2^32 packets the stamps would alias: start them over.
      Arrays.fill(patternSeen, 0);
      Arrays.fill(ruleSeen, 0);
      sequence = 1;
    }
    int found = 0;
    int length = PacketFields.width(p, PAYLOAD);
    if (hasPatterns && length > 0) {
      if (length > payload.length) {
        oversized++;
      } else {
        PacketFields.read(p, PAYLOAD, payloadSegment, 0);
        scannedBytes += length;
        found = scan(length);
      }
    }
    for (int r : headerOnlyRules) {
      candidates[found++] = r;
    }
    for (int k = 0; k < found; k++) {
      int r = candidates[k];
      if (allContentsSeen(r)
          && headerMatches(
              rules[r], version, protocol, ttl, dscp, srcHi, srcLo, sport, dstHi, dstLo, dport)) {
        alert(r, now, version, protocol, srcHi, srcLo, sport, dstHi, dstLo, dport);
      }
    }
  }

  /** Runs the automaton over the payload; returns how many rules it put in {@code candidates}. */
  private int scan(int length) {
    int[] next = automaton.next;
    int[] outStart = automaton.outStart;
    int[] outputs = automaton.outputs;
    byte[] fold = AhoCorasick.FOLD;
    int seq = sequence;
    int found = 0;
    int state = 0;
    for (int i = 0; i < length; i++) {
      state = next[(state << 8) | (fold[payload[i] & 0xff] & 0xff)];
      int from = outStart[state];
      int to = outStart[state + 1];
      for (int k = from; k < to; k++) {
        int pattern = outputs[k];
        if (patternSeen[pattern] == seq) {
          continue;
        }
        int end = i + 1;
        int start = end - patternBytes[pattern].length;
        if (start < patternOffset[pattern] || end > patternEnd[pattern]) {
          continue;
        }
        if (!patternNocase[pattern] && !exact(patternBytes[pattern], start)) {
          continue;
        }
        patternSeen[pattern] = seq;
        int r = patternRule[pattern];
        if (ruleSeen[r] != seq) {
          ruleSeen[r] = seq;
          candidates[found++] = r;
        }
      }
    }
    return found;
  }

  private boolean exact(byte[] pattern, int start) {
    for (int j = 0; j < pattern.length; j++) {
      if (payload[start + j] != pattern[j]) {
        return false;
      }
    }
    return true;
  }

  private boolean allContentsSeen(int r) {
    for (int k = rulePatterns[r]; k < rulePatterns[r + 1]; k++) {
      if (patternSeen[k] != sequence) {
        return false;
      }
    }
    return true;
  }

  private static boolean headerMatches(
      NidsRule rule,
      int version,
      int protocol,
      int ttl,
      int dscp,
      long srcHi,
      long srcLo,
      int sport,
      long dstHi,
      long dstLo,
      int dport) {
    int want = rule.protocol();
    if (want >= 0
        && want != protocol
        && !(want == NidsRule.ICMP && protocol == NidsRule.ICMPV6 && version == 6)) {
      return false;
    }
    if (ttl < rule.ttlMin()
        || ttl > rule.ttlMax()
        || dscp < rule.dscpMin()
        || dscp > rule.dscpMax()) {
      return false;
    }
    if (rule.src().matches(version, srcHi, srcLo)
        && rule.srcPorts().matches(sport)
        && rule.dst().matches(version, dstHi, dstLo)
        && rule.dstPorts().matches(dport)) {
      return true;
    }
    return rule.bidirectional()
        && rule.src().matches(version, dstHi, dstLo)
        && rule.srcPorts().matches(dport)
        && rule.dst().matches(version, srcHi, srcLo)
        && rule.dstPorts().matches(sport);
  }

  private void alert(
      int r,
      long now,
      int version,
      int protocol,
      long srcHi,
      long srcLo,
      int sport,
      long dstHi,
      long dstLo,
      int dport) {
    alerts++;
    alertsBySid[r]++;
    long w = written;
    int slot = (int) (w % ringCapacity);
    ringTime[slot] = now;
    ringRule[slot] = r;
    ringVersion[slot] = version;
    ringSrcHi[slot] = srcHi;
    ringSrcLo[slot] = srcLo;
    ringDstHi[slot] = dstHi;
    ringDstLo[slot] = dstLo;
    ringProtocol[slot] = protocol;
    ringSport[slot] = sport;
    ringDport[slot] = dport;
    // The volatile write publishes the entry's plain writes to a reader that reads written first.
    written = w + 1;
  }

  /**
   * The most recent alerts (at most the ring's capacity), oldest first. Safe to call from another
   * thread while the NF runs; allocates, so not for the packet path.
   */
  public List<Alert> recentAlerts() {
    long end = written;
    long begin = Math.max(0, end - ringCapacity);
    List<Alert> out = new ArrayList<>();
    List<Long> index = new ArrayList<>();
    for (long k = begin; k < end; k++) {
      int slot = (int) (k % ringCapacity);
      NidsRule rule = rules[ringRule[slot]];
      int version = ringVersion[slot];
      out.add(
          new Alert(
              ringTime[slot],
              rule.sid(),
              rule.msg(),
              ringProtocol[slot],
              address(version, ringSrcHi[slot], ringSrcLo[slot]),
              ringSport[slot],
              address(version, ringDstHi[slot], ringDstLo[slot]),
              ringDport[slot]));
      index.add(k);
    }
    // Entries the worker reached while we copied may be torn: keep only those still in the ring.
    long after = written;
    List<Alert> kept = new ArrayList<>();
    for (int i = 0; i < out.size(); i++) {
      if (index.get(i) >= after - ringCapacity) {
        kept.add(out.get(i));
      }
    }
    return kept;
  }

  private static String address(int version, long hi, long lo) {
    byte[] b = new byte[version == 4 ? 4 : 16];
    if (version == 4) {
      for (int i = 0; i < 4; i++) {
        b[i] = (byte) (lo >>> (24 - 8 * i));
      }
    } else {
      for (int i = 0; i < 8; i++) {
        b[i] = (byte) (hi >>> (56 - 8 * i));
        b[i + 8] = (byte) (lo >>> (56 - 8 * i));
      }
    }
    try {
      return InetAddress.getByAddress(b).getHostAddress();
    } catch (UnknownHostException e) {
      throw new AssertionError("4 or 16 bytes are always an address", e);
    }
  }

  /**
   * Counters, read without locks from any thread (a value may lag the worker by a burst): packets
   * seen, non-IP frames, payload bytes scanned, payloads too large to scan, alerts, and alerts per
   * rule as {@code sid.N}.
   */
  public Map<String, Long> counters() {
    Map<String, Long> m = new LinkedHashMap<>();
    m.put("packets", packets);
    m.put("non_ip", nonIp);
    m.put("payload_bytes_scanned", scannedBytes);
    m.put("payload_oversized", oversized);
    m.put("alerts", alerts);
    for (int r = 0; r < rules.length; r++) {
      m.put("sid." + rules[r].sid(), alertsBySid[r]);
    }
    return m;
  }

  /** Automaton states, for tests and sizing. */
  int automatonStates() {
    return automaton.states;
  }
}
