package org.nfpvnfm.tosca.conformance;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.nfpvnfm.tosca.Diagnostic;
import org.nfpvnfm.tosca.LoadResult;
import org.nfpvnfm.tosca.ToscaLoader;

/**
 * Runs every entry point of the shared conformance corpus and compares the verdict with the
 * reference parser's (OpenStack tosca-parser, which Tacker runs on).
 */
class CorpusConformanceTest {

  /**
   * Rows where we keep a different verdict on purpose; each reason is in docs/tosca-conformance.md.
   * The test fails if one of them starts to agree (then it leaves this list) or another disagrees.
   */
  static final Map<String, String> KNOWN_DISAGREEMENTS =
      Map.of(
          "tacker-vnfd-legacy/samples/tosca-templates/vnfd/tosca-vnfd-monitoring-vdu-autoheal.yaml",
              "duplicate mapping key: rejected as hostile input (YAML requires unique keys)",
          "tosca-parser-tests/samples/tests/data/policies/tacker_nfv_defs.yaml",
              "duplicate mapping key: rejected as hostile input (YAML requires unique keys)",
          "tosca-parser-tests/samples/tests/data/policies/test_tosca_nfv_multiple_policies.yaml",
              "imports tacker_nfv_defs.yaml, which has a duplicate mapping key",
          "tosca-parser-tests/samples/tests/data/custom_types/custom_policy.yaml",
              "tosca_simple_yaml_1_1 is a published TOSCA version and is accepted",
          "tosca-parser-tests/samples/tests/data/tosca_single_instance_wordpress_with_local_abspath_import.yaml",
              "absolute import paths are refused: a descriptor must not read the host's files",
          "tosca-parser-tests/samples/tests/data/topology_template/databasesubsystem.yaml",
              "an integer for a string property is an error, as the reference says for data-type fields",
          "tosca-parser-tests/samples/tests/data/topology_template/validate/test_substitution_mappings_section.yaml",
              "substitution_filter: the reference rejects it in two other rows of the same version",
          "tosca-parser-tests/samples/tests/data/topology_template/validate/test_substitution_mappings_valid_output.yaml",
              "a required host requirement left unassigned, as in rows the reference rejects");

  @Test
  void agreesWithTheReferenceParserOnEveryCorpusRow() throws Exception {
    Path root =
        Corpus.root().orElseThrow(() -> new AssertionError("shared/tosca-corpus not found"));
    ToscaLoader loader = ToscaLoader.create();
    List<String> disagreements = new ArrayList<>();
    int agree = 0;
    int known = 0;
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
      } else if (KNOWN_DISAGREEMENTS.containsKey(row.path())) {
        known++;
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
    System.out.printf(
        "TOSCA corpus conformance: %d of %d rows agree; %d known, explained disagreements%n",
        agree, rows.size(), known);
    disagreements.forEach(System.out::println);
    assertThat(disagreements).as("rows that disagree with the reference").isEmpty();
    assertThat(known)
        .as("known disagreements still disagreeing")
        .isEqualTo(KNOWN_DISAGREEMENTS.size());
  }
}
