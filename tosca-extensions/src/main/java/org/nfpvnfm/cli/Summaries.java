package org.nfpvnfm.cli;

import org.nfpvnfm.tosca.Diagnostic;
import org.nfpvnfm.tosca.LoadResult;
import org.nfpvnfm.tosca.ServiceTemplate;
import org.nfpvnfm.tosca.Severity;

/** The one-line verdicts that {@code validate} and {@code samples} print for a loaded path. */
final class Summaries {

  /** The group type of a forwarding graph, in both Tacker's VNFFGDs and SOL001 NSDs. */
  static final String FORWARDING_GRAPH = "tosca.groups.nfv.VNFFG";

  private Summaries() {}

  static long count(LoadResult result, Severity severity) {
    return result.diagnostics().stream().filter(d -> d.severity() == severity).count();
  }

  /**
   * {@code ok: 3 node templates, 1 forwarding graph} (plus warnings, if any) for a path that
   * loaded, {@code 2 errors, 1 warning} for one that did not.
   */
  static String line(LoadResult result) {
    long errors = count(result, Severity.ERROR);
    long warnings = count(result, Severity.WARNING);
    ServiceTemplate template = result.template();
    if (!result.ok() || template == null) {
      String counts = plural(errors, "error");
      return warnings == 0 ? counts : counts + ", " + plural(warnings, "warning");
    }
    StringBuilder line =
        new StringBuilder("ok: ").append(plural(template.nodes().size(), "node template"));
    int graphs = template.groupsOfType(FORWARDING_GRAPH).size();
    if (graphs > 0) {
      line.append(", ").append(plural(graphs, "forwarding graph"));
    }
    if (warnings > 0) {
      line.append(" (").append(plural(warnings, "warning")).append(')');
    }
    return line.toString();
  }

  /** {@code TOSCA402 file.yaml:7}, the form the samples' {@code .expected} files use. */
  static String shortForm(Diagnostic d) {
    return d.code().id() + " " + d.location().file() + ":" + d.location().line();
  }

  static String plural(long n, String noun) {
    return n + " " + (n == 1 ? noun : noun + "s");
  }
}
