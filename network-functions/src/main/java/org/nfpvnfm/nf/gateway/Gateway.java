package org.nfpvnfm.nf.gateway;

import static org.nfpvnfm.tosca.nfp.PacketField.DIP;
import static org.nfpvnfm.tosca.nfp.PacketField.SIP;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.nfpvnfm.dpdk.nf.NetworkFunction;
import org.nfpvnfm.dpdk.nf.PacketBatch;
import org.nfpvnfm.dpdk.packet.PacketFields;
import org.nfpvnfm.dpdk.packet.ParsedPacket;

/**
 * An address-based policy gateway: classifies each packet by the first policy (source prefix,
 * destination prefix) that matches it, in the configured order, and counts packets per policy and
 * per class. It is a classifier, not an enforcer: it writes nothing and drops nothing, as the
 * built-in {@code gateway} profile says (an enforcing variant would need {@code drop: true}).
 *
 * <p>Policies are kept as parallel arrays of (value, mask) pairs and scanned in order, as iptables
 * does: first match wins, so the order is the operator's, and no precomputed structure can reorder
 * it. An IPv4 address sits in the low 32 bits with a high mask of 0, so one loop serves both
 * families; {@code family} keeps an IPv4 policy from matching IPv6 packets and back.
 */
public final class Gateway implements NetworkFunction {
  /** One policy: family 0 (either, both sides {@code any}), 4 or 6. */
  record Policy(
      int family,
      long srcHigh,
      long srcLow,
      long srcHighMask,
      long srcLowMask,
      long dstHigh,
      long dstLow,
      long dstHighMask,
      long dstLowMask,
      int classIndex,
      String text) {}

  private final int[] family;
  private final long[] srcHigh;
  private final long[] srcLow;
  private final long[] srcHighMask;
  private final long[] srcLowMask;
  private final long[] dstHigh;
  private final long[] dstLow;
  private final long[] dstHighMask;
  private final long[] dstLowMask;
  private final int[] classOf;
  private final String[] policyText;
  private final String[] classNames;
  private final int defaultClass;
  private final long[] perPolicy;
  private final long[] perClass;
  private long defaulted;
  private long nonIp;

  Gateway(List<Policy> policies, List<String> classNames, int defaultClass) {
    int n = policies.size();
    family = new int[n];
    srcHigh = new long[n];
    srcLow = new long[n];
    srcHighMask = new long[n];
    srcLowMask = new long[n];
    dstHigh = new long[n];
    dstLow = new long[n];
    dstHighMask = new long[n];
    dstLowMask = new long[n];
    classOf = new int[n];
    policyText = new String[n];
    for (int r = 0; r < n; r++) {
      Policy p = policies.get(r);
      family[r] = p.family();
      srcHigh[r] = p.srcHigh();
      srcLow[r] = p.srcLow();
      srcHighMask[r] = p.srcHighMask();
      srcLowMask[r] = p.srcLowMask();
      dstHigh[r] = p.dstHigh();
      dstLow[r] = p.dstLow();
      dstHighMask[r] = p.dstHighMask();
      dstLowMask[r] = p.dstLowMask();
      classOf[r] = p.classIndex();
      policyText[r] = p.text();
    }
    this.classNames = classNames.toArray(String[]::new);
    this.defaultClass = defaultClass;
    perPolicy = new long[n];
    perClass = new long[this.classNames.length];
  }

  @Override
  public void process(PacketBatch batch) {
    for (int i = 0, n = batch.size(); i < n; i++) {
      ParsedPacket p = batch.packet(i);
      int version = p.ipVersion();
      long sh;
      long sl;
      long dh;
      long dl;
      if (version == 4) {
        sh = 0;
        sl = PacketFields.get(p, SIP);
        dh = 0;
        dl = PacketFields.get(p, DIP);
      } else if (version == 6) {
        sh = PacketFields.ipv6High(p, SIP);
        sl = PacketFields.ipv6Low(p, SIP);
        dh = PacketFields.ipv6High(p, DIP);
        dl = PacketFields.ipv6Low(p, DIP);
      } else {
        // No addresses to classify on: passed, in the default class.
        nonIp++;
        perClass[defaultClass]++;
        continue;
      }
      int match = -1;
      for (int r = 0; r < family.length; r++) {
        int f = family[r];
        if ((f == 0 || f == version)
            && (sl & srcLowMask[r]) == srcLow[r]
            && (dl & dstLowMask[r]) == dstLow[r]
            && (sh & srcHighMask[r]) == srcHigh[r]
            && (dh & dstHighMask[r]) == dstHigh[r]) {
          match = r;
          break;
        }
      }
      if (match >= 0) {
        perPolicy[match]++;
        perClass[classOf[match]]++;
      } else {
        defaulted++;
        perClass[defaultClass]++;
      }
    }
  }

  /**
   * {@code class.<name>} per class, {@code policy.<n>} per policy (1-based, in order), {@code
   * unmatched} (given the default class) and {@code non_ip}.
   */
  public Map<String, Long> counters() {
    Map<String, Long> c = new LinkedHashMap<>();
    for (int k = 0; k < classNames.length; k++) {
      c.put("class." + classNames[k], perClass[k]);
    }
    for (int r = 0; r < perPolicy.length; r++) {
      c.put("policy." + (r + 1), perPolicy[r]);
    }
    c.put("unmatched", defaulted);
    c.put("non_ip", nonIp);
    return c;
  }

  /** The policies in order, as configured (for the counters' {@code policy.<n>} names). */
  public List<String> policies() {
    return List.of(policyText);
  }
}
