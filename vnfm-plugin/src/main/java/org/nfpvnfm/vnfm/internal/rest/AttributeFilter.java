package org.nfpvnfm.vnfm.internal.rest;

import com.fasterxml.jackson.databind.JsonNode;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * An attribute-based filter ({@code ?filter=}, ETSI GS NFV-SOL 013 §5.2): terms {@code
 * (op,attr/path,value[,value...])} joined by {@code ;} (all must hold), with the operators {@code
 * eq neq in nin gt gte lt lte cont ncont}. Several values of {@code eq}, {@code in} and {@code
 * cont} mean any of them; of {@code neq}, {@code nin} and {@code ncont}, none of them. An attribute
 * path goes into arrays: a term holds when it holds for some element. A malformed filter is a 400
 * that says which term.
 */
public final class AttributeFilter {
  private static final Set<String> OPS =
      Set.of("eq", "neq", "in", "nin", "gt", "gte", "lt", "lte", "cont", "ncont");

  private record Term(String op, List<String> path, List<String> values) {}

  private final List<Term> terms;

  private AttributeFilter(List<Term> terms) {
    this.terms = terms;
  }

  /** The filter of a request's {@code filter} parameter; none (everything) when absent. */
  public static AttributeFilter parse(@org.jspecify.annotations.Nullable String expression) {
    List<Term> terms = new ArrayList<>();
    if (expression == null || expression.isBlank()) {
      return new AttributeFilter(terms);
    }
    for (String raw : split(expression, ';')) {
      String t = raw.strip();
      if (!t.startsWith("(") || !t.endsWith(")")) {
        throw ApiException.badRequest(
            "filter term '" + t + "' is not of the form (op,attribute,value) (SOL013 5.2)");
      }
      List<String> parts = split(t.substring(1, t.length() - 1), ',');
      if (parts.size() < 3) {
        throw ApiException.badRequest(
            "filter term '" + t + "' needs an operator, an attribute and at least one value");
      }
      String op = parts.get(0).strip();
      if (!OPS.contains(op)) {
        throw ApiException.badRequest(
            "filter term '"
                + t
                + "' has the unknown operator '"
                + op
                + "' (expected one of "
                + OPS
                + ")");
      }
      String attr = parts.get(1).strip();
      if (attr.isEmpty()) {
        throw ApiException.badRequest("filter term '" + t + "' names no attribute");
      }
      List<String> values =
          parts.subList(2, parts.size()).stream().map(AttributeFilter::unquote).toList();
      terms.add(new Term(op, List.of(attr.split("/")), values));
    }
    return new AttributeFilter(terms);
  }

  /** Whether {@code resource} passes every term. */
  public boolean test(JsonNode resource) {
    for (Term t : terms) {
      List<JsonNode> found = new ArrayList<>();
      collect(resource, t.path(), 0, found);
      if (!holds(t, found)) {
        return false;
      }
    }
    return true;
  }

  private static boolean holds(Term t, List<JsonNode> found) {
    boolean negated = t.op().startsWith("n");
    if (negated) {
      String positive = t.op().equals("neq") ? "eq" : t.op().substring(1);
      return !holds(new Term(positive, t.path(), t.values()), found);
    }
    for (JsonNode n : found) {
      for (String v : t.values()) {
        if (matches(t.op(), n, v)) {
          return true;
        }
      }
    }
    return false;
  }

  private static boolean matches(String op, JsonNode n, String v) {
    String text = n.isValueNode() ? n.asText() : n.toString();
    return switch (op) {
      case "eq", "in" -> text.equals(v);
      case "cont" -> text.contains(v);
      default -> {
        int c = compare(n, v);
        yield switch (op) {
          case "gt" -> c > 0;
          case "gte" -> c >= 0;
          case "lt" -> c < 0;
          default -> c <= 0;
        };
      }
    };
  }

  private static int compare(JsonNode n, String v) {
    if (n.isNumber()) {
      try {
        return n.decimalValue().compareTo(new BigDecimal(v));
      } catch (NumberFormatException e) {
        throw ApiException.badRequest("filter value '" + v + "' is not a number");
      }
    }
    return n.asText().compareTo(v);
  }

  private static void collect(JsonNode n, List<String> path, int i, List<JsonNode> out) {
    if (n.isArray()) {
      n.forEach(e -> collect(e, path, i, out));
      return;
    }
    if (i == path.size()) {
      out.add(n);
      return;
    }
    JsonNode next = n.get(path.get(i));
    if (next != null && !next.isNull()) {
      collect(next, path, i + 1, out);
    }
  }

  private static String unquote(String v) {
    String s = v.strip();
    if (s.length() >= 2 && s.startsWith("'") && s.endsWith("'")) {
      return s.substring(1, s.length() - 1).replace("''", "'");
    }
    return s;
  }

  /** Splits at {@code sep} outside single quotes. */
  private static List<String> split(String s, char sep) {
    List<String> out = new ArrayList<>();
    StringBuilder cur = new StringBuilder();
    boolean quoted = false;
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      if (c == '\'') {
        quoted = !quoted;
      }
      if (c == sep && !quoted) {
        out.add(cur.toString());
        cur.setLength(0);
      } else {
        cur.append(c);
      }
    }
    out.add(cur.toString());
    return out;
  }
}
