package org.nfpvnfm.tosca.conformance;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.nfpvnfm.tosca.Diagnostic;
import org.nfpvnfm.tosca.LoadResult;
import org.nfpvnfm.tosca.ToscaLoader;

/**
 * Runs every entry point of the shared conformance corpus and compares the verdict with the
 * reference parser's (OpenStack tosca-parser, which Tacker runs on).
 */
class CorpusConformanceTest {

  @Test
  void agreesWithTheReferenceParserOnEveryCorpusRow() throws Exception {
    Path root =
        Corpus.root().orElseThrow(() -> new AssertionError("shared/tosca-corpus not found"));
    ToscaLoader loader = ToscaLoader.create();
    List<String> disagreements = new ArrayList<>();
    int agree = 0;
    List<Corpus.Row> rows = Corpus.rows(root);
    for (Corpus.Row row : rows) {
      LoadResult r = loader.load(root.resolve(row.path()));
      boolean valid = r.ok();
      if (valid == row.valid()) {
        agree++;
        if (!valid) {
          assertThat(r.errors()).as("diagnostics of %s", row.path()).isNotEmpty();
          for (Diagnostic d : r.errors()) {
            assertThat(d.message()).as("message of %s", row.path()).isNotBlank();
          }
        }
      } else {
        disagreements.add(
            "%s: expected %s, got %s%n    reference: %s%n    ours: %s"
                .formatted(
                    row.path(),
                    row.valid() ? "valid" : "invalid",
                    valid ? "valid" : "invalid",
                    row.complaint(),
                    r.errors().stream().limit(4).map(Diagnostic::toString).toList()));
      }
    }
    System.out.printf("TOSCA corpus conformance: %d of %d rows agree%n", agree, rows.size());
    disagreements.forEach(System.out::println);
    assertThat(disagreements).as("rows that disagree with the reference").isEmpty();
  }
}
