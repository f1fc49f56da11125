package org.nfpvnfm.tosca.internal.types;

import org.jspecify.annotations.Nullable;
import org.nfpvnfm.tosca.SourceLocation;
import org.nfpvnfm.tosca.TypeCatalog.Kind;
import org.nfpvnfm.tosca.internal.yaml.YNode;

/** One type definition as written, with where it came from. */
public record TypeDef(Kind kind, String name, YNode.YMap body, boolean builtIn) {

  public @Nullable String derivedFrom() {
    if (body.get("derived_from") instanceof YNode.YScalar s && s.value() instanceof String p) {
      return p;
    }
    return null;
  }

  public SourceLocation location() {
    return body.location();
  }
}
