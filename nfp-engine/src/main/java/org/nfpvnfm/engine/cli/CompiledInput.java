package org.nfpvnfm.engine.cli;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.jspecify.annotations.Nullable;
import org.nfpvnfm.engine.Compilation;
import org.nfpvnfm.engine.GraphCompilation;
import org.nfpvnfm.engine.GraphNf;
import org.nfpvnfm.engine.NfpCompiler;
import org.nfpvnfm.tosca.Diagnostic;
import org.nfpvnfm.tosca.LoadResult;
import org.nfpvnfm.tosca.Severity;
import org.nfpvnfm.tosca.ToscaLoader;
import org.nfpvnfm.tosca.nfp.ForwardingGraph;
import org.nfpvnfm.tosca.nfp.NfpModel;

/**
 * One PATH loaded and, when it loaded without errors, compiled: what {@code compile} and {@code
 * explain} both start from. A template with load errors is not compiled, because its NFP model may
 * miss the profiles or rules the errors dropped, and a graph compiled from it would mislead.
 */
final class CompiledInput {

  final Path path;
  final LoadResult loaded;
  final @Nullable NfpModel model;
  final @Nullable Compilation compilation;

  private CompiledInput(
      Path path, LoadResult loaded, @Nullable NfpModel model, @Nullable Compilation compilation) {
    this.path = path;
    this.loaded = loaded;
    this.model = model;
    this.compilation = compilation;
  }

  static CompiledInput load(Path path) {
    return load(path, NfpCompiler.Plan.PARALLEL);
  }

  static CompiledInput load(Path path, NfpCompiler.Plan plan) {
    LoadResult loaded = ToscaLoader.create().load(path);
    NfpModel model = loaded.ok() ? loaded.nfp() : null;
    Compilation compilation = model == null ? null : NfpCompiler.create().plan(plan).compile(model);
    return new CompiledInput(path, loaded, model, compilation);
  }

  /** Every graph the compiler produced (compiled or not), in template order. */
  List<GraphCompilation> graphs() {
    return compilation == null ? List.of() : compilation.graphs();
  }

  /**
   * The graphs {@code name} selects: the graph of that name, else the graphs of the VNFFG group of
   * that name (a Tacker operator knows the group, {@code VNFFG1}, better than its path node); all
   * graphs when {@code name} is null. Empty when nothing matches.
   */
  List<GraphCompilation> select(@Nullable String name) {
    if (name == null) {
      return graphs();
    }
    List<GraphCompilation> byName = graphs().stream().filter(g -> g.name().equals(name)).toList();
    if (!byName.isEmpty() || model == null) {
      return byName;
    }
    NfpModel m = model;
    return graphs().stream()
        .filter(
            g ->
                m.graph(g.name())
                    .map(ForwardingGraph::group)
                    .filter(group -> group.equals(name))
                    .isPresent())
        .toList();
  }

  /** {@code a, b, c}: the names of the graphs, for messages that say what exists. */
  String graphNames() {
    List<String> names = graphs().stream().map(GraphCompilation::name).toList();
    return names.isEmpty() ? "(none)" : String.join(", ", names);
  }

  /**
   * The NF names of a graph, in the graph's own order: from the service graph when it compiled,
   * else from the forwarding graph the model read (so a graph with errors still lists its NFs).
   */
  List<String> nfNames(GraphCompilation graph) {
    if (graph.serviceGraph().isPresent()) {
      return graph.serviceGraph().get().nfs().stream().map(GraphNf::name).toList();
    }
    NfpModel m = model;
    if (m == null) {
      return List.of();
    }
    return m.graph(graph.name())
        .map(ForwardingGraph::nfs)
        .orElseGet(
            () -> m.nfs().stream().map(org.nfpvnfm.tosca.nfp.NetworkFunction::name).toList());
  }

  /**
   * The load diagnostics and the engine diagnostics of {@code selected}, sorted by place. Engine
   * diagnostics of graphs not selected are left out: they are about rules the operator did not ask
   * about.
   */
  List<Diagnostic> diagnostics(List<GraphCompilation> selected) {
    List<Diagnostic> all = new ArrayList<>(loaded.diagnostics());
    selected.forEach(g -> all.addAll(g.diagnostics()));
    all.sort(Diagnostic.BY_LOCATION);
    return all;
  }

  static long count(List<Diagnostic> diagnostics, Severity severity) {
    return diagnostics.stream().filter(d -> d.severity() == severity).count();
  }

  /** {@code 2 errors, 1 warning}, or {@code no errors}. */
  static String counts(List<Diagnostic> diagnostics) {
    long errors = count(diagnostics, Severity.ERROR);
    long warnings = count(diagnostics, Severity.WARNING);
    String text = Text.plural(errors, "error");
    return warnings == 0 ? text : text + ", " + Text.plural(warnings, "warning");
  }
}
