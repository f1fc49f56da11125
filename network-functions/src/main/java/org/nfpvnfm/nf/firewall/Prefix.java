package org.nfpvnfm.nf.firewall;

import java.net.Inet6Address;
import java.net.InetAddress;
import org.jspecify.annotations.Nullable;

/**
 * An IPv4 or IPv6 prefix as two 64-bit masks and values, compared with an address read as two
 * longs: IPv6 as its high and low halves, IPv4 as high 0 and the address in the low 32 bits. Host
 * bits past the length are ignored, as iptables does ({@code 10.1.2.3/8} is {@code 10.0.0.0/8}).
 *
 * @param version 4 or 6
 * @param length the prefix length (32 or 128 for one address)
 */
public record Prefix(int version, int length, long highMask, long high, long lowMask, long low) {

  /** Whether an address of this prefix's version, as two longs, is in it. */
  public boolean contains(long addressHigh, long addressLow) {
    return (addressHigh & highMask) == high && (addressLow & lowMask) == low;
  }

  /** {@code a.b.c.d[/n]} or {@code x:y::z[/n]}; null when {@code text} is neither. */
  public static @Nullable Prefix parse(String text) {
    int slash = text.indexOf('/');
    String address = slash < 0 ? text : text.substring(0, slash);
    byte[] bytes = address.indexOf(':') >= 0 ? ipv6(address) : ipv4(address);
    if (bytes == null) {
      return null;
    }
    int max = bytes.length * 8;
    int length = max;
    if (slash >= 0) {
      String n = text.substring(slash + 1);
      length = n.matches("0|[1-9][0-9]{0,2}") ? Integer.parseInt(n) : -1;
      if (length < 0 || length > max) {
        return null;
      }
    }
    return of(bytes, length);
  }

  /** The prefix of {@code bytes} (4 or 16 of them) and {@code length} bits. */
  public static Prefix of(byte[] bytes, int length) {
    if (bytes.length == 4) {
      long lowMask = length == 0 ? 0 : (0xffff_ffffL << (32 - length)) & 0xffff_ffffL;
      return new Prefix(4, length, 0, 0, lowMask, bigEndian(bytes, 0, 4) & lowMask);
    }
    long highMask = mask(Math.min(length, 64));
    long lowMask = mask(Math.max(length - 64, 0));
    return new Prefix(
        6,
        length,
        highMask,
        bigEndian(bytes, 0, 8) & highMask,
        lowMask,
        bigEndian(bytes, 8, 8) & lowMask);
  }

  /** {@code a.b.c.d[/n]} or, for IPv6, eight hexadecimal groups {@code [/n]}. */
  @Override
  public String toString() {
    StringBuilder b = new StringBuilder();
    if (version == 4) {
      for (int shift = 24; shift >= 0; shift -= 8) {
        b.append(shift == 24 ? "" : ".").append(low >>> shift & 0xff);
      }
    } else {
      for (int i = 0; i < 8; i++) {
        long half = i < 4 ? high : low;
        b.append(i == 0 ? "" : ":").append(Long.toHexString(half >>> (48 - 16 * (i % 4)) & 0xffff));
      }
    }
    return length == (version == 4 ? 32 : 128) ? b.toString() : b + "/" + length;
  }

  /**
   * Four decimal octets and nothing else. {@link java.net.Inet4Address#ofLiteral} also takes {@code
   * 10} or {@code 10.1} (BSD forms), which in a rule are more likely typos than intent.
   */
  public static byte @Nullable [] ipv4(String s) {
    String[] parts = s.split("\\.", -1);
    if (parts.length != 4) {
      return null;
    }
    byte[] out = new byte[4];
    for (int i = 0; i < 4; i++) {
      // A leading zero reads as octal in some tools and decimal in others: refuse the doubt.
      if (!parts[i].matches("0|[1-9][0-9]{0,2}") || Integer.parseInt(parts[i]) > 255) {
        return null;
      }
      out[i] = (byte) Integer.parseInt(parts[i]);
    }
    return out;
  }

  /** An IPv6 literal without brackets or scope; never a name lookup. */
  public static byte @Nullable [] ipv6(String s) {
    if (!s.matches("[0-9A-Fa-f:.]+")) {
      return null;
    }
    InetAddress a;
    try {
      a = Inet6Address.ofLiteral(s);
    } catch (IllegalArgumentException e) {
      return null;
    }
    byte[] raw = a.getAddress();
    if (raw.length == 16) {
      return raw;
    }
    // ofLiteral answers an IPv4-mapped address (::ffff:a.b.c.d) as an Inet4Address; on the wire
    // it is still a 16-byte IPv6 address.
    byte[] mapped = new byte[16];
    mapped[10] = (byte) 0xff;
    mapped[11] = (byte) 0xff;
    System.arraycopy(raw, 0, mapped, 12, 4);
    return mapped;
  }

  /** The top {@code bits} of 64 set; Java shifts by {@code bits mod 64}, so 0 is special. */
  private static long mask(int bits) {
    return bits == 0 ? 0 : -1L << (64 - bits);
  }

  private static long bigEndian(byte[] b, int from, int n) {
    long v = 0;
    for (int i = from; i < from + n; i++) {
      v = v << 8 | (b[i] & 0xff);
    }
    return v;
  }
}
