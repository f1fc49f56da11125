package org.nfpvnfm.tosca;

import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * A node template. {@code typeHierarchy} lists its type first and then every ancestor up to the
 * root, so {@link #isA} answers derivation questions without the type catalog.
 */
public record NodeTemplate(
    String name,
    String type,
    List<String> typeHierarchy,
    Map<String, @Nullable Object> properties,
    Map<String, SourceLocation> propertyLocations,
    List<RequirementAssignment> requirements,
    Map<String, Map<String, @Nullable Object>> capabilities,
    Map<String, @Nullable Object> artifacts,
    SourceLocation location) {

  public NodeTemplate {
    typeHierarchy = List.copyOf(typeHierarchy);
    properties = java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(properties));
    propertyLocations = Map.copyOf(propertyLocations);
    requirements = List.copyOf(requirements);
    capabilities =
        java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(capabilities));
    artifacts = java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(artifacts));
  }

  public boolean isA(String typeName) {
    return typeHierarchy.contains(typeName);
  }

  public @Nullable Object property(String propertyName) {
    return properties.get(propertyName);
  }

  /** Where a property was written, else where the node was. */
  public SourceLocation locationOf(String propertyName) {
    return propertyLocations.getOrDefault(propertyName, location);
  }
}
