package org.nfpvnfm.tosca.internal.nfp;

import java.util.ArrayList;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.jspecify.annotations.Nullable;
import org.nfpvnfm.tosca.DiagnosticCode;
import org.nfpvnfm.tosca.GroupTemplate;
import org.nfpvnfm.tosca.NodeTemplate;
import org.nfpvnfm.tosca.PolicyTemplate;
import org.nfpvnfm.tosca.RequirementAssignment;
import org.nfpvnfm.tosca.ServiceTemplate;
import org.nfpvnfm.tosca.SourceLocation;
import org.nfpvnfm.tosca.internal.Diagnostics;
import org.nfpvnfm.tosca.nfp.Access;
import org.nfpvnfm.tosca.nfp.ActionProfile;
import org.nfpvnfm.tosca.nfp.BuiltInProfiles;
import org.nfpvnfm.tosca.nfp.Classifier;
import org.nfpvnfm.tosca.nfp.ForwardingGraph;
import org.nfpvnfm.tosca.nfp.NetworkFunction;
import org.nfpvnfm.tosca.nfp.NfImplementation;
import org.nfpvnfm.tosca.nfp.NfpModel;
import org.nfpvnfm.tosca.nfp.NfpRule;
import org.nfpvnfm.tosca.nfp.PacketField;

/**
 * Reads the NFP model out of a loaded, validated {@link ServiceTemplate}: our {@code nfp.*}
 * policies, Tacker VNFFGD paths and SOL001 NSD forwarding graphs. Every problem is reported, not
 * only the first; a problem drops the one profile, rule or path it concerns and extraction goes on.
 * Reads the template only: the same template always gives the same model, in document order.
 */
public final class NfpExtractor {

  // Our extension (nfp_types.yaml).
  static final String ACTION_PROFILE = "nfp.policies.ActionProfile";
  static final String RULE = "nfp.policies.Rule";
  static final String ASSIGN = "nfp.policies.Assign";
  static final String ORDER = "nfp.policies.Order";
  static final String PRIORITY = "nfp.policies.Priority";
  static final String POSITION = "nfp.policies.Position";

  // Tacker legacy VNFFGD (tacker_nfv_defs.yaml, TOSCA NFV profile 1.0).
  static final String TACKER_FP_V2 = "tosca.nodes.nfv.FP.TackerV2";
  static final String TACKER_FP = "tosca.nodes.nfv.FP.Tacker";

  // ETSI SOL001 NSD.
  static final String VNFFG = "tosca.groups.nfv.VNFFG";
  static final String SOL_NFP = "tosca.nodes.nfv.NFP";
  static final String NFP_POSITION = "tosca.nodes.nfv.NfpPosition";
  static final String NFP_POSITION_ELEMENT = "tosca.nodes.nfv.NfpPositionElement";
  static final String NFP_RULE = "tosca.policies.nfv.NfpRule";
  static final String FORWARDING = "tosca.nodes.nfv.Forwarding";
  static final String SAP = "tosca.nodes.nfv.Sap";

  /** Node types that are network functions wherever they appear in a forwarding graph. */
  static final List<String> NF_TYPES =
      List.of(
          "tosca.nodes.nfv.VNF",
          "tosca.nodes.nfv.PNF",
          "tosca.nodes.nfv.NS",
          "tosca.nodes.nfv.VDU",
          "tosca.nodes.nfv.Vdu.Compute");

  private final ServiceTemplate t;
  private final Diagnostics diags;

  /** NF name → where it was first seen (node templates use their own location). */
  private final Map<String, SourceLocation> nfMentions = new LinkedHashMap<>();

  private final Map<String, ActionProfile> profiles = new LinkedHashMap<>();
  private final Map<String, NfImplementation> implementations = new LinkedHashMap<>();
  private final Map<String, SourceLocation> profileOrigins = new LinkedHashMap<>();
  private final List<ForwardingGraph> graphs = new ArrayList<>();
  private final List<NfpRule> rules = new ArrayList<>();

  private NfpExtractor(ServiceTemplate t, Diagnostics diags) {
    this.t = t;
    this.diags = diags;
  }

  /**
   * The NFP model of {@code t}, or null when {@code t} has nothing NFP-related (no {@code nfp.*}
   * policy, no forwarding path or graph, no {@code NfpRule}). Problems go to {@code diags}; the
   * model is returned even when there are some, holding what could be read.
   */
  public static @Nullable NfpModel extract(ServiceTemplate t, Diagnostics diags) {
    return new NfpExtractor(t, diags).run();
  }

  private @Nullable NfpModel run() {
    if (!isNfpRelated()) {
      return null;
    }
    for (PolicyTemplate p : t.policies()) {
      if (p.isA(ACTION_PROFILE)) {
        readActionProfile(p);
      }
    }
    for (NodeTemplate n : t.nodes()) {
      if (n.isA(TACKER_FP_V2) || n.isA(TACKER_FP)) {
        readTackerPath(n);
      }
    }
    Map<String, List<Classifier>> nfpClassifiers = readNfpRules();
    for (NodeTemplate n : t.nodes()) {
      if (n.isA(SOL_NFP)) {
        readSol001Path(n, nfpClassifiers.getOrDefault(n.name(), List.of()));
      }
    }
    for (PolicyTemplate p : t.policies()) {
      if (p.isA(ASSIGN) || p.isA(ORDER) || p.isA(PRIORITY) || p.isA(POSITION)) {
        readRule(p);
      } else if (p.isA(RULE)) {
        diags.report(
            DiagnosticCode.NFP_INVALID_RULE,
            p.location(),
            "policy \"%s\" has the abstract type %s; use nfp.policies.Assign, Order, Priority or Position"
                .formatted(p.name(), p.type()));
      }
    }
    warnMissingProfiles();
    return new NfpModel(networkFunctions(), graphs, rules);
  }

  private boolean isNfpRelated() {
    return t.policies().stream()
            .anyMatch(p -> p.isA(ACTION_PROFILE) || p.isA(RULE) || p.isA(NFP_RULE) || isOurs(p))
        || t.nodes().stream()
            .anyMatch(n -> n.isA(TACKER_FP_V2) || n.isA(TACKER_FP) || n.isA(SOL_NFP))
        || t.groups().stream().anyMatch(g -> g.isA(VNFFG));
  }

  private static boolean isOurs(PolicyTemplate p) {
    return p.isA(ASSIGN) || p.isA(ORDER) || p.isA(PRIORITY) || p.isA(POSITION);
  }

  // ---------------------------------------------------------------- action profiles

  private void readActionProfile(PolicyTemplate p) {
    ActionProfile profile = readProfileBody(p);
    NfImplementation implementation = readImplementation(p);
    List<String> subjects = new ArrayList<>();
    for (String target : p.targets()) {
      if (t.node(target).isEmpty()) {
        diags.report(
            DiagnosticCode.NFP_INVALID_PROFILE,
            p.location(),
            "action profile \"%s\" targets \"%s\", which is not a node template; target the NFs' node templates, or name NFs outside this template in the property nfs"
                .formatted(p.name(), target));
        continue;
      }
      subjects.add(target);
    }
    Object nfs = p.properties().get("nfs");
    if (nfs != null) {
      if (nfs instanceof List<?> list) {
        for (Object o : list) {
          if (o instanceof String s && !s.isBlank()) {
            subjects.add(s);
          } else {
            diags.report(
                DiagnosticCode.NFP_INVALID_PROFILE,
                p.locationOf("nfs"),
                "nfs of action profile \"%s\" lists %s; expected NF names (strings)"
                    .formatted(p.name(), describe(o)));
          }
        }
      } else {
        diags.report(
            DiagnosticCode.NFP_INVALID_PROFILE,
            p.locationOf("nfs"),
            "nfs of action profile \"%s\" is %s; expected a list of NF names"
                .formatted(p.name(), describe(nfs)));
      }
    }
    if (subjects.isEmpty() && p.targets().isEmpty() && nfs == null) {
      diags.report(
          DiagnosticCode.NFP_INVALID_PROFILE,
          p.location(),
          "action profile \"%s\" applies to no NF; give it targets (node templates) or nfs"
              .formatted(p.name()));
    }
    for (String nf : subjects) {
      mention(nf, p.location());
      SourceLocation previous = profileOrigins.get(nf);
      if (previous != null) {
        diags.report(
            DiagnosticCode.NFP_INVALID_PROFILE,
            p.location(),
            "NF \"%s\" already has an action profile (at %s); an NF has exactly one"
                .formatted(nf, previous));
        continue;
      }
      profileOrigins.put(nf, p.location());
      if (profile != null) {
        profiles.put(nf, profile);
      }
      if (implementation != null) {
        implementations.put(nf, implementation);
      }
    }
  }

  /**
   * The implementation ({@code function}) and its {@code config} a profile names, or null when it
   * names none or they are malformed (problems reported).
   */
  private @Nullable NfImplementation readImplementation(PolicyTemplate p) {
    Object function = p.properties().get("function");
    Object config = p.properties().get("config");
    if (function == null) {
      if (config != null) {
        diags.report(
            DiagnosticCode.NFP_INVALID_PROFILE,
            p.locationOf("config"),
            "action profile \"%s\" gives config but no function; config is for the implementation function names"
                .formatted(p.name()));
      }
      return null;
    }
    if (!(function instanceof String f) || f.isBlank()) {
      diags.report(
          DiagnosticCode.NFP_INVALID_PROFILE,
          p.locationOf("function"),
          "function of action profile \"%s\" is %s; expected an NF type name such as firewall"
              .formatted(p.name(), describe(function)));
      return null;
    }
    Map<String, Object> properties = new LinkedHashMap<>();
    if (config instanceof Map<?, ?> m) {
      m.forEach((k, v) -> properties.put(String.valueOf(k), v));
    } else if (config != null) {
      diags.report(
          DiagnosticCode.NFP_INVALID_PROFILE,
          p.locationOf("config"),
          "config of action profile \"%s\" is %s; expected a map of the implementation's properties"
              .formatted(p.name(), describe(config)));
      return null;
    }
    return new NfImplementation(f, properties, p.location());
  }

  /** The profile a policy declares, or null when it is broken (problems reported). */
  private @Nullable ActionProfile readProfileBody(PolicyTemplate p) {
    boolean ok = true;
    ActionProfile base = null;
    Object name = p.properties().get("profile");
    if (name instanceof String s) {
      base = BuiltInProfiles.byName(s).orElse(null);
      if (base == null) {
        ok = false;
        diags.report(
            DiagnosticCode.NFP_UNKNOWN_PROFILE,
            p.locationOf("profile"),
            "action profile \"%s\" names profile \"%s\", which is not built in; built-in profiles are %s, or describe the NF with fields"
                .formatted(p.name(), s, String.join(", ", BuiltInProfiles.names())));
      }
    } else if (name != null) {
      ok = false;
      diags.report(
          DiagnosticCode.NFP_INVALID_PROFILE,
          p.locationOf("profile"),
          "profile of action profile \"%s\" is %s; expected a built-in profile name"
              .formatted(p.name(), describe(name)));
    }
    EnumMap<PacketField, Access> overrides = new EnumMap<>(PacketField.class);
    Object fields = p.properties().get("fields");
    if (fields instanceof Map<?, ?> m) {
      for (Map.Entry<?, ?> e : m.entrySet()) {
        String key = String.valueOf(e.getKey());
        Optional<PacketField> field = PacketField.ofKey(key);
        Optional<Access> access =
            e.getValue() instanceof String v ? Access.ofKey(v) : Optional.empty();
        if (field.isEmpty()) {
          ok = false;
          diags.report(
              DiagnosticCode.NFP_INVALID_PROFILE,
              p.locationOf("fields"),
              "fields of action profile \"%s\" names field \"%s\"; known fields are %s"
                  .formatted(p.name(), key, fieldKeys()));
        } else if (access.isEmpty()) {
          ok = false;
          diags.report(
              DiagnosticCode.NFP_INVALID_PROFILE,
              p.locationOf("fields"),
              "field %s of action profile \"%s\" is %s; expected one of none, r, w, rw"
                  .formatted(key, p.name(), describe(e.getValue())));
        } else {
          overrides.put(field.get(), access.get());
        }
      }
    } else if (fields != null) {
      ok = false;
      diags.report(
          DiagnosticCode.NFP_INVALID_PROFILE,
          p.locationOf("fields"),
          "fields of action profile \"%s\" is %s; expected a map from field to r, w, rw or none"
              .formatted(p.name(), describe(fields)));
    }
    Boolean addRemove = flag(p, "add_remove_header");
    Boolean drop = flag(p, "drop");
    if (name == null
        && fields == null
        && p.properties().get("add_remove_header") == null
        && p.properties().get("drop") == null) {
      diags.report(
          DiagnosticCode.NFP_INVALID_PROFILE,
          p.location(),
          "action profile \"%s\" says nothing about the NF; give a built-in profile name or fields"
              .formatted(p.name()));
      return null;
    }
    if (!ok || addRemove == null || drop == null) {
      return null;
    }
    boolean customised =
        fields != null
            || p.properties().get("add_remove_header") != null
            || p.properties().get("drop") != null;
    if (base != null && !customised) {
      return base;
    }
    ActionProfile start = base != null ? base : new ActionProfile(p.name(), Map.of(), false, false);
    return start.with(
        p.name(),
        overrides,
        p.properties().get("add_remove_header") != null ? addRemove : start.addsOrRemovesHeader(),
        p.properties().get("drop") != null ? drop : start.mayDrop());
  }

  /** A boolean property: its value, false when absent, null when it is not a boolean. */
  private @Nullable Boolean flag(PolicyTemplate p, String prop) {
    Object v = p.properties().get(prop);
    if (v == null) {
      return false;
    }
    if (v instanceof Boolean b) {
      return b;
    }
    diags.report(
        DiagnosticCode.NFP_INVALID_PROFILE,
        p.locationOf(prop),
        "%s of action profile \"%s\" is %s; expected true or false"
            .formatted(prop, p.name(), describe(v)));
    return null;
  }

  private static String fieldKeys() {
    List<String> keys = new ArrayList<>();
    for (PacketField f : PacketField.values()) {
      keys.add(f.key());
    }
    return String.join(", ", keys);
  }

  // ---------------------------------------------------------------- Tacker VNFFGD

  private void readTackerPath(NodeTemplate fp) {
    SourceLocation where = fp.locationOf("path");
    Object path = fp.property("path");
    List<String> forwarders = new ArrayList<>();
    if (path instanceof List<?> hops && !hops.isEmpty()) {
      int i = 0;
      for (Object hop : hops) {
        i++;
        Object fwd = hop instanceof Map<?, ?> m ? m.get("forwarder") : null;
        if (fwd instanceof String s && !s.isBlank()) {
          forwarders.add(s);
        } else {
          diags.report(
              DiagnosticCode.NFP_INVALID_GRAPH,
              where,
              "hop %d of the path of \"%s\" is %s; expected {forwarder: <VNFD name>, capability: <CP>}"
                  .formatted(i, fp.name(), describe(hop)));
        }
      }
    } else {
      diags.report(
          DiagnosticCode.NFP_INVALID_GRAPH,
          where,
          "path of \"%s\" is %s; expected a non-empty list of {forwarder, capability}"
              .formatted(fp.name(), describe(path)));
    }
    List<String> nfs = new ArrayList<>(new LinkedHashSet<>(forwarders));
    for (String nf : nfs) {
      mention(nf, where);
    }
    // A forwarder listed twice in a row is one visit through two of its CPs (in and out).
    for (int i = 1; i < forwarders.size(); i++) {
      String a = forwarders.get(i - 1);
      String b = forwarders.get(i);
      if (!a.equals(b)) {
        rules.add(new NfpRule.Order(a, b, List.of(fp.name()), where, true));
      }
    }
    List<Classifier> classifiers = readTackerPolicy(fp);
    graphs.add(
        new ForwardingGraph(
            fp.name(),
            groupOf(fp.name()),
            ForwardingGraph.Shape.TACKER,
            nfs,
            classifiers,
            fp.location()));
  }

  private List<Classifier> readTackerPolicy(NodeTemplate fp) {
    Object policy = fp.property("policy");
    if (policy == null) {
      return List.of();
    }
    SourceLocation where = fp.locationOf("policy");
    Object criteria = policy instanceof Map<?, ?> m ? m.get("criteria") : null;
    if (!(criteria instanceof List<?> list)) {
      diags.report(
          DiagnosticCode.NFP_INVALID_GRAPH,
          where,
          "policy of \"%s\" has no criteria list; expected {type: ACL, criteria: [...]}"
              .formatted(fp.name()));
      return List.of();
    }
    List<Classifier> out = new ArrayList<>();
    int i = 0;
    for (Object c : list) {
      i++;
      if (!(c instanceof Map<?, ?> entry)) {
        diags.report(
            DiagnosticCode.NFP_INVALID_GRAPH,
            where,
            "criterion %d of \"%s\" is %s; expected a map".formatted(i, fp.name(), describe(c)));
        continue;
      }
      // FP.TackerV2: {name, classifier: {...}}; FP.Tacker (legacy): the ACL map itself.
      Object nested = entry.get("classifier");
      if (nested instanceof Map<?, ?> acl) {
        Object name = entry.get("name");
        out.add(
            ClassifierReader.read(
                name instanceof String s ? s : fp.name() + "[" + i + "]", acl, where, diags));
      } else if (nested != null) {
        diags.report(
            DiagnosticCode.NFP_INVALID_GRAPH,
            where,
            "classifier of criterion %d of \"%s\" is %s; expected a map of ACL match fields"
                .formatted(i, fp.name(), describe(nested)));
      } else {
        out.add(ClassifierReader.read(fp.name() + "[" + i + "]", entry, where, diags));
      }
    }
    return out;
  }

  private @Nullable String groupOf(String member) {
    for (GroupTemplate g : t.groups()) {
      if (g.isA(VNFFG) && g.members().contains(member)) {
        return g.name();
      }
    }
    return null;
  }

  // ---------------------------------------------------------------- SOL001 NSD

  private Map<String, List<Classifier>> readNfpRules() {
    Map<String, List<Classifier>> byPath = new LinkedHashMap<>();
    for (PolicyTemplate p : t.policies()) {
      if (!p.isA(NFP_RULE)) {
        continue;
      }
      Classifier c = ClassifierReader.read(p.name(), p.properties(), p.location(), diags);
      if (p.targets().isEmpty()) {
        diags.report(
            DiagnosticCode.NFP_INVALID_GRAPH,
            p.location(),
            "NfpRule \"%s\" has no targets; it must target the NFP node(s) whose traffic it selects"
                .formatted(p.name()));
      }
      for (String target : p.targets()) {
        if (t.node(target).filter(n -> n.isA(SOL_NFP)).isEmpty()) {
          diags.report(
              DiagnosticCode.NFP_INVALID_GRAPH,
              p.location(),
              "NfpRule \"%s\" targets \"%s\", which is not a tosca.nodes.nfv.NFP node template"
                  .formatted(p.name(), target));
          continue;
        }
        byPath.computeIfAbsent(target, k -> new ArrayList<>()).add(c);
      }
    }
    return byPath;
  }

  private void readSol001Path(NodeTemplate nfp, List<Classifier> classifiers) {
    List<String> nfs = new ArrayList<>();
    List<String> previous = List.of();
    int positions = 0;
    for (RequirementAssignment r : nfp.requirements()) {
      if (!r.name().equals("nfp_position")) {
        continue;
      }
      positions++;
      NodeTemplate pos = r.node() == null ? null : t.node(r.node()).orElse(null);
      if (pos == null || !pos.isA(NFP_POSITION)) {
        diags.report(
            DiagnosticCode.NFP_INVALID_GRAPH,
            r.location(),
            "nfp_position %d of \"%s\" is \"%s\", which is not a tosca.nodes.nfv.NfpPosition node template"
                .formatted(positions, nfp.name(), r.node()));
        continue;
      }
      List<String> here = positionNfs(pos);
      for (String nf : here) {
        mention(nf, pos.location());
        if (!nfs.contains(nf)) {
          nfs.add(nf);
        }
      }
      if (here.isEmpty()) {
        continue;
      }
      for (String a : previous) {
        for (String b : here) {
          if (!a.equals(b)) {
            rules.add(new NfpRule.Order(a, b, List.of(nfp.name()), r.location(), true));
          }
        }
      }
      Object behaviour = pos.property("forwarding_behaviour");
      if ("all".equals(behaviour) && here.size() > 1) {
        rules.add(
            new NfpRule.Parallel(
                here, List.of(nfp.name()), pos.locationOf("forwarding_behaviour")));
      }
      previous = here;
    }
    if (positions == 0) {
      diags.report(
          DiagnosticCode.NFP_INVALID_GRAPH,
          nfp.location(),
          "NFP \"%s\" has no nfp_position requirement; a path needs at least one position"
              .formatted(nfp.name()));
    }
    graphs.add(
        new ForwardingGraph(
            nfp.name(),
            groupOf(nfp.name()),
            ForwardingGraph.Shape.SOL001,
            nfs,
            classifiers,
            nfp.location()));
  }

  /** The NFs an NfpPosition reaches through its elements, in order, each once. */
  private List<String> positionNfs(NodeTemplate pos) {
    List<String> out = new ArrayList<>();
    for (RequirementAssignment r : pos.requirements()) {
      if (!r.name().equals("element")) {
        continue;
      }
      NodeTemplate element = r.node() == null ? null : t.node(r.node()).orElse(null);
      if (element == null || !element.isA(NFP_POSITION_ELEMENT)) {
        diags.report(
            DiagnosticCode.NFP_INVALID_GRAPH,
            r.location(),
            "element of NfpPosition \"%s\" is \"%s\", which is not a tosca.nodes.nfv.NfpPositionElement node template"
                .formatted(pos.name(), r.node()));
        continue;
      }
      boolean endpointOnly = true;
      boolean reached = false;
      for (RequirementAssignment pe : element.requirements()) {
        if (!pe.name().equals("profile_element")) {
          continue;
        }
        NodeTemplate target = pe.node() == null ? null : t.node(pe.node()).orElse(null);
        if (target != null && target.isA(SAP)) {
          continue; // an NS endpoint, not an NF
        }
        endpointOnly = false;
        String nf = target == null ? null : resolveNf(target);
        if (nf != null) {
          reached = true;
          if (!out.contains(nf)) {
            out.add(nf);
          }
        }
      }
      if (!reached && !endpointOnly) {
        diags.report(
            DiagnosticCode.NFP_INVALID_GRAPH,
            element.location(),
            "NfpPositionElement \"%s\" reaches no network function; its profile_element must name a VNF, PNF or nested NS, or a Forwarding node whose virtual_link names one"
                .formatted(element.name()));
      }
    }
    return out;
  }

  /** The NF a profile_element target stands for: itself, or what a Forwarding node links to. */
  private @Nullable String resolveNf(NodeTemplate target) {
    if (isNf(target)) {
      return target.name();
    }
    if (target.isA(FORWARDING)) {
      for (RequirementAssignment r : target.requirements()) {
        NodeTemplate next = r.node() == null ? null : t.node(r.node()).orElse(null);
        if (next != null && isNf(next)) {
          return next.name();
        }
      }
    }
    return null;
  }

  private boolean isNf(NodeTemplate n) {
    return NF_TYPES.stream().anyMatch(n::isA) || profileOrigins.containsKey(n.name());
  }

  // ---------------------------------------------------------------- nfp.* rules

  private void readRule(PolicyTemplate p) {
    Scope scope = scopeOf(p);
    if (scope == null) {
      return;
    }
    NfpRule rule = null;
    if (p.isA(ASSIGN)) {
      String nf = nfName(p, "nf");
      Integer index = index(p);
      if (nf != null && index != null) {
        rule = new NfpRule.Assign(nf, index, scope.graphs, p.location());
      }
    } else if (p.isA(ORDER)) {
      String nf = nfName(p, "nf");
      String other = nfName(p, "other");
      String relation = enumValue(p, "relation", "before", List.of("before", "after"));
      if (nf != null && other != null && relation != null && distinct(p, nf, other, "other")) {
        rule =
            relation.equals("before")
                ? new NfpRule.Order(nf, other, scope.graphs, p.location())
                : new NfpRule.Order(other, nf, scope.graphs, p.location());
      }
    } else if (p.isA(PRIORITY)) {
      String higher = nfName(p, "higher");
      String lower = nfName(p, "lower");
      if (higher != null && lower != null && distinct(p, higher, lower, "lower")) {
        rule = new NfpRule.Priority(higher, lower, scope.graphs, p.location());
      }
    } else {
      String nf = nfName(p, "nf");
      String position = enumValue(p, "position", null, List.of("first", "last"));
      if (nf != null && position != null) {
        rule =
            new NfpRule.Position(
                nf,
                position.equals("first") ? NfpRule.Placement.FIRST : NfpRule.Placement.LAST,
                scope.graphs,
                p.location());
      }
    }
    if (rule == null) {
      return;
    }
    boolean known = true;
    for (String nf : rule.nfs()) {
      if (!scope.nfs.contains(nf)) {
        known = false;
        diags.report(
            DiagnosticCode.NFP_UNKNOWN_NF,
            locationOfNf(p, nf),
            "%s rule \"%s\" names \"%s\", which is not an NF of %s (its NFs: %s)"
                .formatted(kind(p), p.name(), nf, scope.description, String.join(", ", scope.nfs)));
      }
    }
    if (known) {
      rules.add(rule);
    }
  }

  /** Which graphs a rule applies to and which NF names it may use. */
  private record Scope(List<String> graphs, Set<String> nfs, String description) {}

  private @Nullable Scope scopeOf(PolicyTemplate p) {
    if (p.targets().isEmpty()) {
      Set<String> all = new LinkedHashSet<>(nfMentions.keySet());
      for (NodeTemplate n : t.nodes()) {
        if (isNf(n)) {
          all.add(n.name());
        }
      }
      return new Scope(List.of(), all, "this template");
    }
    List<String> scoped = new ArrayList<>();
    Set<String> nfs = new LinkedHashSet<>();
    for (String target : p.targets()) {
      List<ForwardingGraph> hit = new ArrayList<>();
      Optional<GroupTemplate> group =
          t.groups().stream().filter(g -> g.name().equals(target)).findFirst();
      if (group.isPresent()) {
        graphs.stream().filter(g -> target.equals(g.group())).forEach(hit::add);
        if (hit.isEmpty()) {
          // A plain group of NFs (no paths): its members are the graph.
          nfs.addAll(group.get().members());
          continue;
        }
      } else {
        graphs.stream().filter(g -> g.name().equals(target)).forEach(hit::add);
        if (hit.isEmpty()) {
          graphs.stream().filter(g -> g.nfs().contains(target)).forEach(hit::add);
        }
        if (hit.isEmpty() && t.node(target).isPresent()) {
          nfs.add(target); // an NF in no graph: the rule may still name it
          continue;
        }
      }
      if (hit.isEmpty()) {
        diags.report(
            DiagnosticCode.NFP_INVALID_RULE,
            p.location(),
            "%s rule \"%s\" targets \"%s\", which is neither a forwarding graph, a path nor an NF"
                .formatted(kind(p), p.name(), target));
        return null;
      }
      for (ForwardingGraph g : hit) {
        if (!scoped.contains(g.name())) {
          scoped.add(g.name());
        }
        nfs.addAll(g.nfs());
      }
    }
    String description =
        scoped.isEmpty()
            ? "its targets " + String.join(", ", p.targets())
            : (scoped.size() == 1 ? "forwarding graph " : "forwarding graphs ")
                + String.join(", ", scoped);
    return new Scope(scoped, nfs, description);
  }

  private @Nullable String nfName(PolicyTemplate p, String prop) {
    Object v = p.properties().get(prop);
    if (v instanceof String s && !s.isBlank()) {
      return s;
    }
    diags.report(
        DiagnosticCode.NFP_INVALID_RULE,
        p.locationOf(prop),
        v == null
            ? "%s rule \"%s\" lacks property %s (an NF's node-template name)"
                .formatted(kind(p), p.name(), prop)
            : "%s of %s rule \"%s\" is %s; expected an NF's node-template name"
                .formatted(prop, kind(p), p.name(), describe(v)));
    return null;
  }

  private @Nullable Integer index(PolicyTemplate p) {
    Object v = p.properties().get("index");
    if (v instanceof Long l && l >= 1 && l <= Integer.MAX_VALUE) {
      return l.intValue();
    }
    if (v instanceof Integer i && i >= 1) {
      return i;
    }
    diags.report(
        DiagnosticCode.NFP_INVALID_RULE,
        p.locationOf("index"),
        "index of assign rule \"%s\" is %s; expected a position in the chain, 1 or more"
            .formatted(p.name(), v == null ? "missing" : describe(v)));
    return null;
  }

  private @Nullable String enumValue(
      PolicyTemplate p, String prop, @Nullable String dflt, List<String> allowed) {
    Object v = p.properties().get(prop);
    if (v == null && dflt != null) {
      return dflt;
    }
    if (v instanceof String s && allowed.contains(s)) {
      return s;
    }
    diags.report(
        DiagnosticCode.NFP_INVALID_RULE,
        p.locationOf(prop),
        "%s of %s rule \"%s\" is %s; expected one of %s"
            .formatted(
                prop,
                kind(p),
                p.name(),
                v == null ? "missing" : describe(v),
                String.join(", ", allowed)));
    return null;
  }

  private boolean distinct(PolicyTemplate p, String a, String b, String prop) {
    if (!a.equals(b)) {
      return true;
    }
    diags.report(
        DiagnosticCode.NFP_INVALID_RULE,
        p.locationOf(prop),
        "%s rule \"%s\" relates \"%s\" to itself; name two different NFs"
            .formatted(kind(p), p.name(), a));
    return false;
  }

  private static SourceLocation locationOfNf(PolicyTemplate p, String nf) {
    for (String prop : List.of("nf", "other", "higher", "lower")) {
      if (nf.equals(p.properties().get(prop))) {
        return p.locationOf(prop);
      }
    }
    return p.location();
  }

  private static String kind(PolicyTemplate p) {
    if (p.isA(ASSIGN)) {
      return "assign";
    }
    if (p.isA(ORDER)) {
      return "order";
    }
    if (p.isA(PRIORITY)) {
      return "priority";
    }
    return "position";
  }

  // ---------------------------------------------------------------- NFs

  private void mention(String nf, SourceLocation where) {
    nfMentions.putIfAbsent(nf, where);
  }

  private void warnMissingProfiles() {
    Set<String> warned = new LinkedHashSet<>();
    for (ForwardingGraph g : graphs) {
      for (String nf : g.nfs()) {
        if (!profiles.containsKey(nf) && !profileOrigins.containsKey(nf) && warned.add(nf)) {
          diags.report(
              DiagnosticCode.NFP_NO_PROFILE,
              t.node(nf)
                  .map(NodeTemplate::location)
                  .orElse(nfMentions.getOrDefault(nf, g.location())),
              "NF \"%s\" of forwarding graph \"%s\" has no action profile, so it will run sequentially; add an nfp.policies.ActionProfile for it"
                  .formatted(nf, g.name()));
        }
      }
    }
  }

  /** Node-template NFs in document order, then the others (Tacker VNFD names) as first seen. */
  private List<NetworkFunction> networkFunctions() {
    List<NetworkFunction> out = new ArrayList<>();
    for (NodeTemplate n : t.nodes()) {
      if (nfMentions.containsKey(n.name())) {
        out.add(
            new NetworkFunction(
                n.name(),
                n.type(),
                profiles.get(n.name()),
                n.location(),
                implementations.get(n.name())));
      }
    }
    for (Map.Entry<String, SourceLocation> e : nfMentions.entrySet()) {
      if (t.node(e.getKey()).isEmpty()) {
        out.add(
            new NetworkFunction(
                e.getKey(),
                null,
                profiles.get(e.getKey()),
                e.getValue(),
                implementations.get(e.getKey())));
      }
    }
    return out;
  }

  static String describe(@Nullable Object v) {
    if (v == null) {
      return "empty";
    }
    if (v instanceof Map<?, ?> m && m.size() == 1) {
      Object key = m.keySet().iterator().next();
      if (String.valueOf(key).startsWith("get_")) {
        return "the run-time value " + key + ", which is not known when the graph is compiled";
      }
    }
    if (v instanceof String s) {
      return "\"" + s + "\"";
    }
    if (v instanceof Map) {
      return "a map " + v;
    }
    if (v instanceof List) {
      return "a list " + v;
    }
    return String.valueOf(v);
  }
}
