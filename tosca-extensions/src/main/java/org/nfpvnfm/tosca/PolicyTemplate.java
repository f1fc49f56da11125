package org.nfpvnfm.tosca;

import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/** A policy with its targets (node templates or groups) and properties. */
public record PolicyTemplate(
    String name,
    String type,
    List<String> typeHierarchy,
    Map<String, @Nullable Object> properties,
    Map<String, SourceLocation> propertyLocations,
    List<String> targets,
    SourceLocation location) {

  public PolicyTemplate {
    typeHierarchy = List.copyOf(typeHierarchy);
    properties = java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(properties));
    propertyLocations = Map.copyOf(propertyLocations);
    targets = List.copyOf(targets);
  }

  public boolean isA(String typeName) {
    return typeHierarchy.contains(typeName);
  }

  public SourceLocation locationOf(String propertyName) {
    return propertyLocations.getOrDefault(propertyName, location);
  }
}
