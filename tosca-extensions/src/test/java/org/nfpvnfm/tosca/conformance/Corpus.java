package org.nfpvnfm.tosca.conformance;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** The shared TOSCA conformance corpus ({@code shared/tosca-corpus}) and its reference verdicts. */
public final class Corpus {
  private Corpus() {}

  /** One row of EXPECTED.tsv. */
  public record Row(String path, boolean valid, String complaint) {
    @Override
    public String toString() {
      return path;
    }
  }

  /**
   * Walks up from the working directory to the first folder with a sibling {@code
   * shared/tosca-corpus}.
   */
  public static Optional<Path> root() {
    Path p = Path.of("").toAbsolutePath();
    while (p != null) {
      for (Path c :
          List.of(p.resolve("shared/tosca-corpus"), p.resolve("../shared/tosca-corpus"))) {
        if (Files.isRegularFile(c.resolve("EXPECTED.tsv"))) {
          return Optional.of(c.normalize());
        }
      }
      p = p.getParent();
    }
    return Optional.empty();
  }

  public static List<Row> rows(Path root) throws IOException {
    List<Row> rows = new ArrayList<>();
    for (String line : Files.readAllLines(root.resolve("EXPECTED.tsv"))) {
      if (line.isBlank()) {
        continue;
      }
      String[] f = line.split("\t", 3);
      rows.add(new Row(f[0], f[1].equals("valid"), f.length > 2 ? f[2] : ""));
    }
    return rows;
  }
}
