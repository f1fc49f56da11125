package org.nfpvnfm.engine.internal;

import java.util.ArrayList;
import java.util.BitSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.nfpvnfm.engine.GraphNode;
import org.nfpvnfm.engine.Relation;

/**
 * Pass 6, graph construction (spec §5 steps 2–4), on steps in reference-chain order:
 *
 * <ol>
 *   <li>Steps joined by a sequential pair form connected subgraphs; different subgraphs have no
 *       sequential pair between them, so they run as parallel branches (spec: "independent
 *       subgraphs are placed in parallel").
 *   <li>Inside a connected subgraph, the chain is cut into stages: a stage ends just before the
 *       first step that is sequential with a step already in it. Stages run one after another; the
 *       steps of a stage run in parallel. Cutting the chain greedily gives the fewest stages that
 *       keep chain order, and keeping chain order means a later stage never runs before an earlier
 *       one, so no pair is ever reversed.
 *   <li>A step of NFs run together is a parallel block of its members; a {@code position} step is
 *       sequential with everything, so it lands alone at the head or tail.
 * </ol>
 *
 * Nested parallel blocks are flattened (a parallel of parallels is one parallel), and merge ids are
 * given in depth-first order, so the same input always gives the same tree.
 *
 * <p>Sequential pairs are read from {@link Relations#planned}: in the sequential plan every two
 * steps are sequential, so this yields one stage per step, the reference chain itself.
 */
final class SubgraphBuilder {

  private final Relations rel;
  private final Steps steps;

  /** seq[i] has bit j when chain positions i < j hold steps with a sequential pair. */
  private final BitSet[] seq;

  private int nextMerge;

  private SubgraphBuilder(Relations rel) {
    this.rel = rel;
    this.steps = rel.steps;
    int s = rel.chain.order.length;
    this.seq = new BitSet[s];
    for (int i = 0; i < s; i++) {
      seq[i] = new BitSet(s);
    }
    for (int i = 0; i < s; i++) {
      for (int j = i + 1; j < s; j++) {
        if (sequential(rel.chain.order[i], rel.chain.order[j])) {
          seq[i].set(j);
        }
      }
    }
  }

  private boolean sequential(int g, int h) {
    for (int x : steps.groups.get(g)) {
      for (int y : steps.groups.get(h)) {
        if (rel.planned(x, y) == Relation.SEQUENTIAL) {
          return true;
        }
      }
    }
    return false;
  }

  static GraphNode build(Relations rel) {
    SubgraphBuilder b = new SubgraphBuilder(rel);
    List<Integer> all = new ArrayList<>();
    for (int i = 0; i < rel.chain.order.length; i++) {
      all.add(i);
    }
    return b.numberMerges(b.build(all));
  }

  /** positions: chain positions, ascending. */
  private GraphNode build(List<Integer> positions) {
    if (positions.size() == 1) {
      return step(positions.get(0));
    }
    List<List<Integer>> components = components(positions);
    if (components.size() > 1) {
      return parallel(components.stream().map(this::build).toList());
    }
    List<GraphNode> stages = new ArrayList<>();
    List<Integer> stage = new ArrayList<>();
    for (int p : positions) {
      boolean cut = false;
      for (int q : stage) {
        if (seq[q].get(p)) {
          cut = true;
          break;
        }
      }
      if (cut) {
        stages.add(parallel(stage.stream().map(this::step).toList()));
        stage = new ArrayList<>();
      }
      stage.add(p);
    }
    stages.add(parallel(stage.stream().map(this::step).toList()));
    return series(stages);
  }

  private List<List<Integer>> components(List<Integer> positions) {
    int k = positions.size();
    int[] parent = new int[k];
    for (int i = 0; i < k; i++) {
      parent[i] = i;
    }
    for (int i = 0; i < k; i++) {
      BitSet row = seq[positions.get(i)];
      for (int j = i + 1; j < k; j++) {
        if (row.get(positions.get(j))) {
          int a = find(parent, i);
          int b = find(parent, j);
          if (a != b) {
            parent[Math.max(a, b)] = Math.min(a, b);
          }
        }
      }
    }
    Map<Integer, List<Integer>> byRoot = new LinkedHashMap<>();
    for (int i = 0; i < k; i++) {
      byRoot.computeIfAbsent(find(parent, i), r -> new ArrayList<>()).add(positions.get(i));
    }
    return new ArrayList<>(byRoot.values());
  }

  private GraphNode step(int position) {
    List<Integer> members = steps.groups.get(rel.chain.order[position]);
    return parallel(members.stream().map(m -> (GraphNode) new GraphNode.Nf(m)).toList());
  }

  private static GraphNode parallel(List<GraphNode> branches) {
    List<GraphNode> flat = new ArrayList<>();
    for (GraphNode b : branches) {
      if (b instanceof GraphNode.Parallel p) {
        flat.addAll(p.branches());
      } else {
        flat.add(b);
      }
    }
    return flat.size() == 1 ? flat.get(0) : new GraphNode.Parallel(-1, flat);
  }

  private static GraphNode series(List<GraphNode> parts) {
    List<GraphNode> flat = new ArrayList<>();
    for (GraphNode p : parts) {
      if (p instanceof GraphNode.Series s) {
        flat.addAll(s.parts());
      } else {
        flat.add(p);
      }
    }
    return flat.size() == 1 ? flat.get(0) : new GraphNode.Series(flat);
  }

  private GraphNode numberMerges(GraphNode node) {
    return switch (node) {
      case GraphNode.Nf nf -> nf;
      case GraphNode.Series s ->
          new GraphNode.Series(s.parts().stream().map(this::numberMerges).toList());
      case GraphNode.Parallel p -> {
        int id = nextMerge++;
        yield new GraphNode.Parallel(id, p.branches().stream().map(this::numberMerges).toList());
      }
    };
  }

  private static int find(int[] parent, int x) {
    while (parent[x] != x) {
      parent[x] = parent[parent[x]];
      x = parent[x];
    }
    return x;
  }
}
