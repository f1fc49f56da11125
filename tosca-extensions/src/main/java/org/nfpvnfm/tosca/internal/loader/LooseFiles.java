package org.nfpvnfm.tosca.internal.loader;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import java.util.SortedSet;
import java.util.TreeSet;
import org.nfpvnfm.tosca.internal.pkg.PackageSource;

/**
 * The local file system seen from a standalone descriptor: paths are relative to {@code base} (the
 * descriptor's folder) and may use {@code ..}, because a loose file is not a package and its
 * imports may live beside it. Packages use their own, root-confined sources.
 */
final class LooseFiles implements PackageSource {
  private final Path base;

  LooseFiles(Path base) {
    this.base = base.toAbsolutePath().normalize();
  }

  private Path resolve(String path) {
    return base.resolve(path).normalize();
  }

  @Override
  public String displayName() {
    return base.toString();
  }

  @Override
  public Optional<byte[]> read(String path) {
    Path p = resolve(path);
    if (!Files.isRegularFile(p)) {
      return Optional.empty();
    }
    try {
      return Optional.of(Files.readAllBytes(p));
    } catch (IOException e) {
      return Optional.empty();
    }
  }

  @Override
  public boolean exists(String path) {
    return Files.exists(resolve(path));
  }

  @Override
  public SortedSet<String> files() {
    return new TreeSet<>();
  }
}
