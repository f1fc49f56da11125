package org.nfpvnfm.nf.trafficshaper;

import static org.nfpvnfm.tosca.nfp.Access.READ;
import static org.nfpvnfm.tosca.nfp.Access.READ_WRITE;

import java.util.List;
import java.util.Map;
import org.nfpvnfm.nf.NfConfig;
import org.nfpvnfm.nf.NfProvider;
import org.nfpvnfm.nf.firewall.RuleLine;
import org.nfpvnfm.nf.firewall.RuleLines;
import org.nfpvnfm.tosca.nfp.ActionProfile;
import org.nfpvnfm.tosca.nfp.BuiltInProfiles;
import org.nfpvnfm.tosca.nfp.PacketField;

/**
 * The {@code traffic_shaper} NF type. Configuration (see docs/network-functions/traffic_shaper.md):
 *
 * <ul>
 *   <li>{@code classes} (required): a property (a list of strings, or one string with a class per
 *       line) or an artifact, a class per line: {@code NAME [match] --rate RATE [--burst SIZE]
 *       [--mark DSCP]}, the match in the firewall's syntax plus {@code [!] --dscp};
 *   <li>{@code mode}: {@code drop} (default) or {@code mark};
 *   <li>{@code mark_dscp}: the DSCP exceeding packets get in mark mode, where a class gives no
 *       {@code --mark} (default 0, best effort).
 * </ul>
 *
 * <p><b>Profile.</b> The built-in {@code traffic_shaper} profile is empty: the paper's shaper only
 * delays packets. This one polices instead (an NF cannot hold packets past its burst), so its
 * profile says what it really does: it reads DSCP, SIP, DIP, SPORT, DPORT and PROTOCOL (what a
 * class may match on), writes DSCP (mark mode) and may drop (drop mode). A profile belongs to the
 * type, not to one configuration, so it declares both modes and every field a class can test:
 * declaring a read a configuration does not use costs parallelism only, while leaving out a write
 * or a drop would break the result-correctness principle. Descriptors that use this NF should give
 * it this profile, not the built-in one.
 */
public final class TrafficShaperProvider implements NfProvider {

  public static final String TYPE = "traffic_shaper";

  static final ActionProfile PROFILE =
      BuiltInProfiles.TRAFFIC_SHAPER.with(
          TYPE,
          Map.of(
              PacketField.DSCP,
              READ_WRITE,
              PacketField.SIP,
              READ,
              PacketField.DIP,
              READ,
              PacketField.SPORT,
              READ,
              PacketField.DPORT,
              READ,
              PacketField.PROTOCOL,
              READ),
          false,
          true);

  @Override
  public String type() {
    return TYPE;
  }

  @Override
  public ActionProfile profile() {
    return PROFILE;
  }

  @Override
  public TrafficShaper create(NfConfig config) {
    String mode = config.string("mode", "drop");
    if (!mode.equals("drop") && !mode.equals("mark")) {
      config.problem("mode: " + mode + " (expected: drop or mark)");
    }
    int markDscp = (int) config.integer("mark_dscp", 0, 0, 63);
    List<RuleLine> lines = RuleLines.read(config, "classes");
    if (lines == null) {
      config.problem(
          "classes: missing (expected: a property or an artifact \"classes\" with a class per line"
              + " such as \"voice --dscp ef --rate 2mbit --burst 16kb\")");
      lines = List.of();
    }
    List<ShaperClasses.ShaperClass> classes = ShaperClasses.parse(lines, markDscp, config::problem);
    config.check();
    return new TrafficShaper(classes, mode.equals("drop"), System::nanoTime);
  }
}
