package org.nfpvnfm.tosca;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/**
 * A loaded, validated TOSCA service template: the entry file's topology with every import merged,
 * types resolved and inputs applied. Immutable; property values are plain Java ({@code Map}, {@code
 * List}, String, Long, Double, Boolean) and intrinsic functions that can be evaluated at load time
 * ({@code get_input}, {@code get_property}, {@code concat}, {@code token}) already are; the others
 * ({@code get_attribute}, {@code get_operation_output}) stay as their one-key maps.
 */
public record ServiceTemplate(
    String file,
    String toscaVersion,
    @Nullable String description,
    Map<String, String> metadata,
    Map<String, InputDefinition> inputs,
    List<NodeTemplate> nodes,
    List<GroupTemplate> groups,
    List<PolicyTemplate> policies,
    Map<String, @Nullable Object> outputs,
    TypeCatalog types) {

  public ServiceTemplate {
    metadata = Map.copyOf(metadata);
    inputs = java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(inputs));
    nodes = List.copyOf(nodes);
    groups = List.copyOf(groups);
    policies = List.copyOf(policies);
    outputs = java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(outputs));
  }

  public Optional<NodeTemplate> node(String name) {
    return nodes.stream().filter(n -> n.name().equals(name)).findFirst();
  }

  /** Node templates whose type is {@code type} or derives from it, in document order. */
  public List<NodeTemplate> nodesOfType(String type) {
    return nodes.stream().filter(n -> n.isA(type)).toList();
  }

  public List<GroupTemplate> groupsOfType(String type) {
    return groups.stream().filter(g -> g.isA(type)).toList();
  }

  public List<PolicyTemplate> policiesOfType(String type) {
    return policies.stream().filter(p -> p.isA(type)).toList();
  }
}
