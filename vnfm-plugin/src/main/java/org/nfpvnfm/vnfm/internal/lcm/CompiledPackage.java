package org.nfpvnfm.vnfm.internal.lcm;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;
import org.nfpvnfm.engine.Compilation;
import org.nfpvnfm.engine.GraphCompilation;
import org.nfpvnfm.engine.NfpCompiler;
import org.nfpvnfm.engine.ServiceGraph;
import org.nfpvnfm.tosca.Diagnostic;
import org.nfpvnfm.tosca.LoadResult;
import org.nfpvnfm.tosca.ToscaLoader;
import org.nfpvnfm.tosca.nfp.NfpModel;

/**
 * A package's service graphs, compiled by the NFP engine from the descriptors the TOSCA front end
 * loaded, with the model that names the NFs' implementations.
 */
record CompiledPackage(NfpModel model, List<ServiceGraph> graphs) {

  /**
   * Loads and compiles {@code content} with {@code plan}; a package with error diagnostics, or
   * without a graph, is an {@link IllegalArgumentException} whose message lists the diagnostics.
   */
  static CompiledPackage compile(Path content, NfpCompiler.Plan plan) {
    LoadResult loaded = ToscaLoader.create().load(content);
    List<Diagnostic> errors = new ArrayList<>(loaded.errors());
    NfpModel model = loaded.nfp();
    List<ServiceGraph> graphs = new ArrayList<>();
    if (loaded.ok() && model != null) {
      Compilation c = NfpCompiler.create().plan(plan).compile(model);
      c.diagnostics().stream().filter(Diagnostic::isError).forEach(errors::add);
      for (GraphCompilation g : c.graphs()) {
        g.serviceGraph().ifPresent(graphs::add);
      }
    }
    if (!errors.isEmpty()) {
      throw new IllegalArgumentException(
          "the package does not compile: "
              + errors.stream().map(Diagnostic::toString).collect(Collectors.joining("; ")));
    }
    if (model == null || graphs.isEmpty()) {
      throw new IllegalArgumentException(
          "the package has no service graph to deploy (no NFP rules or forwarding graph)");
    }
    return new CompiledPackage(model, List.copyOf(graphs));
  }
}
