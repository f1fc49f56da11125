package org.nfpvnfm.vnfm.internal.pkg;

import com.fasterxml.jackson.databind.JsonNode;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.nfpvnfm.vnfm.internal.rest.ApiException;

/**
 * An attribute-based filter (ETSI GS NFV-SOL 013 §5.2): {@code (op,attr,value[,value...])} terms
 * joined by {@code ;}, all of which must hold. {@code attr} is a path of attribute names separated
 * by {@code /}; where the path crosses an array, a term holds when it holds for some element
 * ({@code neq} and {@code nin} and {@code ncont}: for none). A value that contains {@code ,},
 * {@code )} or {@code '} is written in single quotes, with {@code ''} for a quote. Operators:
 * {@code eq}, {@code neq}, {@code in}, {@code nin}, {@code gt}, {@code gte}, {@code lt}, {@code
 * lte}, {@code cont}, {@code ncont}; the ordering ones compare numbers as numbers and anything else
 * as text.
 */
final class AttributeFilter {
  private static final Set<String> OPS =
      Set.of("eq", "neq", "in", "nin", "gt", "gte", "lt", "lte", "cont", "ncont");

  private record Term(String op, List<String> path, List<String> values) {}

  private final List<Term> terms;

  private AttributeFilter(List<Term> terms) {
    this.terms = List.copyOf(terms);
  }

  /** The filter that keeps everything. */
  static AttributeFilter all() {
    return new AttributeFilter(List.of());
  }

  /** Parses {@code expression}; a malformed one is a 400 saying where. */
  static AttributeFilter parse(String expression) {
    List<Term> terms = new ArrayList<>();
    int i = 0;
    String s = expression.strip();
    if (s.isEmpty()) {
      return all();
    }
    while (i < s.length()) {
      if (s.charAt(i) != '(') {
        throw bad(expression, "expected '(' at position " + i);
      }
      i++;
      List<String> parts = new ArrayList<>();
      StringBuilder cur = new StringBuilder();
      boolean closed = false;
      while (i < s.length() && !closed) {
        char ch = s.charAt(i);
        if (ch == '\'' && cur.isEmpty()) {
          i++;
          while (true) {
            if (i >= s.length()) {
              throw bad(expression, "a quoted value is not closed");
            }
            char q = s.charAt(i);
            if (q == '\'') {
              if (i + 1 < s.length() && s.charAt(i + 1) == '\'') {
                cur.append('\'');
                i += 2;
                continue;
              }
              i++;
              break;
            }
            cur.append(q);
            i++;
          }
          continue;
        }
        if (ch == ',') {
          parts.add(cur.toString());
          cur.setLength(0);
        } else if (ch == ')') {
          parts.add(cur.toString());
          closed = true;
        } else {
          cur.append(ch);
        }
        i++;
      }
      if (!closed) {
        throw bad(expression, "a term is not closed with ')'");
      }
      terms.add(term(expression, parts));
      if (i < s.length()) {
        if (s.charAt(i) != ';') {
          throw bad(expression, "expected ';' between terms at position " + i);
        }
        i++;
      }
    }
    return new AttributeFilter(terms);
  }

  private static Term term(String expression, List<String> parts) {
    if (parts.size() < 3) {
      throw bad(expression, "a term needs an operator, an attribute and a value");
    }
    String op = parts.get(0).strip();
    if (!OPS.contains(op)) {
      throw bad(expression, "unknown operator '" + op + "' (expected one of " + sorted() + ")");
    }
    String attr = parts.get(1).strip();
    if (attr.isEmpty() || attr.startsWith("/") || attr.endsWith("/")) {
      throw bad(expression, "the attribute '" + attr + "' is not a path like a/b");
    }
    List<String> values = parts.subList(2, parts.size());
    if (values.size() > 1 && (op.startsWith("gt") || op.startsWith("lt"))) {
      throw bad(expression, "operator " + op + " takes one value");
    }
    return new Term(op, List.of(attr.split("/")), List.copyOf(values));
  }

  private static String sorted() {
    return String.join(", ", OPS.stream().sorted().toList());
  }

  private static ApiException bad(String expression, String why) {
    return ApiException.badRequest("the filter '" + expression + "' is not valid: " + why);
  }

  /** Whether {@code resource} passes every term. */
  boolean matches(JsonNode resource) {
    for (Term t : terms) {
      List<JsonNode> found = new ArrayList<>();
      collect(resource, t.path(), 0, found);
      if (!holds(t, found)) {
        return false;
      }
    }
    return true;
  }

  private static void collect(JsonNode node, List<String> path, int at, List<JsonNode> out) {
    if (node.isArray()) {
      node.forEach(e -> collect(e, path, at, out));
      return;
    }
    if (at == path.size()) {
      if (!node.isMissingNode() && !node.isNull()) {
        out.add(node);
      }
      return;
    }
    JsonNode next = node.path(path.get(at));
    if (!next.isMissingNode()) {
      collect(next, path, at + 1, out);
    }
  }

  private static boolean holds(Term t, List<JsonNode> found) {
    return switch (t.op()) {
      case "eq", "in" -> found.stream().anyMatch(n -> equalsAny(n, t.values()));
      case "neq", "nin" -> found.stream().noneMatch(n -> equalsAny(n, t.values()));
      case "cont" -> found.stream().anyMatch(n -> containsAny(n, t.values()));
      case "ncont" -> found.stream().noneMatch(n -> containsAny(n, t.values()));
      default -> found.stream().anyMatch(n -> ordered(t.op(), n, t.values().getFirst()));
    };
  }

  private static boolean equalsAny(JsonNode n, List<String> values) {
    return n.isValueNode() && values.contains(n.asText());
  }

  private static boolean containsAny(JsonNode n, List<String> values) {
    return n.isValueNode() && values.stream().anyMatch(v -> n.asText().contains(v));
  }

  private static boolean ordered(String op, JsonNode n, String value) {
    if (!n.isValueNode()) {
      return false;
    }
    int cmp;
    try {
      cmp = new BigDecimal(n.asText()).compareTo(new BigDecimal(value));
    } catch (NumberFormatException e) {
      cmp = n.asText().compareTo(value);
    }
    return switch (op) {
      case "gt" -> cmp > 0;
      case "gte" -> cmp >= 0;
      case "lt" -> cmp < 0;
      default -> cmp <= 0;
    };
  }
}
