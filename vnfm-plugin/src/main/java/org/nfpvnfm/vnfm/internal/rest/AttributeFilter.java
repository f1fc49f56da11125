package org.nfpvnfm.vnfm.internal.rest;

import com.fasterxml.jackson.databind.JsonNode;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/**
 * An attribute-based filter of ETSI GS NFV-SOL 013 §5.2 (the {@code filter} query parameter): one
 * or more {@code (op,attr/attr...,value[,value...])} joined by {@code ;}, all of which must hold.
 *
 * <p>Operators: {@code eq}, {@code neq}, {@code gt}, {@code gte}, {@code lt}, {@code lte} (one
 * value), {@code in}, {@code nin}, {@code cont}, {@code ncont} (one value or more). A value with
 * {@code ,}, {@code )} or {@code '} is written between single quotes, a quote inside doubled. Paths
 * go through arrays: a positive operator holds when one of the values reached satisfies it, a
 * negated one ({@code neq}, {@code nin}, {@code ncont}) when none of them satisfies its positive
 * form, so an absent attribute satisfies only negated operators. Numbers compare as numbers,
 * everything else as text.
 */
public final class AttributeFilter {
  private static final Set<String> SINGLE = Set.of("eq", "neq", "gt", "gte", "lt", "lte");
  private static final Set<String> MULTI = Set.of("in", "nin", "cont", "ncont");

  private record Term(String op, List<String> path, List<String> values) {}

  private final List<Term> terms;

  private AttributeFilter(List<Term> terms) {
    this.terms = terms;
  }

  /**
   * Parses {@code expression}; none (null or blank) lets everything through, a malformed one is a
   * 400 saying where and why.
   */
  public static AttributeFilter parse(@Nullable String expression) {
    List<Term> terms = new ArrayList<>();
    if (expression == null || expression.isBlank()) {
      return new AttributeFilter(terms);
    }
    int i = 0;
    int n = expression.length();
    while (true) {
      if (i >= n || expression.charAt(i) != '(') {
        throw bad(expression, i, "expected '('");
      }
      i++;
      List<String> parts = new ArrayList<>();
      while (true) {
        StringBuilder part = new StringBuilder();
        if (i < n && expression.charAt(i) == '\'') {
          i++;
          while (true) {
            if (i >= n) {
              throw bad(expression, i, "a quoted value is not closed");
            }
            char ch = expression.charAt(i);
            if (ch == '\'') {
              if (i + 1 < n && expression.charAt(i + 1) == '\'') {
                part.append('\'');
                i += 2;
                continue;
              }
              i++;
              break;
            }
            part.append(ch);
            i++;
          }
        } else {
          while (i < n && ",)'".indexOf(expression.charAt(i)) < 0) {
            part.append(expression.charAt(i));
            i++;
          }
        }
        parts.add(part.toString());
        if (i >= n) {
          throw bad(expression, i, "expected ',' or ')'");
        }
        char ch = expression.charAt(i);
        i++;
        if (ch == ')') {
          break;
        }
        if (ch != ',') {
          throw bad(expression, i - 1, "expected ',' or ')'");
        }
      }
      terms.add(term(expression, parts));
      if (i == n) {
        return new AttributeFilter(List.copyOf(terms));
      }
      if (expression.charAt(i) != ';') {
        throw bad(expression, i, "expected ';' between two expressions");
      }
      i++;
    }
  }

  private static Term term(String expression, List<String> parts) {
    if (parts.size() < 3) {
      throw ApiException.badRequest(
          "filter '"
              + expression
              + "': each expression is (operator,attribute,value), got "
              + parts.size()
              + " parts");
    }
    String op = parts.get(0);
    if (!SINGLE.contains(op) && !MULTI.contains(op)) {
      throw ApiException.badRequest(
          "filter '"
              + expression
              + "': unknown operator '"
              + op
              + "' (expected one of eq, neq, gt, gte, lt, lte, in, nin, cont, ncont)");
    }
    List<String> values = parts.subList(2, parts.size());
    if (SINGLE.contains(op) && values.size() != 1) {
      throw ApiException.badRequest(
          "filter '" + expression + "': operator " + op + " takes one value");
    }
    String attr = parts.get(1);
    List<String> path = List.of(attr.split("/", -1));
    if (attr.isEmpty() || path.stream().anyMatch(String::isEmpty)) {
      throw ApiException.badRequest(
          "filter '" + expression + "': '" + attr + "' is not an attribute name");
    }
    return new Term(op, path, List.copyOf(values));
  }

  private static ApiException bad(String expression, int at, String why) {
    return ApiException.badRequest(
        "filter '" + expression + "' is malformed at character " + (at + 1) + ": " + why);
  }

  /** Whether {@code doc} satisfies every expression. */
  public boolean test(JsonNode doc) {
    for (Term t : terms) {
      List<JsonNode> reached = new ArrayList<>();
      reach(doc, t.path(), 0, reached);
      String positive = positive(t.op());
      boolean negated = !positive.equals(t.op());
      boolean any = false;
      for (JsonNode v : reached) {
        if (holds(positive, v, t.values())) {
          any = true;
          break;
        }
      }
      if (negated == any) {
        return false;
      }
    }
    return true;
  }

  private static String positive(String op) {
    return switch (op) {
      case "neq" -> "eq";
      case "nin" -> "in";
      case "ncont" -> "cont";
      default -> op;
    };
  }

  private static void reach(JsonNode node, List<String> path, int at, List<JsonNode> out) {
    if (node.isArray()) {
      node.forEach(e -> reach(e, path, at, out));
      return;
    }
    if (at == path.size()) {
      if (node.isValueNode()) {
        out.add(node);
      }
      return;
    }
    JsonNode next = node.get(path.get(at));
    if (next != null && !next.isNull()) {
      reach(next, path, at + 1, out);
    }
  }

  private static boolean holds(String op, JsonNode v, List<String> values) {
    String text = v.asText();
    return switch (op) {
      case "eq", "in" -> values.stream().anyMatch(text::equals);
      case "cont" -> values.stream().anyMatch(text::contains);
      default -> {
        int c = compare(v, values.get(0));
        yield switch (op) {
          case "gt" -> c > 0;
          case "gte" -> c >= 0;
          case "lt" -> c < 0;
          default -> c <= 0;
        };
      }
    };
  }

  private static int compare(JsonNode v, String value) {
    if (v.isNumber()) {
      try {
        return v.decimalValue().compareTo(new BigDecimal(value));
      } catch (NumberFormatException e) {
        // not a number: compare as text
      }
    }
    return v.asText().compareTo(value);
  }
}
