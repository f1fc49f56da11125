package org.nfpvnfm.tosca.internal.loader;

import java.util.HashSet;
import java.util.Set;
import org.nfpvnfm.tosca.DiagnosticCode;
import org.nfpvnfm.tosca.TypeCatalog.Kind;
import org.nfpvnfm.tosca.internal.Diagnostics;
import org.nfpvnfm.tosca.internal.types.TypeDef;
import org.nfpvnfm.tosca.internal.types.TypeRegistry;

/** Checks the template's own and imported type definitions: parents exist, no derivation cycles. */
final class TypeDefinitionChecker {
  private final TypeRegistry registry;
  private final Diagnostics diags;

  TypeDefinitionChecker(TypeRegistry registry, Diagnostics diags) {
    this.registry = registry;
    this.diags = diags;
  }

  void check() {
    for (Kind kind : Kind.values()) {
      for (TypeDef def : registry.all(kind).values()) {
        if (def.builtIn()) {
          continue;
        }
        String parent = def.derivedFrom();
        if (parent != null
            && registry.find(kind, parent) == null
            && !(kind == Kind.DATA && ValueChecker.PRIMITIVES.contains(parent))) {
          diags.report(
              DiagnosticCode.UNKNOWN_TYPE,
              def.body().entry("derived_from") != null
                  ? def.body().entry("derived_from").value().location()
                  : def.location(),
              "%s type \"%s\" derives from \"%s\", which is not defined"
                  .formatted(kindWord(kind), def.name(), parent));
        }
        Set<String> seen = new HashSet<>();
        TypeDef d = def;
        while (d != null && seen.add(d.name())) {
          d = registry.find(kind, d.derivedFrom());
        }
        if (d != null && d.name().equals(def.name())) {
          diags.report(
              DiagnosticCode.TYPE_CYCLE,
              def.location(),
              "%s type \"%s\" derives from itself through %s"
                  .formatted(kindWord(kind), def.name(), String.join(" -> ", seen)));
        }
      }
    }
  }

  static String kindWord(Kind kind) {
    return switch (kind) {
      case NODE -> "node";
      case CAPABILITY -> "capability";
      case RELATIONSHIP -> "relationship";
      case DATA -> "data";
      case INTERFACE -> "interface";
      case ARTIFACT -> "artifact";
      case GROUP -> "group";
      case POLICY -> "policy";
    };
  }
}
