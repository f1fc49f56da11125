package org.nfpvnfm.nf.firewall;

import java.util.List;
import org.nfpvnfm.nf.NfConfig;
import org.nfpvnfm.nf.NfProvider;
import org.nfpvnfm.tosca.nfp.ActionProfile;
import org.nfpvnfm.tosca.nfp.BuiltInProfiles;

/**
 * The {@code firewall} NF type. Configuration:
 *
 * <ul>
 *   <li>{@code rules}: the rules, iptables command lines, in order: a property (a list of strings,
 *       or one string with a rule per line) or an artifact (a rule per line); blank lines and
 *       {@code #} comments are skipped. Required, though it may hold only a policy.
 * </ul>
 *
 * <p>Its profile is the built-in {@code firewall} profile: it reads SIP, DIP, SPORT, DPORT and
 * PROTOCOL (the fields the rules can test) and may drop.
 */
public final class FirewallProvider implements NfProvider {

  public static final String TYPE = "firewall";

  @Override
  public String type() {
    return TYPE;
  }

  @Override
  public ActionProfile profile() {
    return BuiltInProfiles.FIREWALL;
  }

  @Override
  public Firewall create(NfConfig config) {
    List<RuleLine> lines = RuleLines.read(config, "rules");
    if (lines == null) {
      config.problem(
          "rules: missing (expected: a property or an artifact \"rules\" with iptables lines such"
              + " as \"-A FORWARD -p tcp --dport 443 -j ACCEPT\" and \"-P FORWARD DROP\")");
      lines = List.of();
    }
    FirewallRules rules = FirewallRules.parse(lines, config::problem);
    config.check();
    return new Firewall(rules);
  }
}
