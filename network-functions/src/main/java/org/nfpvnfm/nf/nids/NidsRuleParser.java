package org.nfpvnfm.nf.nids;

import java.io.ByteArrayOutputStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.jspecify.annotations.Nullable;
import org.nfpvnfm.nf.nids.NidsRule.Content;
import org.nfpvnfm.nf.nids.NidsRule.PortRange;
import org.nfpvnfm.nf.nids.NidsRule.Prefix;

/**
 * Parses the Snort-like rule subset: {@code alert PROTO SRC SPORT -> DST DPORT (OPTIONS)}, with
 * {@code <>} for either direction. Options: {@code msg}, {@code content} (with {@code |hex|} bytes;
 * {@code nocase}, {@code offset}, {@code depth} modify the content before them, as in Snort),
 * {@code ttl}, {@code dscp}, {@code sid} (required) and {@code rev} (accepted, unused). Anything
 * else is rejected, so that a rule never silently means less than it says.
 */
final class NidsRuleParser {

  private NidsRuleParser() {}

  /**
   * Parses one rule.
   *
   * @throws IllegalArgumentException with a message saying what is wrong (without the location: the
   *     caller knows the line)
   */
  static NidsRule parse(String text) {
    String s = text.strip();
    int open = s.indexOf('(');
    if (open < 0 || !s.endsWith(")")) {
      throw new IllegalArgumentException(
          "expected: alert PROTO SRC SPORT -> DST DPORT (OPTIONS), got: " + s);
    }
    String[] h = s.substring(0, open).strip().split("\\s+");
    if (h.length != 7) {
      throw new IllegalArgumentException(
          "header has "
              + h.length
              + " words (expected 7: alert PROTO SRC SPORT -> DST DPORT): "
              + s.substring(0, open).strip());
    }
    if (!h[0].equals("alert")) {
      throw new IllegalArgumentException("action " + h[0] + " (expected: alert)");
    }
    int protocol =
        switch (h[1].toLowerCase(Locale.ROOT)) {
          case "tcp" -> 6;
          case "udp" -> 17;
          case "icmp" -> NidsRule.ICMP;
          case "ip" -> -1;
          default ->
              throw new IllegalArgumentException(
                  "protocol " + h[1] + " (expected: tcp, udp, icmp or ip)");
        };
    boolean bidirectional =
        switch (h[4]) {
          case "->" -> false;
          case "<>" -> true;
          default ->
              throw new IllegalArgumentException("direction " + h[4] + " (expected: -> or <>)");
        };
    Prefix src = prefix(h[2]);
    PortRange sports = ports(h[3]);
    Prefix dst = prefix(h[5]);
    PortRange dports = ports(h[6]);
    if ((protocol != 6 && protocol != 17) && !(sports.isAny() && dports.isAny())) {
      throw new IllegalArgumentException(
          "ports "
              + h[3]
              + " "
              + h[6]
              + " on a "
              + h[1]
              + " rule (ports apply to tcp and udp only)");
    }

    List<Content> contents = new ArrayList<>();
    Integer sid = null;
    String msg = "";
    int ttlMin = 0;
    int ttlMax = 255;
    int dscpMin = 0;
    int dscpMax = 63;
    // The content the modifiers (nocase, offset, depth) apply to, still being built.
    byte @Nullable [] bytes = null;
    boolean nocase = false;
    int offset = 0;
    int depth = -1;
    for (String option : options(s.substring(open + 1, s.length() - 1))) {
      int colon = option.indexOf(':');
      String name = (colon < 0 ? option : option.substring(0, colon)).strip();
      String value = colon < 0 ? "" : option.substring(colon + 1).strip();
      switch (name) {
        case "msg" -> msg = unquote(name, value);
        case "content" -> {
          if (bytes != null) {
            contents.add(content(bytes, nocase, offset, depth));
          }
          bytes = contentBytes(unquote(name, value));
          nocase = false;
          offset = 0;
          depth = -1;
        }
        case "nocase", "offset", "depth" -> {
          if (bytes == null) {
            throw new IllegalArgumentException(
                name + " before any content (it modifies a content)");
          }
          switch (name) {
            case "nocase" -> nocase = true;
            case "offset" -> offset = number(name, value, 0, 65535);
            default -> depth = number(name, value, 1, 65535);
          }
        }
        case "sid" -> sid = number(name, value, 1, Integer.MAX_VALUE);
        case "rev" -> number(name, value, 0, Integer.MAX_VALUE);
        case "ttl" -> {
          int[] r = range(name, value, 255);
          ttlMin = r[0];
          ttlMax = r[1];
        }
        case "dscp" -> {
          int[] r = range(name, value, 63);
          dscpMin = r[0];
          dscpMax = r[1];
        }
        default ->
            throw new IllegalArgumentException(
                "option "
                    + name
                    + " (expected: msg, content, nocase, offset, depth, ttl, dscp, sid, rev)");
      }
    }
    if (bytes != null) {
      contents.add(content(bytes, nocase, offset, depth));
    }
    if (sid == null) {
      throw new IllegalArgumentException("no sid (every rule needs sid:N;)");
    }
    return new NidsRule(
        sid,
        msg,
        protocol,
        src,
        sports,
        dst,
        dports,
        bidirectional,
        List.copyOf(contents),
        ttlMin,
        ttlMax,
        dscpMin,
        dscpMax);
  }

  private static Content content(byte[] bytes, boolean nocase, int offset, int depth) {
    if (depth >= 0 && depth < bytes.length) {
      throw new IllegalArgumentException(
          "depth " + depth + " is shorter than its content (" + bytes.length + " bytes)");
    }
    return new Content(bytes, nocase, offset, depth);
  }

  /** Splits the option list on the semicolons outside quotes; a backslash escapes in quotes. */
  private static List<String> options(String body) {
    List<String> out = new ArrayList<>();
    StringBuilder cur = new StringBuilder();
    boolean quoted = false;
    for (int i = 0; i < body.length(); i++) {
      char c = body.charAt(i);
      if (quoted && c == '\\' && i + 1 < body.length()) {
        cur.append(c).append(body.charAt(++i));
        continue;
      }
      if (c == '"') {
        quoted = !quoted;
      }
      if (c == ';' && !quoted) {
        if (!cur.toString().isBlank()) {
          out.add(cur.toString().strip());
        }
        cur.setLength(0);
      } else {
        cur.append(c);
      }
    }
    if (quoted) {
      throw new IllegalArgumentException("unterminated quote in options: " + body.strip());
    }
    if (!cur.toString().isBlank()) {
      throw new IllegalArgumentException(
          "option " + cur.toString().strip() + " is not ended by ';'");
    }
    return out;
  }

  private static String unquote(String name, String value) {
    if (value.length() < 2 || value.charAt(0) != '"' || value.charAt(value.length() - 1) != '"') {
      throw new IllegalArgumentException(name + ":" + value + " (expected: a quoted string)");
    }
    StringBuilder out = new StringBuilder();
    for (int i = 1; i < value.length() - 1; i++) {
      char c = value.charAt(i);
      if (c == '\\' && i + 1 < value.length() - 1) {
        c = value.charAt(++i);
        if (c != '"' && c != ';' && c != '\\' && c != ':') {
          throw new IllegalArgumentException(
              name + ": escape \\" + c + " (expected: \\\" \\; \\\\ \\:)");
        }
        out.append(c);
      } else {
        out.append(c);
      }
    }
    return out.toString();
  }

  /** Text with {@code |41 42|} hex blocks, as bytes (text as UTF-8). */
  static byte[] contentBytes(String text) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    int i = 0;
    while (i < text.length()) {
      int bar = text.indexOf('|', i);
      if (bar < 0) {
        out.writeBytes(text.substring(i).getBytes(java.nio.charset.StandardCharsets.UTF_8));
        break;
      }
      out.writeBytes(text.substring(i, bar).getBytes(java.nio.charset.StandardCharsets.UTF_8));
      int end = text.indexOf('|', bar + 1);
      if (end < 0) {
        throw new IllegalArgumentException("content: unterminated |hex| block in \"" + text + "\"");
      }
      String hex = text.substring(bar + 1, end).replace(" ", "");
      if (hex.isEmpty() || hex.length() % 2 != 0 || !hex.matches("[0-9A-Fa-f]+")) {
        throw new IllegalArgumentException(
            "content: |" + text.substring(bar + 1, end) + "| (expected: pairs of hex digits)");
      }
      for (int k = 0; k < hex.length(); k += 2) {
        out.write(Integer.parseInt(hex.substring(k, k + 2), 16));
      }
      i = end + 1;
    }
    if (out.size() == 0) {
      throw new IllegalArgumentException("content is empty");
    }
    return out.toByteArray();
  }

  private static int number(String name, String value, int min, int max) {
    try {
      long v = Long.parseLong(value);
      if (v >= min && v <= max) {
        return (int) v;
      }
    } catch (NumberFormatException e) {
      // reported below, with the expected range
    }
    throw new IllegalArgumentException(
        name + ":" + value + " (expected: an integer from " + min + " to " + max + ")");
  }

  /** {@code N}, {@code N-M}, {@code <N}, {@code >N}, {@code <=N}, {@code >=N}. */
  private static int[] range(String name, String value, int max) {
    String v = value.replace(" ", "");
    if (v.startsWith("<=")) {
      return new int[] {0, number(name, v.substring(2), 0, max)};
    }
    if (v.startsWith(">=")) {
      return new int[] {number(name, v.substring(2), 0, max), max};
    }
    if (v.startsWith("<")) {
      return new int[] {0, number(name, v.substring(1), 1, max) - 1};
    }
    if (v.startsWith(">")) {
      return new int[] {number(name, v.substring(1), 0, max - 1) + 1, max};
    }
    int dash = v.indexOf('-');
    if (dash > 0) {
      int lo = number(name, v.substring(0, dash), 0, max);
      int hi = number(name, v.substring(dash + 1), 0, max);
      if (lo > hi) {
        throw new IllegalArgumentException(name + ":" + value + " (expected: low <= high)");
      }
      return new int[] {lo, hi};
    }
    int n = number(name, v, 0, max);
    return new int[] {n, n};
  }

  static PortRange ports(String text) {
    if (text.equals("any")) {
      return PortRange.ANY;
    }
    int colon = text.indexOf(':');
    if (colon < 0) {
      int p = number("port", text, 0, 65535);
      return new PortRange(p, p);
    }
    String a = text.substring(0, colon);
    String b = text.substring(colon + 1);
    int lo = a.isEmpty() ? 0 : number("port", a, 0, 65535);
    int hi = b.isEmpty() ? 65535 : number("port", b, 0, 65535);
    if (lo > hi) {
      throw new IllegalArgumentException("port range " + text + " (expected: low <= high)");
    }
    return new PortRange(lo, hi);
  }

  static Prefix prefix(String text) {
    if (text.equals("any")) {
      return Prefix.ANY;
    }
    int slash = text.indexOf('/');
    String addr = slash < 0 ? text : text.substring(0, slash);
    boolean v6 = addr.indexOf(':') >= 0;
    int max = v6 ? 128 : 32;
    int len = slash < 0 ? max : number("prefix length", text.substring(slash + 1), 0, max);
    byte[] b;
    if (!v6 && !addr.matches("\\d{1,3}(\\.\\d{1,3}){3}")) {
      throw new IllegalArgumentException(
          "address " + text + " (expected: any, an IPv4 or IPv6 address or prefix)");
    }
    if (v6 && !addr.matches("[0-9A-Fa-f:.]+")) {
      throw new IllegalArgumentException(
          "address " + text + " (expected: any, an IPv4 or IPv6 address or prefix)");
    }
    try {
      // Only literals reach here (checked above), so no name lookup happens.
      b = java.net.InetAddress.getByName(addr).getAddress();
    } catch (java.net.UnknownHostException e) {
      throw new IllegalArgumentException("address " + text + ": " + e.getMessage(), e);
    }
    if (b.length != (v6 ? 16 : 4)) {
      throw new IllegalArgumentException("address " + text + " (an IPv4-mapped IPv6 address)");
    }
    if (!v6) {
      long a = 0;
      for (byte x : b) {
        a = (a << 8) | (x & 0xff);
      }
      long mask = len == 0 ? 0 : (0xffff_ffffL << (32 - len)) & 0xffff_ffffL;
      return new Prefix(4, 0, a & mask, 0, mask);
    }
    long hi = 0;
    long lo = 0;
    for (int i = 0; i < 8; i++) {
      hi = (hi << 8) | (b[i] & 0xff);
      lo = (lo << 8) | (b[i + 8] & 0xff);
    }
    long maskHi = len == 0 ? 0 : len >= 64 ? -1L : -1L << (64 - len);
    long maskLo = len <= 64 ? 0 : len == 128 ? -1L : -1L << (128 - len);
    return new Prefix(6, hi & maskHi, lo & maskLo, maskHi, maskLo);
  }
}
