package org.nfpvnfm.tosca.internal.pkg;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.jspecify.annotations.Nullable;
import org.nfpvnfm.tosca.DiagnosticCode;
import org.nfpvnfm.tosca.SourceLocation;
import org.nfpvnfm.tosca.internal.Diagnostics;

/**
 * A parsed SOL004 manifest ({@code .mf}): an optional {@code metadata:} block of {@code key: value}
 * lines, then blocks of {@code Source}, {@code Algorithm} and {@code Hash} lines. An optional
 * {@code non_mano_artifact_sets:} section and a CMS signature ({@code -----BEGIN CMS-----} to
 * {@code -----END CMS-----}) are skipped; {@code Signature} and {@code Certificate} lines are
 * accepted and not checked.
 */
record Manifest(Map<String, String> metadata, List<Entry> entries) {

  /** One file the manifest lists; algorithm and hash are null when the block lacks them. */
  record Entry(
      String source,
      int sourceLine,
      @Nullable String algorithm,
      int algorithmLine,
      @Nullable String hash,
      int hashLine) {}

  /** Parses {@code bytes}; malformed lines are reported and skipped. */
  static Manifest parse(String file, byte[] bytes, Diagnostics diags) {
    String text = new String(bytes, StandardCharsets.UTF_8);
    if (text.startsWith("\uFEFF")) {
      text = text.substring(1);
    }
    String[] lines = text.split("\r\n|\r|\n", -1);
    Map<String, String> metadata = new LinkedHashMap<>();
    List<Entry> entries = new ArrayList<>();
    Builder cur = null;
    String section = ""; // "metadata", "skip" (non-MANO artifacts, signature) or ""
    for (int i = 0; i < lines.length; i++) {
      String raw = lines[i];
      int no = i + 1;
      String s = raw.strip();
      if (section.equals("cms")) {
        if (s.startsWith("-----END")) {
          section = "";
        }
        continue;
      }
      if (s.isEmpty() || s.startsWith("#")) {
        continue;
      }
      if (s.startsWith("-----BEGIN")) {
        section = "cms";
        continue;
      }
      boolean indented = raw.startsWith(" ") || raw.startsWith("\t") || s.startsWith("- ");
      int colon = s.indexOf(':');
      String key = colon < 0 ? "" : s.substring(0, colon).strip();
      String value = colon < 0 ? "" : s.substring(colon + 1).strip();
      if (indented && !section.isEmpty()) {
        if (section.equals("metadata") && colon > 0) {
          metadata.put(key, value);
        }
        continue;
      }
      if (colon <= 0) {
        diags.report(
            DiagnosticCode.PKG_MANIFEST_INVALID,
            new SourceLocation(file, no, 1),
            "expected a \"Key: value\" line, found \"%s\"".formatted(ZipSource.printable(s)));
        continue;
      }
      switch (key) {
        case "metadata" -> {
          section = "metadata";
          if (cur != null) {
            entries.add(cur.build());
            cur = null;
          }
        }
        case "non_mano_artifact_sets" -> section = "skip";
        case "Source" -> {
          section = "";
          if (cur != null) {
            entries.add(cur.build());
          }
          cur = new Builder(value, no);
        }
        case "Algorithm", "Hash", "Signature", "Certificate" -> {
          section = "";
          if (cur == null) {
            diags.report(
                DiagnosticCode.PKG_MANIFEST_INVALID,
                new SourceLocation(file, no, 1),
                "\"%s\" must follow a \"Source\" line".formatted(key));
          } else if (key.equals("Algorithm")) {
            cur.algorithm = value;
            cur.algorithmLine = no;
          } else if (key.equals("Hash")) {
            cur.hash = value;
            cur.hashLine = no;
          }
        }
        default -> {
          if (section.equals("metadata") && cur == null) {
            metadata.put(key, value); // a metadata block written without indentation
          } else {
            diags.report(
                DiagnosticCode.PKG_MANIFEST_INVALID,
                new SourceLocation(file, no, 1),
                "unknown manifest key \"%s\"; expected Source, Algorithm or Hash"
                    .formatted(ZipSource.printable(key)));
          }
        }
      }
    }
    if (cur != null) {
      entries.add(cur.build());
    }
    return new Manifest(metadata, List.copyOf(entries));
  }

  /** The JDK name of a SOL004 algorithm name, or null when it is not one we accept. */
  static @Nullable String jdkAlgorithm(String name) {
    return switch (name.strip().toUpperCase(Locale.ROOT)) {
      case "SHA-256", "SHA256" -> "SHA-256";
      case "SHA-384", "SHA384" -> "SHA-384";
      case "SHA-512", "SHA512" -> "SHA-512";
      default -> null;
    };
  }

  private static final class Builder {
    final String source;
    final int sourceLine;
    @Nullable String algorithm;
    int algorithmLine;
    @Nullable String hash;
    int hashLine;

    Builder(String source, int sourceLine) {
      this.source = source;
      this.sourceLine = sourceLine;
    }

    Entry build() {
      return new Entry(source, sourceLine, algorithm, algorithmLine, hash, hashLine);
    }
  }
}
