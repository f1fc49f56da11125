package org.nfpvnfm.vnfm.internal.pkg;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;
import org.jspecify.annotations.Nullable;

/**
 * Where things are in an onboarded package's zip, worked out once at onboarding (SOL004 §4): the
 * main VNFD file (the loader's entry definitions), the files that make up the VNFD, the manifest,
 * and every other file as an additional artifact with its SHA-256.
 *
 * <ul>
 *   <li>VNFD files: {@code TOSCA-Metadata/TOSCA.meta} and the YAML files in the main VNFD file's
 *       folder and below it (only the root's own YAML files when the main file is at the root).
 *   <li>Manifest: the file {@code ETSI-Entry-Manifest} names in {@code TOSCA.meta}, else the one
 *       {@code .mf} file at the root.
 *   <li>Artifacts: every other file, except certificates and signatures ({@code .cert}, {@code
 *       .cms}, {@code .sig}), which SOL004 does not count as artifacts.
 * </ul>
 *
 * @param entry the main VNFD file's path in the zip
 * @param vnfdFiles the VNFD's files, sorted
 * @param manifest the manifest's path, if the package has one
 * @param artifacts the additional artifacts, sorted by path
 */
record PackageLayout(
    String entry, List<String> vnfdFiles, @Nullable String manifest, List<Artifact> artifacts) {

  static final String TOSCA_META = "TOSCA-Metadata/TOSCA.meta";

  /**
   * An artifact of the package.
   *
   * @param path its path in the zip, as {@code artifactPath}
   * @param sha256 its SHA-256, lower-case hex
   */
  record Artifact(String path, String sha256) {}

  PackageLayout {
    vnfdFiles = List.copyOf(vnfdFiles);
    artifacts = List.copyOf(artifacts);
  }

  /** Whether the VNFD is one file (then {@code text/plain} alone may carry it, per SOL005). */
  boolean singleFileVnfd() {
    return vnfdFiles.stream().filter(f -> !f.equals(TOSCA_META)).count() == 1;
  }

  /** The artifact at {@code path}, if there is one. */
  @Nullable Artifact artifact(String path) {
    for (Artifact a : artifacts) {
      if (a.path().equals(path)) {
        return a;
      }
    }
    return null;
  }

  /** Reads the layout of {@code zip}, whose main VNFD file is {@code entry}. */
  static PackageLayout read(Path zip, String entry) throws IOException {
    try (ZipFile z = new ZipFile(zip.toFile())) {
      List<String> files = new ArrayList<>();
      for (ZipEntry e : Collections.list(z.entries())) {
        String name = e.getName();
        if (!e.isDirectory() && safe(name)) {
          files.add(name);
        }
      }
      Collections.sort(files);
      String manifest = manifest(z, files);
      String folder = entry.contains("/") ? entry.substring(0, entry.lastIndexOf('/') + 1) : "";
      List<String> vnfd = new ArrayList<>();
      List<Artifact> artifacts = new ArrayList<>();
      for (String f : files) {
        if (f.equals(TOSCA_META) || isVnfdYaml(f, folder)) {
          vnfd.add(f);
        } else if (!f.equals(manifest) && !f.startsWith("TOSCA-Metadata/") && !securityFile(f)) {
          artifacts.add(new Artifact(f, sha256(z, z.getEntry(f))));
        }
      }
      return new PackageLayout(entry, vnfd, manifest, artifacts);
    }
  }

  /** A name the loader accepted is safe already; this only keeps odd ones out of the listing. */
  static boolean safe(String name) {
    if (name.isEmpty() || name.startsWith("/") || name.contains("\\") || name.contains("\0")) {
      return false;
    }
    for (String seg : name.split("/", -1)) {
      if (seg.equals("..") || seg.equals(".")) {
        return false;
      }
    }
    return true;
  }

  private static boolean isVnfdYaml(String f, String folder) {
    String lower = f.toLowerCase(Locale.ROOT);
    if (!lower.endsWith(".yaml") && !lower.endsWith(".yml")) {
      return false;
    }
    return folder.isEmpty() ? !f.contains("/") : f.startsWith(folder);
  }

  private static boolean securityFile(String f) {
    String lower = f.toLowerCase(Locale.ROOT);
    return lower.endsWith(".cert") || lower.endsWith(".cms") || lower.endsWith(".sig");
  }

  private static @Nullable String manifest(ZipFile z, List<String> files) throws IOException {
    ZipEntry meta = z.getEntry(TOSCA_META);
    if (meta != null) {
      try (InputStream in = z.getInputStream(meta)) {
        for (String line : new String(in.readAllBytes(), StandardCharsets.UTF_8).split("\n")) {
          int colon = line.indexOf(':');
          if (colon > 0 && line.substring(0, colon).strip().equals("ETSI-Entry-Manifest")) {
            String named = line.substring(colon + 1).strip();
            if (files.contains(named)) {
              return named;
            }
          }
        }
      }
    }
    List<String> atRoot =
        files.stream()
            .filter(f -> !f.contains("/") && f.toLowerCase(Locale.ROOT).endsWith(".mf"))
            .toList();
    return atRoot.size() == 1 ? atRoot.getFirst() : null;
  }

  private static String sha256(ZipFile z, ZipEntry e) throws IOException {
    MessageDigest md = sha256();
    try (InputStream in = z.getInputStream(e)) {
      byte[] buf = new byte[65536];
      int n;
      while ((n = in.read(buf)) > 0) {
        md.update(buf, 0, n);
      }
    }
    return HexFormat.of().formatHex(md.digest());
  }

  static MessageDigest sha256() {
    try {
      return MessageDigest.getInstance("SHA-256");
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("every JDK has SHA-256", e);
    }
  }
}
