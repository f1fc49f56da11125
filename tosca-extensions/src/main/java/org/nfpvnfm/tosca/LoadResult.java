package org.nfpvnfm.tosca;

import java.util.List;
import java.util.Optional;
import org.jspecify.annotations.Nullable;
import org.nfpvnfm.tosca.nfp.NfpModel;

/**
 * What loading a descriptor gave: the template when it could be built, its NFP model (network
 * functions with action profiles, forwarding graphs, NFP rules) when it has one, and every
 * diagnostic, sorted by place. The loader gives a template only when it found no errors; checks run
 * after loading (such as the NFP engine's, in {@code nfp validate}) may add errors to a result that
 * has one.
 */
public record LoadResult(
    String source,
    @Nullable ServiceTemplate template,
    @Nullable NfpModel nfp,
    List<Diagnostic> diagnostics) {

  public LoadResult {
    diagnostics = List.copyOf(diagnostics);
  }

  public Optional<ServiceTemplate> serviceTemplate() {
    return Optional.ofNullable(template);
  }

  public Optional<NfpModel> nfpModel() {
    return Optional.ofNullable(nfp);
  }

  public boolean ok() {
    return diagnostics.stream().noneMatch(Diagnostic::isError);
  }

  public List<Diagnostic> errors() {
    return diagnostics.stream().filter(Diagnostic::isError).toList();
  }
}
