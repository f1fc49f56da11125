package org.nfpvnfm.dpdk.plan;

import java.util.Map;
import java.util.TreeMap;
import org.nfpvnfm.engine.NfpCompiler;
import org.nfpvnfm.engine.ServiceGraph;

/**
 * One correct way to run a graph on a node: which tables (the parallel graph or its sequential
 * plan, both giving the reference chain's result) and which worker runs each of its tasks (by name
 * within the graph: the NF's name, {@code "merge M#I"} for instance I of merger M), as {@link
 * org.nfpvnfm.dpdk.node.Node#deploy(String, ServiceGraph, org.nfpvnfm.dpdk.nf.NfFactory, Map)}
 * takes them.
 *
 * @param name short and stable, for tables: {@code parallel}, {@code pipeline}, {@code one-core},
 *     {@code parallel-one-core}, {@code parallel-balanced}, {@code pipeline-balanced}, {@code
 *     mixed}
 * @param tables whether {@code graph} is the engine's parallel graph or the sequential chain
 */
public record ExecutionPlan(
    String name, NfpCompiler.Plan tables, ServiceGraph graph, Map<String, Integer> placement) {

  public ExecutionPlan {
    placement = Map.copyOf(placement);
  }

  /** This plan with its tasks placed otherwise. */
  public ExecutionPlan withPlacement(String newName, Map<String, Integer> newPlacement) {
    return new ExecutionPlan(newName, tables, graph, newPlacement);
  }

  /** Workers used by the graph's own tasks. */
  public long workersUsed() {
    return placement.values().stream().distinct().count();
  }

  /** {@code name: shape; FW@1 LB@0 merge 0#0@0}. */
  public String describe() {
    StringBuilder b = new StringBuilder(name).append(": ").append(graph.shape()).append(';');
    new TreeMap<>(placement).forEach((t, w) -> b.append(' ').append(t).append('@').append(w));
    return b.toString();
  }
}
