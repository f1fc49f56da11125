package org.nfpvnfm.nf.nat;

import java.util.ArrayList;
import java.util.List;
import org.nfpvnfm.nf.NfConfig;
import org.nfpvnfm.nf.NfProvider;
import org.nfpvnfm.nf.firewall.Prefix;
import org.nfpvnfm.tosca.nfp.ActionProfile;
import org.nfpvnfm.tosca.nfp.BuiltInProfiles;

/**
 * The {@code nat} NF type. Configuration (see docs/network-functions/nat.md):
 *
 * <ul>
 *   <li>{@code public_address} (required): the IPv4 or IPv6 address outbound packets leave from;
 *   <li>{@code internal}: the source prefixes to translate (a list; default every address of the
 *       public address's version);
 *   <li>{@code port_min}, {@code port_max}: the public ports to hand out (default 1024 to 65535);
 *   <li>{@code max_mappings}: the table's size (default: every port, for TCP and for UDP);
 *   <li>{@code tcp_timeout}, {@code udp_timeout}: idle seconds before a mapping expires (default
 *       7440 and 300: RFC 5382 and RFC 4787);
 *   <li>{@code seed}: the order free ports are handed out in (default 0: the same run, the same
 *       ports, which the parallel-versus-sequential comparisons rely on).
 * </ul>
 *
 * <p>Its profile is exactly the built-in {@code nat} profile: it reads and writes SIP and SPORT
 * (outbound), DIP and DPORT (return traffic), reads PROTOCOL, and never drops: a packet it cannot
 * translate (table full, no mapping, another protocol) passes unchanged and is counted, so a
 * deployment that must not leak internal addresses puts a firewall after it.
 */
public final class NatProvider implements NfProvider {

  public static final String TYPE = "nat";

  @Override
  public String type() {
    return TYPE;
  }

  @Override
  public ActionProfile profile() {
    return BuiltInProfiles.NAT;
  }

  @Override
  public Nat create(NfConfig config) {
    NatSettings settings = settings(config);
    config.check();
    return new Nat(settings, System::nanoTime);
  }

  static NatSettings settings(NfConfig config) {
    byte[] address = null;
    String text = config.string("public_address", "");
    if (text.isEmpty()) {
      config.problem(
          "public_address: missing (expected: the IPv4 or IPv6 address translated packets leave"
              + " from, such as 203.0.113.1)");
    } else {
      address = text.indexOf(':') >= 0 ? Prefix.ipv6(text) : Prefix.ipv4(text);
      if (address == null) {
        config.problem(
            "public_address: "
                + text
                + " (expected: an IPv4 address such as 203.0.113.1 or an IPv6 address such as"
                + " 2001:db8::1)");
      }
    }
    int version = address == null ? 0 : address.length == 4 ? 4 : 6;
    List<Prefix> internal = new ArrayList<>();
    for (String p : config.strings("internal")) {
      Prefix prefix = Prefix.parse(p);
      if (prefix == null) {
        config.problem("internal: " + p + " (expected: a prefix such as 10.0.0.0/8 or fd00::/8)");
      } else if (version != 0 && prefix.version() != version) {
        config.problem(
            "internal: "
                + p
                + " is IPv"
                + prefix.version()
                + " but public_address is IPv"
                + version
                + " (expected: prefixes of the public address's version)");
      } else {
        internal.add(prefix);
      }
    }
    if (config.raw("internal") == null && version != 0) {
      internal.add(Prefix.of(new byte[version == 4 ? 4 : 16], 0));
    }
    int portMin = (int) config.integer("port_min", 1024, 1, 65535);
    int portMax = (int) config.integer("port_max", 65535, 1, 65535);
    if (portMin > portMax) {
      config.problem(
          "port_min "
              + portMin
              + " is above port_max "
              + portMax
              + " (expected: port_min <= port_max)");
      portMax = portMin;
    }
    int ports = portMax - portMin + 1;
    int maxMappings = (int) config.integer("max_mappings", 2L * ports, 1, 2L * ports);
    long tcp = config.integer("tcp_timeout", 7440, 1, 7 * 86400);
    long udp = config.integer("udp_timeout", 300, 1, 7 * 86400);
    long seed = config.integer("seed", 0, Long.MIN_VALUE, Long.MAX_VALUE);
    return new NatSettings(
        address == null ? new byte[4] : address,
        internal,
        portMin,
        portMax,
        maxMappings,
        tcp * 1_000_000_000L,
        udp * 1_000_000_000L,
        seed);
  }
}
