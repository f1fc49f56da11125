package org.nfpvnfm.tosca.internal.types;

import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.jspecify.annotations.Nullable;
import org.nfpvnfm.tosca.TypeCatalog;
import org.nfpvnfm.tosca.internal.yaml.YNode;
import org.nfpvnfm.tosca.internal.yaml.YNode.YMap;

/**
 * The types in force for one template, by kind. Later definitions replace earlier ones, so the
 * template's own types override imported ones, which override built-ins. Derived views (all
 * properties of a type with its ancestors') are merged child-over-parent.
 */
public final class TypeRegistry implements TypeCatalog {

  private static final Map<Kind, String> PREFIX =
      Map.of(
          Kind.NODE, "tosca.nodes.",
          Kind.CAPABILITY, "tosca.capabilities.",
          Kind.RELATIONSHIP, "tosca.relationships.",
          Kind.DATA, "tosca.datatypes.",
          Kind.INTERFACE, "tosca.interfaces.",
          Kind.ARTIFACT, "tosca.artifacts.",
          Kind.GROUP, "tosca.groups.",
          Kind.POLICY, "tosca.policies.");

  private final Map<Kind, Map<String, TypeDef>> types = new EnumMap<>(Kind.class);

  public TypeRegistry() {
    for (Kind k : Kind.values()) {
      types.put(k, new LinkedHashMap<>());
    }
  }

  private Map<String, TypeDef> bucket(Kind kind) {
    return java.util.Objects.requireNonNull(types.get(kind));
  }

  public void add(TypeDef def) {
    bucket(def.kind()).put(def.name(), def);
  }

  public Map<String, TypeDef> all(Kind kind) {
    return bucket(kind);
  }

  /**
   * Finds a type by its full name, or by the short forms TOSCA allows: {@code tosca:Compute} and
   * {@code Compute} for {@code tosca.nodes.Compute}.
   */
  public @Nullable TypeDef find(Kind kind, @Nullable String name) {
    if (name == null) {
      return null;
    }
    Map<String, TypeDef> m = bucket(kind);
    TypeDef d = m.get(name);
    if (d != null) {
      return d;
    }
    String shortName = name.startsWith("tosca:") ? name.substring(6) : name;
    d = m.get(PREFIX.get(kind) + shortName);
    if (d != null) {
      return d;
    }
    if (kind == Kind.NODE && m.get("tosca.nodes.nfv." + shortName) instanceof TypeDef nfv) {
      return nfv;
    }
    // The reference parser keeps all types in one namespace: a capability may be typed with a data
    // type (Tacker's nfv_compute is), and a type may sit in another kind's section.
    for (Kind other : Kind.values()) {
      if (other != kind && bucket(other).get(name) instanceof TypeDef found) {
        return found;
      }
    }
    if (!shortName.contains(".")) {
      for (TypeDef candidate : m.values()) {
        if (candidate.name().endsWith("." + shortName)) {
          return candidate;
        }
      }
    }
    return null;
  }

  /** Which kind, if any, defines {@code name}: used for "is this a type at all" questions. */
  public Optional<Kind> kindOf(String name) {
    for (Kind k : Kind.values()) {
      if (bucket(k).containsKey(name)) {
        return Optional.of(k);
      }
    }
    return Optional.empty();
  }

  /** The type and its ancestors, self first; stops at an unknown parent or a cycle. */
  public List<TypeDef> chain(Kind kind, @Nullable String name) {
    List<TypeDef> out = new ArrayList<>();
    Set<String> seen = new HashSet<>();
    TypeDef d = find(kind, name);
    while (d != null && seen.add(d.name())) {
      out.add(d);
      d = find(kind, d.derivedFrom());
    }
    return out;
  }

  public boolean isA(Kind kind, @Nullable String name, String ancestor) {
    for (TypeDef d : chain(kind, name)) {
      if (d.name().equals(ancestor)) {
        return true;
      }
    }
    return false;
  }

  /**
   * A named map section (properties, attributes, capabilities, interfaces) merged along the chain.
   */
  public Map<String, YNode> mergedMap(Kind kind, @Nullable String name, String section) {
    List<TypeDef> chain = chain(kind, name);
    Map<String, YNode> out = new LinkedHashMap<>();
    for (int i = chain.size() - 1; i >= 0; i--) {
      if (chain.get(i).body().get(section) instanceof YMap m) {
        for (YNode.Entry e : m.entries()) {
          YNode prev = out.get(e.key());
          if (prev instanceof YMap pm
              && e.value() instanceof YMap cm
              && section.equals("interfaces")) {
            out.put(e.key(), mergeMaps(pm, cm));
          } else {
            out.put(e.key(), e.value());
          }
        }
      }
    }
    return out;
  }

  private static YMap mergeMaps(YMap parent, YMap child) {
    List<YNode.Entry> entries = new ArrayList<>(parent.entries());
    for (YNode.Entry e : child.entries()) {
      entries.removeIf(x -> x.key().equals(e.key()));
      entries.add(e);
    }
    return new YMap(entries, child.location());
  }

  /**
   * Requirement definitions (a list of one-key maps in TOSCA) along the chain: name to definition,
   * a child's definition replacing its parent's of the same name.
   */
  public Map<String, YNode> requirements(@Nullable String nodeType) {
    return requirements(nodeType, false);
  }

  /**
   * With {@code nearestOnly}, only the requirements of the nearest type in the chain that declares
   * any: the reference parser checks occurrences against those alone, so a type that redeclares its
   * requirements (tosca.nodes.nfv.CP over tosca.nodes.network.Port) replaces its parent's.
   */
  public Map<String, YNode> requirements(@Nullable String nodeType, boolean nearestOnly) {
    if (nearestOnly) {
      for (TypeDef d : chain(Kind.NODE, nodeType)) {
        if (d.body().get("requirements") instanceof YNode r
            && !(r instanceof YNode.YScalar s && s.isNull())) {
          return requirementsOf(List.of(d));
        }
      }
      return Map.of();
    }
    return requirementsOf(chain(Kind.NODE, nodeType));
  }

  private static Map<String, YNode> requirementsOf(List<TypeDef> chain) {
    Map<String, YNode> out = new LinkedHashMap<>();
    for (int i = chain.size() - 1; i >= 0; i--) {
      YNode reqs = chain.get(i).body().get("requirements");
      if (reqs instanceof YNode.YSeq seq) {
        for (YNode item : seq.items()) {
          if (item instanceof YMap m) {
            for (YNode.Entry e : m.entries()) {
              out.put(e.key(), e.value());
            }
          }
        }
      } else if (reqs instanceof YMap m) {
        for (YNode.Entry e : m.entries()) {
          out.put(e.key(), e.value());
        }
      }
    }
    return out;
  }

  @Override
  public Optional<Map<String, @Nullable Object>> definition(Kind kind, String name) {
    TypeDef d = find(kind, name);
    return d == null ? Optional.empty() : Optional.of(d.body().toJava());
  }

  @Override
  public List<String> hierarchy(Kind kind, String name) {
    List<String> out = new ArrayList<>();
    for (TypeDef d : chain(kind, name)) {
      out.add(d.name());
    }
    return out;
  }
}
