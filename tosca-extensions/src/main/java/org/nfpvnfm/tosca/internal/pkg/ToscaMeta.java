package org.nfpvnfm.tosca.internal.pkg;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.jspecify.annotations.Nullable;
import org.nfpvnfm.tosca.Diagnostic;
import org.nfpvnfm.tosca.DiagnosticCode;
import org.nfpvnfm.tosca.SourceLocation;
import org.nfpvnfm.tosca.internal.Diagnostics;
import org.nfpvnfm.tosca.internal.yaml.SafeYamlReader;
import org.nfpvnfm.tosca.internal.yaml.YNode;

/**
 * The parsed {@code TOSCA-Metadata/TOSCA.meta}: blocks of {@code Key: value} lines separated by
 * blank lines. The first block holds the package keys (CSAR-Version, Created-By, Entry-Definitions,
 * ETSI-Entry-*); later blocks describe files ({@code Name}, {@code Content-Type} and, as Tacker
 * writes them, {@code Algorithm} and {@code Hash}).
 *
 * <p>As the reference parser does, the file must also be YAML whose document is a mapping. Keys
 * repeated across blocks (every file block has a {@code Name}) are fine; a key repeated inside one
 * block is an error, although YAML readers would silently keep the last.
 */
record ToscaMeta(List<Block> blocks) {

  static final String PATH = "TOSCA-Metadata/TOSCA.meta";

  /** One {@code Key: value} line. */
  record Line(String key, String value, int line) {}

  /** A block of lines, in order. */
  record Block(List<Line> lines) {
    @Nullable Line get(String key) {
      for (Line l : lines) {
        if (l.key().equalsIgnoreCase(key)) {
          return l;
        }
      }
      return null;
    }

    Map<String, String> asMap() {
      Map<String, String> m = new LinkedHashMap<>();
      for (Line l : lines) {
        m.put(l.key(), l.value());
      }
      return m;
    }
  }

  Block first() {
    return blocks.isEmpty() ? new Block(List.of()) : blocks.get(0);
  }

  static Optional<ToscaMeta> parse(byte[] bytes, Diagnostics diags) {
    String text = new String(bytes, StandardCharsets.UTF_8);
    if (text.startsWith("\uFEFF")) {
      text = text.substring(1);
    }
    List<Block> blocks = new ArrayList<>();
    List<Line> current = new ArrayList<>();
    String[] lines = text.split("\r\n|\r|\n", -1);
    for (int i = 0; i < lines.length; i++) {
      String raw = lines[i];
      int no = i + 1;
      if (raw.isBlank()) {
        if (!current.isEmpty()) {
          blocks.add(new Block(List.copyOf(current)));
          current.clear();
        }
        continue;
      }
      if (raw.startsWith("#")) {
        continue;
      }
      if ((raw.startsWith(" ") || raw.startsWith("\t")) && !current.isEmpty()) {
        // A YAML plain scalar may go on over indented lines; it folds with one space.
        Line last = current.remove(current.size() - 1);
        current.add(new Line(last.key(), (last.value() + " " + raw.strip()).strip(), last.line()));
        continue;
      }
      int colon = raw.indexOf(':');
      String key = colon < 0 ? "" : raw.substring(0, colon).strip();
      if (colon < 0
          || key.isEmpty()
          || (colon + 1 < raw.length()
              && raw.charAt(colon + 1) != ' '
              && raw.charAt(colon + 1) != '\t')
          || !key.chars()
              .allMatch(c -> Character.isLetterOrDigit(c) || c == '-' || c == '_' || c == '.')) {
        diags.report(
            DiagnosticCode.PKG_METADATA_INVALID,
            new SourceLocation(PATH, no, 1),
            "expected a \"Key: value\" line, found \"%s\""
                .formatted(ZipSource.printable(raw.strip())));
        return Optional.empty();
      }
      String value = unquote(raw.substring(colon + 1).strip());
      for (Line l : current) {
        if (l.key().equalsIgnoreCase(key)) {
          diags.report(
              DiagnosticCode.PKG_METADATA_INVALID,
              new SourceLocation(PATH, no, 1),
              "key \"%s\" appears twice in this block (first at line %d)".formatted(key, l.line()));
          return Optional.empty();
        }
      }
      current.add(new Line(key, value, no));
    }
    if (!current.isEmpty()) {
      blocks.add(new Block(List.copyOf(current)));
    }
    // The reference parser reads TOSCA.meta with a YAML loader and wants a mapping; lines that
    // pass the check above can still fail it (a value holding ": ", a stray quote).
    Diagnostics yaml = new Diagnostics();
    Optional<YNode> doc = new SafeYamlReader().read(PATH, bytes, yaml);
    for (Diagnostic d : yaml.sorted()) {
      if (d.isError() && d.code() != DiagnosticCode.YAML_DUPLICATE_KEY) {
        diags.report(
            DiagnosticCode.PKG_METADATA_INVALID,
            d.location(),
            "TOSCA.meta must be \"Key: value\" lines that read as YAML: " + d.message());
        return Optional.empty();
      }
    }
    if (blocks.isEmpty() || (doc.isPresent() && !(doc.get() instanceof YNode.YMap))) {
      diags.report(
          DiagnosticCode.PKG_METADATA_INVALID,
          SourceLocation.ofFile(PATH),
          "TOSCA.meta holds no \"Key: value\" lines");
      return Optional.empty();
    }
    return Optional.of(new ToscaMeta(List.copyOf(blocks)));
  }

  private static String unquote(String v) {
    if (v.length() >= 2
        && ((v.startsWith("\"") && v.endsWith("\"")) || (v.startsWith("'") && v.endsWith("'")))) {
      return v.substring(1, v.length() - 1);
    }
    return v;
  }
}
