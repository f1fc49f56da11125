package org.nfpvnfm.nf.nids;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.jspecify.annotations.Nullable;
import org.nfpvnfm.dpdk.nf.NetworkFunction;
import org.nfpvnfm.nf.NfConfig;
import org.nfpvnfm.nf.NfProvider;
import org.nfpvnfm.tosca.nfp.ActionProfile;
import org.nfpvnfm.tosca.nfp.BuiltInProfiles;

/**
 * The {@code nids} NF type: {@link NidsNf}. Configuration: {@code rules} (a list of rules, and/or
 * an artifact {@code rules} with one rule per line, {@code #} comments) and {@code alert_ring} (how
 * many recent alerts to keep, default 1024).
 */
public final class NidsProvider implements NfProvider {
  private static final Set<String> KEYS = Set.of("rules", "alert_ring");

  @Override
  public String type() {
    return "nids";
  }

  /**
   * The built-in {@code nids} profile as it is: the NF reads SIP, DIP, PROTOCOL, TTL, DSCP (rules
   * match them), SPORT and DPORT when the packet has ports, and the payload; it writes and drops
   * nothing.
   */
  @Override
  public ActionProfile profile() {
    return BuiltInProfiles.NIDS;
  }

  @Override
  public NetworkFunction create(NfConfig config) {
    for (String key : config.properties().keySet()) {
      if (!KEYS.contains(key)) {
        config.problem(key + ": unknown property (expected: rules, alert_ring)");
      }
    }
    int ring = (int) config.integer("alert_ring", 1024, 1, 1 << 20);
    List<NidsRule> rules = new ArrayList<>();
    List<String> listed = config.strings("rules");
    for (int i = 0; i < listed.size(); i++) {
      add(config, rules, listed.get(i), "rules[" + i + "]");
    }
    @Nullable String artifact = config.artifact("rules");
    if (artifact != null) {
      String[] lines = artifact.split("\\R", -1);
      for (int i = 0; i < lines.length; i++) {
        String line = lines[i].strip();
        if (!line.isEmpty() && !line.startsWith("#")) {
          add(config, rules, line, "rules artifact line " + (i + 1));
        }
      }
    }
    if (rules.isEmpty() && config.raw("rules") == null && artifact == null) {
      config.problem("rules: none given (expected: a property rules or an artifact rules)");
    }
    Map<Integer, Integer> seen = new HashMap<>();
    for (NidsRule r : rules) {
      if (seen.merge(r.sid(), 1, Integer::sum) == 2) {
        config.problem("sid " + r.sid() + " is used by more than one rule");
      }
    }
    config.check();
    return new NidsNf(rules, ring);
  }

  private static void add(NfConfig config, List<NidsRule> rules, String text, String where) {
    try {
      rules.add(NidsRuleParser.parse(text));
    } catch (IllegalArgumentException e) {
      config.problem(where + ": " + e.getMessage());
    }
  }
}
