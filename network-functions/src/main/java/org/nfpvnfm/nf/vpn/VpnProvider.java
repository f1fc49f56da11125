package org.nfpvnfm.nf.vpn;

import static org.nfpvnfm.tosca.nfp.Access.READ_WRITE;
import static org.nfpvnfm.tosca.nfp.Access.WRITE;

import java.util.EnumMap;
import java.util.HexFormat;
import java.util.Locale;
import java.util.Map;
import org.jspecify.annotations.Nullable;
import org.nfpvnfm.dpdk.nf.NetworkFunction;
import org.nfpvnfm.nf.NfConfig;
import org.nfpvnfm.nf.NfProvider;
import org.nfpvnfm.tosca.nfp.Access;
import org.nfpvnfm.tosca.nfp.ActionProfile;
import org.nfpvnfm.tosca.nfp.BuiltInProfiles;
import org.nfpvnfm.tosca.nfp.PacketField;

/**
 * The {@code vpn} NF type: an ESP tunnel (RFC 4303 tunnel mode, AES-GCM as RFC 4106) that either
 * encapsulates or decapsulates; see {@link VpnNf} and docs/network-functions/vpn.md.
 */
public final class VpnProvider implements NfProvider {

  /**
   * The built-in {@code vpn} profile (SIP and DIP read, payload read and written, headers added or
   * removed) with two departures, both towards more, never less:
   *
   * <ul>
   *   <li>May drop: decapsulation drops packets that fail authentication, replays, unknown SPIs and
   *       packets without room to grow; the built-in says it never drops, which would let a
   *       parallel branch's copy of a forged packet through.
   *   <li>Writes SIP, DIP, PROTOCOL, TTL, DSCP, SPORT and DPORT: after encapsulation the packet's
   *       IP header is the outer one (tunnel endpoints, protocol 50, the configured TTL, the inner
   *       DSCP copied out) and it has no ports; decapsulation brings the inner header back. The
   *       header add/remove flag already forbids merging versions field by field, but a declared
   *       write keeps the profile honest for {@code nfp profile}, which compares field values.
   * </ul>
   */
  static final ActionProfile PROFILE = buildProfile();

  private static ActionProfile buildProfile() {
    Map<PacketField, Access> overrides = new EnumMap<>(PacketField.class);
    overrides.put(PacketField.SIP, READ_WRITE);
    overrides.put(PacketField.DIP, READ_WRITE);
    overrides.put(PacketField.PROTOCOL, READ_WRITE);
    overrides.put(PacketField.TTL, WRITE);
    overrides.put(PacketField.DSCP, READ_WRITE);
    overrides.put(PacketField.SPORT, WRITE);
    overrides.put(PacketField.DPORT, WRITE);
    overrides.put(PacketField.PAYLOAD, READ_WRITE);
    return BuiltInProfiles.VPN.with("vpn", overrides, true, true);
  }

  @Override
  public String type() {
    return "vpn";
  }

  @Override
  public ActionProfile profile() {
    return PROFILE;
  }

  @Override
  public NetworkFunction create(NfConfig config) {
    return createVpn(config);
  }

  /** As {@link #create}, typed, for callers (tests, tools) that read the counters. */
  public VpnNf createVpn(NfConfig config) {
    String modeText = config.string("mode", "").toLowerCase(Locale.ROOT);
    boolean encap = modeText.equals("encap");
    if (!encap && !modeText.equals("decap")) {
      config.problem(
          "mode: " + (modeText.isEmpty() ? "missing" : modeText) + " (expected: encap or decap)");
    }
    if (config.raw("spi") == null) {
      config.problem("spi: missing (expected: an integer from 256 to 4294967295)");
    }
    // SPIs 1 to 255 are reserved by IANA, 0 means "none" (RFC 4303 §2.1).
    long spi = config.integer("spi", 256, 256, 0xffff_ffffL);
    byte @Nullable [] key = hex(config, "key", true, 16, 32);
    byte @Nullable [] salt = hex(config, "salt", true, 4, 4);
    int local = ipv4(config, "local");
    int remote = ipv4(config, "remote");
    int ttl = (int) config.integer("ttl", 64, 1, 255);
    config.check();
    if (key == null || salt == null) {
      throw new IllegalStateException("check() passed without a key or salt");
    }
    return new VpnNf(encap, (int) spi, key, salt, local, remote, ttl);
  }

  private static byte @Nullable [] hex(
      NfConfig config, String name, boolean required, int minBytes, int maxBytes) {
    Object raw = config.raw(name);
    String expected =
        minBytes == maxBytes
            ? (2 * minBytes) + " hex digits"
            : (2 * minBytes) + " or " + (2 * maxBytes) + " hex digits";
    if (raw == null) {
      if (required) {
        config.problem(name + ": missing (expected: " + expected + ")");
      }
      return null;
    }
    if (!(raw instanceof String s)) {
      config.problem(name + ": not a string (expected: " + expected + ", quoted)");
      return null;
    }
    String digits = s.startsWith("0x") || s.startsWith("0X") ? s.substring(2) : s;
    int bytes = digits.length() / 2;
    if (digits.length() % 2 != 0 || (bytes != minBytes && bytes != maxBytes)) {
      config.problem(name + ": " + digits.length() + " hex digits (expected: " + expected + ")");
      return null;
    }
    for (int i = 0; i < digits.length(); i++) {
      if (Character.digit(digits.charAt(i), 16) < 0) {
        config.problem(
            name
                + ": '"
                + digits.charAt(i)
                + "' at "
                + i
                + " is not a hex digit (expected: 0-9a-f)");
        return null;
      }
    }
    return HexFormat.of().parseHex(digits);
  }

  private static int ipv4(NfConfig config, String name) {
    Object raw = config.raw(name);
    if (raw == null) {
      config.problem(name + ": missing (expected: an IPv4 address, a.b.c.d)");
      return 0;
    }
    if (raw instanceof String s) {
      String[] parts = s.split("\\.", -1);
      if (parts.length == 4) {
        int address = 0;
        boolean ok = true;
        for (String part : parts) {
          if (part.isEmpty() || part.length() > 3 || !part.chars().allMatch(Character::isDigit)) {
            ok = false;
            break;
          }
          int octet = Integer.parseInt(part);
          if (octet > 255) {
            ok = false;
            break;
          }
          address = (address << 8) | octet;
        }
        if (ok) {
          return address;
        }
      }
    }
    config.problem(name + ": " + raw + " (expected: an IPv4 address, a.b.c.d)");
    return 0;
  }
}
