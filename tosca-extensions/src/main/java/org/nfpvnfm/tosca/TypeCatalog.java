package org.nfpvnfm.tosca;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/**
 * The types in force for a template (normative, profile, imported and the template's own), by kind.
 * A type's definition is its YAML body as plain Java maps.
 */
public interface TypeCatalog {

  /** Kinds of TOSCA type, named by their section key in a template. */
  enum Kind {
    NODE("node_types"),
    CAPABILITY("capability_types"),
    RELATIONSHIP("relationship_types"),
    DATA("data_types"),
    INTERFACE("interface_types"),
    ARTIFACT("artifact_types"),
    GROUP("group_types"),
    POLICY("policy_types");

    private final String section;

    Kind(String section) {
      this.section = section;
    }

    public String section() {
      return section;
    }
  }

  /** The type's own definition, without inherited parts. */
  Optional<Map<String, @Nullable Object>> definition(Kind kind, String name);

  /** The type first, then each ancestor; empty when the type is unknown. */
  List<String> hierarchy(Kind kind, String name);

  default boolean derivesFrom(Kind kind, String name, String ancestor) {
    return hierarchy(kind, name).contains(ancestor);
  }
}
