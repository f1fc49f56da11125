package org.nfpvnfm.engine;

import java.util.List;
import java.util.Optional;
import org.nfpvnfm.tosca.Diagnostic;

/**
 * What {@link NfpCompiler#compile} made of a template: one entry per graph, and all diagnostics.
 */
public record Compilation(List<GraphCompilation> graphs, List<Diagnostic> diagnostics) {

  public Compilation {
    graphs = List.copyOf(graphs);
    diagnostics = List.copyOf(diagnostics);
  }

  /** True when no diagnostic is an error (then every graph has a service graph). */
  public boolean ok() {
    return diagnostics.stream().noneMatch(Diagnostic::isError);
  }

  public Optional<GraphCompilation> graph(String name) {
    return graphs.stream().filter(g -> g.name().equals(name)).findFirst();
  }

  /** The compiled service graphs, in the template's graph order. */
  public List<ServiceGraph> serviceGraphs() {
    return graphs.stream().flatMap(g -> g.serviceGraph().stream()).toList();
  }
}
