package org.nfpvnfm.tosca;

import java.util.List;
import java.util.Optional;
import org.jspecify.annotations.Nullable;
import org.nfpvnfm.tosca.nfp.NfpModel;

/**
 * What loading a descriptor gave: the template when it could be built, its NFP model (network
 * functions with action profiles, forwarding graphs, NFP rules) when it has one, and every
 * diagnostic, sorted by place. A template is present only when there are no errors.
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
