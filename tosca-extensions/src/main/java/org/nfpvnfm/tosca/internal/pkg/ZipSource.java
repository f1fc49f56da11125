package org.nfpvnfm.tosca.internal.pkg;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Path;
import java.util.Collections;
import java.util.Enumeration;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.SortedSet;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.zip.ZipEntry;
import java.util.zip.ZipException;
import java.util.zip.ZipFile;
import org.nfpvnfm.tosca.DiagnosticCode;
import org.nfpvnfm.tosca.SourceLocation;
import org.nfpvnfm.tosca.internal.Diagnostics;

/**
 * A zip (or .csar) package read completely into memory under {@link PackageReader.Limits}. The
 * sizes a zip declares are never trusted: bytes are counted while they are inflated, so a zip bomb
 * is stopped after at most a limit's worth of output. Entries that would leave the root (zip slip)
 * or appear twice make the whole package unusable.
 */
public final class ZipSource implements PackageSource {

  /** Below this many inflated bytes an entry's compression ratio is not judged. */
  static final long RATIO_FLOOR_BYTES = 1 << 20;

  private final String displayName;
  private final Map<String, byte[]> files;
  private final SortedSet<String> fileNames;
  private final Set<String> folders;

  private ZipSource(String displayName, Map<String, byte[]> files, Set<String> folders) {
    this.displayName = displayName;
    this.files = Map.copyOf(files);
    this.fileNames = Collections.unmodifiableSortedSet(new TreeSet<>(files.keySet()));
    this.folders = Set.copyOf(folders);
  }

  /**
   * An in-memory source, for tests and for callers that already hold the bytes; keys that are not
   * safe relative paths are dropped.
   */
  public static ZipSource ofMap(String displayName, Map<String, byte[]> files) {
    Map<String, byte[]> norm = new TreeMap<>();
    Set<String> folders = new HashSet<>();
    files.forEach(
        (k, v) ->
            PackagePaths.normalize(k)
                .ifPresent(
                    p -> {
                      norm.put(p, v.clone());
                      addParents(p, folders);
                    }));
    return new ZipSource(displayName, norm, folders);
  }

  /** Reads {@code zip}; empty, with diagnostics, when it is not a zip or breaks a limit. */
  public static Optional<ZipSource> read(Path zip, PackageReader.Limits limits, Diagnostics diags) {
    String name = String.valueOf(zip.getFileName());
    SourceLocation whole = SourceLocation.ofFile(name);
    Map<String, byte[]> files = new TreeMap<>();
    Set<String> folders = new HashSet<>();
    Map<String, String> rawNames = new HashMap<>();
    long total = 0;
    try (ZipFile zf = new ZipFile(zip.toFile())) {
      if (zf.size() > limits.maxEntries()) {
        diags.report(
            DiagnosticCode.PKG_TOO_LARGE,
            whole,
            "the zip has %d entries; the limit is %d".formatted(zf.size(), limits.maxEntries()));
        return Optional.empty();
      }
      int count = 0;
      Enumeration<? extends ZipEntry> en = zf.entries();
      while (en.hasMoreElements()) {
        ZipEntry e = en.nextElement();
        if (++count > limits.maxEntries()) {
          diags.report(
              DiagnosticCode.PKG_TOO_LARGE,
              whole,
              "the zip has more than %d entries".formatted(limits.maxEntries()));
          return Optional.empty();
        }
        String raw = e.getName();
        boolean isDir = raw.endsWith("/");
        String trimmed = isDir ? raw.substring(0, raw.length() - 1) : raw;
        Optional<String> norm = PackagePaths.normalize(trimmed);
        if (norm.isEmpty() || PackagePaths.hasDotDot(raw)) {
          diags.report(
              DiagnosticCode.PKG_UNSAFE_PATH,
              whole,
              "zip entry \"%s\" is absolute, has \"..\" or a backslash, or is otherwise unsafe; a package's entries must stay inside it"
                  .formatted(printable(raw)));
          return Optional.empty();
        }
        String path = norm.get();
        String prev = rawNames.putIfAbsent(path, raw);
        if (prev != null) {
          diags.report(
              DiagnosticCode.PKG_UNSAFE_PATH,
              SourceLocation.ofFile(path),
              "the zip holds \"%s\" twice (as \"%s\" and \"%s\"); which one counts would be ambiguous"
                  .formatted(path, printable(prev), printable(raw)));
          return Optional.empty();
        }
        if (isDir) {
          folders.add(path);
          addParents(path, folders);
          continue;
        }
        long room = Math.min(limits.maxEntryBytes(), limits.maxTotalBytes() - total);
        byte[] data = inflate(zf, e, path, room, limits, diags);
        if (data == null) {
          return Optional.empty();
        }
        total += data.length;
        files.put(path, data);
        addParents(path, folders);
      }
    } catch (ZipException e) {
      diags.report(
          DiagnosticCode.PKG_NOT_ZIP,
          whole,
          "\"%s\" is not a valid zip file (%s)".formatted(name, String.valueOf(e.getMessage())));
      return Optional.empty();
    } catch (IOException | RuntimeException e) {
      // ZipFile throws IllegalArgumentException for malformed names and similar damage.
      diags.report(
          DiagnosticCode.PKG_NOT_ZIP,
          whole,
          "\"%s\" cannot be read as a zip file: %s"
              .formatted(name, String.valueOf(e.getMessage())));
      return Optional.empty();
    }
    for (String f : files.keySet()) {
      if (folders.contains(f)) {
        diags.report(
            DiagnosticCode.PKG_UNSAFE_PATH,
            SourceLocation.ofFile(f),
            "the zip holds \"%s\" both as a file and as a folder".formatted(f));
        return Optional.empty();
      }
    }
    return Optional.of(new ZipSource(name, files, folders));
  }

  private static byte @org.jspecify.annotations.Nullable [] inflate(
      ZipFile zf,
      ZipEntry e,
      String path,
      long room,
      PackageReader.Limits limits,
      Diagnostics diags)
      throws IOException {
    long compressed = Math.max(e.getCompressedSize(), 1);
    java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream();
    byte[] buf = new byte[64 * 1024];
    long n = 0;
    try (InputStream in = zf.getInputStream(e)) {
      int r;
      while ((r = in.read(buf)) > 0) {
        n += r;
        if (n > room) {
          boolean entryLimit = room == limits.maxEntryBytes();
          diags.report(
              DiagnosticCode.PKG_TOO_LARGE,
              SourceLocation.ofFile(path),
              entryLimit
                  ? "the entry inflates to more than %d bytes, the limit for one file"
                      .formatted(limits.maxEntryBytes())
                  : "the package inflates to more than %d bytes in all, the limit"
                      .formatted(limits.maxTotalBytes()));
          return null;
        }
        if (n > RATIO_FLOOR_BYTES && n / compressed > limits.maxCompressionRatio()) {
          diags.report(
              DiagnosticCode.PKG_TOO_LARGE,
              SourceLocation.ofFile(path),
              "the entry inflates more than %d times its compressed size of %d bytes (a zip bomb)"
                  .formatted(limits.maxCompressionRatio(), e.getCompressedSize()));
          return null;
        }
        out.write(buf, 0, r);
      }
    }
    return out.toByteArray();
  }

  private static void addParents(String path, Set<String> folders) {
    int i = path.lastIndexOf('/');
    while (i > 0) {
      String parent = path.substring(0, i);
      if (!folders.add(parent)) {
        return;
      }
      i = parent.lastIndexOf('/');
    }
  }

  static String printable(String s) {
    StringBuilder sb = new StringBuilder();
    s.codePoints()
        .limit(200)
        .forEach(
            c -> {
              if (Character.isISOControl(c)) {
                sb.append("\\u%04x".formatted(c));
              } else {
                sb.appendCodePoint(c);
              }
            });
    return sb.toString();
  }

  @Override
  public String displayName() {
    return displayName;
  }

  @Override
  public Optional<byte[]> read(String path) {
    return PackagePaths.normalize(path).map(files::get).map(byte[]::clone);
  }

  @Override
  public boolean exists(String path) {
    return PackagePaths.normalize(path)
        .map(p -> files.containsKey(p) || folders.contains(p))
        .orElse(false);
  }

  @Override
  public SortedSet<String> files() {
    return fileNames;
  }
}
