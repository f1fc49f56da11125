package org.nfpvnfm.tosca.internal.loader;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;
import org.nfpvnfm.tosca.DiagnosticCode;
import org.nfpvnfm.tosca.InputDefinition;
import org.nfpvnfm.tosca.TypeCatalog.Kind;
import org.nfpvnfm.tosca.internal.yaml.YNode;
import org.nfpvnfm.tosca.internal.yaml.YNode.YMap;
import org.nfpvnfm.tosca.internal.yaml.YNode.YScalar;
import org.nfpvnfm.tosca.internal.yaml.YNode.YSeq;

/**
 * Checks the arguments of intrinsic functions wherever they appear and evaluates the ones that have
 * a value at load time ({@code get_input}, {@code get_property}, {@code concat}, {@code token});
 * run-time ones ({@code get_attribute}, {@code get_operation_output}) stay as written.
 */
final class FunctionEvaluator {
  private static final Set<String> KEYWORDS = Set.of("SELF", "HOST", "SOURCE", "TARGET");
  private static final String HOSTED_ON = "tosca.relationships.HostedOn";

  private final TopologyValidator topo;
  private final Set<String> evaluating = new HashSet<>();

  FunctionEvaluator(TopologyValidator topo) {
    this.topo = topo;
  }

  /** Checks every function inside {@code value}; {@code self} is the node template, if any. */
  void check(YNode value, @Nullable String self, boolean inOutputs, String what) {
    switch (value) {
      case YSeq seq -> {
        for (YNode i : seq.items()) {
          check(i, self, inOutputs, what);
        }
      }
      case YMap m -> {
        if (Functions.isFunction(m)) {
          checkFunction(m, self, inOutputs, what);
        } else {
          for (YNode.Entry e : m.entries()) {
            check(e.value(), self, inOutputs, what);
          }
        }
      }
      case YScalar s -> {}
    }
  }

  private void checkFunction(YMap f, @Nullable String self, boolean inOutputs, String what) {
    String name = Functions.name(f);
    YNode args = Functions.args(f);
    List<YNode> list = args instanceof YSeq seq ? seq.items() : List.of(args);
    for (YNode a : list) {
      check(a, self, inOutputs, what);
    }
    switch (name) {
      case "get_input" -> {
        if (args instanceof YSeq seq && seq.items().size() != 1) {
          bad(f, what, "get_input takes one input name, not %s".formatted(ValueChecker.show(args)));
          return;
        }
        YNode n = list.get(0);
        if (n instanceof YScalar s && !topo.inputs().containsKey(s.asText())) {
          topo.diags()
              .report(
                  DiagnosticCode.UNKNOWN_INPUT,
                  n.location(),
                  "%s: get_input names \"%s\", which is not an input of this topology%s"
                      .formatted(
                          what,
                          s.asText(),
                          TemplateLoader.suggestion(s.asText(), topo.inputs().keySet())));
        }
      }
      case "concat" -> {
        if (!(args instanceof YSeq seq) || seq.items().isEmpty()) {
          bad(f, what, "concat needs a list of at least one value");
        }
      }
      case "join" -> {
        if (!(args instanceof YSeq seq) || seq.items().isEmpty() || seq.items().size() > 2) {
          bad(f, what, "join needs [list of values] or [list of values, delimiter]");
        }
      }
      case "token" -> {
        if (!(args instanceof YSeq seq) || seq.items().size() < 3) {
          bad(f, what, "token needs three arguments: [string, separator, index]");
        } else if (!(seq.items().get(2) instanceof YScalar i && i.value() instanceof Long)) {
          bad(f, what, "token's third argument must be an integer index");
        }
      }
      case "get_operation_output" -> {
        if (!(args instanceof YSeq seq) || seq.items().size() != 4) {
          bad(f, what, "get_operation_output needs [node, interface, operation, output]");
        }
      }
      case "get_property" -> checkPropertyOrAttribute(f, list, self, false, inOutputs, what);
      case "get_attribute" -> checkPropertyOrAttribute(f, list, self, true, inOutputs, what);
      default -> {}
    }
  }

  private void checkPropertyOrAttribute(
      YMap f,
      List<YNode> args,
      @Nullable String self,
      boolean attribute,
      boolean inOutputs,
      String what) {
    String fn = attribute ? "get_attribute" : "get_property";
    if (args.size() < 2) {
      bad(
          f,
          what,
          "%s needs at least [node, %s]".formatted(fn, attribute ? "attribute" : "property"));
      return;
    }
    for (YNode a : args) {
      if (Functions.isFunction(a)) {
        return; // computed arguments are checked at run time
      }
    }
    String first = ValueChecker.show(args.get(0));
    String node;
    switch (first) {
      case "SOURCE", "TARGET" -> {
        return;
      }
      case "SELF" -> node = self;
      case "HOST" -> {
        if (inOutputs) {
          bad(f, what, "%s with HOST is not allowed in outputs; name the node".formatted(fn));
          return;
        }
        if (self == null) {
          return;
        }
        node = host(self);
        String wanted = ValueChecker.show(args.get(1));
        for (int hops = 0; node != null && hops < 16 && !defines(node, wanted, attribute); hops++) {
          String next = host(node);
          if (next == null) {
            break;
          }
          node = next;
        }
        if (node == null) {
          bad(
              f,
              what,
              "%s: [HOST, ...] is used in node template \"%s\", which is not hosted on any node (no %s relationship)"
                  .formatted(fn, self, HOSTED_ON));
          return;
        }
      }
      default -> {
        node = first;
        if (topo.nodeBody(first) == null) {
          topo.diags()
              .report(
                  DiagnosticCode.UNKNOWN_NODE_TEMPLATE,
                  args.get(0).location(),
                  "%s: %s names node template \"%s\", which does not exist"
                      .formatted(what, fn, first));
          return;
        }
      }
    }
    if (node == null) {
      return;
    }
    String type = topo.nodeType(node);
    if (type == null || topo.registry().find(Kind.NODE, type) == null) {
      return;
    }
    String section = attribute ? "attributes" : "properties";
    String second = ValueChecker.show(args.get(1));
    Map<String, YNode> caps = topo.registry().mergedMap(Kind.NODE, type, "capabilities");
    Map<String, YNode> reqs = topo.registry().requirements(type);
    Map<String, YNode> own = topo.registry().mergedMap(Kind.NODE, type, section);
    if (attribute) {
      // Every property is also an attribute in TOSCA 1.2+.
      Map<String, YNode> withProps =
          new LinkedHashMap<>(topo.registry().mergedMap(Kind.NODE, type, "properties"));
      withProps.putAll(own);
      own = withProps;
    }
    int nameIndex = 1;
    Map<String, YNode> defs = own;
    String where = "node template \"" + node + "\"";
    if (!own.containsKey(second) && args.size() >= 3 && caps.containsKey(second)) {
      YNode capDef = caps.get(second);
      String capType =
          capDef instanceof YMap cd ? ValueChecker.text(cd.get("type")) : ValueChecker.text(capDef);
      defs = new LinkedHashMap<>(topo.registry().mergedMap(Kind.CAPABILITY, capType, section));
      if (attribute) {
        defs.putAll(topo.registry().mergedMap(Kind.CAPABILITY, capType, "properties"));
      }
      if (capDef instanceof YMap cd && cd.get("properties") instanceof YMap refined) {
        for (YNode.Entry r : refined.entries()) {
          defs.put(r.key(), r.value());
        }
      }
      nameIndex = 2;
      where = "capability \"" + second + "\" of node template \"" + node + "\"";
    } else if (!own.containsKey(second) && args.size() >= 3 && reqs.containsKey(second)) {
      return; // a property of the node or relationship the requirement reaches: run-time
    }
    String prop = ValueChecker.show(args.get(nameIndex));
    if (!defs.containsKey(prop) && !(attribute && nameIndex == 1 && defines(node, prop, true))) {
      topo.diags()
          .report(
              attribute ? DiagnosticCode.UNKNOWN_ATTRIBUTE : DiagnosticCode.UNKNOWN_PROPERTY,
              args.get(nameIndex).location(),
              "%s: %s \"%s\" is not defined for %s"
                  .formatted(what, attribute ? "attribute" : "property", prop, where));
      return;
    }
    if (attribute && defs.get(prop) instanceof YMap def) {
      checkIndexes(f, def, args.subList(nameIndex + 1, args.size()), what);
    }
  }

  /** Nested indexes/keys after an attribute name must follow its type. */
  private void checkIndexes(YMap f, YMap def, List<YNode> rest, String what) {
    String type = ValueChecker.text(def.get("type"));
    YNode entry = def.get("entry_schema");
    for (YNode idx : rest) {
      if (type == null) {
        return;
      }
      if (type.equals("list")) {
        if (!(idx instanceof YScalar s && s.value() instanceof Long)) {
          bad(
              f,
              what,
              "get_attribute: index \"%s\" into a list must be an integer"
                  .formatted(ValueChecker.show(idx)));
          return;
        }
      } else if (type.equals("map")) {
        if (!(idx instanceof YScalar)) {
          bad(
              f,
              what,
              "get_attribute: key \"%s\" into a map must be a scalar"
                  .formatted(ValueChecker.show(idx)));
          return;
        }
      } else if (topo.registry().find(Kind.DATA, type) != null
          && !topo.registry().mergedMap(Kind.DATA, type, "properties").isEmpty()) {
        Map<String, YNode> fields = topo.registry().mergedMap(Kind.DATA, type, "properties");
        String key = ValueChecker.show(idx);
        if (!(fields.get(key) instanceof YMap fd)) {
          bad(f, what, "get_attribute: data type \"%s\" has no field \"%s\"".formatted(type, key));
          return;
        }
        type = ValueChecker.text(fd.get("type"));
        entry = fd.get("entry_schema");
        continue;
      } else {
        bad(
            f,
            what,
            "get_attribute: unexpected index \"%s\" into a value of type %s"
                .formatted(ValueChecker.show(idx), type));
        return;
      }
      if (entry instanceof YMap es) {
        type = ValueChecker.text(es.get("type"));
        entry = es.get("entry_schema");
      } else {
        type = ValueChecker.text(entry);
        entry = null;
      }
    }
  }

  /**
   * Whether the node's type, or for attributes one of its capabilities, defines {@code name}
   * (capability attributes are the node's too, as the reference resolves them).
   */
  private boolean defines(String node, String name, boolean attribute) {
    String type = topo.nodeType(node);
    if (type == null) {
      return false;
    }
    var reg = topo.registry();
    if (reg.mergedMap(Kind.NODE, type, "properties").containsKey(name)) {
      return true;
    }
    if (!attribute) {
      return false;
    }
    if (reg.mergedMap(Kind.NODE, type, "attributes").containsKey(name)) {
      return true;
    }
    for (YNode cap : reg.mergedMap(Kind.NODE, type, "capabilities").values()) {
      String capType =
          cap instanceof YMap cd ? ValueChecker.text(cd.get("type")) : ValueChecker.text(cap);
      if (reg.mergedMap(Kind.CAPABILITY, capType, "attributes").containsKey(name)
          || reg.mergedMap(Kind.CAPABILITY, capType, "properties").containsKey(name)) {
        return true;
      }
    }
    return false;
  }

  /** The node {@code self} is hosted on, following requirements whose relationship is HostedOn. */
  private @Nullable String host(String self) {
    YMap body = topo.nodeBody(self);
    String type = topo.nodeType(self);
    if (body == null || type == null) {
      return null;
    }
    Map<String, YNode> defs = topo.registry().requirements(type);
    if (body.get("requirements") instanceof YSeq seq) {
      for (YNode item : seq.items()) {
        if (!(item instanceof YMap m)) {
          continue;
        }
        for (YNode.Entry e : m.entries()) {
          String rel = null;
          String target = null;
          if (e.value() instanceof YScalar s) {
            target = s.asText();
          } else if (e.value() instanceof YMap rm) {
            target = ValueChecker.text(rm.get("node"));
            rel =
                rm.get("relationship") instanceof YMap rr
                    ? ValueChecker.text(rr.get("type"))
                    : ValueChecker.text(rm.get("relationship"));
          }
          if (rel == null && defs.get(e.key()) instanceof YMap d) {
            rel = ValueChecker.text(d.get("relationship"));
            if (rel == null && d.get("relationship") instanceof YMap dr) {
              rel = ValueChecker.text(dr.get("type"));
            }
          }
          if (rel != null
              && topo.registry().isA(Kind.RELATIONSHIP, rel, HOSTED_ON)
              && target != null
              && topo.nodeBody(target) != null) {
            return target;
          }
        }
      }
    }
    return null;
  }

  private void bad(YMap f, String what, String message) {
    topo.diags().report(DiagnosticCode.INVALID_FUNCTION, f.location(), what + ": " + message);
  }

  // ---------------------------------------------------------------- evaluation

  @Nullable Object evaluate(YNode value, @Nullable String self) {
    return switch (value) {
      case YScalar s -> s.value();
      case YSeq seq -> {
        List<@Nullable Object> out = new ArrayList<>();
        for (YNode i : seq.items()) {
          out.add(evaluate(i, self));
        }
        yield out;
      }
      case YMap m -> {
        if (Functions.isFunction(m)) {
          yield evaluateFunction(m, self);
        }
        Map<String, @Nullable Object> out = new LinkedHashMap<>();
        for (YNode.Entry e : m.entries()) {
          out.put(e.key(), evaluate(e.value(), self));
        }
        yield out;
      }
    };
  }

  private @Nullable Object evaluateFunction(YMap f, @Nullable String self) {
    String name = Functions.name(f);
    YNode args = Functions.args(f);
    List<YNode> list = args instanceof YSeq seq ? seq.items() : List.of(args);
    switch (name) {
      case "get_input" -> {
        InputDefinition in = topo.inputs().get(ValueChecker.show(list.get(0)));
        return in == null ? f.toJava() : in.value();
      }
      case "concat" -> {
        StringBuilder sb = new StringBuilder();
        for (YNode a : list) {
          Object v = evaluate(a, self);
          if (v instanceof Map<?, ?> || v instanceof List<?> || v == null) {
            return f.toJava();
          }
          sb.append(pythonStr(v));
        }
        return sb.toString();
      }
      case "token" -> {
        if (list.size() >= 3
            && evaluate(list.get(0), self) instanceof String str
            && list.get(1) instanceof YScalar sep
            && list.get(2) instanceof YScalar idx
            && idx.value() instanceof Long i) {
          String[] parts = str.split(Pattern.quote(sep.asText()), -1);
          return i >= 0 && i < parts.length ? parts[i.intValue()] : f.toJava();
        }
        return f.toJava();
      }
      case "get_property" -> {
        if (list.size() == 2) {
          String node = ValueChecker.show(list.get(0));
          if (node.equals("SELF")) {
            node = self;
          }
          if (node != null
              && !KEYWORDS.contains(node)
              && topo.nodeBody(node) instanceof YMap body
              && body.get("properties") instanceof YMap props
              && props.get(ValueChecker.show(list.get(1))) instanceof YNode v
              && evaluating.add(node + "." + ValueChecker.show(list.get(1)))) {
            try {
              return evaluate(v, node);
            } finally {
              evaluating.remove(node + "." + ValueChecker.show(list.get(1)));
            }
          }
        }
        return f.toJava();
      }
      default -> {
        return f.toJava();
      }
    }
  }

  private static String pythonStr(Object v) {
    if (v instanceof Boolean b) {
      return b ? "True" : "False";
    }
    return String.valueOf(v);
  }
}
