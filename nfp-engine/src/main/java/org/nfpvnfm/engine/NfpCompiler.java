package org.nfpvnfm.engine;

import java.util.ArrayList;
import java.util.List;
import org.nfpvnfm.engine.internal.GraphCompiler;
import org.nfpvnfm.tosca.Diagnostic;
import org.nfpvnfm.tosca.nfp.ForwardingGraph;
import org.nfpvnfm.tosca.nfp.NfpModel;

/**
 * Compiles NFP policies into service graphs (spec §4, §5). Immutable and thread-safe; compilation
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

  /** Which graph to build from the same analysis. */
  public enum Plan {
    /** The most parallel graph that gives the same result as the reference chain. */
    PARALLEL,
    /**
     * The reference chain itself, one step after another on one shared buffer, so that a dataplane
     * can run the same NFs sequentially on the same machinery and compare. A step of several NFs
     * (priority, parallel position) stays a parallel block with its merger: that is what running
     * the step means, since each member sees the step's input.
     */
    SEQUENTIAL
  }

  private final Plan plan;

  private NfpCompiler(Plan plan) {
    this.plan = plan;
  }

  /** A compiler of {@link Plan#PARALLEL} graphs. */
  public static NfpCompiler create() {
    return new NfpCompiler(Plan.PARALLEL);
  }

  /**
   * A compiler like this one that builds {@code plan}'s graphs. Diagnostics, reference chains and
   * pair records do not depend on the plan; only the shape and the tables do.
   */
  public NfpCompiler plan(Plan plan) {
    return plan == this.plan ? this : new NfpCompiler(plan);
  }

  public Plan plan() {
    return plan;
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
      graphs.add(GraphCompiler.compileImplicit(model, IMPLICIT_GRAPH, plan));
    }
    for (ForwardingGraph g : toCompile) {
      graphs.add(GraphCompiler.compile(model, g, plan));
    }
    graphs.forEach(g -> diagnostics.addAll(g.diagnostics()));
    diagnostics.sort(Diagnostic.BY_LOCATION);
    return new Compilation(graphs, diagnostics);
  }
}
