package org.nfpvnfm.nf.firewall;

import org.jspecify.annotations.Nullable;

/** An inclusive range of TCP or UDP ports. */
public record Ports(int low, int high) {

  public Ports {
    if (low < 0 || high > 65535 || low > high) {
      throw new IllegalArgumentException("ports " + low + ":" + high);
    }
  }

  /**
   * {@code P}, {@code LOW:HIGH}, {@code :HIGH} (from 0) or {@code LOW:} (to 65535), as iptables
   * takes them; null when {@code text} is none of those or {@code LOW > HIGH}.
   */
  public static @Nullable Ports parse(String text) {
    int colon = text.indexOf(':');
    if (colon < 0) {
      int p = port(text);
      return p < 0 ? null : new Ports(p, p);
    }
    String a = text.substring(0, colon);
    String b = text.substring(colon + 1);
    int low = a.isEmpty() ? 0 : port(a);
    int high = b.isEmpty() ? 65535 : port(b);
    if (low < 0 || high < 0 || low > high || (a.isEmpty() && b.isEmpty())) {
      return null;
    }
    return new Ports(low, high);
  }

  private static int port(String s) {
    if (!s.matches("0|[1-9][0-9]{0,4}")) {
      return -1;
    }
    int p = Integer.parseInt(s);
    return p <= 65535 ? p : -1;
  }

  @Override
  public String toString() {
    return low == high ? Integer.toString(low) : low + ":" + high;
  }
}
