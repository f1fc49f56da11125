package org.nfpvnfm.cli;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.ServiceLoader;
import org.nfpvnfm.tosca.Diagnostic;
import org.nfpvnfm.tosca.LoadResult;
import org.nfpvnfm.tosca.ToscaLoader;

/** Loads a descriptor and runs every {@link DescriptorCheck} on the class path over it. */
final class DescriptorChecks {

  private final ToscaLoader loader = ToscaLoader.create();
  private final List<DescriptorCheck> checks = new ArrayList<>();

  DescriptorChecks() {
    ServiceLoader.load(DescriptorCheck.class).forEach(checks::add);
  }

  /**
   * The load result with the checks' diagnostics added, sorted by place. Checks run only on a
   * descriptor that loaded without errors: on a broken one they would only repeat its problems.
   */
  LoadResult load(Path path) {
    LoadResult loaded = loader.load(path);
    if (!loaded.ok() || checks.isEmpty()) {
      return loaded;
    }
    List<Diagnostic> all = new ArrayList<>(loaded.diagnostics());
    for (DescriptorCheck c : checks) {
      all.addAll(c.check(loaded));
    }
    all.sort(Diagnostic.BY_LOCATION);
    return new LoadResult(loaded.source(), loaded.template(), loaded.nfp(), all);
  }

  /** Every check's description of a descriptor that loaded without errors. */
  List<String> describe(LoadResult loaded) {
    if (!loaded.ok()) {
      return List.of();
    }
    List<String> lines = new ArrayList<>();
    checks.forEach(c -> lines.addAll(c.describe(loaded)));
    return lines;
  }
}
