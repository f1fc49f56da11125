package org.nfpvnfm.nf.caching;

import java.util.Map;
import java.util.Set;
import org.nfpvnfm.dpdk.nf.NetworkFunction;
import org.nfpvnfm.nf.NfConfig;
import org.nfpvnfm.nf.NfProvider;
import org.nfpvnfm.tosca.nfp.Access;
import org.nfpvnfm.tosca.nfp.ActionProfile;
import org.nfpvnfm.tosca.nfp.BuiltInProfiles;
import org.nfpvnfm.tosca.nfp.PacketField;

/**
 * The {@code caching} NF type: {@link CachingNf}. Properties: {@code cache_capacity} (objects the
 * modelled cache holds, default 1024), {@code url_table_size} (URLs with statistics, default 4096),
 * {@code max_url_length} (host + target bytes, default 512).
 */
public final class CachingProvider implements NfProvider {
  private static final Set<String> KEYS =
      Set.of("cache_capacity", "url_table_size", "max_url_length");

  /**
   * The built-in {@code caching} profile without SPORT: this NF reads the payload (requests) and
   * SIP (distinct clients per URL) but never a port, since it recognises HTTP by its request line
   * rather than by port. Declaring a read it never does would only cost parallelism.
   */
  static final ActionProfile PROFILE =
      BuiltInProfiles.CACHING.with("caching", Map.of(PacketField.SPORT, Access.NONE), false, false);

  @Override
  public String type() {
    return "caching";
  }

  @Override
  public ActionProfile profile() {
    return PROFILE;
  }

  @Override
  public NetworkFunction create(NfConfig config) {
    for (String key : config.properties().keySet()) {
      if (!KEYS.contains(key)) {
        config.problem(key + ": unknown property (expected: " + String.join(", ", KEYS) + ")");
      }
    }
    int cache = (int) config.integer("cache_capacity", 1024, 1, 1 << 22);
    int table = (int) config.integer("url_table_size", 4096, 1, 1 << 22);
    int maxUrl = (int) config.integer("max_url_length", 512, 16, 8192);
    long arena = (long) Math.max(cache, table) * maxUrl;
    if (arena > 1L << 28) {
      config.problem(
          "max_url_length "
              + maxUrl
              + " times the larger of cache_capacity and url_table_size is "
              + arena
              + " bytes of keys (expected: at most 268435456)");
    }
    config.check();
    return new CachingNf(table, cache, maxUrl);
  }
}
