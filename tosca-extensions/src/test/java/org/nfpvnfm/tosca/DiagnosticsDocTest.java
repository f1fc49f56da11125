package org.nfpvnfm.tosca;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Keeps {@code docs/diagnostics.md} in step with {@link DiagnosticCode}: a code added to the enum
 * without a row there, a row whose severity or title drifted from the enum, or a row for a code
 * that no longer exists fails the build.
 */
class DiagnosticsDocTest {
  private static final Pattern ROW =
      Pattern.compile("^\\|\\s*((?:TOSCA|NFP)\\d{3})\\s*\\|\\s*([^|]*?)\\s*\\|\\s*([^|]*?)\\s*\\|");

  /** id to the row's cells (severity, title), in the page's order. */
  private static final Map<String, List<String>> rows = new LinkedHashMap<>();

  private static Path doc = Path.of("docs/diagnostics.md");

  @BeforeAll
  static void readDoc() throws IOException {
    doc = repoRoot().resolve("docs/diagnostics.md");
    assertThat(doc).as("the diagnostics reference").isRegularFile();
    for (String line : Files.readAllLines(doc)) {
      Matcher m = ROW.matcher(line);
      if (m.find()) {
        rows.put(m.group(1), List.of(m.group(2), m.group(3)));
      }
    }
  }

  @Test
  void listsEveryDiagnosticCode() {
    List<String> missing =
        Arrays.stream(DiagnosticCode.values())
            .map(DiagnosticCode::id)
            .filter(id -> !rows.containsKey(id))
            .toList();
    assertThat(missing)
        .as("codes of DiagnosticCode with no table row in %s (expected: every code has one)", doc)
        .isEmpty();
  }

  @Test
  void rowsShowTheEnumsSeverityAndTitle() {
    for (DiagnosticCode c : DiagnosticCode.values()) {
      List<String> cells = rows.get(c.id());
      if (cells == null) {
        continue; // listsEveryDiagnosticCode reports it
      }
      assertThat(cells)
          .as("row %s of %s (expected: severity and title as in DiagnosticCode.%s)", c.id(), doc, c)
          .containsExactly(c.severity().word(), c.title());
    }
  }

  @Test
  void listsNoCodeTheEnumLacks() {
    List<String> known = Arrays.stream(DiagnosticCode.values()).map(DiagnosticCode::id).toList();
    assertThat(rows.keySet())
        .as("ids in %s (expected: only codes of DiagnosticCode)", doc)
        .isSubsetOf(known);
  }

  /** The nearest folder above the working directory that holds both pom.xml and docs/. */
  private static Path repoRoot() {
    Path start = Path.of("").toAbsolutePath();
    for (Path p = start; p != null; p = p.getParent()) {
      if (Files.isRegularFile(p.resolve("pom.xml")) && Files.isDirectory(p.resolve("docs"))) {
        return p;
      }
    }
    throw new AssertionError("no folder with pom.xml and docs/ above " + start);
  }
}
