package org.nfpvnfm.tosca;

import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/** A group (for example a {@code tosca.groups.nfv.VNFFG}) with its members. */
public record GroupTemplate(
    String name,
    String type,
    List<String> typeHierarchy,
    Map<String, @Nullable Object> properties,
    Map<String, SourceLocation> propertyLocations,
    List<String> members,
    SourceLocation location) {

  public GroupTemplate {
    typeHierarchy = List.copyOf(typeHierarchy);
    properties = java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(properties));
    propertyLocations = Map.copyOf(propertyLocations);
    members = List.copyOf(members);
  }

  public boolean isA(String typeName) {
    return typeHierarchy.contains(typeName);
  }

  public SourceLocation locationOf(String propertyName) {
    return propertyLocations.getOrDefault(propertyName, location);
  }
}
