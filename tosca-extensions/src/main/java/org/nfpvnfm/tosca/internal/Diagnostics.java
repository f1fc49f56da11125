package org.nfpvnfm.tosca.internal;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import org.nfpvnfm.tosca.Diagnostic;
import org.nfpvnfm.tosca.DiagnosticCode;
import org.nfpvnfm.tosca.SourceLocation;

/** Collects the diagnostics of one load; keeps the first of exact duplicates only. */
public final class Diagnostics {
  private final Set<Diagnostic> seen = new LinkedHashSet<>();

  public void report(DiagnosticCode code, SourceLocation where, String message) {
    seen.add(Diagnostic.of(code, where, message));
  }

  public void add(Diagnostic d) {
    seen.add(d);
  }

  public boolean hasErrors() {
    for (Diagnostic d : seen) {
      if (d.isError()) {
        return true;
      }
    }
    return false;
  }

  public int errorCount() {
    int n = 0;
    for (Diagnostic d : seen) {
      if (d.isError()) {
        n++;
      }
    }
    return n;
  }

  /** All diagnostics, sorted by place so output is stable. */
  public List<Diagnostic> sorted() {
    List<Diagnostic> out = new ArrayList<>(seen);
    out.sort(Diagnostic.BY_LOCATION);
    return List.copyOf(out);
  }
}
