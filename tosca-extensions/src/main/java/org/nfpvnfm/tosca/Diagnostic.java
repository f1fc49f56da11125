package org.nfpvnfm.tosca;

import java.util.Comparator;

/**
 * One problem found in a descriptor: a stable code, a severity, where it is and a sentence an
 * operator understands. Diagnostics are values; loading never throws for a user's mistake.
 */
public record Diagnostic(
    DiagnosticCode code, Severity severity, SourceLocation location, String message) {

  /** Orders by file, line, column, then code, so output is deterministic. */
  public static final Comparator<Diagnostic> BY_LOCATION =
      Comparator.comparing((Diagnostic d) -> d.location().file())
          .thenComparingInt(d -> d.location().line())
          .thenComparingInt(d -> d.location().column())
          .thenComparing(d -> d.code().id())
          .thenComparing(Diagnostic::message);

  public static Diagnostic of(DiagnosticCode code, SourceLocation location, String message) {
    return new Diagnostic(code, code.severity(), location, message);
  }

  public boolean isError() {
    return severity == Severity.ERROR;
  }

  /** Compiler style: {@code file:line:col: error TOSCA301: message}. */
  @Override
  public String toString() {
    return location + ": " + severity.word() + " " + code.id() + ": " + message;
  }
}
