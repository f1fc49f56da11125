package org.nfpvnfm.dpdk.trace;

import java.net.Inet6Address;
import java.net.InetAddress;

/**
 * An IPv4 or IPv6 prefix that a trace draws destination addresses from ({@code 192.168.0.0/16},
 * {@code 2001:db8::/32}). IPv4 is the low 32 bits of {@link #low}; IPv6 is {@link #high} and {@link
 * #low} in network order. Bits past the length must be zero, as {@code ip route} requires, so that
 * a typo such as {@code 10.1.0.0/8} is reported rather than silently widened.
 */
public record Prefix(int version, long high, long low, int length) {

  public Prefix {
    if (version != 4 && version != 6) {
      throw new IllegalArgumentException("version: " + version + " (expected: 4 or 6)");
    }
    int max = version == 4 ? 32 : 128;
    if (length < 0 || length > max) {
      throw new IllegalArgumentException("length: " + length + " (expected: 0 to " + max + ")");
    }
    if (version == 4 && (high != 0 || (low >>> 32) != 0)) {
      throw new IllegalArgumentException(
          "IPv4 address: " + Long.toHexString(low) + " (expected: 32 bits, in the low word)");
    }
  }

  /**
   * Parses {@code a.b.c.d/n} or an IPv6 {@code x:y::z/n}; a bare address is a host prefix.
   *
   * @throws IllegalArgumentException naming the text and what is wrong
   */
  public static Prefix parse(String text) {
    String t = text.strip();
    int slash = t.indexOf('/');
    String address = slash < 0 ? t : t.substring(0, slash);
    boolean v6 = address.indexOf(':') >= 0;
    int max = v6 ? 128 : 32;
    int length = max;
    if (slash >= 0) {
      String digits = t.substring(slash + 1);
      if (digits.isEmpty()
          || digits.length() > 3
          || !digits.chars().allMatch(c -> c >= '0' && c <= '9')
          || Integer.parseInt(digits) > max) {
        throw new IllegalArgumentException(
            "prefix \"" + text + "\": length \"" + digits + "\" (expected: 0 to " + max + ")");
      }
      length = Integer.parseInt(digits);
    }
    Prefix p =
        v6
            ? new Prefix(6, ipv6Word(address, text, 0), ipv6Word(address, text, 8), length)
            : new Prefix(4, 0, ipv4(address, text), length);
    if (p.high != (p.high & p.highMask()) || p.low != (p.low & p.lowMask())) {
      throw new IllegalArgumentException(
          "prefix \""
              + text
              + "\": host bits set (expected: "
              + new Prefix(p.version, p.high & p.highMask(), p.low & p.lowMask(), length)
              + ")");
    }
    return p;
  }

  private static long ipv4(String address, String text) {
    String[] parts = address.split("\\.", -1);
    long value = 0;
    for (String part : parts) {
      if (parts.length != 4
          || part.isEmpty()
          || part.length() > 3
          || !part.chars().allMatch(c -> c >= '0' && c <= '9')
          || Integer.parseInt(part) > 255) {
        throw new IllegalArgumentException(
            "prefix \""
                + text
                + "\": \""
                + address
                + "\" is not an address (expected: a.b.c.d/n such as 192.168.0.0/16, or an IPv6"
                + " prefix such as 2001:db8::/32)");
      }
      value = value << 8 | Integer.parseInt(part);
    }
    return value;
  }

  private static long ipv6Word(String address, String text, int from) {
    InetAddress a = null;
    if (address.indexOf('%') < 0) {
      try {
        // Parses a literal only: never a name lookup.
        a = Inet6Address.ofLiteral(address);
      } catch (IllegalArgumentException e) {
        a = null;
      }
    }
    // ofLiteral turns an IPv4-mapped literal (::ffff:1.2.3.4) into an Inet4Address.
    if (!(a instanceof Inet6Address v6)) {
      throw new IllegalArgumentException(
          "prefix \""
              + text
              + "\": \""
              + address
              + "\" is not an IPv6 address (expected: such as"
              + " 2001:db8::/32)");
    }
    byte[] bytes = v6.getAddress();
    long word = 0;
    for (int i = from; i < from + 8; i++) {
      word = word << 8 | (bytes[i] & 0xff);
    }
    return word;
  }

  /** The network bits of the first 64 bits (IPv6; 0 for IPv4). */
  long highMask() {
    if (version == 4) {
      return 0;
    }
    return length >= 64 ? -1L : length == 0 ? 0 : -1L << (64 - length);
  }

  /** The network bits of the low word (IPv4: of its low 32 bits). */
  long lowMask() {
    if (version == 4) {
      return length == 0 ? 0 : (0xffff_ffffL << (32 - length)) & 0xffff_ffffL;
    }
    return length <= 64 ? 0 : length == 128 ? -1L : -1L << (128 - length);
  }

  /** {@code 192.168.0.0/16}, {@code 2001:db8::/32}: what {@link #parse} reads. */
  @Override
  public String toString() {
    if (version == 4) {
      return ((low >>> 24) & 0xff)
          + "."
          + ((low >>> 16) & 0xff)
          + "."
          + ((low >>> 8) & 0xff)
          + "."
          + (low & 0xff)
          + "/"
          + length;
    }
    byte[] bytes = new byte[16];
    for (int i = 0; i < 8; i++) {
      bytes[i] = (byte) (high >>> (56 - 8 * i));
      bytes[8 + i] = (byte) (low >>> (56 - 8 * i));
    }
    return ipv6Text(bytes) + "/" + length;
  }

  /** RFC 5952 text: lower case, the longest run of two or more zero groups as {@code ::}. */
  private static String ipv6Text(byte[] b) {
    int[] groups = new int[8];
    for (int i = 0; i < 8; i++) {
      groups[i] = (b[2 * i] & 0xff) << 8 | (b[2 * i + 1] & 0xff);
    }
    int bestStart = -1;
    int bestLength = 1;
    for (int i = 0; i < 8; ) {
      int j = i;
      while (j < 8 && groups[j] == 0) {
        j++;
      }
      if (j - i > bestLength) {
        bestStart = i;
        bestLength = j - i;
      }
      i = j == i ? i + 1 : j;
    }
    StringBuilder s = new StringBuilder();
    for (int i = 0; i < 8; i++) {
      if (i == bestStart) {
        s.append("::");
        i += bestLength - 1;
        continue;
      }
      if (s.length() > 0 && s.charAt(s.length() - 1) != ':') {
        s.append(':');
      }
      s.append(Integer.toHexString(groups[i]));
    }
    return s.toString();
  }
}
