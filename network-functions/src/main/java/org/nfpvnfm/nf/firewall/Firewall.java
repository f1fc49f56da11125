package org.nfpvnfm.nf.firewall;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.nfpvnfm.dpdk.nf.NetworkFunction;
import org.nfpvnfm.dpdk.nf.PacketBatch;
import org.nfpvnfm.dpdk.packet.ParsedPacket;

/**
 * A stateless packet filter: the first rule a packet matches accepts or drops it, and the policy
 * decides for packets no rule matches. Reads only the fields its rules test (SIP, DIP, SPORT,
 * DPORT, PROTOCOL, as the built-in firewall profile declares), writes nothing, drops.
 *
 * <p>Per rule, and for the policy, it counts packets and bytes (frame bytes, without the FCS);
 * {@link #counters()} reads them from any thread.
 */
public final class Firewall implements NetworkFunction {

  /** One rule's counters, or the policy's (the last of {@link #counters()}). */
  public record RuleCounter(String rule, boolean accept, long packets, long bytes) {}

  private final MatchTable table;
  private final boolean[] verdicts;
  private final List<String> names;
  private final Counters packets;
  private final Counters bytes;

  Firewall(FirewallRules rules) {
    List<Match> matches = new ArrayList<>();
    int n = rules.rules().size();
    verdicts = new boolean[n + 1];
    List<String> ruleNames = new ArrayList<>();
    for (int r = 0; r < n; r++) {
      FirewallRules.Rule rule = rules.rules().get(r);
      matches.add(rule.match());
      verdicts[r] = rule.accept();
      ruleNames.add(rule.line().toString());
    }
    verdicts[n] = rules.policyAccept();
    var policy = rules.policyLine();
    ruleNames.add(
        policy == null
            ? "policy ACCEPT (no -P " + FirewallRules.CHAIN + " line)"
            : policy.toString());
    table = MatchTable.compile(matches);
    names = List.copyOf(ruleNames);
    packets = new Counters(n + 1);
    bytes = new Counters(n + 1);
  }

  @Override
  public void process(PacketBatch batch) {
    final int policy = verdicts.length - 1;
    for (int i = 0; i < batch.size(); i++) {
      ParsedPacket p = batch.packet(i);
      int r = table.first(p);
      if (r < 0) {
        r = policy;
      }
      packets.increment(r);
      bytes.add(r, p.packetLength());
      if (!verdicts[r]) {
        batch.drop(i);
      }
    }
  }

  /** The rules, without the policy. */
  public int ruleCount() {
    return verdicts.length - 1;
  }

  /** Packets that rule {@code rule} decided; {@code ruleCount()} is the policy. */
  public long packets(int rule) {
    return packets.get(rule);
  }

  /** Bytes of the packets that rule {@code rule} decided; {@code ruleCount()} is the policy. */
  public long bytes(int rule) {
    return bytes.get(rule);
  }

  /**
   * The counters by name, rules first in order, then the policy: {@code rule N packets}, {@code
   * rule N bytes} (N from 1, as {@link #ruleCounters()} lists them), {@code policy packets}, {@code
   * policy bytes}. Allocates: for statistics, not the packet path.
   */
  public Map<String, Long> counters() {
    Map<String, Long> out = new LinkedHashMap<>();
    int policy = verdicts.length - 1;
    for (int r = 0; r <= policy; r++) {
      String name = r == policy ? "policy" : "rule " + (r + 1);
      out.put(name + " packets", packets.get(r));
      out.put(name + " bytes", bytes.get(r));
    }
    return out;
  }

  /** Every rule's counters with its text, in order, then the policy's; allocates. */
  public List<RuleCounter> ruleCounters() {
    List<RuleCounter> out = new ArrayList<>();
    for (int r = 0; r < verdicts.length; r++) {
      out.add(new RuleCounter(names.get(r), verdicts[r], packets.get(r), bytes.get(r)));
    }
    return out;
  }

  /** The compiled rules (for tests: which fields they read). */
  MatchTable table() {
    return table;
  }
}
