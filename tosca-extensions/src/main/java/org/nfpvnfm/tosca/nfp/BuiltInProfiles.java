package org.nfpvnfm.tosca.nfp;

import static org.nfpvnfm.tosca.nfp.Access.READ;
import static org.nfpvnfm.tosca.nfp.Access.READ_WRITE;
import static org.nfpvnfm.tosca.nfp.Access.WRITE;
import static org.nfpvnfm.tosca.nfp.PacketField.DIP;
import static org.nfpvnfm.tosca.nfp.PacketField.DMAC;
import static org.nfpvnfm.tosca.nfp.PacketField.DPORT;
import static org.nfpvnfm.tosca.nfp.PacketField.DSCP;
import static org.nfpvnfm.tosca.nfp.PacketField.PAYLOAD;
import static org.nfpvnfm.tosca.nfp.PacketField.PROTOCOL;
import static org.nfpvnfm.tosca.nfp.PacketField.SIP;
import static org.nfpvnfm.tosca.nfp.PacketField.SMAC;
import static org.nfpvnfm.tosca.nfp.PacketField.SPORT;
import static org.nfpvnfm.tosca.nfp.PacketField.TTL;

import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The action profiles the product knows by name: the eleven NF kinds of the paper's Table 1 (spec
 * §3) and an L3 forwarder, stated over the full {@link PacketField} set.
 *
 * <p>Each profile implies every cell of Table 1 for its NF and adds the accesses the paper's five
 * columns could not show: a firewall or a NAT matches on the protocol, since ports mean nothing
 * without it; a NIDS also reads TTL and DSCP (Snort rules match them); a NetFlow monitor keys flows
 * on protocol and ToS; an L3 forwarder reads the destination, decrements the TTL, rewrites both
 * MACs and drops expired packets. A declared read that an NF never does costs parallelism only; an
 * undeclared write breaks the result-correctness principle, so every write here is deliberate.
 * Checksums are not listed: they follow the writes (see {@link ActionProfile}).
 */
public final class BuiltInProfiles {

  public static final ActionProfile FIREWALL =
      profile(
          "firewall",
          Map.of(SIP, READ, DIP, READ, SPORT, READ, DPORT, READ, PROTOCOL, READ),
          false,
          true);

  public static final ActionProfile NIDS =
      profile(
          "nids",
          fields(
              SIP, READ, DIP, READ, SPORT, READ, DPORT, READ, PAYLOAD, READ, PROTOCOL, READ, TTL,
              READ, DSCP, READ),
          false,
          false);

  public static final ActionProfile GATEWAY =
      profile("gateway", Map.of(SIP, READ, DIP, READ), false, false);

  public static final ActionProfile LOAD_BALANCER =
      profile(
          "load_balancer",
          Map.of(SIP, READ_WRITE, DIP, READ_WRITE, SPORT, READ, DPORT, READ, PROTOCOL, READ),
          false,
          false);

  public static final ActionProfile CACHING =
      profile("caching", Map.of(SIP, READ, SPORT, READ, PAYLOAD, READ), false, false);

  public static final ActionProfile VPN =
      profile("vpn", Map.of(SIP, READ, DIP, READ, PAYLOAD, READ_WRITE), true, false);

  public static final ActionProfile NAT =
      profile(
          "nat",
          Map.of(
              SIP,
              READ_WRITE,
              DIP,
              READ_WRITE,
              SPORT,
              READ_WRITE,
              DPORT,
              READ_WRITE,
              PROTOCOL,
              READ),
          false,
          false);

  public static final ActionProfile PROXY =
      profile("proxy", Map.of(SIP, READ_WRITE, DIP, READ_WRITE), false, false);

  public static final ActionProfile COMPRESSION =
      profile("compression", Map.of(PAYLOAD, READ_WRITE), false, false);

  public static final ActionProfile TRAFFIC_SHAPER =
      profile("traffic_shaper", Map.of(), false, false);

  public static final ActionProfile MONITOR =
      profile(
          "monitor",
          Map.of(SIP, READ, DIP, READ, SPORT, READ, DPORT, READ, PROTOCOL, READ, DSCP, READ),
          false,
          false);

  public static final ActionProfile L3_FORWARDER =
      profile(
          "l3_forwarder",
          Map.of(DIP, READ, TTL, READ_WRITE, SMAC, WRITE, DMAC, WRITE),
          false,
          true);

  private static final Map<String, ActionProfile> BY_NAME = index();

  private BuiltInProfiles() {}

  /** The built-in profile called {@code name} (exact, lower case). */
  public static Optional<ActionProfile> byName(String name) {
    return Optional.ofNullable(BY_NAME.get(name));
  }

  /** Every built-in name, in the order of Table 1, then {@code l3_forwarder}. */
  public static Set<String> names() {
    return BY_NAME.keySet();
  }

  /** Every built-in profile by name, in the order of {@link #names()}. */
  public static Map<String, ActionProfile> all() {
    return BY_NAME;
  }

  private static Map<String, ActionProfile> index() {
    LinkedHashMap<String, ActionProfile> m = new LinkedHashMap<>();
    for (ActionProfile p :
        new ActionProfile[] {
          FIREWALL,
          NIDS,
          GATEWAY,
          LOAD_BALANCER,
          CACHING,
          VPN,
          NAT,
          PROXY,
          COMPRESSION,
          TRAFFIC_SHAPER,
          MONITOR,
          L3_FORWARDER
        }) {
      m.put(p.name(), p);
    }
    return java.util.Collections.unmodifiableMap(m);
  }

  private static ActionProfile profile(
      String name, Map<PacketField, Access> fields, boolean addRemove, boolean drop) {
    return new ActionProfile(name, fields, addRemove, drop);
  }

  private static Map<PacketField, Access> fields(Object... pairs) {
    EnumMap<PacketField, Access> m = new EnumMap<>(PacketField.class);
    for (int i = 0; i < pairs.length; i += 2) {
      m.put((PacketField) pairs[i], (Access) pairs[i + 1]);
    }
    return m;
  }
}
