package org.nfpvnfm.tosca.internal.types;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;
import org.nfpvnfm.tosca.TypeCatalog.Kind;
import org.nfpvnfm.tosca.internal.Diagnostics;
import org.nfpvnfm.tosca.internal.yaml.SafeYamlReader;
import org.nfpvnfm.tosca.internal.yaml.YNode;
import org.nfpvnfm.tosca.internal.yaml.YNode.YMap;

/**
 * The type files the product ships (see {@code types/NOTICE.md}), parsed once per JVM. Nothing is
 * ever fetched: ETSI's published SOL001 URLs resolve to these copies.
 */
public final class BuiltInTypes {
  private static final String ROOT = "/org/nfpvnfm/tosca/types/";
  private static final Map<String, YMap> CACHE = new ConcurrentHashMap<>();

  /** ETSI SOL001 type files by name, as imported by URL or by a bare relative name. */
  private static final Pattern ETSI_FILE =
      Pattern.compile("(?:^|/)(etsi_nfv_sol001_(?:common|vnfd|nsd|pnfd)_types\\.yaml)$");

  private BuiltInTypes() {}

  /** A shipped file, parsed. */
  public static YMap file(String relative) {
    return CACHE.computeIfAbsent(relative, BuiltInTypes::parse);
  }

  private static YMap parse(String relative) {
    try (InputStream in = BuiltInTypes.class.getResourceAsStream(ROOT + relative)) {
      if (in == null) {
        throw new IllegalStateException("built-in type file missing from the jar: " + relative);
      }
      Diagnostics d = new Diagnostics();
      Optional<YNode> n = new SafeYamlReader().read("<built-in>/" + relative, in.readAllBytes(), d);
      if (d.hasErrors() || n.isEmpty() || !(n.get() instanceof YMap m)) {
        throw new IllegalStateException("built-in type file is broken: " + d.sorted());
      }
      return m;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** True when a shipped copy exists for this SOL001 file; the name is its last path segment. */
  public static @Nullable String etsiCopy(String pathOrUrl) {
    Matcher m = ETSI_FILE.matcher(pathOrUrl.toLowerCase(Locale.ROOT));
    if (!m.find()) {
      return null;
    }
    String name = m.group(1);
    if (BuiltInTypes.class.getResource(ROOT + "etsi/" + name) == null) {
      return null;
    }
    return "etsi/" + name;
  }

  /** The type files every template of {@code version} sees before its own imports. */
  public static List<String> baseFiles(String version) {
    if (version.equals("tosca_simple_profile_for_nfv_1_0_0")) {
      return List.of(
          "tosca_normative_types.yaml",
          "tosca_nfv_1_0_0_types.yaml",
          "tacker/tacker_defs.yaml",
          "tacker/tacker_nfv_defs.yaml",
          "nfp_types.yaml");
    }
    return List.of("tosca_normative_types.yaml", "nfp_types.yaml");
  }

  /** Adds every type section of {@code doc} to {@code registry}. */
  public static void addSections(YMap doc, TypeRegistry registry, boolean builtIn) {
    for (Kind kind : Kind.values()) {
      if (doc.get(kind.section()) instanceof YMap section) {
        for (YNode.Entry e : section.entries()) {
          if (e.value() instanceof YMap body) {
            registry.add(new TypeDef(kind, e.key(), body, builtIn));
          } else if (e.value() instanceof YNode.YScalar s && s.isNull()) {
            registry.add(new TypeDef(kind, e.key(), new YMap(List.of(), s.location()), builtIn));
          }
        }
      }
    }
  }

  /** True when the shipped resource exists (nfp_types.yaml arrives with the NFP extension). */
  public static boolean exists(String relative) {
    return BuiltInTypes.class.getResource(ROOT + relative) != null;
  }
}
