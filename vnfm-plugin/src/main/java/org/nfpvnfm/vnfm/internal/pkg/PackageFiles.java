package org.nfpvnfm.vnfm.internal.pkg;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;

/**
 * The packages folder ({@code VnfmConfig.packagesDir()}): {@code <id>/package.zip} per package of
 * this VNFM, {@code nfvo/<folder>/package.zip} per package fetched from the NFVO. A zip is written
 * to a temporary {@code .part} file beside its final name and moved there atomically once complete,
 * so a crash never leaves a half-written {@code package.zip}; leftover {@code .part} files are
 * removed at start.
 */
final class PackageFiles {
  static final String CONTENT = "package.zip";
  private static final String PART = ".part";

  /** More bytes arrived than the limit allows; the partial file is already deleted. */
  static final class TooLargeException extends IOException {
    private static final long serialVersionUID = 1L;

    TooLargeException(long limit) {
      super("the package is larger than the limit of " + limit + " bytes");
    }
  }

  private final Path root;

  PackageFiles(Path root) {
    this.root = root;
  }

  Path folder(String id) {
    return root.resolve(id);
  }

  Path content(String id) {
    return folder(id).resolve(CONTENT);
  }

  Path nfvoFolder(String folder) {
    return root.resolve("nfvo").resolve(folder);
  }

  /**
   * Copies {@code in} to a new temporary file in {@code dir} (created if needed), refusing more
   * than {@code max} bytes; returns the file.
   */
  static Path receive(InputStream in, Path dir, long max) throws IOException {
    Files.createDirectories(dir);
    Path temp = Files.createTempFile(dir, "upload-", PART);
    boolean done = false;
    try (OutputStream out = Files.newOutputStream(temp)) {
      byte[] buf = new byte[65536];
      long total = 0;
      int n;
      while ((n = in.read(buf)) >= 0) {
        total += n;
        if (total > max) {
          throw new TooLargeException(max);
        }
        out.write(buf, 0, n);
      }
      done = true;
    } finally {
      if (!done) {
        Files.deleteIfExists(temp);
      }
    }
    return temp;
  }

  /** Moves a complete temporary file to {@code target}, atomically where the file system can. */
  static void moveInto(Path temp, Path target) throws IOException {
    try {
      Files.move(temp, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
    } catch (AtomicMoveNotSupportedException e) {
      Files.move(temp, target, StandardCopyOption.REPLACE_EXISTING);
    }
  }

  /** Deletes a folder and everything in it; nothing when it does not exist. */
  static void deleteTree(Path folder) throws IOException {
    if (!Files.exists(folder)) {
      return;
    }
    List<Path> paths;
    try (Stream<Path> walk = Files.walk(folder)) {
      paths = walk.sorted(Comparator.reverseOrder()).toList();
    }
    for (Path p : paths) {
      try {
        Files.delete(p);
      } catch (NoSuchFileException e) {
        // Gone already: what this method wants.
      }
    }
  }

  /** Removes the {@code .part} files an interrupted upload or fetch left. */
  void removeLeftovers() throws IOException {
    if (!Files.isDirectory(root)) {
      return;
    }
    List<Path> parts;
    try (Stream<Path> walk = Files.walk(root, 3)) {
      parts = walk.filter(p -> p.getFileName().toString().endsWith(PART)).toList();
    }
    for (Path p : parts) {
      Files.deleteIfExists(p);
    }
  }
}
