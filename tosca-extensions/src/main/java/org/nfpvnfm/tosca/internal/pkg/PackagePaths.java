package org.nfpvnfm.tosca.internal.pkg;

import java.util.ArrayDeque;
import java.util.Deque;
import java.util.Optional;

/** Normalising package-relative paths so that no path can leave the package root. */
public final class PackagePaths {
  private PackagePaths() {}

  /**
   * The normalised form of {@code raw}: '/'-separated, no empty, "." or ".." segments; empty when
   * the path is absolute, holds a backslash, a control character or a drive letter, or climbs out
   * of the root with "..".
   */
  public static Optional<String> normalize(String raw) {
    if (raw.isEmpty() || raw.startsWith("/") || raw.indexOf('\\') >= 0) {
      return Optional.empty();
    }
    if (raw.length() >= 2 && raw.charAt(1) == ':' && Character.isLetter(raw.charAt(0))) {
      return Optional.empty();
    }
    for (int i = 0; i < raw.length(); i++) {
      if (Character.isISOControl(raw.charAt(i))) {
        return Optional.empty();
      }
    }
    Deque<String> parts = new ArrayDeque<>();
    for (String seg : raw.split("/", -1)) {
      if (seg.isEmpty() || seg.equals(".")) {
        continue;
      }
      if (seg.equals("..")) {
        if (parts.isEmpty()) {
          return Optional.empty();
        }
        parts.removeLast();
      } else {
        parts.addLast(seg);
      }
    }
    return parts.isEmpty() ? Optional.empty() : Optional.of(String.join("/", parts));
  }

  /** Whether {@code raw} has a ".." segment (after turning backslashes into slashes). */
  static boolean hasDotDot(String raw) {
    for (String seg : raw.replace('\\', '/').split("/", -1)) {
      if (seg.equals("..")) {
        return true;
      }
    }
    return false;
  }

  /** Whether {@code path} is a URL rather than a file in the package. */
  public static boolean isUrl(String path) {
    int i = path.indexOf("://");
    return i > 0
        && path.substring(0, i)
            .chars()
            .allMatch(c -> Character.isLetterOrDigit(c) || c == '+' || c == '-' || c == '.');
  }
}
