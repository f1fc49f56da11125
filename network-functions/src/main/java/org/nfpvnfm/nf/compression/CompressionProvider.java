package org.nfpvnfm.nf.compression;

import java.util.Locale;
import java.util.Map;
import org.nfpvnfm.dpdk.nf.NetworkFunction;
import org.nfpvnfm.nf.NfConfig;
import org.nfpvnfm.nf.NfProvider;
import org.nfpvnfm.tosca.nfp.ActionProfile;
import org.nfpvnfm.tosca.nfp.BuiltInProfiles;

/**
 * The {@code compression} NF type: DEFLATE (zlib format) on TCP and UDP payloads; see {@link
 * CompressionNf} and docs/network-functions/compression.md.
 */
public final class CompressionProvider implements NfProvider {

  /**
   * The built-in {@code compression} profile (payload read and written, never drops) with one
   * departure: it changes the payload's length, which dpdk-node treats as a header change, not a
   * field write ({@code PacketFields.copyField} refuses payloads of different lengths), so the
   * add/remove flag is set. It also makes the IPv4 header checksum follow (the total length
   * changes). It never drops: a payload it cannot handle passes unchanged.
   */
  static final ActionProfile PROFILE =
      BuiltInProfiles.COMPRESSION.with("compression", Map.of(), true, false);

  @Override
  public String type() {
    return "compression";
  }

  @Override
  public ActionProfile profile() {
    return PROFILE;
  }

  @Override
  public NetworkFunction create(NfConfig config) {
    return createCompression(config);
  }

  /** As {@link #create}, typed, for callers (tests, tools) that read the counters. */
  public CompressionNf createCompression(NfConfig config) {
    String mode = config.string("mode", "").toLowerCase(Locale.ROOT);
    boolean compress = mode.equals("compress");
    if (!compress && !mode.equals("decompress")) {
      config.problem(
          "mode: " + (mode.isEmpty() ? "missing" : mode) + " (expected: compress or decompress)");
    }
    int level = (int) config.integer("level", 6, 1, 9);
    if (mode.equals("decompress") && config.raw("level") != null) {
      config.problem("level: only for mode compress");
    }
    config.check();
    return new CompressionNf(compress, level);
  }
}
