package org.nfpvnfm.tosca.internal.nfp;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import org.jspecify.annotations.Nullable;
import org.nfpvnfm.tosca.DiagnosticCode;
import org.nfpvnfm.tosca.SourceLocation;
import org.nfpvnfm.tosca.internal.Diagnostics;
import org.nfpvnfm.tosca.nfp.Classifier;
import org.nfpvnfm.tosca.nfp.PortRange;

/**
 * Reads one set of match fields, in either vocabulary: Tacker's ACL ({@code
 * tosca.nfv.datatypes.aclType}: {@code ip_proto}, {@code destination_port_range: 80-1024}, ...) or
 * SOL001's {@code tosca.policies.nfv.NfpRule} ({@code protocol: tcp}, {@code
 * destination_port_range: [80, 1024]}, ...). Keys with no typed field are kept as text.
 */
final class ClassifierReader {

  private static final Map<String, Integer> PROTOCOLS =
      Map.of(
          "icmp",
          1,
          "igmp",
          2,
          "tcp",
          6,
          "udp",
          17,
          "gre",
          47,
          "esp",
          50,
          "ah",
          51,
          "ipv6-icmp",
          58,
          "icmpv6",
          58,
          "sctp",
          132);

  private final String name;
  private final SourceLocation where;
  private final Diagnostics diags;

  private ClassifierReader(String name, SourceLocation where, Diagnostics diags) {
    this.name = name;
    this.where = where;
    this.diags = diags;
  }

  static Classifier read(String name, Map<?, ?> fields, SourceLocation where, Diagnostics diags) {
    return new ClassifierReader(name, where, diags).read(fields);
  }

  private Classifier read(Map<?, ?> fields) {
    String smac = null;
    String dmac = null;
    String etherType = null;
    List<Integer> vlans = new ArrayList<>();
    Integer proto = null;
    Integer dscp = null;
    String sprefix = null;
    String dprefix = null;
    PortRange sports = null;
    PortRange dports = null;
    Map<String, String> other = new TreeMap<>();
    for (Map.Entry<?, ?> e : fields.entrySet()) {
      String key = String.valueOf(e.getKey());
      Object v = e.getValue();
      if (v == null) {
        continue;
      }
      switch (key) {
        case "eth_src", "ether_source_address" -> smac = text(key, v);
        case "eth_dst", "ether_destination_address" -> dmac = text(key, v);
        case "eth_type", "ether_type" -> etherType = text(key, v);
        case "vlan_id", "vlan_tag" -> vlans = vlans(key, v);
        case "ip_proto", "protocol" -> proto = protocol(key, v);
        case "ip_dscp", "dscp" -> dscp = dscp(key, v);
        case "ip_src_prefix", "source_ip_address_prefix" -> sprefix = text(key, v);
        case "ip_dst_prefix", "destination_ip_address_prefix" -> dprefix = text(key, v);
        case "source_port_range" -> sports = ports(key, v);
        case "destination_port_range" -> dports = ports(key, v);
        default -> other.put(key, String.valueOf(v));
      }
    }
    return new Classifier(
        name, smac, dmac, etherType, vlans, proto, dscp, sprefix, dprefix, sports, dports, other,
        where);
  }

  private String text(String key, Object v) {
    return String.valueOf(v);
  }

  private List<Integer> vlans(String key, Object v) {
    List<Integer> out = new ArrayList<>();
    for (Object o : v instanceof List<?> l ? l : List.of(v)) {
      Integer id = integer(o);
      if (id == null || id < 0 || id > 4095) {
        bad(key, o, "a VLAN id from 0 to 4095");
      } else {
        out.add(id);
      }
    }
    return out;
  }

  private @Nullable Integer protocol(String key, Object v) {
    Integer n = integer(v);
    if (n == null && v instanceof String s) {
      n = PROTOCOLS.get(s.toLowerCase(Locale.ROOT));
    }
    if (n == null || n < 0 || n > 255) {
      bad(
          key,
          v,
          "an IP protocol number (0-255) or one of "
              + String.join(", ", new TreeMap<>(PROTOCOLS).keySet()));
      return null;
    }
    return n;
  }

  private @Nullable Integer dscp(String key, Object v) {
    Integer n = null;
    if (v instanceof String s && !s.isEmpty() && s.length() <= 6 && s.matches("[01]+")) {
      n = Integer.parseInt(s, 2); // SOL001 writes the six DSCP bits as a string of 0 and 1
    } else if (v instanceof Number) {
      n = integer(v);
    }
    if (n == null || n < 0 || n > 63) {
      bad(key, v, "a DSCP value from 0 to 63 (or six bits such as \"101110\")");
      return null;
    }
    return n;
  }

  private @Nullable PortRange ports(String key, Object v) {
    Integer low = null;
    Integer high = null;
    if (v instanceof List<?> l && l.size() == 2) {
      low = integer(l.get(0));
      high =
          l.get(1) instanceof String s && s.equals("UNBOUNDED")
              ? Integer.valueOf(65535)
              : integer(l.get(1));
    } else if (v instanceof String s) {
      String[] parts = s.strip().split("\\s*-\\s*", -1);
      if (parts.length == 1 || parts.length == 2) {
        low = parseInt(parts[0]);
        high = parts.length == 2 ? parseInt(parts[1]) : low;
      }
    } else if (v instanceof Number) {
      low = integer(v);
      high = low;
    }
    if (low == null || high == null || low < 0 || high > 65535 || low > high) {
      bad(key, v, "a port range such as 80-1024 or [80, 1024] within 0-65535");
      return null;
    }
    return new PortRange(low, high);
  }

  private static @Nullable Integer integer(@Nullable Object o) {
    if (o instanceof Long l && l >= Integer.MIN_VALUE && l <= Integer.MAX_VALUE) {
      return l.intValue();
    }
    if (o instanceof Integer i) {
      return i;
    }
    if (o instanceof String s) {
      return parseInt(s);
    }
    return null;
  }

  private static @Nullable Integer parseInt(String s) {
    try {
      return Integer.valueOf(s.strip());
    } catch (NumberFormatException e) {
      return null;
    }
  }

  private void bad(String key, @Nullable Object v, String expected) {
    diags.report(
        DiagnosticCode.NFP_INVALID_GRAPH,
        where,
        "%s of classifier \"%s\" is %s; expected %s"
            .formatted(key, name, NfpExtractor.describe(v), expected));
  }
}
