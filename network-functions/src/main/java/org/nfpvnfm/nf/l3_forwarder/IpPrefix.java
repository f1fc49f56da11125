package org.nfpvnfm.nf.l3_forwarder;

import java.net.Inet6Address;
import java.util.Locale;

/**
 * An IPv4 or IPv6 prefix ({@code 10.0.0.0/8}, {@code 2001:db8::/32}) as the NFs' configurations
 * write it: IPv4 as the low 32 bits of {@link #low}, IPv6 as two longs in network order. A bare
 * address is a host prefix (/32 or /128). Bits past the length must be zero, as {@code ip route}
 * requires, so that a typo such as {@code 10.1.0.0/8} is reported instead of silently widened.
 *
 * <p>Public so that the gateway and proxy reuse it; it belongs in the SDK (see the module's
 * hand-over notes).
 */
public record IpPrefix(int version, long high, long low, int length) {

  public IpPrefix {
    if (version != 4 && version != 6) {
      throw new IllegalArgumentException("version: " + version + " (expected: 4 or 6)");
    }
    int max = version == 4 ? 32 : 128;
    if (length < 0 || length > max) {
      throw new IllegalArgumentException("length: " + length + " (expected: 0 to " + max + ")");
    }
  }

  /**
   * Parses {@code text}.
   *
   * @throws IllegalArgumentException with a message naming what is wrong
   */
  public static IpPrefix parse(String text) {
    String t = text.strip();
    int slash = t.indexOf('/');
    String addr = slash < 0 ? t : t.substring(0, slash);
    boolean v6 = addr.indexOf(':') >= 0;
    int max = v6 ? 128 : 32;
    int length = max;
    if (slash >= 0) {
      String len = t.substring(slash + 1);
      if (len.isEmpty() || len.length() > 3 || !len.chars().allMatch(Character::isDigit)) {
        throw new IllegalArgumentException(
            "prefix " + text + ": bad length (expected: 0 to " + max + ")");
      }
      length = Integer.parseInt(len);
      if (length > max) {
        throw new IllegalArgumentException(
            "prefix " + text + ": length " + length + " (expected: 0 to " + max + ")");
      }
    }
    IpPrefix p;
    if (v6) {
      // ofLiteral never resolves names; a scope id (%eth0) means nothing in a route.
      if (addr.indexOf('%') >= 0) {
        throw new IllegalArgumentException("prefix " + text + ": a scope id is not allowed");
      }
      byte[] b;
      try {
        b = Inet6Address.ofLiteral(addr).getAddress();
      } catch (IllegalArgumentException e) {
        throw new IllegalArgumentException(
            "prefix " + text + ": not an IPv6 address (" + e.getMessage() + ")", e);
      }
      if (b.length != 16) {
        // ofLiteral turns an IPv4-mapped literal into an Inet4Address.
        throw new IllegalArgumentException(
            "prefix " + text + ": an IPv4-mapped address (expected: plain IPv6 or IPv4)");
      }
      p = new IpPrefix(6, bytesToLong(b, 0), bytesToLong(b, 8), length);
    } else {
      p = new IpPrefix(4, 0, parseIpv4(addr, text), length);
    }
    if (p.high != (p.high & p.highMask()) || p.low != (p.low & p.lowMask())) {
      throw new IllegalArgumentException(
          "prefix " + text + ": host bits set (expected: " + p.masked() + ")");
    }
    return p;
  }

  /** An IPv4 address (dotted quad) as an unsigned 32-bit value. */
  public static long parseIpv4(String addr, String context) {
    String[] parts = addr.split("\\.", -1);
    if (parts.length != 4) {
      throw new IllegalArgumentException(context + ": not an IPv4 address (expected: a.b.c.d)");
    }
    long v = 0;
    for (String part : parts) {
      if (part.isEmpty() || part.length() > 3 || !part.chars().allMatch(Character::isDigit)) {
        throw new IllegalArgumentException(context + ": not an IPv4 address (expected: a.b.c.d)");
      }
      int octet = Integer.parseInt(part);
      if (octet > 255) {
        throw new IllegalArgumentException(context + ": octet " + octet + " (expected: 0 to 255)");
      }
      v = (v << 8) | octet;
    }
    return v;
  }

  /** The mask of the high 64 bits (IPv6) or 0 (IPv4). */
  public long highMask() {
    if (version == 4) {
      return 0;
    }
    return length == 0 ? 0 : length >= 64 ? -1L : -1L << (64 - length);
  }

  /** The mask of the low 64 bits (IPv6), or of the 32-bit address (IPv4). */
  public long lowMask() {
    if (version == 4) {
      return length == 0 ? 0 : (0xffff_ffffL << (32 - length)) & 0xffff_ffffL;
    }
    return length <= 64 ? 0 : length == 128 ? -1L : -1L << (128 - length);
  }

  /** Whether the IPv4 address {@code addr} (unsigned 32 bits) is in this IPv4 prefix. */
  public boolean contains4(long addr) {
    return version == 4 && (addr & lowMask()) == low;
  }

  /** Whether the IPv6 address {@code hi}:{@code lo} is in this IPv6 prefix. */
  public boolean contains6(long hi, long lo) {
    return version == 6 && (hi & highMask()) == high && (lo & lowMask()) == low;
  }

  private String masked() {
    return new IpPrefix(version, high & highMask(), low & lowMask(), length).toString();
  }

  @Override
  public String toString() {
    if (version == 4) {
      return (low >>> 24)
          + "."
          + ((low >>> 16) & 0xff)
          + "."
          + ((low >>> 8) & 0xff)
          + "."
          + (low & 0xff)
          + "/"
          + length;
    }
    StringBuilder sb = new StringBuilder();
    for (int i = 0; i < 8; i++) {
      long word = ((i < 4 ? high : low) >>> (48 - 16 * (i % 4))) & 0xffff;
      if (i > 0) {
        sb.append(':');
      }
      sb.append(Long.toHexString(word));
    }
    return sb.append('/').append(length).toString().toLowerCase(Locale.ROOT);
  }

  private static long bytesToLong(byte[] b, int from) {
    long v = 0;
    for (int i = 0; i < 8; i++) {
      v = (v << 8) | (b[from + i] & 0xff);
    }
    return v;
  }
}
