package org.nfpvnfm.engine;

import java.util.ArrayList;
import java.util.List;
import org.nfpvnfm.engine.internal.GraphCompiler;
import org.nfpvnfm.tosca.Diagnostic;
import org.nfpvnfm.tosca.nfp.ForwardingGraph;
import org.nfpvnfm.tosca.nfp.NfpModel;

/**
 * Compiles NFP policies into service graphs (spec §4, §5). Stateless and thread-safe; compilation
 * is deterministic: the same model gives the same graphs, ids and tables, in the same order.
 *
 * <pre>{@code
 * LoadResult loaded = ToscaLoader.create().load(path);
 * Compilation c = NfpCompiler.create().compile(loaded.nfp());
 * c.diagnostics().forEach(System.out::println);
 * for (GraphCompilation g : c.graphs()) { ServiceGraph sg = g.serviceGraph(); ... }
 * }</pre>
 */
public final class NfpCompiler {

  /**
   * The name of the one graph compiled from a template that has NFP rules but no forwarding graph
   * (rules on a plain group of NFs): every NF of the template, in template order.
   */
  public static final String IMPLICIT_GRAPH = "template";

  private NfpCompiler() {}

  public static NfpCompiler create() {
    return new NfpCompiler();
  }

  /**
   * Compiles every forwarding graph of {@code model}. A graph whose rules contradict each other
   * gets error diagnostics and no service graph; the others are compiled all the same.
   */
  public Compilation compile(NfpModel model) {
    List<GraphCompilation> graphs = new ArrayList<>();
    List<Diagnostic> diagnostics = new ArrayList<>();
    List<ForwardingGraph> toCompile = model.graphs();
    if (toCompile.isEmpty() && !model.nfs().isEmpty() && !model.rules().isEmpty()) {
      graphs.add(GraphCompiler.compileImplicit(model, IMPLICIT_GRAPH));
    }
    for (ForwardingGraph g : toCompile) {
      graphs.add(GraphCompiler.compile(model, g));
    }
    graphs.forEach(g -> diagnostics.addAll(g.diagnostics()));
    diagnostics.sort(Diagnostic.BY_LOCATION);
    return new Compilation(graphs, diagnostics);
  }
}
