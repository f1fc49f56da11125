package org.nfpvnfm.tosca.internal.nfp;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.jspecify.annotations.Nullable;
import org.nfpvnfm.tosca.GroupTemplate;
import org.nfpvnfm.tosca.NodeTemplate;
import org.nfpvnfm.tosca.PolicyTemplate;
import org.nfpvnfm.tosca.RequirementAssignment;
import org.nfpvnfm.tosca.ServiceTemplate;
import org.nfpvnfm.tosca.SourceLocation;
import org.nfpvnfm.tosca.TypeCatalog;

/**
 * Builds {@link ServiceTemplate}s by hand for the extractor's tests. Every element gets its own
 * line, so a test can check that a diagnostic points at the right policy or property.
 */
final class Templates {
  static final String FILE = "nsd.yaml";

  /** Type hierarchies the tests use, type first. */
  static final Map<String, List<String>> HIERARCHY = new HashMap<>();

  static {
    h("tosca.nodes.Root");
    h("tosca.nodes.nfv.VNF", "tosca.nodes.Root");
    h("com.example.Firewall", "tosca.nodes.nfv.VNF", "tosca.nodes.Root");
    h("tosca.nodes.nfv.VDU.Tacker", "tosca.nodes.nfv.VDU", "tosca.nodes.Root");
    h("tosca.nodes.nfv.FP.TackerV2", "tosca.nodes.Root");
    h("tosca.nodes.nfv.FP.Tacker", "tosca.nodes.Root");
    h("tosca.nodes.nfv.NFP", "tosca.nodes.Root");
    h("tosca.nodes.nfv.NfpPosition", "tosca.nodes.Root");
    h("tosca.nodes.nfv.NfpPositionElement", "tosca.nodes.Root");
    h("tosca.nodes.nfv.Forwarding", "tosca.nodes.Root");
    h("tosca.nodes.nfv.Cp", "tosca.nodes.Root");
    h("tosca.nodes.nfv.Sap", "tosca.nodes.nfv.Cp", "tosca.nodes.Root");
    h("tosca.groups.Root");
    h("tosca.groups.nfv.VNFFG", "tosca.groups.Root");
    h("tosca.policies.Root");
    h("tosca.policies.nfv.NfpRule", "tosca.policies.Root");
    h("nfp.policies.ActionProfile", "tosca.policies.Root");
    h("nfp.policies.Rule", "tosca.policies.Root");
    for (String r : List.of("Assign", "Order", "Priority", "Position")) {
      h("nfp.policies." + r, "nfp.policies.Rule", "tosca.policies.Root");
    }
  }

  private static void h(String... chain) {
    HIERARCHY.put(chain[0], List.of(chain));
  }

  /** A test double: knows the hierarchies above, no definitions. */
  static final class FakeTypeCatalog implements TypeCatalog {
    @Override
    public Optional<Map<String, @Nullable Object>> definition(Kind kind, String name) {
      return Optional.empty();
    }

    @Override
    public List<String> hierarchy(Kind kind, String name) {
      return HIERARCHY.getOrDefault(name, List.of());
    }
  }

  private final List<NodeTemplate> nodes = new ArrayList<>();
  private final List<GroupTemplate> groups = new ArrayList<>();
  private final List<PolicyTemplate> policies = new ArrayList<>();
  private int line = 1;

  static Templates template() {
    return new Templates();
  }

  private static List<String> hierarchy(String type) {
    return HIERARCHY.getOrDefault(type, List.of(type));
  }

  /** Each property sits on the line after its owner's, in the order given. */
  private Map<String, SourceLocation> locations(Map<String, ?> props) {
    Map<String, SourceLocation> locs = new HashMap<>();
    for (String k : props.keySet()) {
      locs.put(k, at(++line));
    }
    return locs;
  }

  // Test data never holds nulls. (Compiled from class files, the records' generic
  // nullability is not visible to NullAway, so a plain Map is what it expects here.)
  private static Map<String, Object> copy(Map<String, ?> props) {
    Map<String, Object> out = new LinkedHashMap<>();
    out.putAll(props);
    return out;
  }

  static SourceLocation at(int line) {
    return new SourceLocation(FILE, line, 7);
  }

  int lastLine() {
    return line;
  }

  Templates node(String name, String type, Map<String, ?> props, List<RequirementAssignment> reqs) {
    SourceLocation loc = at(++line);
    nodes.add(
        new NodeTemplate(
            name,
            type,
            hierarchy(type),
            copy(props),
            locations(props),
            reqs,
            Map.of(),
            Map.of(),
            loc));
    return this;
  }

  Templates node(String name, String type) {
    return node(name, type, Map.of(), List.of());
  }

  Templates group(String name, String type, Map<String, ?> props, List<String> members) {
    SourceLocation loc = at(++line);
    groups.add(
        new GroupTemplate(
            name, type, hierarchy(type), copy(props), locations(props), members, loc));
    return this;
  }

  Templates policy(String name, String type, Map<String, ?> props, List<String> targets) {
    SourceLocation loc = at(++line);
    policies.add(
        new PolicyTemplate(
            name, type, hierarchy(type), copy(props), locations(props), targets, loc));
    return this;
  }

  /** Where policy {@code name} was written. */
  SourceLocation policyAt(String name) {
    return policies.stream()
        .filter(p -> p.name().equals(name))
        .findFirst()
        .orElseThrow()
        .location();
  }

  SourceLocation policyPropertyAt(String name, String prop) {
    return policies.stream()
        .filter(p -> p.name().equals(name))
        .findFirst()
        .orElseThrow()
        .locationOf(prop);
  }

  SourceLocation nodeAt(String name) {
    return nodes.stream().filter(n -> n.name().equals(name)).findFirst().orElseThrow().location();
  }

  SourceLocation nodePropertyAt(String name, String prop) {
    return nodes.stream()
        .filter(n -> n.name().equals(name))
        .findFirst()
        .orElseThrow()
        .locationOf(prop);
  }

  static RequirementAssignment req(String name, String node) {
    return new RequirementAssignment(name, node, null, null, at(900));
  }

  ServiceTemplate build() {
    return new ServiceTemplate(
        FILE,
        "tosca_simple_yaml_1_3",
        null,
        Map.of(),
        Map.of(),
        nodes,
        groups,
        policies,
        Map.of(),
        new FakeTypeCatalog());
  }
}
