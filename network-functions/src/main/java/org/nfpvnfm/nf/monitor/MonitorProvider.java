package org.nfpvnfm.nf.monitor;

import java.net.InetSocketAddress;
import java.net.SocketException;
import java.util.Set;
import org.nfpvnfm.dpdk.nf.NetworkFunction;
import org.nfpvnfm.nf.NfConfig;
import org.nfpvnfm.nf.NfProvider;
import org.nfpvnfm.tosca.nfp.ActionProfile;
import org.nfpvnfm.tosca.nfp.BuiltInProfiles;

/**
 * The {@code monitor} NF type: {@link MonitorNf}. Properties: {@code collector} ({@code host:port},
 * required), {@code active_timeout_ms} (60000), {@code idle_timeout_ms} (15000), {@code
 * export_interval_ms} (1000), {@code flow_table_size} (65536), {@code observation_domain} (0).
 */
public final class MonitorProvider implements NfProvider {
  private static final Set<String> KEYS =
      Set.of(
          "collector",
          "active_timeout_ms",
          "idle_timeout_ms",
          "export_interval_ms",
          "flow_table_size",
          "observation_domain");

  @Override
  public String type() {
    return "monitor";
  }

  /** The built-in {@code monitor} profile as it is: the flow key is what it reads. */
  @Override
  public ActionProfile profile() {
    return BuiltInProfiles.MONITOR;
  }

  @Override
  public NetworkFunction create(NfConfig config) {
    for (String key : config.properties().keySet()) {
      if (!KEYS.contains(key)) {
        config.problem(key + ": unknown property (expected: " + String.join(", ", KEYS) + ")");
      }
    }
    long active = config.integer("active_timeout_ms", 60_000, 1, 86_400_000);
    long idle = config.integer("idle_timeout_ms", 15_000, 1, 86_400_000);
    long interval = config.integer("export_interval_ms", 1000, 1, 3_600_000);
    int size = (int) config.integer("flow_table_size", 65536, 1, 1 << 24);
    int domain = (int) config.integer("observation_domain", 0, 0, 0xffff_ffffL);
    String collector = config.string("collector", "");
    InetSocketAddress address = null;
    if (collector.isEmpty()) {
      config.problem("collector: missing (expected: host:port of an IPFIX collector)");
    } else {
      int colon = collector.lastIndexOf(':');
      String host = colon > 0 ? collector.substring(0, colon) : "";
      if (host.startsWith("[") && host.endsWith("]")) {
        host = host.substring(1, host.length() - 1);
      }
      int port = -1;
      try {
        port = colon > 0 ? Integer.parseInt(collector.substring(colon + 1)) : -1;
      } catch (NumberFormatException e) {
        port = -1;
      }
      if (host.isEmpty() || port < 1 || port > 65535) {
        config.problem(
            "collector: " + collector + " (expected: host:port, port 1 to 65535; [v6]:port)");
      } else {
        address = new InetSocketAddress(host, port);
        if (address.isUnresolved()) {
          config.problem("collector: cannot resolve " + host);
        }
      }
    }
    config.check();
    try {
      return new MonitorNf(
          java.util.Objects.requireNonNull(address), size, active, idle, interval, domain);
    } catch (SocketException e) {
      throw new IllegalStateException(
          "monitor: cannot open the export socket: " + e.getMessage(), e);
    }
  }
}
