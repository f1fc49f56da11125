package org.nfpvnfm.tosca.internal.loader;

import java.math.BigInteger;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;
import org.jspecify.annotations.Nullable;
import org.nfpvnfm.tosca.DiagnosticCode;
import org.nfpvnfm.tosca.TypeCatalog.Kind;
import org.nfpvnfm.tosca.internal.Diagnostics;
import org.nfpvnfm.tosca.internal.types.TypeDef;
import org.nfpvnfm.tosca.internal.types.TypeRegistry;
import org.nfpvnfm.tosca.internal.yaml.YNode;
import org.nfpvnfm.tosca.internal.yaml.YNode.YMap;
import org.nfpvnfm.tosca.internal.yaml.YNode.YScalar;
import org.nfpvnfm.tosca.internal.yaml.YNode.YSeq;

/**
 * Checks a value against a TOSCA type: primitive types, scalar units, lists and maps with their
 * entry schema, complex data types field by field, and every constraint along the way. Values that
 * are intrinsic functions are left to {@link Functions}.
 */
final class ValueChecker {

  static final Set<String> PRIMITIVES =
      Set.of(
          "string",
          "integer",
          "float",
          "boolean",
          "timestamp",
          "null",
          "version",
          "range",
          "list",
          "map",
          "any",
          "scalar-unit.size",
          "scalar-unit.time",
          "scalar-unit.frequency",
          "scalar-unit.bitrate");

  private static final Map<String, Double> SIZE =
      Map.of(
          "b",
          1d,
          "kb",
          1e3,
          "kib",
          1024d,
          "mb",
          1e6,
          "mib",
          1048576d,
          "gb",
          1e9,
          "gib",
          1073741824d,
          "tb",
          1e12,
          "tib",
          1099511627776d);
  private static final Map<String, Double> TIME =
      Map.of("d", 86400d, "h", 3600d, "m", 60d, "s", 1d, "ms", 1e-3, "us", 1e-6, "ns", 1e-9);
  private static final Map<String, Double> FREQUENCY =
      Map.of("hz", 1d, "khz", 1e3, "mhz", 1e6, "ghz", 1e9);
  private static final Map<String, Double> BITRATE =
      Map.ofEntries(
          Map.entry("bps", 1d),
          Map.entry("kbps", 1e3),
          Map.entry("kibps", 1024d),
          Map.entry("mbps", 1e6),
          Map.entry("mibps", 1048576d),
          Map.entry("gbps", 1e9),
          Map.entry("gibps", 1073741824d),
          Map.entry("tbps", 1e12),
          Map.entry("tibps", 1099511627776d));
  private static final Pattern SCALAR =
      Pattern.compile("\\s*([0-9]+(?:\\.[0-9]*)?(?:[eE][-+]?[0-9]+)?)\\s*([A-Za-z]+)\\s*");
  private static final Pattern VERSION =
      Pattern.compile("[0-9]+\\.[0-9]+(?:\\.[0-9]+(?:\\.[A-Za-z0-9]+(?:-[0-9]+)?)?)?");

  private final TypeRegistry registry;
  private final Diagnostics diags;

  ValueChecker(TypeRegistry registry, Diagnostics diags) {
    this.registry = registry;
    this.diags = diags;
  }

  /**
   * Checks {@code value} against a property/parameter definition ({@code type}, entry_schema,
   * constraints).
   */
  void checkAgainstDefinition(YNode value, YMap definition, String what) {
    String type = text(definition.get("type"));
    if (type == null) {
      return;
    }
    check(value, type, definition.get("entry_schema"), definition.get("constraints"), what, 0);
  }

  void check(
      YNode value,
      String type,
      @Nullable YNode entrySchema,
      @Nullable YNode constraints,
      String what,
      int depth) {
    if (depth > 32 || Functions.isFunction(value)) {
      return;
    }
    if (value instanceof YScalar s && s.isNull()) {
      return;
    }
    if (PRIMITIVES.contains(type)) {
      if (checkPrimitive(value, type, entrySchema, what, depth)) {
        applyConstraints(value, type, constraints, what);
      }
      return;
    }
    TypeDef data = registry.find(Kind.DATA, type);
    if (data == null) {
      return; // an undefined type is reported where it is declared
    }
    List<TypeDef> chain = registry.chain(Kind.DATA, type);
    String primitive = null;
    for (TypeDef d : chain) {
      String parent = d.derivedFrom();
      if (parent != null && PRIMITIVES.contains(parent)) {
        primitive = parent;
        break;
      }
      // The normative file writes PortDef as "derived_from: tosca.datatypes.Root, type: integer".
      String declared = text(d.body().get("type"));
      if (declared != null && PRIMITIVES.contains(declared)) {
        primitive = declared;
        break;
      }
    }
    if (primitive != null) {
      if (checkPrimitive(value, primitive, entrySchema, what, depth)) {
        for (TypeDef d : chain) {
          applyConstraints(value, primitive, d.body().get("constraints"), what);
        }
        applyConstraints(value, primitive, constraints, what);
      }
      return;
    }
    if (!(value instanceof YMap map)) {
      diags.report(
          DiagnosticCode.INVALID_VALUE,
          value.location(),
          "%s: \"%s\" is not a map, but data type \"%s\" needs one"
              .formatted(what, show(value), type));
      return;
    }
    Map<String, YNode> fields = registry.mergedMap(Kind.DATA, type, "properties");
    for (YNode.Entry e : map.entries()) {
      if (!fields.containsKey(e.key())) {
        diags.report(
            DiagnosticCode.UNKNOWN_FIELD,
            e.keyLocation(),
            "%s: data type \"%s\" has no field \"%s\"%s"
                .formatted(
                    what, type, e.key(), TemplateLoader.suggestion(e.key(), fields.keySet())));
      }
    }
    for (Map.Entry<String, YNode> f : fields.entrySet()) {
      if (!(f.getValue() instanceof YMap def)) {
        continue;
      }
      YNode v = map.get(f.getKey());
      if (v == null) {
        if (isRequired(def) && def.get("default") == null) {
          diags.report(
              DiagnosticCode.MISSING_FIELD,
              map.location(),
              "%s: data type \"%s\" requires field \"%s\"".formatted(what, type, f.getKey()));
        }
        continue;
      }
      String ft = text(def.get("type"));
      if (ft != null) {
        check(
            v,
            ft,
            def.get("entry_schema"),
            def.get("constraints"),
            what + ", field \"" + f.getKey() + "\"",
            depth + 1);
      }
    }
    applyConstraints(value, type, constraints, what);
  }

  static boolean isRequired(YMap def) {
    return !(def.get("required") instanceof YScalar r && Boolean.FALSE.equals(r.value()));
  }

  private boolean checkPrimitive(
      YNode value, String type, @Nullable YNode entrySchema, String what, int depth) {
    switch (type) {
      case "list" -> {
        if (!(value instanceof YSeq seq)) {
          return bad(value, what, "is not a list");
        }
        schemaEach(seq.items(), entrySchema, what, depth);
        return true;
      }
      case "map" -> {
        if (!(value instanceof YMap m)) {
          return bad(value, what, "is not a map");
        }
        List<YNode> values = new ArrayList<>();
        for (YNode.Entry e : m.entries()) {
          values.add(e.value());
        }
        schemaEach(values, entrySchema, what, depth);
        return true;
      }
      case "any" -> {
        return true;
      }
      case "range" -> {
        if (value instanceof YSeq r
            && r.items().size() == 2
            && r.items().get(0).toJava() instanceof Long lo
            && (r.items().get(1).toJava() instanceof Long
                || "UNBOUNDED".equals(r.items().get(1).toJava()))) {
          long hi = r.items().get(1).toJava() instanceof Long h ? h : Long.MAX_VALUE;
          return lo <= hi || bad(value, what, "is not a range: the lower bound exceeds the upper");
        }
        return bad(value, what, "is not a range [min, max] of integers (max may be UNBOUNDED)");
      }
      default -> {}
    }
    if (!(value instanceof YScalar s)) {
      return bad(value, what, "is not a " + readable(type));
    }
    Object v = s.value();
    return switch (type) {
      case "string" -> v instanceof String || bad(value, what, "is not a string");
      case "integer" ->
          (v instanceof Long || v instanceof BigInteger)
              || (v instanceof String str && str.strip().matches("[-+]?[0-9]+"))
              || (v instanceof Double)
              || (v instanceof Boolean) // Python's bool is an int, and the reference accepts it
              || bad(value, what, "is not an integer");
      case "float" ->
          v instanceof Double
              || v instanceof Long
              || v instanceof BigInteger
              || (v instanceof String str && isFloat(str))
              || bad(value, what, "is not a float");
      case "boolean" ->
          v instanceof Boolean
              || (v instanceof String str
                  && (str.equalsIgnoreCase("true") || str.equalsIgnoreCase("false")))
              || bad(value, what, "is not a boolean");
      case "timestamp" -> isTimestamp(s.asText()) || bad(value, what, "is not a timestamp");
      case "version" ->
          VERSION.matcher(s.asText()).matches()
              || bad(value, what, "is not a version (major.minor[.fix[.qualifier[-build]]])");
      case "null" -> true;
      default -> {
        if (type.startsWith("scalar-unit.")) {
          yield scalarUnit(s, type, what) != null;
        }
        yield true;
      }
    };
  }

  private void schemaEach(List<YNode> items, @Nullable YNode entrySchema, String what, int depth) {
    if (entrySchema == null) {
      return;
    }
    String et;
    YNode ec = null;
    YNode ees = null;
    if (entrySchema instanceof YMap es) {
      et = text(es.get("type"));
      ec = es.get("constraints");
      ees = es.get("entry_schema");
    } else {
      et = text(entrySchema);
    }
    if (et == null) {
      return;
    }
    for (YNode item : items) {
      check(item, et, ees, ec, what, depth + 1);
    }
  }

  /**
   * The value in the unit's base (bytes, seconds, hertz, bits per second), or null when malformed.
   */
  @Nullable Double scalarUnit(YScalar s, String type, String what) {
    Map<String, Double> units =
        switch (type) {
          case "scalar-unit.size" -> SIZE;
          case "scalar-unit.time" -> TIME;
          case "scalar-unit.frequency" -> FREQUENCY;
          case "scalar-unit.bitrate" -> BITRATE;
          default -> Map.of();
        };
    String t = s.asText();
    Matcher m = SCALAR.matcher(t);
    if (!m.matches()) {
      diags.report(
          DiagnosticCode.INVALID_SCALAR_UNIT,
          s.location(),
          "%s: \"%s\" is not a %s; write a number and a unit, e.g. \"%s\" (units: %s)"
              .formatted(what, t, type, example(type), String.join(", ", units.keySet())));
      return null;
    }
    Double factor = units.get(m.group(2).toLowerCase(Locale.ROOT));
    if (factor == null) {
      diags.report(
          DiagnosticCode.INVALID_SCALAR_UNIT,
          s.location(),
          "%s: unit \"%s\" is not a %s unit (units: %s)"
              .formatted(what, m.group(2), type, String.join(", ", units.keySet())));
      return null;
    }
    return Double.parseDouble(m.group(1)) * factor;
  }

  private static String example(String type) {
    return switch (type) {
      case "scalar-unit.size" -> "512 MiB";
      case "scalar-unit.time" -> "30 s";
      case "scalar-unit.frequency" -> "2.4 GHz";
      default -> "10 Gbps";
    };
  }

  private void applyConstraints(
      YNode value, String type, @Nullable YNode constraints, String what) {
    if (!(constraints instanceof YSeq seq)) {
      return;
    }
    for (YNode c : seq.items()) {
      if (!(c instanceof YMap cm) || cm.entries().size() != 1) {
        continue;
      }
      YNode.Entry e = cm.entries().get(0);
      applyConstraint(value, type, e.key(), e.value(), what);
    }
  }

  private void applyConstraint(YNode value, String type, String op, YNode arg, String what) {
    if (Functions.isFunction(value)) {
      return;
    }
    switch (op) {
      case "valid_values" -> {
        if (arg instanceof YSeq allowed) {
          for (YNode a : allowed.items()) {
            if (same(value, a, type)) {
              return;
            }
          }
          violation(
              value,
              "%s: value \"%s\" is not valid; expected one of %s"
                  .formatted(what, show(value), show(arg)));
        }
      }
      case "equal" -> {
        if (!same(value, arg, type)) {
          violation(
              value, "%s: value \"%s\" must equal \"%s\"".formatted(what, show(value), show(arg)));
        }
      }
      case "in_range" -> {
        if (arg instanceof YSeq r && r.items().size() == 2) {
          Double v = number(value, type);
          Double lo = number(r.items().get(0), type);
          Double hi =
              r.items().get(1) instanceof YScalar u && "UNBOUNDED".equals(u.value())
                  ? Double.POSITIVE_INFINITY
                  : number(r.items().get(1), type);
          if (v != null && lo != null && hi != null && (v < lo || v > hi)) {
            violation(
                value,
                "%s: value \"%s\" is out of range [%s, %s]"
                    .formatted(what, show(value), show(r.items().get(0)), show(r.items().get(1))));
          }
        }
      }
      case "greater_than", "greater_or_equal", "less_than", "less_or_equal" -> {
        Double v = number(value, type);
        Double bound = number(arg, type);
        if (v == null || bound == null) {
          return;
        }
        boolean ok =
            switch (op) {
              case "greater_than" -> v > bound;
              case "greater_or_equal" -> v >= bound;
              case "less_than" -> v < bound;
              default -> v <= bound;
            };
        if (!ok) {
          violation(
              value,
              "%s: value \"%s\" must be %s %s"
                  .formatted(what, show(value), op.replace('_', ' '), show(arg)));
        }
      }
      case "length", "min_length", "max_length" -> {
        Integer len = length(value);
        Double bound =
            arg instanceof YScalar s && s.value() instanceof Number n ? n.doubleValue() : null;
        if (len == null || bound == null) {
          return;
        }
        boolean ok =
            switch (op) {
              case "length" -> len == bound.intValue();
              case "min_length" -> len >= bound;
              default -> len <= bound;
            };
        if (!ok) {
          violation(
              value,
              "%s: length %d of \"%s\" breaks %s %s"
                  .formatted(what, len, show(value), op, show(arg)));
        }
      }
      case "pattern" -> {
        if (value instanceof YScalar s && arg instanceof YScalar p) {
          try {
            Matcher m = Pattern.compile(p.asText()).matcher(s.asText());
            if (!(m.lookingAt() && m.end() == s.asText().length())) {
              violation(
                  value,
                  "%s: \"%s\" does not match the pattern \"%s\""
                      .formatted(what, s.asText(), p.asText()));
            }
          } catch (PatternSyntaxException ex) {
            diags.report(
                DiagnosticCode.INVALID_VALUE,
                arg.location(),
                "the pattern \"%s\" is not a valid regular expression".formatted(p.asText()));
          }
        }
      }
      default -> {}
    }
  }

  private void violation(YNode value, String message) {
    diags.report(DiagnosticCode.CONSTRAINT_VIOLATION, value.location(), message);
  }

  private boolean same(YNode value, YNode allowed, String type) {
    if (type.startsWith("scalar-unit.")) {
      Double a = number(value, type);
      Double b = number(allowed, type);
      if (a != null && b != null) {
        return a.equals(b);
      }
    }
    Object a = value.toJava();
    Object b = allowed.toJava();
    if (a instanceof Number na && b instanceof Number nb) {
      return na.doubleValue() == nb.doubleValue();
    }
    return java.util.Objects.equals(a, b);
  }

  private @Nullable Double number(YNode n, String type) {
    if (!(n instanceof YScalar s)) {
      return null;
    }
    if (type.startsWith("scalar-unit.")) {
      Diagnostics quiet = new Diagnostics();
      return new ValueChecker(registry, quiet).scalarUnit(s, type, "");
    }
    Object v = s.value();
    if (v instanceof Number num) {
      return num.doubleValue();
    }
    if (v instanceof String str && isFloat(str)) {
      return Double.parseDouble(str.strip());
    }
    return null;
  }

  private static @Nullable Integer length(YNode n) {
    return switch (n) {
      case YScalar s ->
          s.value() instanceof String str ? str.codePointCount(0, str.length()) : null;
      case YSeq seq -> seq.items().size();
      case YMap m -> m.entries().size();
    };
  }

  private boolean bad(YNode value, String what, String problem) {
    diags.report(
        DiagnosticCode.INVALID_VALUE,
        value.location(),
        "%s: \"%s\" %s".formatted(what, show(value), problem));
    return false;
  }

  private static boolean isFloat(String s) {
    try {
      Double.parseDouble(s.strip());
      return true;
    } catch (NumberFormatException e) {
      return false;
    }
  }

  private static boolean isTimestamp(String s) {
    String t = s.strip();
    try {
      LocalDate.parse(t.length() >= 10 ? t.substring(0, 10) : t);
    } catch (DateTimeParseException e) {
      return false;
    }
    if (t.length() <= 10) {
      return true;
    }
    try {
      OffsetDateTime.parse(t.replace(' ', 'T').replace("TZ", "Z"));
      return true;
    } catch (DateTimeParseException e) {
      return t.matches(
          "\\d{4}-\\d{1,2}-\\d{1,2}([Tt]|[ \\t]+)\\d{1,2}:\\d{2}:\\d{2}(\\.\\d*)?(([ \\t]*)Z|[-+]\\d{1,2}(:\\d{2})?)?");
    }
  }

  private static String readable(String type) {
    return switch (type) {
      case "integer" -> "integer";
      default -> type;
    };
  }

  static @Nullable String text(@Nullable YNode n) {
    return n instanceof YScalar s && s.value() instanceof String str ? str : null;
  }

  static String show(YNode n) {
    return switch (n) {
      case YScalar s -> s.asText();
      case YSeq seq -> {
        List<String> parts = new ArrayList<>();
        for (YNode i : seq.items()) {
          parts.add(show(i));
        }
        yield "[" + String.join(", ", parts) + "]";
      }
      case YMap m -> "{" + String.join(", ", m.keys()) + "}";
    };
  }
}
