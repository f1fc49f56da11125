package org.nfpvnfm.tosca.internal.yaml;

import java.math.BigInteger;
import java.util.Set;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;

/** Plain-scalar resolution of YAML 1.1 as PyYAML implements it (the reference parser's reader). */
final class Yaml11Scalars {
  private static final Set<String> TRUE =
      Set.of("yes", "Yes", "YES", "true", "True", "TRUE", "on", "On", "ON");
  private static final Set<String> FALSE =
      Set.of("no", "No", "NO", "false", "False", "FALSE", "off", "Off", "OFF");
  private static final Set<String> NULL = Set.of("", "~", "null", "Null", "NULL");
  private static final Pattern INT =
      Pattern.compile(
          "[-+]?0b[0-1_]+|[-+]?0[0-7_]+|[-+]?(?:0|[1-9][0-9_]*)|[-+]?0x[0-9a-fA-F_]+"
              + "|[-+]?[1-9][0-9_]*(?::[0-5]?[0-9])+");
  private static final Pattern FLOAT =
      Pattern.compile(
          "[-+]?(?:[0-9][0-9_]*)\\.[0-9_]*(?:[eE][-+][0-9]+)?|\\.[0-9_]+(?:[eE][-+][0-9]+)?"
              + "|[-+]?[0-9][0-9_]*(?::[0-5]?[0-9])+\\.[0-9_]*|[-+]?\\.(?:inf|Inf|INF)"
              + "|\\.(?:nan|NaN|NAN)");

  private Yaml11Scalars() {}

  /** Sentinel for "null": distinct from "not resolved". */
  static final Object NULL_VALUE = new Object();

  static @Nullable Object resolvePlain(String text) {
    if (NULL.contains(text)) {
      return NULL_VALUE;
    }
    if (TRUE.contains(text)) {
      return Boolean.TRUE;
    }
    if (FALSE.contains(text)) {
      return Boolean.FALSE;
    }
    char c = text.charAt(0);
    if (!(Character.isDigit(c) || c == '-' || c == '+' || c == '.')) {
      return null;
    }
    if (INT.matcher(text).matches()) {
      return parseInt(text);
    }
    if (FLOAT.matcher(text).matches()) {
      return parseFloat(text);
    }
    return null;
  }

  private static Object parseInt(String text) {
    String t = text.replace("_", "");
    int sign = 1;
    if (t.startsWith("-")) {
      sign = -1;
      t = t.substring(1);
    } else if (t.startsWith("+")) {
      t = t.substring(1);
    }
    BigInteger v;
    if (t.contains(":")) {
      v = BigInteger.ZERO;
      for (String part : t.split(":")) {
        v = v.multiply(BigInteger.valueOf(60)).add(new BigInteger(part));
      }
    } else if (t.startsWith("0b")) {
      v = new BigInteger(t.substring(2), 2);
    } else if (t.startsWith("0x")) {
      v = new BigInteger(t.substring(2), 16);
    } else if (t.length() > 1 && t.startsWith("0")) {
      v = new BigInteger(t.substring(1), 8);
    } else {
      v = new BigInteger(t);
    }
    if (sign < 0) {
      v = v.negate();
    }
    return v.bitLength() < 64 ? (Object) v.longValue() : v;
  }

  private static Object parseFloat(String text) {
    String t = text.replace("_", "");
    String lower = t.toLowerCase(java.util.Locale.ROOT);
    if (lower.endsWith(".inf")) {
      return lower.startsWith("-") ? Double.NEGATIVE_INFINITY : Double.POSITIVE_INFINITY;
    }
    if (lower.equals(".nan")) {
      return Double.NaN;
    }
    if (t.contains(":")) {
      int sign = 1;
      if (t.startsWith("-")) {
        sign = -1;
        t = t.substring(1);
      } else if (t.startsWith("+")) {
        t = t.substring(1);
      }
      double v = 0;
      for (String part : t.split(":")) {
        v = v * 60 + Double.parseDouble(part);
      }
      return sign * v;
    }
    return Double.parseDouble(t);
  }
}
