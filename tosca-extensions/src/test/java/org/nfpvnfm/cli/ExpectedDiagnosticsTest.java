package org.nfpvnfm.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.nfpvnfm.tosca.Diagnostic;
import org.nfpvnfm.tosca.DiagnosticCode;
import org.nfpvnfm.tosca.SourceLocation;

class ExpectedDiagnosticsTest {

  private static Diagnostic at(DiagnosticCode code, String file, int line) {
    return Diagnostic.of(code, new SourceLocation(file, line, 1), "message");
  }

  @Test
  void ignoresCommentsAndBlankLines() {
    ExpectedDiagnostics expected =
        ExpectedDiagnostics.parse(
            List.of("# header", "", "TOSCA402 a.yaml:3  # why", "  TOSCA300 dir/b.yaml:10"));

    assertThat(expected.entries())
        .containsExactly(
            new ExpectedDiagnostics.Entry("TOSCA402", "a.yaml", 3),
            new ExpectedDiagnostics.Entry("TOSCA300", "dir/b.yaml", 10));
  }

  @Test
  void matchesAFileByItsTrailingPathSegments() {
    ExpectedDiagnostics expected =
        ExpectedDiagnostics.parse(List.of("TOSCA402 Definitions/vnfd.yaml:7"));

    assertThat(
            expected
                .compareWith(
                    List.of(at(DiagnosticCode.UNKNOWN_FIELD, "pkg/Definitions/vnfd.yaml", 7)))
                .missing())
        .isEmpty();
    assertThat(
            expected
                .compareWith(List.of(at(DiagnosticCode.UNKNOWN_FIELD, "pkg/Xvnfd.yaml", 7)))
                .missing())
        .hasSize(1);
  }

  @Test
  void countsEachReportedDiagnosticOnce() {
    ExpectedDiagnostics expected =
        ExpectedDiagnostics.parse(List.of("TOSCA402 a.yaml:3", "TOSCA402 a.yaml:3"));
    Diagnostic once = at(DiagnosticCode.UNKNOWN_FIELD, "a.yaml", 3);

    ExpectedDiagnostics.Comparison comparison = expected.compareWith(List.of(once));

    assertThat(comparison.missing()).hasSize(1);
    assertThat(comparison.unexpected()).isEmpty();
  }

  @Test
  void reportsDiagnosticsNobodyExpected() {
    ExpectedDiagnostics.Comparison comparison =
        ExpectedDiagnostics.parse(List.of())
            .compareWith(List.of(at(DiagnosticCode.IMPORT_CYCLE, "a.yaml", 1)));

    assertThat(comparison.unexpected()).hasSize(1);
  }

  @Test
  void turnsAMalformedLineIntoAnExpectationThatFails() {
    ExpectedDiagnostics expected = ExpectedDiagnostics.parse(List.of("TOSCA402 a.yaml"));

    ExpectedDiagnostics.Comparison comparison =
        expected.compareWith(List.of(at(DiagnosticCode.UNKNOWN_FIELD, "a.yaml", 3)));

    assertThat(comparison.missing()).singleElement().asString().contains("malformed");
    assertThat(comparison.unexpected()).hasSize(1);
  }
}
