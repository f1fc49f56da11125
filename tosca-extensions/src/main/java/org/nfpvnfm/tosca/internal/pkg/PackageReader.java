package org.nfpvnfm.tosca.internal.pkg;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import org.jspecify.annotations.Nullable;
import org.nfpvnfm.tosca.Diagnostic;
import org.nfpvnfm.tosca.DiagnosticCode;
import org.nfpvnfm.tosca.Severity;
import org.nfpvnfm.tosca.SourceLocation;
import org.nfpvnfm.tosca.internal.Diagnostics;
import org.nfpvnfm.tosca.internal.yaml.SafeYamlReader;
import org.nfpvnfm.tosca.internal.yaml.YNode;

/**
 * Opens ETSI SOL004 / TOSCA CSAR packages, zipped or unpacked, and checks their manifests. Every
 * problem becomes a {@link Diagnostic}; nothing a package contains makes this class throw.
 *
 * <p>Two layouts are accepted, as OpenStack's tosca-parser accepts them:
 *
 * <ul>
 *   <li>with {@code TOSCA-Metadata/TOSCA.meta}: it must be {@code Key: value} lines (valid YAML),
 *       its first block must name {@code Entry-Definitions}, and that file must exist;
 *   <li>without it: exactly one {@code .yaml}/{@code .yml} file at the root, which is the entry
 *       definitions. As in the reference, a root file declaring {@code tosca_simple_yaml_1_0} is
 *       refused (TOSCA 1.0 CSARs need TOSCA.meta), and a missing {@code metadata} section is
 *       accepted although SOL004 §4.3.3 asks for one, because the reference accepts it.
 * </ul>
 */
public final class PackageReader {

  /**
   * Bounds on what a package may hold; zip entries are counted while they inflate. {@code
   * maxCompressionRatio} applies once an entry has inflated past 1 MiB, so small, very regular
   * files are fine.
   */
  public record Limits(
      long maxTotalBytes, long maxEntryBytes, int maxEntries, int maxCompressionRatio) {
    public static final Limits DEFAULT = new Limits(512L << 20, 256L << 20, 10_000, 200);

    public Limits {
      if (maxTotalBytes <= 0 || maxEntryBytes <= 0 || maxEntries <= 0 || maxCompressionRatio <= 0) {
        throw new IllegalArgumentException("limits must be positive");
      }
    }
  }

  /**
   * How to treat a file a manifest (or a TOSCA.meta block with a hash) lists but the package lacks.
   * SOL004 makes it an error; {@link #WARNING} is for copies of packages that were stripped of
   * their binary artifacts on purpose.
   */
  public enum MissingFiles {
    ERROR,
    WARNING
  }

  static final String TOSCA_META = ToscaMeta.PATH;

  private final Limits limits;
  private final MissingFiles missingFiles;

  public PackageReader(Limits limits, MissingFiles missingFiles) {
    this.limits = limits;
    this.missingFiles = missingFiles;
  }

  public PackageReader(Limits limits) {
    this(limits, MissingFiles.ERROR);
  }

  public PackageReader() {
    this(Limits.DEFAULT);
  }

  /**
   * Opens a .zip/.csar file or a directory as a package; diagnostics for every problem; empty if
   * unusable.
   */
  public Optional<OpenedPackage> open(Path path, Diagnostics diags) {
    Path fn = path.toAbsolutePath().normalize().getFileName();
    String name = fn == null ? path.toString() : fn.toString();
    if (Files.isDirectory(path)) {
      DirectorySource dir;
      try {
        dir = new DirectorySource(path, limits);
      } catch (IOException | SecurityException e) {
        diags.report(
            DiagnosticCode.PKG_FILE_MISSING,
            SourceLocation.ofFile(name),
            "cannot open the folder \"%s\": %s".formatted(name, e.getMessage()));
        return Optional.empty();
      }
      if (!dir.scan(diags)) {
        return Optional.empty();
      }
      return open(dir, diags);
    }
    if (!Files.exists(path)) {
      diags.report(
          DiagnosticCode.PKG_FILE_MISSING,
          SourceLocation.ofFile(name),
          "\"%s\" does not exist".formatted(name));
      return Optional.empty();
    }
    if (!Files.isRegularFile(path)) {
      diags.report(
          DiagnosticCode.PKG_NOT_ZIP,
          SourceLocation.ofFile(name),
          "\"%s\" is neither a zip file nor a folder".formatted(name));
      return Optional.empty();
    }
    return ZipSource.read(path, limits, diags).flatMap(src -> open(src, diags));
  }

  /**
   * Finds the entry definitions and metadata of an already opened source, then checks its manifest.
   */
  public Optional<OpenedPackage> open(PackageSource src, Diagnostics diags) {
    Optional<OpenedPackage> pkg =
        src.files().contains(TOSCA_META) ? openWithMeta(src, diags) : openRootYaml(src, diags);
    pkg.ifPresent(p -> verifyManifest(p, diags));
    return pkg;
  }

  private Optional<OpenedPackage> openWithMeta(PackageSource src, Diagnostics diags) {
    byte[] bytes = src.read(TOSCA_META).orElse(new byte[0]);
    Optional<ToscaMeta> parsed = ToscaMeta.parse(bytes, diags);
    if (parsed.isEmpty()) {
      return Optional.empty();
    }
    ToscaMeta.Block first = parsed.get().first();
    ToscaMeta.Line entry = first.get("Entry-Definitions");
    if (entry == null || !entry.key().equals("Entry-Definitions") || entry.value().isEmpty()) {
      String msg =
          entry == null
              ? "TOSCA.meta must name the main template with \"Entry-Definitions: <path>\""
              : !entry.key().equals("Entry-Definitions")
                  ? "write the key as \"Entry-Definitions\" (found \"%s\"); keys are case-sensitive"
                      .formatted(entry.key())
                  : "\"Entry-Definitions\" has no value";
      diags.report(
          DiagnosticCode.PKG_METADATA_MISSING_KEY,
          new SourceLocation(TOSCA_META, entry == null ? 0 : entry.line(), 0),
          msg);
      return Optional.empty();
    }
    SourceLocation at = new SourceLocation(TOSCA_META, entry.line(), 0);
    Optional<String> norm = PackagePaths.normalize(entry.value());
    if (norm.isEmpty()) {
      diags.report(
          DiagnosticCode.PKG_UNSAFE_PATH,
          at,
          "Entry-Definitions \"%s\" is not a path inside the package".formatted(entry.value()));
      return Optional.empty();
    }
    if (!src.files().contains(norm.get())) {
      diags.report(
          DiagnosticCode.PKG_ENTRY_NOT_FOUND,
          at,
          "the Entry-Definitions file \"%s\" does not exist in \"%s\""
              .formatted(entry.value(), src.displayName()));
      return Optional.empty();
    }
    for (String key :
        List.of("ETSI-Entry-Change-Log", "ETSI-Entry-Licenses", "ETSI-Entry-Certificate")) {
      ToscaMeta.Line l = first.get(key);
      if (l != null) {
        checkNamedPath(src, l, diags);
      }
    }
    return Optional.of(new OpenedPackage(src, norm.get(), first.asMap(), true));
  }

  private void checkNamedPath(PackageSource src, ToscaMeta.Line l, Diagnostics diags) {
    SourceLocation at = new SourceLocation(TOSCA_META, l.line(), 0);
    if (PackagePaths.isUrl(l.value())) {
      return;
    }
    Optional<String> p = PackagePaths.normalize(l.value());
    if (p.isEmpty()) {
      diags.report(
          DiagnosticCode.PKG_UNSAFE_PATH,
          at,
          "%s \"%s\" is not a path inside the package".formatted(l.key(), l.value()));
    } else if (!src.exists(p.get())) {
      missing(
          diags, at, "%s names \"%s\", which is not in the package".formatted(l.key(), l.value()));
    }
  }

  private Optional<OpenedPackage> openRootYaml(PackageSource src, Diagnostics diags) {
    List<String> roots = new ArrayList<>();
    for (String f : src.files()) {
      if (f.indexOf('/') < 0 && (f.endsWith(".yaml") || f.endsWith(".yml"))) {
        roots.add(f);
      }
    }
    SourceLocation whole = SourceLocation.ofFile(src.displayName());
    if (roots.isEmpty()) {
      diags.report(
          DiagnosticCode.PKG_NO_METADATA,
          whole,
          "\"%s\" is not a valid CSAR: it has no \"TOSCA-Metadata/TOSCA.meta\" and no YAML file at its root"
              .formatted(src.displayName()));
      return Optional.empty();
    }
    if (roots.size() > 1) {
      diags.report(
          DiagnosticCode.PKG_AMBIGUOUS_ROOT,
          whole,
          "a CSAR without TOSCA-Metadata/TOSCA.meta must hold exactly one YAML file at its root; found %d: %s"
              .formatted(roots.size(), String.join(", ", roots)));
      return Optional.empty();
    }
    String root = roots.get(0);
    Optional<YNode> doc =
        new SafeYamlReader().read(root, src.read(root).orElse(new byte[0]), diags);
    if (doc.isEmpty()) {
      return Optional.empty();
    }
    if (!(doc.get() instanceof YNode.YMap map)) {
      diags.report(
          DiagnosticCode.YAML_NOT_A_MAP,
          doc.get().location(),
          "the root-level template must be a YAML mapping, not a %s".formatted(doc.get().kind()));
      return Optional.empty();
    }
    YNode version = map.get("tosca_definitions_version");
    if (version instanceof YNode.YScalar s && "tosca_simple_yaml_1_0".equals(s.text())) {
      diags.report(
          DiagnosticCode.PKG_NO_METADATA,
          s.location(),
          ("\"%s\" is not a valid CSAR: it has no \"TOSCA-Metadata/TOSCA.meta\", which a "
                  + "tosca_simple_yaml_1_0 package requires (a root-level template alone is allowed "
                  + "from TOSCA 1.1 on)")
              .formatted(src.displayName()));
      return Optional.empty();
    }
    Map<String, String> metadata = new LinkedHashMap<>();
    if (map.get("metadata") instanceof YNode.YMap md) {
      for (YNode.Entry e : md.entries()) {
        if (e.value() instanceof YNode.YScalar sc) {
          metadata.put(e.key(), sc.text());
        }
      }
    }
    return Optional.of(new OpenedPackage(src, root, metadata, false));
  }

  /**
   * Checks the SOL004 manifest (.mf) against the files: every listed file exists and its hash
   * matches (SHA-256/384/512). The manifest is the one TOSCA.meta names with {@code
   * ETSI-Entry-Manifest}; otherwise the root-level {@code .mf} named after the entry definitions,
   * or the only root-level {@code .mf}. TOSCA.meta file blocks that carry {@code Algorithm} and
   * {@code Hash} (as Tacker writes them) are checked the same way. Sources that are URLs are
   * skipped, never fetched.
   */
  public void verifyManifest(OpenedPackage pkg, Diagnostics diags) {
    PackageSource src = pkg.source();
    List<ToscaMeta.Block> fileBlocks = List.of();
    String manifest = null;
    if (pkg.hasToscaMeta()) {
      Optional<ToscaMeta> meta =
          ToscaMeta.parse(src.read(TOSCA_META).orElse(new byte[0]), new Diagnostics());
      if (meta.isPresent()) {
        fileBlocks = meta.get().blocks().subList(1, meta.get().blocks().size());
        ToscaMeta.Line named = meta.get().first().get("ETSI-Entry-Manifest");
        if (named != null) {
          SourceLocation at = new SourceLocation(TOSCA_META, named.line(), 0);
          Optional<String> p = PackagePaths.normalize(named.value());
          if (p.isEmpty()) {
            diags.report(
                DiagnosticCode.PKG_UNSAFE_PATH,
                at,
                "ETSI-Entry-Manifest \"%s\" is not a path inside the package"
                    .formatted(named.value()));
            return;
          }
          if (!src.files().contains(p.get())) {
            missing(
                diags,
                at,
                "ETSI-Entry-Manifest names \"%s\", which is not in the package"
                    .formatted(named.value()));
          } else {
            manifest = p.get();
          }
        }
      }
    }
    if (manifest == null) {
      manifest = findRootManifest(pkg);
    }
    Map<String, Integer> seen = new HashMap<>();
    if (manifest != null) {
      Manifest mf = Manifest.parse(manifest, src.read(manifest).orElse(new byte[0]), diags);
      for (Manifest.Entry e : mf.entries()) {
        Integer first = seen.putIfAbsent(e.source(), e.sourceLine());
        if (first != null) {
          diags.report(
              DiagnosticCode.PKG_MANIFEST_INVALID,
              new SourceLocation(manifest, e.sourceLine(), 0),
              "\"%s\" is listed twice (first at line %d)".formatted(e.source(), first));
          continue;
        }
        check(src, manifest, e, true, diags);
      }
    }
    for (ToscaMeta.Block b : fileBlocks) {
      ToscaMeta.Line name = b.get("Name");
      ToscaMeta.Line alg = b.get("Algorithm");
      ToscaMeta.Line hash = b.get("Hash");
      if (name == null || (alg == null && hash == null)) {
        continue; // a Name/Content-Type block declares a file type; it need not carry a hash
      }
      check(
          src,
          TOSCA_META,
          new Manifest.Entry(
              name.value(),
              name.line(),
              alg == null ? null : alg.value(),
              alg == null ? 0 : alg.line(),
              hash == null ? null : hash.value(),
              hash == null ? 0 : hash.line()),
          false,
          diags);
    }
  }

  private static @Nullable String findRootManifest(OpenedPackage pkg) {
    List<String> mfs = new ArrayList<>();
    for (String f : pkg.source().files()) {
      if (f.indexOf('/') < 0 && f.toLowerCase(Locale.ROOT).endsWith(".mf")) {
        mfs.add(f);
      }
    }
    String entry = pkg.entryDefinitions();
    String base = entry.substring(entry.lastIndexOf('/') + 1);
    int dot = base.lastIndexOf('.');
    String sameName = (dot > 0 ? base.substring(0, dot) : base) + ".mf";
    if (mfs.contains(sameName)) {
      return sameName;
    }
    return mfs.size() == 1 ? mfs.get(0) : null;
  }

  private void check(
      PackageSource src, String file, Manifest.Entry e, boolean isManifest, Diagnostics diags) {
    DiagnosticCode invalid =
        isManifest ? DiagnosticCode.PKG_MANIFEST_INVALID : DiagnosticCode.PKG_METADATA_INVALID;
    SourceLocation srcAt = new SourceLocation(file, e.sourceLine(), 0);
    if (PackagePaths.isUrl(e.source())) {
      return; // never fetched: a package must load without the network
    }
    Optional<String> path = PackagePaths.normalize(e.source());
    if (path.isEmpty()) {
      diags.report(
          DiagnosticCode.PKG_UNSAFE_PATH,
          srcAt,
          "\"%s\" is not a path inside the package".formatted(e.source()));
      return;
    }
    String algorithm = e.algorithm();
    String hash = e.hash();
    if (algorithm == null || hash == null) {
      diags.report(
          invalid,
          srcAt,
          "\"%s\" has no %s line".formatted(e.source(), algorithm == null ? "Algorithm" : "Hash"));
      return;
    }
    String jdk = Manifest.jdkAlgorithm(algorithm);
    if (jdk == null) {
      diags.report(
          invalid,
          new SourceLocation(file, e.algorithmLine(), 0),
          "unknown hash algorithm \"%s\"; use SHA-256, SHA-384 or SHA-512".formatted(algorithm));
      return;
    }
    int hexLength = Integer.parseInt(jdk.substring(4)) / 4;
    SourceLocation hashAt = new SourceLocation(file, e.hashLine(), 0);
    String expected = hash.strip().toLowerCase(Locale.ROOT);
    if (expected.length() != hexLength
        || !expected.chars().allMatch(c -> Character.digit(c, 16) >= 0)) {
      diags.report(
          invalid,
          hashAt,
          "a %s hash is %d hexadecimal digits; found \"%s\""
              .formatted(jdk, hexLength, ZipSource.printable(hash)));
      return;
    }
    if (!src.files().contains(path.get())) {
      missing(diags, srcAt, "\"%s\" is listed but not in the package".formatted(e.source()));
      return;
    }
    String actual;
    try {
      Optional<InputStream> in = src.openStream(path.get());
      if (in.isEmpty()) {
        missing(diags, srcAt, "\"%s\" is listed but cannot be read".formatted(e.source()));
        return;
      }
      MessageDigest md = MessageDigest.getInstance(jdk);
      try (InputStream s = in.get()) {
        byte[] buf = new byte[64 * 1024];
        int r;
        while ((r = s.read(buf)) > 0) {
          md.update(buf, 0, r);
        }
      }
      actual = HexFormat.of().formatHex(md.digest());
    } catch (IOException | NoSuchAlgorithmException e2) {
      missing(diags, srcAt, "\"%s\" cannot be read: %s".formatted(e.source(), e2.getMessage()));
      return;
    }
    if (!actual.equals(expected)) {
      diags.report(
          DiagnosticCode.PKG_HASH_MISMATCH,
          hashAt,
          "the %s of \"%s\" is %s, not the %s listed".formatted(jdk, e.source(), actual, expected));
    }
  }

  private void missing(Diagnostics diags, SourceLocation at, String message) {
    Severity sev = missingFiles == MissingFiles.ERROR ? Severity.ERROR : Severity.WARNING;
    diags.add(new Diagnostic(DiagnosticCode.PKG_FILE_MISSING, sev, at, message));
  }
}
