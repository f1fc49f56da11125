package org.nfpvnfm.tosca.internal.loader;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.jspecify.annotations.Nullable;
import org.nfpvnfm.tosca.DiagnosticCode;
import org.nfpvnfm.tosca.GroupTemplate;
import org.nfpvnfm.tosca.InputDefinition;
import org.nfpvnfm.tosca.NodeTemplate;
import org.nfpvnfm.tosca.PolicyTemplate;
import org.nfpvnfm.tosca.RequirementAssignment;
import org.nfpvnfm.tosca.ServiceTemplate;
import org.nfpvnfm.tosca.SourceLocation;
import org.nfpvnfm.tosca.TypeCatalog.Kind;
import org.nfpvnfm.tosca.internal.Diagnostics;
import org.nfpvnfm.tosca.internal.pkg.PackageSource;
import org.nfpvnfm.tosca.internal.types.TypeRegistry;
import org.nfpvnfm.tosca.internal.yaml.YNode;
import org.nfpvnfm.tosca.internal.yaml.YNode.YMap;
import org.nfpvnfm.tosca.internal.yaml.YNode.YScalar;
import org.nfpvnfm.tosca.internal.yaml.YNode.YSeq;

/**
 * Validates a topology template against its types (inputs, node templates with properties,
 * requirements, capabilities, interfaces and artifacts, groups, policies, outputs, substitution
 * mappings, intrinsic functions) and builds the immutable {@link ServiceTemplate}. Every problem is
 * reported; validation goes on after each one.
 */
final class TopologyValidator {
  private static final Set<String> TOPOLOGY_KEYS =
      Set.of(
          "description",
          "inputs",
          "node_templates",
          "relationship_templates",
          "outputs",
          "groups",
          "substitution_mappings",
          "policies",
          "workflows");
  private static final Set<String> NODE_KEYS =
      Set.of(
          "type",
          "description",
          "directives",
          "metadata",
          "properties",
          "attributes",
          "requirements",
          "capabilities",
          "interfaces",
          "artifacts",
          "node_filter",
          "copy");
  private static final Set<String> REQUIREMENT_KEYS =
      Set.of("node", "capability", "relationship", "occurrences", "node_filter");
  private static final Set<String> INPUT_KEYS =
      Set.of(
          "type",
          "description",
          "default",
          "constraints",
          "required",
          "status",
          "entry_schema",
          "key_schema",
          "metadata",
          "value");
  private static final Set<String> GROUP_KEYS =
      Set.of("type", "description", "metadata", "properties", "members", "interfaces");
  private static final Set<String> POLICY_KEYS =
      Set.of("type", "description", "metadata", "properties", "targets", "triggers", "reservation");
  private static final Set<String> SUBSTITUTION_KEYS =
      Set.of("node_type", "requirements", "capabilities", "properties", "attributes", "interfaces");
  private static final Set<String> LIFECYCLE_OPS =
      Set.of("create", "configure", "start", "stop", "delete");
  private static final Set<String> CONFIGURE_OPS =
      Set.of(
          "pre_configure_source",
          "pre_configure_target",
          "post_configure_source",
          "post_configure_target",
          "add_target",
          "add_source",
          "target_changed",
          "remove_target");
  private static final Set<String> INTERFACE_RESERVED =
      Set.of("type", "inputs", "derived_from", "description", "notifications", "operations");

  private final String file;
  private final String version;
  private final YMap doc;
  private final TypeRegistry registry;
  private final Diagnostics diags;
  private final PackageSource files;
  private final boolean isPackage;
  private final ValueChecker values;

  private final Map<String, YMap> nodeBodies = new LinkedHashMap<>();
  private final Map<String, String> nodeTypes = new HashMap<>();
  private final Map<String, InputDefinition> inputs = new LinkedHashMap<>();
  private final Set<String> groupNames = new HashSet<>();
  private final FunctionEvaluator functions;

  TopologyValidator(
      String file,
      String version,
      YMap doc,
      TypeRegistry registry,
      Diagnostics diags,
      PackageSource files,
      boolean isPackage) {
    this.file = file;
    this.version = version;
    this.doc = doc;
    this.registry = registry;
    this.diags = diags;
    this.files = files;
    this.isPackage = isPackage;
    this.values = new ValueChecker(registry, diags);
    this.functions = new FunctionEvaluator(this);
  }

  TypeRegistry registry() {
    return registry;
  }

  Diagnostics diags() {
    return diags;
  }

  Map<String, InputDefinition> inputs() {
    return inputs;
  }

  @Nullable YMap nodeBody(String name) {
    return nodeBodies.get(name);
  }

  @Nullable String nodeType(String name) {
    return nodeTypes.get(name);
  }

  Set<String> nodeNames() {
    return nodeBodies.keySet();
  }

  ServiceTemplate validate(Map<String, @Nullable Object> inputValues) {
    YMap topo = mapOrNull(doc.get("topology_template"), "topology_template");
    YMap empty = new YMap(List.of(), doc.location());
    if (topo == null) {
      topo = empty;
    }
    checkKeys(topo, TOPOLOGY_KEYS, "topology_template");

    YMap inputsNode = mapOrNull(topo.get("inputs"), "inputs");
    if (inputsNode != null) {
      for (YNode.Entry e : inputsNode.entries()) {
        validateInput(e, inputValues);
      }
    }

    YMap nodesNode = mapOrNull(topo.get("node_templates"), "node_templates");
    if (nodesNode != null) {
      for (YNode.Entry e : nodesNode.entries()) {
        if (e.value() instanceof YMap body) {
          nodeBodies.put(e.key(), body);
          if (body.get("type") instanceof YScalar t && t.value() instanceof String type) {
            nodeTypes.put(e.key(), type);
          }
        } else {
          diags.report(
              DiagnosticCode.MISSING_FIELD,
              e.keyLocation(),
              "node template \"%s\" must be a mapping with a \"type\"".formatted(e.key()));
        }
      }
    }
    YMap groupsNode = mapOrNull(topo.get("groups"), "groups");
    if (groupsNode != null) {
      groupNames.addAll(groupsNode.keys());
    }

    List<NodeTemplate> nodes = new ArrayList<>();
    for (Map.Entry<String, YMap> e : nodeBodies.entrySet()) {
      NodeTemplate n = validateNode(e.getKey(), e.getValue());
      if (n != null) {
        nodes.add(n);
      }
    }
    YMap rels = mapOrNull(topo.get("relationship_templates"), "relationship_templates");
    if (rels != null) {
      for (YNode.Entry e : rels.entries()) {
        validateRelationshipTemplate(e);
      }
    }

    List<GroupTemplate> groups = new ArrayList<>();
    if (groupsNode != null) {
      for (YNode.Entry e : groupsNode.entries()) {
        GroupTemplate g = validateGroup(e);
        if (g != null) {
          groups.add(g);
        }
      }
    }
    List<PolicyTemplate> policies = new ArrayList<>();
    YNode policiesNode = topo.get("policies");
    if (policiesNode instanceof YSeq seq) {
      for (YNode item : seq.items()) {
        if (item instanceof YMap m) {
          for (YNode.Entry e : m.entries()) {
            PolicyTemplate p = validatePolicy(e);
            if (p != null) {
              policies.add(p);
            }
          }
        }
      }
    } else if (policiesNode instanceof YMap m) {
      for (YNode.Entry e : m.entries()) {
        PolicyTemplate p = validatePolicy(e);
        if (p != null) {
          policies.add(p);
        }
      }
    }

    Map<String, @Nullable Object> outputs = new LinkedHashMap<>();
    YMap outputsNode = mapOrNull(topo.get("outputs"), "outputs");
    if (outputsNode != null) {
      for (YNode.Entry e : outputsNode.entries()) {
        if (!(e.value() instanceof YMap out) || !out.has("value")) {
          diags.report(
              DiagnosticCode.MISSING_FIELD,
              e.keyLocation(),
              "output \"%s\" needs a \"value\"".formatted(e.key()));
          continue;
        }
        YNode v = java.util.Objects.requireNonNull(out.get("value"));
        functions.check(v, null, true, "output \"" + e.key() + "\"");
        outputs.put(e.key(), functions.evaluate(v, null));
      }
    }

    if (topo.get("substitution_mappings") instanceof YMap sm) {
      validateSubstitution(sm, outputsNode);
    }

    Map<String, String> metadata = new LinkedHashMap<>();
    if (doc.get("metadata") instanceof YMap md) {
      for (YNode.Entry e : md.entries()) {
        metadata.put(
            e.key(), e.value() instanceof YScalar s ? s.asText() : ValueChecker.show(e.value()));
      }
    }
    String description =
        doc.get("description") instanceof YScalar d && d.value() instanceof String s ? s : null;
    return new ServiceTemplate(
        file, version, description, metadata, inputs, nodes, groups, policies, outputs, registry);
  }

  // ---------------------------------------------------------------- inputs

  private void validateInput(YNode.Entry e, Map<String, @Nullable Object> given) {
    String what = "input \"" + e.key() + "\"";
    if (!(e.value() instanceof YMap def)) {
      diags.report(
          DiagnosticCode.WRONG_KIND,
          e.keyLocation(),
          "%s must be a definition with a \"type\"".formatted(what));
      return;
    }
    checkKeys(def, INPUT_KEYS, what);
    String type = ValueChecker.text(def.get("type"));
    if (type == null) {
      diags.report(
          DiagnosticCode.MISSING_FIELD, def.location(), "%s has no \"type\"".formatted(what));
      type = "any";
    } else if (!ValueChecker.PRIMITIVES.contains(type) && registry.find(Kind.DATA, type) == null) {
      diags.report(
          DiagnosticCode.UNKNOWN_TYPE,
          at(def, "type"),
          "%s has type \"%s\", which is not a TOSCA or defined data type".formatted(what, type));
    }
    YNode dflt = def.get("default");
    if (dflt != null) {
      values.check(
          dflt, type, def.get("entry_schema"), def.get("constraints"), what + " default", 0);
    }
    Object value =
        given.containsKey(e.key()) ? given.get(e.key()) : dflt == null ? null : dflt.toJava();
    String description =
        def.get("description") instanceof YScalar d && d.value() instanceof String s ? s : null;
    inputs.put(
        e.key(),
        new InputDefinition(
            e.key(), type, description, ValueChecker.isRequired(def), value, e.keyLocation()));
  }

  // ---------------------------------------------------------------- node templates

  private @Nullable NodeTemplate validateNode(String name, YMap body) {
    String what = "node template \"" + name + "\"";
    checkKeys(body, NODE_KEYS, what);
    String type = nodeTypes.get(name);
    if (type == null) {
      diags.report(
          DiagnosticCode.MISSING_FIELD, body.location(), "%s has no \"type\"".formatted(what));
      return null;
    }
    if (registry.find(Kind.NODE, type) == null) {
      diags.report(
          DiagnosticCode.UNKNOWN_TYPE,
          at(body, "type"),
          "%s: type \"%s\" is not defined; import the file that defines it".formatted(what, type));
      return null;
    }
    Map<String, YNode> propDefs = registry.mergedMap(Kind.NODE, type, "properties");
    YMap props = mapOrNull(body.get("properties"), what + " properties");
    checkProperties(props, propDefs, what, body.location(), name);

    List<RequirementAssignment> reqs = validateRequirements(name, type, body);
    Map<String, Map<String, @Nullable Object>> caps = validateCapabilities(name, type, body);
    validateInterfaces(name, type, body);
    Map<String, @Nullable Object> artifacts = validateArtifacts(name, body);

    Map<String, @Nullable Object> propValues = new LinkedHashMap<>();
    Map<String, SourceLocation> propLocs = new HashMap<>();
    for (Map.Entry<String, YNode> d : propDefs.entrySet()) {
      YNode.Entry givenEntry = props == null ? null : props.entry(d.getKey());
      if (givenEntry != null) {
        propValues.put(d.getKey(), functions.evaluate(givenEntry.value(), name));
        propLocs.put(d.getKey(), givenEntry.keyLocation());
      } else if (d.getValue() instanceof YMap def && def.get("default") instanceof YNode dv) {
        propValues.put(d.getKey(), dv.toJava());
      }
    }
    return new NodeTemplate(
        name,
        canonical(Kind.NODE, type),
        registry.hierarchy(Kind.NODE, type),
        propValues,
        propLocs,
        reqs,
        caps,
        artifacts,
        body.location());
  }

  /** Checks given properties against definitions: unknown, missing required, values, functions. */
  void checkProperties(
      @Nullable YMap props,
      Map<String, YNode> defs,
      String what,
      SourceLocation where,
      @Nullable String self) {
    checkProperties(props, defs, what, where, self, true);
  }

  /**
   * As above; {@code checkValues} false checks names only, as the reference does for groups (Tacker
   * VNFFGDs write {@code version: 1.0}, a float, for a string property).
   */
  void checkProperties(
      @Nullable YMap props,
      Map<String, YNode> defs,
      String what,
      SourceLocation where,
      @Nullable String self,
      boolean checkValues) {
    List<String> missing = new ArrayList<>();
    for (Map.Entry<String, YNode> d : defs.entrySet()) {
      if (d.getValue() instanceof YMap def
          && ValueChecker.isRequired(def)
          && def.get("default") == null
          && (props == null || !props.has(d.getKey()))) {
        missing.add(d.getKey());
      }
    }
    if (!missing.isEmpty()) {
      diags.report(
          DiagnosticCode.MISSING_PROPERTY,
          where,
          "%s is missing required propert%s %s"
              .formatted(what, missing.size() == 1 ? "y" : "ies", quoteAll(missing)));
    }
    if (props == null) {
      return;
    }
    for (YNode.Entry e : props.entries()) {
      YNode def = defs.get(e.key());
      if (def == null) {
        diags.report(
            DiagnosticCode.UNKNOWN_PROPERTY,
            e.keyLocation(),
            "%s has no property \"%s\"%s"
                .formatted(what, e.key(), TemplateLoader.suggestion(e.key(), defs.keySet())));
        continue;
      }
      String pw = what + " property \"" + e.key() + "\"";
      functions.check(e.value(), self, false, pw);
      if (checkValues && def instanceof YMap dm) {
        values.checkAgainstDefinition(e.value(), dm, pw);
      }
    }
  }

  private List<RequirementAssignment> validateRequirements(String name, String type, YMap body) {
    String what = "node template \"" + name + "\"";
    Map<String, YNode> defs = registry.requirements(type);
    Set<String> allowed = new HashSet<>(defs.keySet());
    allowed.add("template");
    List<RequirementAssignment> out = new ArrayList<>();
    Map<String, Integer> counts = new HashMap<>();
    YNode reqs = body.get("requirements");
    if (reqs != null && !(reqs instanceof YSeq) && !(reqs instanceof YScalar s && s.isNull())) {
      diags.report(
          DiagnosticCode.WRONG_KIND,
          reqs.location(),
          "%s: \"requirements\" must be a list of one-key maps".formatted(what));
    }
    if (reqs instanceof YSeq seq) {
      for (YNode item : seq.items()) {
        if (!(item instanceof YMap m)) {
          diags.report(
              DiagnosticCode.WRONG_KIND,
              item.location(),
              "%s: each requirement is a one-key map such as \"- host: server\"".formatted(what));
          continue;
        }
        for (YNode.Entry e : m.entries()) {
          if (!allowed.contains(e.key())) {
            diags.report(
                DiagnosticCode.UNKNOWN_REQUIREMENT,
                e.keyLocation(),
                "%s: type \"%s\" has no requirement \"%s\"%s"
                    .formatted(what, type, e.key(), TemplateLoader.suggestion(e.key(), allowed)));
          }
          counts.merge(e.key(), 1, Integer::sum);
          out.add(requirement(name, e));
        }
      }
    }
    for (Map.Entry<String, YNode> d : registry.requirements(type, true).entrySet()) {
      // A requirement is mandatory when its definition says so, or when it names the node type
      // it needs (TOSCA's default occurrences are [1, 1]); one that names only a capability may be
      // left open, to be satisfied by substitution or at deployment, as the reference accepts.
      if (!(d.getValue() instanceof YMap dm) || !(dm.has("occurrences") || dm.has("node"))) {
        continue;
      }
      int[] occ = occurrences(d.getValue());
      int n = counts.getOrDefault(d.getKey(), 0);
      // Only too few is an error: the reference accepts more than the maximum (Tacker's VNFC
      // samples host one VNFC on two servers). Tacker's legacy dialect leaves CP links open for
      // deployment to fill, and the parser Tacker runs accepts that: a warning there.
      if (n < occ[0]) {
        diags.report(
            version.equals("tosca_simple_profile_for_nfv_1_0_0")
                ? DiagnosticCode.REQUIREMENT_OPEN
                : DiagnosticCode.REQUIREMENT_OCCURRENCES,
            body.location(),
            "%s uses requirement \"%s\" %d time%s; type \"%s\" needs it %s"
                .formatted(
                    what,
                    d.getKey(),
                    n,
                    n == 1 ? "" : "s",
                    type,
                    occ[1] == Integer.MAX_VALUE
                        ? "at least " + occ[0] + " time" + (occ[0] == 1 ? "" : "s")
                        : occ[0] == occ[1]
                            ? "exactly " + occ[0] + " time" + (occ[0] == 1 ? "" : "s")
                            : "between " + occ[0] + " and " + occ[1] + " times"));
      }
    }
    return out;
  }

  private static int[] occurrences(YNode def) {
    if (def instanceof YMap m && m.get("occurrences") instanceof YSeq o && o.items().size() == 2) {
      int lo =
          o.items().get(0) instanceof YScalar s && s.value() instanceof Long l ? l.intValue() : 1;
      int hi =
          o.items().get(1) instanceof YScalar s && s.value() instanceof Long l
              ? l.intValue()
              : Integer.MAX_VALUE;
      return new int[] {lo, hi};
    }
    return new int[] {1, 1};
  }

  private RequirementAssignment requirement(String self, YNode.Entry e) {
    String what = "node template \"" + self + "\" requirement \"" + e.key() + "\"";
    String node = null;
    String capability = null;
    String relationship = null;
    if (e.value() instanceof YScalar s && s.value() instanceof String str) {
      node = str;
    } else if (e.value() instanceof YMap m) {
      checkKeys(m, REQUIREMENT_KEYS, what);
      node = ValueChecker.text(m.get("node"));
      capability = ValueChecker.text(m.get("capability"));
      YNode rel = m.get("relationship");
      if (rel instanceof YScalar rs && rs.value() instanceof String r) {
        relationship = r;
      } else if (rel instanceof YMap rm) {
        relationship = ValueChecker.text(rm.get("type"));
        if (rm.get("properties") instanceof YMap rp && relationship != null) {
          checkProperties(
              rp,
              registry.mergedMap(Kind.RELATIONSHIP, relationship, "properties"),
              what + " relationship",
              rm.location(),
              self);
        }
        if (rm.get("interfaces") instanceof YMap ri) {
          for (YNode.Entry ie : ri.entries()) {
            functions.check(ie.value(), self, false, what + " interface \"" + ie.key() + "\"");
          }
        }
      }
      if (m.get("occurrences") instanceof YNode occ) {
        checkOccurrencesValue(occ, what);
      }
    }
    if (node != null && !nodeBodies.containsKey(node) && registry.find(Kind.NODE, node) == null) {
      diags.report(
          DiagnosticCode.UNKNOWN_NODE_TEMPLATE,
          e.value().location(),
          "%s names node \"%s\", which is neither a node template nor a node type"
              .formatted(what, node));
    }
    return new RequirementAssignment(e.key(), node, capability, relationship, e.keyLocation());
  }

  private void checkOccurrencesValue(YNode occ, String what) {
    boolean ok = false;
    if (occ instanceof YSeq s && s.items().size() == 2) {
      Object a = s.items().get(0).toJava();
      Object b = s.items().get(1).toJava();
      if (a instanceof Long lo && (b instanceof Long || "UNBOUNDED".equals(b))) {
        long hi = b instanceof Long l ? l : Long.MAX_VALUE;
        ok = 0 <= lo && lo <= hi && hi != 0;
      }
    }
    if (!ok) {
      diags.report(
          DiagnosticCode.INVALID_VALUE,
          occ.location(),
          "%s: occurrences must be [min, max] with 0 <= min <= max and max > 0, not %s"
              .formatted(what, ValueChecker.show(occ)));
    }
  }

  private Map<String, Map<String, @Nullable Object>> validateCapabilities(
      String name, String type, YMap body) {
    String what = "node template \"" + name + "\"";
    Map<String, Map<String, @Nullable Object>> out = new LinkedHashMap<>();
    YMap caps = mapOrNull(body.get("capabilities"), what + " capabilities");
    if (caps == null) {
      return out;
    }
    Map<String, YNode> defs = registry.mergedMap(Kind.NODE, type, "capabilities");
    for (YNode.Entry e : caps.entries()) {
      YNode def = defs.get(e.key());
      if (def == null) {
        diags.report(
            DiagnosticCode.UNKNOWN_CAPABILITY,
            e.keyLocation(),
            "%s: type \"%s\" has no capability \"%s\"%s"
                .formatted(what, type, e.key(), TemplateLoader.suggestion(e.key(), defs.keySet())));
        continue;
      }
      String capType =
          def instanceof YMap dm ? ValueChecker.text(dm.get("type")) : ValueChecker.text(def);
      Map<String, YNode> propDefs = new LinkedHashMap<>();
      if (capType != null) {
        propDefs.putAll(registry.mergedMap(Kind.CAPABILITY, capType, "properties"));
      }
      if (def instanceof YMap dm && dm.get("properties") instanceof YMap refinements) {
        for (YNode.Entry r : refinements.entries()) {
          propDefs.put(r.key(), r.value());
        }
      }
      Map<String, @Nullable Object> capValues = new LinkedHashMap<>();
      if (e.value() instanceof YMap cm) {
        YMap props = mapOrNull(cm.get("properties"), what + " capability \"" + e.key() + "\"");
        if (props != null) {
          String cw = what + " capability \"" + e.key() + "\"";
          for (YNode.Entry p : props.entries()) {
            YNode pd = propDefs.get(p.key());
            if (pd == null) {
              diags.report(
                  DiagnosticCode.UNKNOWN_PROPERTY,
                  p.keyLocation(),
                  "%s has no property \"%s\"%s"
                      .formatted(
                          cw, p.key(), TemplateLoader.suggestion(p.key(), propDefs.keySet())));
              continue;
            }
            functions.check(p.value(), name, false, cw + " property \"" + p.key() + "\"");
            if (pd instanceof YMap pdm) {
              values.checkAgainstDefinition(p.value(), pdm, cw + " property \"" + p.key() + "\"");
            }
            capValues.put(p.key(), functions.evaluate(p.value(), name));
          }
        }
      }
      out.put(e.key(), capValues);
    }
    return out;
  }

  private void validateInterfaces(String name, String type, YMap body) {
    String what = "node template \"" + name + "\"";
    YMap ifaces = mapOrNull(body.get("interfaces"), what + " interfaces");
    if (ifaces == null) {
      return;
    }
    Map<String, YNode> defs = registry.mergedMap(Kind.NODE, type, "interfaces");
    for (YNode.Entry e : ifaces.entries()) {
      Set<String> allowed;
      String key = e.key();
      if (key.equals("Standard") || key.equals("tosca.interfaces.node.lifecycle.Standard")) {
        allowed = new HashSet<>(LIFECYCLE_OPS);
        allowed.addAll(operationsOf(defs.get(key)));
      } else if (key.equals("Configure") || key.equals("tosca.interfaces.relationship.Configure")) {
        allowed = new HashSet<>(CONFIGURE_OPS);
      } else if (defs.containsKey(key)) {
        allowed = operationsOf(defs.get(key));
      } else {
        diags.report(
            DiagnosticCode.UNKNOWN_OPERATION,
            e.keyLocation(),
            "%s: type \"%s\" has no interface \"%s\"".formatted(what, type, key));
        continue;
      }
      if (!(e.value() instanceof YMap ops)) {
        continue;
      }
      for (YNode.Entry op : ops.entries()) {
        if (op.key().equals("inputs")) {
          functions.check(op.value(), name, false, what + " interface \"" + key + "\" inputs");
          continue;
        }
        if (INTERFACE_RESERVED.contains(op.key())) {
          continue;
        }
        if (!allowed.contains(op.key())) {
          diags.report(
              DiagnosticCode.UNKNOWN_OPERATION,
              op.keyLocation(),
              "%s: interface \"%s\" has no operation \"%s\"%s"
                  .formatted(what, key, op.key(), TemplateLoader.suggestion(op.key(), allowed)));
          continue;
        }
        functions.check(
            op.value(), name, false, what + " operation \"" + key + "." + op.key() + "\"");
        checkImplementation(op.value(), body, what + " operation \"" + key + "." + op.key() + "\"");
      }
    }
  }

  private Set<String> operationsOf(@Nullable YNode ifaceDef) {
    Set<String> ops = new HashSet<>();
    if (!(ifaceDef instanceof YMap def)) {
      return ops;
    }
    ops.addAll(def.keys());
    if (def.get("operations") instanceof YMap o) {
      ops.addAll(o.keys());
    }
    String itype = ValueChecker.text(def.get("type"));
    for (var t : registry.chain(Kind.INTERFACE, itype)) {
      ops.addAll(t.body().keys());
      if (t.body().get("operations") instanceof YMap o) {
        ops.addAll(o.keys());
      }
    }
    ops.removeAll(INTERFACE_RESERVED);
    return ops;
  }

  private void checkImplementation(YNode op, YMap node, String what) {
    if (!isPackage) {
      return;
    }
    YNode impl = op instanceof YMap m ? m.get("implementation") : op;
    if (impl instanceof YMap im) {
      impl = im.get("primary");
    }
    if (impl instanceof YScalar s
        && s.value() instanceof String path
        && !(node.get("artifacts") instanceof YMap arts && arts.has(path))) {
      checkPackageFile(path, s.location(), what + " implementation");
    }
  }

  private Map<String, @Nullable Object> validateArtifacts(String name, YMap body) {
    Map<String, @Nullable Object> out = new LinkedHashMap<>();
    YMap arts = mapOrNull(body.get("artifacts"), "node template \"" + name + "\" artifacts");
    if (arts == null) {
      return out;
    }
    for (YNode.Entry e : arts.entries()) {
      out.put(e.key(), e.value().toJava());
      YNode fileNode = e.value() instanceof YMap am ? am.get("file") : e.value();
      if (isPackage && fileNode instanceof YScalar fs && fs.value() instanceof String path) {
        checkPackageFile(
            path, fs.location(), "node template \"" + name + "\" artifact \"" + e.key() + "\"");
      }
    }
    return out;
  }

  private void checkPackageFile(String path, SourceLocation at, String what) {
    if (TemplateLoader.isUrl(path)) {
      return;
    }
    // Relative to the template's folder, as the reference resolves them.
    String fromTemplate = TemplateLoader.resolveRelative(file, path);
    boolean found = fromTemplate != null && files.exists(fromTemplate);
    if (!found) {
      diags.report(
          DiagnosticCode.PKG_ARTIFACT_MISSING,
          at,
          "%s: the file \"%s\" is not in the package".formatted(what, path));
    }
  }

  private void validateRelationshipTemplate(YNode.Entry e) {
    String what = "relationship template \"" + e.key() + "\"";
    if (!(e.value() instanceof YMap body)) {
      return;
    }
    String type = ValueChecker.text(body.get("type"));
    if (type == null || registry.find(Kind.RELATIONSHIP, type) == null) {
      diags.report(
          type == null ? DiagnosticCode.MISSING_FIELD : DiagnosticCode.UNKNOWN_TYPE,
          body.location(),
          type == null
              ? what + " has no \"type\""
              : "%s: type \"%s\" is not defined".formatted(what, type));
      return;
    }
    checkProperties(
        mapOrNull(body.get("properties"), what),
        registry.mergedMap(Kind.RELATIONSHIP, type, "properties"),
        what,
        body.location(),
        null);
  }

  // ---------------------------------------------------------------- groups and policies

  private @Nullable GroupTemplate validateGroup(YNode.Entry e) {
    String what = "group \"" + e.key() + "\"";
    if (!(e.value() instanceof YMap body)) {
      diags.report(DiagnosticCode.MISSING_FIELD, e.keyLocation(), what + " has no \"type\"");
      return null;
    }
    checkKeys(body, GROUP_KEYS, what);
    String type = definedType(body, Kind.GROUP, what, "group");
    if (type == null) {
      return null;
    }
    YMap props = mapOrNull(body.get("properties"), what);
    Map<String, YNode> defs = registry.mergedMap(Kind.GROUP, type, "properties");
    checkProperties(props, defs, what, body.location(), null, false);
    List<String> members = names(body.get("members"), what + " members");
    for (int i = 0; i < members.size(); i++) {
      String m = members.get(i);
      if (!nodeBodies.containsKey(m) && !groupNames.contains(m)) {
        diags.report(
            DiagnosticCode.GROUP_INVALID,
            itemAt(body, "members", i),
            "%s: member \"%s\" is not a node template of this topology".formatted(what, m));
      }
    }
    return new GroupTemplate(
        e.key(),
        canonical(Kind.GROUP, type),
        registry.hierarchy(Kind.GROUP, type),
        evaluateAll(props, defs),
        locations(props),
        members,
        body.location());
  }

  private @Nullable PolicyTemplate validatePolicy(YNode.Entry e) {
    String what = "policy \"" + e.key() + "\"";
    if (!(e.value() instanceof YMap body)) {
      diags.report(DiagnosticCode.MISSING_FIELD, e.keyLocation(), what + " has no \"type\"");
      return null;
    }
    checkKeys(body, POLICY_KEYS, what);
    String type = definedType(body, Kind.POLICY, what, "policy");
    if (type == null) {
      return null;
    }
    YMap props = mapOrNull(body.get("properties"), what);
    Map<String, YNode> defs = registry.mergedMap(Kind.POLICY, type, "properties");
    checkProperties(props, defs, what, body.location(), null);
    List<String> targets = names(body.get("targets"), what + " targets");
    for (int i = 0; i < targets.size(); i++) {
      String t = targets.get(i);
      if (!nodeBodies.containsKey(t) && !groupNames.contains(t)) {
        diags.report(
            DiagnosticCode.POLICY_INVALID,
            itemAt(body, "targets", i),
            "%s: target \"%s\" is neither a node template nor a group of this topology"
                .formatted(what, t));
      }
    }
    return new PolicyTemplate(
        e.key(),
        canonical(Kind.POLICY, type),
        registry.hierarchy(Kind.POLICY, type),
        evaluateAll(props, defs),
        locations(props),
        targets,
        body.location());
  }

  /** The template's {@code type} when it names a defined type of {@code kind}; else reports why. */
  private @Nullable String definedType(YMap body, Kind kind, String what, String kindWord) {
    String type = ValueChecker.text(body.get("type"));
    if (type == null) {
      diags.report(DiagnosticCode.MISSING_FIELD, body.location(), what + " has no \"type\"");
      return null;
    }
    if (registry.find(kind, type) == null) {
      diags.report(
          DiagnosticCode.UNKNOWN_TYPE,
          at(body, "type"),
          "%s: type \"%s\" is not a defined %s type".formatted(what, type, kindWord));
      return null;
    }
    return type;
  }

  private Map<String, @Nullable Object> evaluateAll(@Nullable YMap props, Map<String, YNode> defs) {
    Map<String, @Nullable Object> out = new LinkedHashMap<>();
    for (Map.Entry<String, YNode> d : defs.entrySet()) {
      if (d.getValue() instanceof YMap def && def.get("default") instanceof YNode dv) {
        out.put(d.getKey(), dv.toJava());
      }
    }
    if (props != null) {
      for (YNode.Entry p : props.entries()) {
        out.put(p.key(), functions.evaluate(p.value(), null));
      }
    }
    return out;
  }

  private static Map<String, SourceLocation> locations(@Nullable YMap props) {
    Map<String, SourceLocation> out = new HashMap<>();
    if (props != null) {
      for (YNode.Entry p : props.entries()) {
        out.put(p.key(), p.keyLocation());
      }
    }
    return out;
  }

  private List<String> names(@Nullable YNode n, String what) {
    List<String> out = new ArrayList<>();
    if (n == null || (n instanceof YScalar s && s.isNull())) {
      return out;
    }
    if (!(n instanceof YSeq seq)) {
      diags.report(DiagnosticCode.WRONG_KIND, n.location(), what + " must be a list of names");
      return out;
    }
    for (YNode i : seq.items()) {
      out.add(i instanceof YScalar s ? s.asText() : ValueChecker.show(i));
    }
    return out;
  }

  // ---------------------------------------------------------------- substitution mappings

  private void validateSubstitution(YMap sm, @Nullable YMap outputs) {
    String what = "substitution_mappings";
    for (YNode.Entry e : sm.entries()) {
      if (!SUBSTITUTION_KEYS.contains(e.key())) {
        diags.report(
            DiagnosticCode.SUBSTITUTION_INVALID,
            e.keyLocation(),
            "%s has no field \"%s\"%s"
                .formatted(what, e.key(), TemplateLoader.suggestion(e.key(), SUBSTITUTION_KEYS)));
      }
    }
    String nodeType = ValueChecker.text(sm.get("node_type"));
    if (nodeType == null) {
      diags.report(
          DiagnosticCode.SUBSTITUTION_INVALID, sm.location(), what + " needs a \"node_type\"");
      return;
    }
    if (registry.find(Kind.NODE, nodeType) == null) {
      diags.report(
          DiagnosticCode.UNKNOWN_TYPE,
          at(sm, "node_type"),
          "%s: node type \"%s\" is not defined".formatted(what, nodeType));
      return;
    }
    for (String section : List.of("capabilities", "requirements")) {
      YNode s = sm.get(section);
      if (s == null) {
        continue;
      }
      if (!(s instanceof YMap m)) {
        diags.report(
            DiagnosticCode.SUBSTITUTION_INVALID,
            s.location(),
            "%s %s must map each name to [node_template, name]".formatted(what, section));
        continue;
      }
      for (YNode.Entry e : m.entries()) {
        if (!(e.value() instanceof YSeq pair) || pair.items().size() != 2) {
          diags.report(
              DiagnosticCode.SUBSTITUTION_INVALID,
              e.value().location(),
              "%s %s \"%s\" must be a list [node_template, %s]"
                  .formatted(
                      what,
                      section,
                      e.key(),
                      section.equals("capabilities") ? "capability" : "requirement"));
          continue;
        }
        String target = ValueChecker.show(pair.items().get(0));
        if (!nodeBodies.containsKey(target)) {
          diags.report(
              DiagnosticCode.UNKNOWN_NODE_TEMPLATE,
              pair.items().get(0).location(),
              "%s %s \"%s\" names node template \"%s\", which does not exist"
                  .formatted(what, section, e.key(), target));
        }
      }
    }
    Map<String, YNode> props = registry.mergedMap(Kind.NODE, nodeType, "properties");
    for (Map.Entry<String, YNode> p : props.entrySet()) {
      if (p.getValue() instanceof YMap def
          && ValueChecker.isRequired(def)
          && def.get("default") == null
          && !inputs.containsKey(p.getKey())) {
        diags.report(
            DiagnosticCode.MISSING_INPUT,
            sm.location(),
            "%s for node type \"%s\" needs an input named \"%s\" for its required property"
                .formatted(what, nodeType, p.getKey()));
      }
    }
    if (outputs != null) {
      Map<String, YNode> attrs = registry.mergedMap(Kind.NODE, nodeType, "attributes");
      for (YNode.Entry o : outputs.entries()) {
        if (!attrs.containsKey(o.key())) {
          diags.report(
              DiagnosticCode.SUBSTITUTION_INVALID,
              o.keyLocation(),
              "output \"%s\" has no matching attribute in node type \"%s\", which this template substitutes"
                  .formatted(o.key(), nodeType));
        }
      }
    }
  }

  // ---------------------------------------------------------------- helpers

  private static SourceLocation at(YMap m, String key) {
    YNode v = m.get(key);
    return v == null ? m.location() : v.location();
  }

  private static SourceLocation itemAt(YMap m, String key, int i) {
    return m.get(key) instanceof YSeq seq && i < seq.items().size()
        ? seq.items().get(i).location()
        : m.location();
  }

  private String canonical(Kind kind, String type) {
    var def = registry.find(kind, type);
    return def == null ? type : def.name();
  }

  private @Nullable YMap mapOrNull(@Nullable YNode n, String what) {
    if (n == null || (n instanceof YScalar s && s.isNull())) {
      return null;
    }
    if (n instanceof YMap m) {
      return m;
    }
    diags.report(
        DiagnosticCode.WRONG_KIND,
        n.location(),
        "%s must be a map, not a %s".formatted(what, n.kind()));
    return null;
  }

  private void checkKeys(YMap m, Set<String> allowed, String what) {
    for (YNode.Entry e : m.entries()) {
      if (!allowed.contains(e.key())) {
        diags.report(
            DiagnosticCode.UNKNOWN_FIELD,
            e.keyLocation(),
            "%s has no field \"%s\"%s"
                .formatted(what, e.key(), TemplateLoader.suggestion(e.key(), allowed)));
      }
    }
  }

  private static String quoteAll(List<String> names) {
    List<String> q = new ArrayList<>();
    for (String n : names) {
      q.add("\"" + n + "\"");
    }
    return String.join(", ", q);
  }
}
