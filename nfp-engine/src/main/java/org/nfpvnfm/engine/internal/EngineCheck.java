package org.nfpvnfm.engine.internal;

import java.util.List;
import org.nfpvnfm.cli.DescriptorCheck;
import org.nfpvnfm.engine.NfpCompiler;
import org.nfpvnfm.tosca.Diagnostic;
import org.nfpvnfm.tosca.DiagnosticCode;
import org.nfpvnfm.tosca.LoadResult;

/**
 * Runs the engine over every descriptor {@code nfp validate} and {@code nfp samples} load, so that
 * rules which contradict each other are reported there too. NFP006 is left out: the front end
 * already warns about an NF without a profile (TOSCA604); {@code nfp compile} shows both.
 */
public final class EngineCheck implements DescriptorCheck {

  @Override
  public List<Diagnostic> check(LoadResult loaded) {
    if (loaded.nfp() == null) {
      return List.of();
    }
    return NfpCompiler.create().compile(loaded.nfp()).diagnostics().stream()
        .filter(d -> d.code() != DiagnosticCode.ENGINE_NO_PROFILE)
        .toList();
  }

  /** Each compiled graph's shape, {@code graph paper_path: VPN -> {Monitor | FW} -> LB (...)}. */
  @Override
  public List<String> describe(LoadResult loaded) {
    if (loaded.nfp() == null) {
      return List.of();
    }
    return NfpCompiler.create().compile(loaded.nfp()).serviceGraphs().stream()
        .map(
            g ->
                "graph %s: %s (length %d of %d, %d header and %d full copies)"
                    .formatted(
                        g.name(),
                        g.shape(),
                        g.summary().length(),
                        g.summary().sequentialLength(),
                        g.summary().headerCopies(),
                        g.summary().fullCopies()))
        .toList();
  }
}
