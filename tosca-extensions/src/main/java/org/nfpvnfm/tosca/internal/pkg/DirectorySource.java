package org.nfpvnfm.tosca.internal.pkg;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.Collections;
import java.util.Optional;
import java.util.SortedSet;
import java.util.TreeSet;
import org.jspecify.annotations.Nullable;
import org.nfpvnfm.tosca.DiagnosticCode;
import org.nfpvnfm.tosca.SourceLocation;
import org.nfpvnfm.tosca.internal.Diagnostics;

/**
 * A package that is a plain folder on disk (an unpacked CSAR, or the folder of a standalone YAML
 * file). Files are read from disk when asked for; every access is checked against the real path of
 * the root, so a symbolic link that points outside the folder is treated as absent (and reported by
 * {@link #scan}). Reads are bounded by {@code maxEntryBytes}; {@link #openStream} is not, so that a
 * manifest can hash a large image without holding it in memory.
 */
public final class DirectorySource implements PackageSource {
  private final Path root;
  private final Path realRoot;
  private final String displayName;
  private final PackageReader.Limits limits;
  private @Nullable SortedSet<String> files;

  public DirectorySource(Path root, PackageReader.Limits limits) throws IOException {
    this.root = root.toAbsolutePath().normalize();
    this.realRoot = this.root.toRealPath();
    Path fn = this.root.getFileName();
    this.displayName = fn == null ? this.root.toString() : fn.toString();
    this.limits = limits;
  }

  public DirectorySource(Path root) throws IOException {
    this(root, PackageReader.Limits.DEFAULT);
  }

  public Path root() {
    return root;
  }

  @Override
  public String displayName() {
    return displayName;
  }

  /**
   * Walks the folder once: reports every symbolic link that leads outside the root ({@code
   * TOSCA206}) and a folder with more files than {@code maxEntries} ({@code TOSCA207}); returns
   * false when the folder cannot be used.
   */
  public boolean scan(Diagnostics diags) {
    SortedSet<String> found = new TreeSet<>();
    boolean[] ok = {true};
    try {
      Files.walkFileTree(
          root,
          new SimpleFileVisitor<>() {
            @Override
            public FileVisitResult preVisitDirectory(Path dir, BasicFileAttributes attrs) {
              return FileVisitResult.CONTINUE;
            }

            @Override
            public FileVisitResult visitFile(Path file, BasicFileAttributes attrs) {
              String rel = relative(file);
              if (attrs.isSymbolicLink()) {
                Path target = safeReal(file);
                if (target == null) {
                  diags.report(
                      DiagnosticCode.PKG_UNSAFE_PATH,
                      SourceLocation.ofFile(rel),
                      "\"%s\" is a symbolic link that leads outside the package folder (or nowhere); it is ignored"
                          .formatted(rel));
                  return FileVisitResult.CONTINUE;
                }
                if (!Files.isRegularFile(target)) {
                  return FileVisitResult.CONTINUE;
                }
              } else if (!attrs.isRegularFile()) {
                return FileVisitResult.CONTINUE;
              }
              found.add(rel);
              if (found.size() > limits.maxEntries()) {
                diags.report(
                    DiagnosticCode.PKG_TOO_LARGE,
                    SourceLocation.ofFile(displayName),
                    "the folder holds more than %d files, the limit"
                        .formatted(limits.maxEntries()));
                ok[0] = false;
                return FileVisitResult.TERMINATE;
              }
              return FileVisitResult.CONTINUE;
            }

            @Override
            public FileVisitResult visitFileFailed(Path file, IOException exc) {
              diags.report(
                  DiagnosticCode.PKG_FILE_MISSING,
                  SourceLocation.ofFile(relative(file)),
                  "cannot read \"%s\": %s".formatted(relative(file), exc.getMessage()));
              return FileVisitResult.CONTINUE;
            }
          });
    } catch (IOException | UncheckedIOException e) {
      diags.report(
          DiagnosticCode.PKG_FILE_MISSING,
          SourceLocation.ofFile(displayName),
          "cannot list the folder \"%s\": %s".formatted(displayName, e.getMessage()));
      ok[0] = false;
    }
    files = Collections.unmodifiableSortedSet(found);
    return ok[0];
  }

  private String relative(Path p) {
    return root.relativize(p.toAbsolutePath().normalize()).toString().replace('\\', '/');
  }

  /** The real path of {@code p} when it exists and lies inside the root; null otherwise. */
  private @Nullable Path safeReal(Path p) {
    try {
      Path real = p.toRealPath();
      return real.startsWith(realRoot) ? real : null;
    } catch (IOException | SecurityException e) {
      return null;
    }
  }

  /** The on-disk file for a package path, or null when it is absent or escapes the root. */
  private @Nullable Path resolve(String path) {
    Optional<String> norm = PackagePaths.normalize(path);
    if (norm.isEmpty()) {
      return null;
    }
    Path p = root.resolve(norm.get()).normalize();
    if (!p.startsWith(root) || !Files.exists(p, LinkOption.NOFOLLOW_LINKS)) {
      return null;
    }
    return safeReal(p);
  }

  @Override
  public Optional<byte[]> read(String path) {
    Path p = resolve(path);
    if (p == null || !Files.isRegularFile(p)) {
      return Optional.empty();
    }
    try {
      if (Files.size(p) > limits.maxEntryBytes()) {
        return Optional.empty();
      }
      try (InputStream in = Files.newInputStream(p)) {
        byte[] data =
            in.readNBytes((int) Math.min(Integer.MAX_VALUE - 8, limits.maxEntryBytes() + 1));
        return data.length > limits.maxEntryBytes() ? Optional.empty() : Optional.of(data);
      }
    } catch (IOException | SecurityException e) {
      return Optional.empty();
    }
  }

  @Override
  public Optional<InputStream> openStream(String path) throws IOException {
    Path p = resolve(path);
    if (p == null || !Files.isRegularFile(p)) {
      return Optional.empty();
    }
    return Optional.of(Files.newInputStream(p));
  }

  @Override
  public boolean exists(String path) {
    return resolve(path) != null;
  }

  @Override
  public SortedSet<String> files() {
    SortedSet<String> f = files;
    if (f == null) {
      scan(new Diagnostics());
      f = files;
    }
    return f == null ? Collections.emptySortedSet() : f;
  }
}
