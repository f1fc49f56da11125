package org.nfpvnfm.tosca.internal.loader;

import java.net.URI;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.jspecify.annotations.Nullable;
import org.nfpvnfm.tosca.DiagnosticCode;
import org.nfpvnfm.tosca.ServiceTemplate;
import org.nfpvnfm.tosca.SourceLocation;
import org.nfpvnfm.tosca.internal.Diagnostics;
import org.nfpvnfm.tosca.internal.pkg.PackageSource;
import org.nfpvnfm.tosca.internal.types.BuiltInTypes;
import org.nfpvnfm.tosca.internal.types.TypeRegistry;
import org.nfpvnfm.tosca.internal.yaml.SafeYamlReader;
import org.nfpvnfm.tosca.internal.yaml.YNode;
import org.nfpvnfm.tosca.internal.yaml.YNode.YMap;
import org.nfpvnfm.tosca.internal.yaml.YNode.YScalar;

/**
 * Loads one service template from a set of files: reads the entry file, follows its imports
 * (relative inside the files, ETSI's SOL001 files from the shipped copies, never the network), puts
 * every type in a {@link TypeRegistry} and hands the topology to the {@link TopologyValidator}.
 */
public final class TemplateLoader {

  /** Versions this front end reads. 1.1 is a published TOSCA version, so it is accepted too. */
  public static final List<String> VERSIONS =
      List.of(
          "tosca_simple_yaml_1_0",
          "tosca_simple_yaml_1_1",
          "tosca_simple_yaml_1_2",
          "tosca_simple_yaml_1_3",
          "tosca_simple_profile_for_nfv_1_0_0",
          "tosca_simple_profile_for_mec_1_0_0");

  static final Set<String> TOP_LEVEL =
      Set.of(
          "tosca_definitions_version",
          "tosca_default_namespace",
          "template_name",
          "topology_template",
          "template_author",
          "template_version",
          "description",
          "imports",
          "dsl_definitions",
          "node_types",
          "relationship_types",
          "relationship_templates",
          "capability_types",
          "artifact_types",
          "data_types",
          "interface_types",
          "policy_types",
          "group_types",
          "repositories",
          "metadata",
          "namespace");

  private final PackageSource files;
  private final SafeYamlReader yaml;
  private final Diagnostics diags;
  private final boolean isPackage;
  private final TypeRegistry registry = new TypeRegistry();
  private final Set<String> loaded = new HashSet<>();
  private final Deque<String> importStack = new ArrayDeque<>();
  private String entry = "";

  public TemplateLoader(
      PackageSource files, SafeYamlReader yaml, Diagnostics diags, boolean isPackage) {
    this.files = files;
    this.yaml = yaml;
    this.diags = diags;
    this.isPackage = isPackage;
  }

  /** Loads {@code entry} (a path in the files); null when errors make a template impossible. */
  public @Nullable ServiceTemplate load(String entry, Map<String, @Nullable Object> inputValues) {
    Optional<byte[]> bytes = files.read(entry);
    if (bytes.isEmpty()) {
      diags.report(
          DiagnosticCode.PKG_FILE_MISSING,
          SourceLocation.ofFile(entry),
          "the descriptor \"%s\" does not exist".formatted(entry));
      return null;
    }
    YMap doc = readMap(entry, bytes.get());
    if (doc == null) {
      return null;
    }
    String version = checkVersion(entry, doc, null);
    if (version == null) {
      return null;
    }
    for (String base : BuiltInTypes.baseFiles(version)) {
      if (BuiltInTypes.exists(base)) {
        BuiltInTypes.addSections(BuiltInTypes.file(base), registry, true);
      }
    }
    this.entry = entry;
    loaded.add(entry);
    importStack.push(entry);
    checkTopLevel(entry, doc);
    processImports(entry, doc);
    BuiltInTypes.addSections(doc, registry, false);
    importStack.pop();
    new TypeDefinitionChecker(registry, diags).check();
    return new TopologyValidator(entry, version, doc, registry, diags, files, isPackage)
        .validate(inputValues);
  }

  private @Nullable YMap readMap(String file, byte[] bytes) {
    Optional<YNode> node = yaml.read(file, bytes, diags);
    if (node.isEmpty()) {
      return null;
    }
    if (!(node.get() instanceof YMap m)) {
      diags.report(
          DiagnosticCode.YAML_NOT_A_MAP,
          node.get().location(),
          "a TOSCA file must be a YAML mapping of sections, not a %s".formatted(node.get().kind()));
      return null;
    }
    return m;
  }

  private @Nullable String checkVersion(String file, YMap doc, YNode.@Nullable Entry importedBy) {
    YNode v = doc.get("tosca_definitions_version");
    if (v == null) {
      if (importedBy != null) {
        // An imported file of type definitions only may omit the version (as the normative
        // definitions themselves do); the importing template's version applies.
        return "";
      }
      diags.report(
          DiagnosticCode.VERSION_MISSING,
          new SourceLocation(file, 1, 1),
          "the template has no \"tosca_definitions_version\"; start it with one of %s"
              .formatted(String.join(", ", VERSIONS)));
      return null;
    }
    String text = v instanceof YScalar s ? s.asText() : v.kind();
    if (!VERSIONS.contains(text)) {
      SourceLocation where = v.location();
      String suffix = importedBy == null ? "" : " (in the imported file %s)".formatted(file);
      diags.report(
          DiagnosticCode.VERSION_INVALID,
          where,
          "TOSCA version \"%s\"%s is not supported; use one of %s"
              .formatted(text, suffix, String.join(", ", VERSIONS)));
      if (importedBy != null) {
        diags.report(
            DiagnosticCode.VERSION_INVALID,
            importedBy.value().location(),
            "the file imported here, %s, declares the unsupported TOSCA version \"%s\""
                .formatted(file, text));
      }
      return null;
    }
    return text;
  }

  private void checkTopLevel(String file, YMap doc) {
    for (YNode.Entry e : doc.entries()) {
      if (!TOP_LEVEL.contains(e.key())) {
        diags.report(
            DiagnosticCode.UNKNOWN_FIELD,
            e.keyLocation(),
            "\"%s\" is not a TOSCA template section%s"
                .formatted(e.key(), suggestion(e.key(), TOP_LEVEL)));
      }
    }
  }

  static String suggestion(String key, Set<String> allowed) {
    String best = null;
    int bestDist = Integer.MAX_VALUE;
    for (String a : allowed) {
      int d = distance(key, a);
      if (d < bestDist) {
        bestDist = d;
        best = a;
      }
    }
    return best != null && bestDist <= 3 ? " (did you mean \"" + best + "\"?)" : "";
  }

  private static int distance(String a, String b) {
    int[] prev = new int[b.length() + 1];
    int[] cur = new int[b.length() + 1];
    for (int j = 0; j <= b.length(); j++) {
      prev[j] = j;
    }
    for (int i = 1; i <= a.length(); i++) {
      cur[0] = i;
      for (int j = 1; j <= b.length(); j++) {
        int cost = a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1;
        cur[j] = Math.min(Math.min(cur[j - 1] + 1, prev[j] + 1), prev[j - 1] + cost);
      }
      int[] t = prev;
      prev = cur;
      cur = t;
    }
    return prev[b.length()];
  }

  private void processImports(String file, YMap doc) {
    YNode imports = doc.get("imports");
    if (imports == null || (imports instanceof YScalar s && s.isNull())) {
      return;
    }
    if (!(imports instanceof YNode.YSeq seq)) {
      diags.report(
          DiagnosticCode.IMPORT_INVALID,
          imports.location(),
          "\"imports\" must be a list, not a %s".formatted(imports.kind()));
      return;
    }
    YMap repositories = doc.get("repositories") instanceof YMap r ? r : null;
    for (YNode item : seq.items()) {
      ImportRef ref = ImportRef.parse(item, repositories, diags);
      if (ref != null) {
        importOne(file, ref);
      }
    }
  }

  private void importOne(String importer, ImportRef ref) {
    String target = ref.target();
    SourceLocation at = ref.location();
    if (isUrl(target)) {
      String copy = BuiltInTypes.etsiCopy(target);
      if (copy == null) {
        diags.report(
            DiagnosticCode.IMPORT_NETWORK,
            at,
            "import \"%s\" would need the network; put the file in the package and import it by relative path"
                .formatted(target));
        return;
      }
      importBuiltIn(copy);
      return;
    }
    if (target.startsWith("/") || target.matches("^[A-Za-z]:[\\\\/].*")) {
      diags.report(
          DiagnosticCode.IMPORT_UNSAFE_PATH,
          at,
          "import \"%s\" is an absolute path; imports are relative to the importing file"
              .formatted(target));
      return;
    }
    String resolved;
    if (isPackage) {
      String inPackage = resolveRelative(importer, target);
      if (inPackage == null) {
        diags.report(
            DiagnosticCode.IMPORT_UNSAFE_PATH,
            at,
            "import \"%s\" leaves the package; imports must stay inside it".formatted(target));
        return;
      }
      resolved = inPackage;
      // The reference resolves a nested import against the entry template's folder too.
      String fromEntry = resolveRelative(entry, target);
      if (!files.exists(resolved) && fromEntry != null && files.exists(fromEntry)) {
        resolved = fromEntry;
      }
    } else {
      resolved = looseCandidate(importer, target);
    }
    if (!files.exists(resolved) || files.read(resolved).isEmpty()) {
      String copy = BuiltInTypes.etsiCopy(target);
      if (copy != null) {
        importBuiltIn(copy);
        return;
      }
      diags.report(
          DiagnosticCode.IMPORT_NOT_FOUND,
          at,
          "import \"%s\" is not valid: %s does not exist".formatted(target, resolved));
      return;
    }
    if (importStack.contains(resolved)) {
      diags.report(
          DiagnosticCode.IMPORT_CYCLE,
          at,
          "import \"%s\" closes a cycle: %s -> %s"
              .formatted(target, String.join(" -> ", importStack.reversed()), resolved));
      return;
    }
    if (!loaded.add(resolved + "|" + ref.namespacePrefix())) {
      return;
    }
    YMap doc = readMap(resolved, files.read(resolved).orElseThrow());
    if (doc == null) {
      return;
    }
    YNode.Entry importedBy = new YNode.Entry("import", at, ref.node());
    if (checkVersion(resolved, doc, importedBy) == null) {
      return;
    }
    checkTopLevel(resolved, doc);
    importStack.push(resolved);
    processImports(resolved, doc);
    importStack.pop();
    BuiltInTypes.addSections(doc, registry, false, ref.namespacePrefix());
  }

  private void importBuiltIn(String copy) {
    if (!loaded.add("<built-in>/" + copy)) {
      return;
    }
    YMap doc = BuiltInTypes.file(copy);
    // The shipped SOL001 files import each other by relative name.
    if (doc.get("imports") instanceof YNode.YSeq seq) {
      for (YNode item : seq.items()) {
        if (item instanceof YScalar s && BuiltInTypes.etsiCopy(s.asText()) instanceof String c) {
          importBuiltIn(c);
        }
      }
    }
    BuiltInTypes.addSections(doc, registry, true);
  }

  /**
   * A loose file's import: beside the importer, else beside the entry template, else beside one of
   * the importer's ancestor folders (as the reference finds nested imports of shared type folders).
   */
  private String looseCandidate(String importer, String target) {
    String dir = parentOf(importer);
    String first = looseJoin(dir, target);
    if (files.exists(first)) {
      return first;
    }
    String fromEntry = looseJoin(parentOf(entry), target);
    if (files.exists(fromEntry)) {
      return fromEntry;
    }
    String up = dir;
    for (int i = 0; i < 3; i++) {
      up = looseJoin(up, "..");
      String candidate = looseJoin(up, target);
      if (files.exists(candidate)) {
        return candidate;
      }
    }
    return first;
  }

  /** Joins and normalises, keeping leading ".." (loose files may live above the entry's folder). */
  static String looseJoin(String dir, String target) {
    Deque<String> parts = new ArrayDeque<>();
    String joined = dir.isEmpty() ? target : dir + "/" + target;
    for (String p : joined.replace('\\', '/').split("/", -1)) {
      if (p.isEmpty() || p.equals(".")) {
        continue;
      }
      if (p.equals("..") && !parts.isEmpty() && !"..".equals(parts.peekLast())) {
        parts.removeLast();
      } else {
        parts.addLast(p);
      }
    }
    return String.join("/", parts);
  }

  static boolean isUrl(String s) {
    String l = s.toLowerCase(Locale.ROOT);
    return l.startsWith("http://") || l.startsWith("https://") || l.startsWith("ftp://");
  }

  static String parentOf(String path) {
    int i = path.lastIndexOf('/');
    return i < 0 ? "" : path.substring(0, i);
  }

  /** Resolves {@code target} against the importer's folder; null when it climbs above the root. */
  static @Nullable String resolveRelative(String importer, String target) {
    Deque<String> parts = new ArrayDeque<>();
    String base = parentOf(importer);
    String joined = base.isEmpty() ? target : base + "/" + target;
    for (String p : joined.replace('\\', '/').split("/", -1)) {
      if (p.isEmpty() || p.equals(".")) {
        continue;
      }
      if (p.equals("..")) {
        if (parts.isEmpty()) {
          return null;
        }
        parts.removeLast();
      } else {
        parts.addLast(p);
      }
    }
    return String.join("/", parts);
  }

  /** One entry of {@code imports}, in any of the forms TOSCA 1.0-1.3 allow. */
  record ImportRef(
      String target, SourceLocation location, YNode node, @Nullable String namespacePrefix) {

    static @Nullable ImportRef parse(YNode item, @Nullable YMap repositories, Diagnostics diags) {
      if (item instanceof YScalar s && s.value() instanceof String str) {
        return new ImportRef(str, s.location(), s, null);
      }
      if (item instanceof YMap m) {
        YNode fileNode = m.get("file");
        YNode body = m;
        if (fileNode == null && m.entries().size() == 1) {
          // { name: path } or { name: { file: path, repository: r } }
          body = m.entries().get(0).value();
          if (body instanceof YScalar s && s.value() instanceof String str) {
            return new ImportRef(str, s.location(), s, null);
          }
          if (body instanceof YMap bm) {
            fileNode = bm.get("file");
            m = bm;
          }
        }
        if (fileNode instanceof YScalar fs && fs.value() instanceof String file) {
          String target = file;
          if (m.get("repository") instanceof YScalar rs
              && rs.value() instanceof String repo
              && repositories != null) {
            YNode def = repositories.get(repo);
            String url = null;
            if (def instanceof YScalar ds && ds.value() instanceof String u) {
              url = u;
            } else if (def instanceof YMap dm && dm.get("url") instanceof YScalar us) {
              url = us.asText();
            }
            if (url != null) {
              target = URI.create(url.endsWith("/") ? url : url + "/").resolve(file).toString();
            }
          }
          return new ImportRef(
              target, fs.location(), fs, ValueChecker.text(m.get("namespace_prefix")));
        }
      }
      diags.report(
          DiagnosticCode.IMPORT_INVALID,
          item.location(),
          "an import must be a path, {name: path} or {file: path, repository: ...}");
      return null;
    }
  }
}
