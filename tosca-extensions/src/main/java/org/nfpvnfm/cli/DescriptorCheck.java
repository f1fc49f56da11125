package org.nfpvnfm.cli;

import java.util.List;
import org.nfpvnfm.tosca.Diagnostic;
import org.nfpvnfm.tosca.LoadResult;

/**
 * A check that a later module runs on every loaded descriptor for {@code nfp validate} and {@code
 * nfp samples}, found with {@link java.util.ServiceLoader} (service file {@code
 * META-INF/services/org.nfpvnfm.cli.DescriptorCheck}). The NFP engine uses it to report rules that
 * contradict each other, which the front end cannot see one rule at a time.
 */
public interface DescriptorCheck {

  /**
   * Diagnostics for a descriptor that loaded without errors ({@code loaded.ok()}); never throws for
   * a problem in the descriptor.
   */
  List<Diagnostic> check(LoadResult loaded);

  /**
   * What the check made of a descriptor that loaded without errors, one line per item, for {@code
   * nfp samples} to show under the sample (the engine: each graph's compiled shape). None by
   * default.
   */
  default List<String> describe(LoadResult loaded) {
    return List.of();
  }
}
