package org.nfpvnfm.nf.gateway;

import java.util.ArrayList;
import java.util.List;
import org.jspecify.annotations.Nullable;
import org.nfpvnfm.dpdk.nf.NetworkFunction;
import org.nfpvnfm.nf.NfConfig;
import org.nfpvnfm.nf.NfProvider;
import org.nfpvnfm.nf.l3_forwarder.IpPrefix;
import org.nfpvnfm.tosca.nfp.ActionProfile;
import org.nfpvnfm.tosca.nfp.BuiltInProfiles;

/**
 * The {@code gateway} type. Configuration:
 *
 * <pre>
 * policies:                      # ordered, first match wins; "any" matches every address
 *   - from 10.0.0.0/8 to 192.168.0.0/16 class internal
 *   - from any to 2001:db8::/32 class lab
 * default_class: other           # optional; "default" when absent
 * </pre>
 *
 * <p>The profile is the built-in one exactly: SIP and DIP read, nothing written, never drops.
 */
public final class GatewayProvider implements NfProvider {

  @Override
  public String type() {
    return "gateway";
  }

  @Override
  public ActionProfile profile() {
    return BuiltInProfiles.GATEWAY;
  }

  @Override
  public NetworkFunction create(NfConfig config) {
    List<String> lines = config.strings("policies");
    String defaultName = config.string("default_class", "default");
    if (lines.isEmpty()) {
      config.problem("policies: none given (expected: from <prefix> to <prefix> class <name>)");
    }
    if (!validName(defaultName)) {
      config.problem("default_class: " + defaultName + " (expected: letters, digits, _ - .)");
    }
    List<String> classes = new ArrayList<>();
    List<Gateway.Policy> policies = new ArrayList<>();
    for (String line : lines) {
      String[] t = line.strip().split("\\s+");
      if (t.length != 6 || !t[0].equals("from") || !t[2].equals("to") || !t[4].equals("class")) {
        config.problem("policies: " + line + " (expected: from <prefix> to <prefix> class <name>)");
        continue;
      }
      IpPrefix src = prefix(config, line, t[1]);
      IpPrefix dst = prefix(config, line, t[3]);
      if (!validName(t[5])) {
        config.problem(
            "policies: " + line + ": class " + t[5] + " (expected: letters, digits, _ - .)");
        continue;
      }
      if ((t[1].equals("any") || src != null) && (t[3].equals("any") || dst != null)) {
        int family = src != null ? src.version() : dst != null ? dst.version() : 0;
        if (src != null && dst != null && src.version() != dst.version()) {
          config.problem("policies: " + line + ": an IPv4 and an IPv6 prefix never match together");
          continue;
        }
        int k = classes.indexOf(t[5]);
        if (k < 0) {
          classes.add(t[5]);
          k = classes.size() - 1;
        }
        policies.add(
            new Gateway.Policy(
                family,
                src == null ? 0 : src.high(),
                src == null ? 0 : src.low(),
                src == null ? 0 : src.highMask(),
                src == null ? 0 : src.lowMask(),
                dst == null ? 0 : dst.high(),
                dst == null ? 0 : dst.low(),
                dst == null ? 0 : dst.highMask(),
                dst == null ? 0 : dst.lowMask(),
                k,
                line.strip()));
      }
    }
    config.check();
    int def = classes.indexOf(defaultName);
    if (def < 0) {
      classes.add(defaultName);
      def = classes.size() - 1;
    }
    return new Gateway(policies, classes, def);
  }

  /** The prefix, or null for {@code any} and after a problem. */
  private static @Nullable IpPrefix prefix(NfConfig config, String line, String text) {
    if (text.equals("any")) {
      return null;
    }
    try {
      return IpPrefix.parse(text);
    } catch (IllegalArgumentException e) {
      config.problem("policies: " + line + ": " + e.getMessage());
      return null;
    }
  }

  private static boolean validName(String s) {
    return !s.isEmpty()
        && s.chars()
            .allMatch(c -> Character.isLetterOrDigit(c) || c == '_' || c == '-' || c == '.');
  }
}
