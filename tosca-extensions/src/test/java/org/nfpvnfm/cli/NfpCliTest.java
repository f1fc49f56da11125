package org.nfpvnfm.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

class NfpCliTest {

  private static final String VALID =
      """
      tosca_definitions_version: tosca_simple_yaml_1_3
      topology_template:
        node_templates:
          server:
            type: tosca.nodes.Compute
      """;

  /** Line 3 holds a top-level key TOSCA does not have. */
  private static final String UNKNOWN_KEY =
      """
      tosca_definitions_version: tosca_simple_yaml_1_3
      description: a typo in a section name
      topology:
        node_templates:
          server:
            type: tosca.nodes.Compute
      """;

  @TempDir Path dir;

  private record Run(int exitCode, String out, String err) {}

  private static Run nfp(String... args) {
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    CommandLine cli = Nfp.commandLine();
    cli.setOut(new PrintWriter(out, true));
    cli.setErr(new PrintWriter(err, true));
    int exitCode = cli.execute(args);
    return new Run(exitCode, out.toString(), err.toString());
  }

  private Path write(String relative, String text) throws IOException {
    Path file = dir.resolve(relative);
    Files.createDirectories(file.getParent());
    return Files.writeString(file, text);
  }

  @Test
  void findsItsSubcommandsThroughTheServiceLoader() {
    assertThat(Nfp.commandLine().getSubcommands()).containsKeys("validate", "samples", "help");
  }

  @Test
  void validateSummarisesAValidTemplateAndExitsZero() throws IOException {
    Path file = write("ok.yaml", VALID);

    Run run = nfp("validate", file.toString());

    assertThat(run.exitCode()).as(run.toString()).isZero();
    assertThat(run.out()).contains(file + ": ok: 1 node template");
    assertThat(run.err()).isEmpty();
  }

  @Test
  void validatePrintsErrorsLikeACompilerAndExitsOne() throws IOException {
    Path file = write("bad.yaml", UNKNOWN_KEY);

    Run run = nfp("validate", file.toString());

    assertThat(run.exitCode()).as(run.toString()).isEqualTo(1);
    assertThat(run.out())
        .containsPattern("(?m)^\\S*bad\\.yaml:3:\\d+: error TOSCA402: .*topology.*$")
        .contains(file + ": 1 error");
  }

  @Test
  void validateExitsOneWhenAnyOfSeveralPathsHasErrors() throws IOException {
    Path good = write("ok.yaml", VALID);
    Path bad = write("bad.yaml", UNKNOWN_KEY);

    Run run = nfp("validate", good.toString(), bad.toString());

    assertThat(run.exitCode()).isEqualTo(1);
    assertThat(run.out()).contains(good + ": ok:").contains(bad + ": 1 error");
  }

  @Test
  void validateJsonGivesEachPathsDiagnosticsWithTheirPlace() throws IOException {
    Path good = write("ok.yaml", VALID);
    Path bad = write("bad.yaml", UNKNOWN_KEY);

    Run run = nfp("validate", "--json", good.toString(), bad.toString());

    assertThat(run.exitCode()).isEqualTo(1);
    JsonNode json = new ObjectMapper().readTree(run.out());
    assertThat(json.get("ok").asBoolean()).isFalse();
    assertThat(json.get("paths")).hasSize(2);
    JsonNode first = json.get("paths").get(0);
    assertThat(first.get("path").asText()).isEqualTo(good.toString());
    assertThat(first.get("ok").asBoolean()).isTrue();
    assertThat(first.get("nodeTemplates").asInt()).isEqualTo(1);
    JsonNode second = json.get("paths").get(1);
    assertThat(second.get("ok").asBoolean()).isFalse();
    assertThat(second.get("errors").asInt()).isEqualTo(1);
    JsonNode diagnostic = second.get("diagnostics").get(0);
    assertThat(diagnostic.get("code").asText()).isEqualTo("TOSCA402");
    assertThat(diagnostic.get("severity").asText()).isEqualTo("error");
    assertThat(diagnostic.get("file").asText()).endsWith("bad.yaml");
    assertThat(diagnostic.get("line").asInt()).isEqualTo(3);
    assertThat(diagnostic.get("column").asInt()).isPositive();
    assertThat(diagnostic.get("message").asText()).contains("topology");
    assertThat(diagnostic.get("title").asText()).isEqualTo("a key the grammar does not allow here");
  }

  @Test
  void validateReportsAMissingFileInOneLineWithoutAStackTrace() {
    Path missing = dir.resolve("no-such.yaml");

    Run run = nfp("validate", missing.toString());

    assertThat(run.exitCode()).isEqualTo(1);
    assertThat(run.out())
        .containsPattern("(?m)^\\S*no-such\\.yaml: error TOSCA210: .*does not exist$")
        .contains(missing + ": 1 error");
    assertThat(run.out() + run.err()).doesNotContain("Exception").doesNotContain("\tat ");
  }

  @Test
  void validateJsonMarksAMissingFile() throws IOException {
    Run run = nfp("validate", "--json", dir.resolve("no-such.yaml").toString());

    assertThat(run.exitCode()).isEqualTo(1);
    JsonNode path = new ObjectMapper().readTree(run.out()).get("paths").get(0);
    assertThat(path.get("ok").asBoolean()).isFalse();
    assertThat(path.get("diagnostics").get(0).get("code").asText()).isEqualTo("TOSCA210");
  }

  @Test
  void validateWithoutAPathIsAUsageError() {
    Run run = nfp("validate");

    assertThat(run.exitCode()).isEqualTo(2);
    assertThat(run.err()).contains("Missing required parameter: 'PATH'").contains("Usage:");
  }

  @Test
  void anUnknownOptionOrCommandIsAUsageError() {
    assertThat(nfp("validate", "--jsn", "x.yaml").exitCode()).isEqualTo(2);
    assertThat(nfp("valdate").exitCode()).isEqualTo(2);
    assertThat(nfp().exitCode()).isEqualTo(2);
  }

  @Test
  void versionAndHelpExitZero() {
    Run version = nfp("--version");
    assertThat(version.exitCode()).isZero();
    assertThat(version.out()).startsWith("nfp ").contains("Java ");

    Run help = nfp("help");
    assertThat(help.exitCode()).isZero();
    assertThat(help.out()).contains("validate").contains("samples");

    Run helpValidate = nfp("help", "validate");
    assertThat(helpValidate.exitCode()).isZero();
    assertThat(helpValidate.out()).contains("--json").contains("Exit codes:");
  }

  @Test
  void samplesPassesWhenEverySampleBehavesAsExpected() throws IOException {
    write("samples-vnfd/valid/compute.yaml", VALID);
    write("samples-vnfd/valid/package/Definitions.yaml", VALID);
    write("samples-vnfd/valid/README.md", "not a sample");
    write("samples-vnfd/invalid/typo.yaml", UNKNOWN_KEY);
    write("samples-vnfd/invalid/typo.yaml.expected", "# the section name\nTOSCA402 typo.yaml:3\n");

    Run run = nfp("samples", "--samples", dir.resolve("samples-vnfd").toString());

    assertThat(run.exitCode()).as(run.toString()).isZero();
    assertThat(run.out())
        .containsPattern("(?m)^SAMPLE +VERDICT +DIAGNOSTICS$")
        .containsPattern("(?m)^valid/compute\\.yaml +ok +ok: 1 node template$")
        .containsPattern("(?m)^valid/package +ok +ok: 1 node template$")
        .containsPattern("(?m)^invalid/typo\\.yaml +ok +TOSCA402 \\S*typo\\.yaml:3$")
        .contains("3 samples, all as expected.")
        .doesNotContain("README");
  }

  @Test
  void samplesFailsWhenAnInvalidSampleReportsOtherDiagnostics() throws IOException {
    write("samples-vnfd/invalid/typo.yaml", UNKNOWN_KEY);
    write("samples-vnfd/invalid/typo.yaml.expected", "TOSCA402 typo.yaml:4\n");

    Run run = nfp("samples", "--samples", dir.resolve("samples-vnfd").toString());

    assertThat(run.exitCode()).isEqualTo(1);
    assertThat(run.out())
        .containsPattern("(?m)^invalid/typo\\.yaml +FAILED ")
        .contains("expected but not reported: TOSCA402 typo.yaml:4")
        .containsPattern("reported but not expected: \\S*typo\\.yaml:3:\\d+: error TOSCA402")
        .contains("1 sample, 1 not as expected.");
  }

  @Test
  void samplesFailsWhenAnInvalidSampleLoadsOrHasNoExpectedFile() throws IOException {
    write("samples-vnfd/invalid/fine.yaml", VALID);
    write("samples-vnfd/invalid/fine.expected", "TOSCA402 fine.yaml:1\n");
    write("samples-vnfd/invalid/orphan.yaml", UNKNOWN_KEY);

    Run run = nfp("samples", "--samples", dir.resolve("samples-vnfd").toString());

    assertThat(run.exitCode()).isEqualTo(1);
    assertThat(run.out())
        .contains("loaded without errors, but an invalid sample must be rejected")
        .contains("missing invalid/orphan.yaml.expected")
        .contains("2 samples, 2 not as expected.");
  }

  @Test
  void samplesFailsWhenAValidSampleHasErrors() throws IOException {
    write("samples-vnfd/valid/typo.yaml", UNKNOWN_KEY);

    Run run = nfp("samples", "--samples", dir.resolve("samples-vnfd").toString());

    assertThat(run.exitCode()).isEqualTo(1);
    assertThat(run.out())
        .containsPattern("(?m)^valid/typo\\.yaml +FAILED +1 error$")
        .containsPattern("(?m)^    \\S*typo\\.yaml:3:\\d+: error TOSCA402");
  }

  @Test
  void samplesFindsTheSamplesUnderNfpHome() throws IOException {
    write("samples-vnfd/valid/compute.yaml", VALID);
    String before = System.getProperty("nfp.home");
    System.setProperty("nfp.home", dir.toString());
    try {
      Run run = nfp("samples");

      assertThat(run.exitCode()).as(run.toString()).isZero();
      assertThat(run.out()).contains("Samples in " + dir.resolve("samples-vnfd"));
    } finally {
      if (before == null) {
        System.clearProperty("nfp.home");
      } else {
        System.setProperty("nfp.home", before);
      }
    }
  }

  @Test
  void samplesSaysWhereItLookedWhenThereAreNoSamples() {
    Run run = nfp("samples", "--samples", dir.resolve("nowhere").toString());

    assertThat(run.exitCode()).isEqualTo(1);
    assertThat(run.err()).contains("no samples folder").contains("nowhere");
  }
}
