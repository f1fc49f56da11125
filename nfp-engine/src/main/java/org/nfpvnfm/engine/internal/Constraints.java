package org.nfpvnfm.engine.internal;

import java.util.ArrayList;
import java.util.BitSet;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import org.jspecify.annotations.Nullable;
import org.nfpvnfm.tosca.Diagnostic;
import org.nfpvnfm.tosca.DiagnosticCode;
import org.nfpvnfm.tosca.nfp.NfpRule;

/**
 * Pass 3, the operator's order: {@code order}, {@code assign} and {@code position} as edges between
 * steps. Reports NFP001 (a cycle, naming each rule on it), NFP002 (conflicting positions), NFP003
 * (a position against an order), NFP007 (conflicting assigns) and NFP008 (an order between NFs run
 * together).
 */
final class Constraints {

  final int steps;

  /** Order and assign edges between steps (not positions), in rule order, each once. */
  final IntList[] succ;

  /** The first rule behind each edge, aligned with {@link #succ}. */
  private final List<List<NfpRule>> edgeRules = new ArrayList<>();

  /** Which edges exist, per source step; made when a step gets its first edge. */
  private final BitSet[] hasEdge;

  int firstStep = -1;
  int lastStep = -1;
  @Nullable NfpRule firstRule;
  @Nullable NfpRule lastRule;

  /** NFs placed by assign: pairs of them stay a plain sequential chain. */
  final boolean[] assigned;

  boolean failed;

  private Constraints(int steps, int nfs) {
    this.steps = steps;
    this.assigned = new boolean[nfs];
    this.succ = new IntList[steps];
    this.hasEdge = new BitSet[steps];
    for (int i = 0; i < steps; i++) {
      succ[i] = new IntList();
      edgeRules.add(new ArrayList<>());
    }
  }

  static Constraints of(GraphInput in, Steps st, List<Diagnostic> out) {
    Constraints c = new Constraints(st.groups.size(), in.size());
    Map<Integer, NfpRule.Assign> assignOf = new HashMap<>();
    TreeMap<Integer, NfpRule.Assign> byIndex = new TreeMap<>();
    for (NfpRule r : in.rules) {
      switch (r) {
        case NfpRule.Order o -> c.order(in, st, in.id(o.before()), in.id(o.after()), o, out);
        case NfpRule.Assign a -> {
          int nf = in.id(a.nf());
          NfpRule.Assign before = assignOf.putIfAbsent(nf, a);
          NfpRule.Assign sameIndex = byIndex.get(a.index());
          if (before != null && before.index() != a.index()) {
            c.fail(
                out,
                DiagnosticCode.ENGINE_ASSIGN_CONFLICT,
                a,
                "%s gives %s a second index (%s already does); an NF has one place in a chain"
                    .formatted(Rules.describe(a), a.nf(), Rules.describeAt(before)));
          } else if (sameIndex != null && !sameIndex.nf().equals(a.nf())) {
            c.fail(
                out,
                DiagnosticCode.ENGINE_ASSIGN_CONFLICT,
                a,
                "%s puts %s where %s already is (%s); each index holds one NF"
                    .formatted(
                        Rules.describe(a), a.nf(), sameIndex.nf(), Rules.describeAt(sameIndex)));
          } else if (before == null) {
            byIndex.put(a.index(), a);
            c.assigned[nf] = true;
          }
        }
        case NfpRule.Position p -> c.position(in, st, p, out);
        default -> {}
      }
    }
    NfpRule.Assign prev = null;
    for (NfpRule.Assign a : byIndex.values()) {
      if (prev != null) {
        c.order(in, st, in.id(prev.nf()), in.id(a.nf()), a, out);
      }
      prev = a;
    }
    if (!c.failed) {
      c.checkCycles(in, st, out);
    }
    if (!c.failed) {
      c.checkPositionsAgainstOrder(in, st, out);
    }
    return c;
  }

  private void order(
      GraphInput in, Steps st, int before, int after, NfpRule rule, List<Diagnostic> out) {
    int a = st.groupOf[before];
    int b = st.groupOf[after];
    if (a == b) {
      if (rule instanceof NfpRule.Order o && o.fromPath()) {
        // The path is the operator's sequential chain; priority (or a parallel position) between
        // two of its hops is the operator relaxing it, not a contradiction.
        return;
      }
      NfpRule why = st.ruleBetween(before, after);
      fail(
          out,
          DiagnosticCode.ENGINE_ORDER_CONTRADICTS_TOGETHER,
          rule,
          "%s puts %s before %s, but %s makes them see the same packet; keep one intent"
              .formatted(
                  Rules.describe(rule),
                  in.names.get(before),
                  in.names.get(after),
                  why == null ? "priority or a parallel position" : Rules.describeAt(why)));
      return;
    }
    BitSet edges = hasEdge[a];
    if (edges == null) {
      edges = new BitSet(steps);
      hasEdge[a] = edges;
    }
    if (!edges.get(b)) {
      edges.set(b);
      succ[a].add(b);
      edgeRules.get(a).add(rule);
    }
  }

  private void position(GraphInput in, Steps st, NfpRule.Position p, List<Diagnostic> out) {
    int g = st.groupOf[in.id(p.nf())];
    boolean first = p.placement() == NfpRule.Placement.FIRST;
    int pinned = first ? firstStep : lastStep;
    NfpRule pinnedBy = first ? firstRule : lastRule;
    int other = first ? lastStep : firstStep;
    NfpRule otherBy = first ? lastRule : firstRule;
    String end = first ? "first" : "last";
    if (pinned >= 0 && pinned != g && pinnedBy != null) {
      fail(
          out,
          DiagnosticCode.ENGINE_POSITION_CONFLICT,
          p,
          "%s: %s is already pinned %s by %s; only one NF can be %s"
              .formatted(
                  Rules.describe(p), Rules.nameOf(pinnedBy), end, Rules.describeAt(pinnedBy), end));
      return;
    }
    if (other == g && otherBy != null) {
      fail(
          out,
          DiagnosticCode.ENGINE_POSITION_CONFLICT,
          p,
          "%s: %s already pins it %s; an NF cannot be both first and last"
              .formatted(Rules.describe(p), Rules.describeAt(otherBy), first ? "last" : "first"));
      return;
    }
    if (first) {
      firstStep = g;
      firstRule = p;
    } else {
      lastStep = g;
      lastRule = p;
    }
  }

  private void checkPositionsAgainstOrder(GraphInput in, Steps st, List<Diagnostic> out) {
    if (firstStep < 0 && lastStep < 0) {
      return;
    }
    for (int from = 0; from < steps; from++) {
      for (int i = 0; i < succ[from].size(); i++) {
        int to = succ[from].get(i);
        if (to != firstStep && from != lastStep) {
          continue;
        }
        NfpRule r = edgeRules.get(from).get(i);
        if (to == firstStep && firstRule != null) {
          fail(
              out,
              DiagnosticCode.ENGINE_POSITION_CONTRADICTS_ORDER,
              r,
              "%s puts %s before %s, but %s pins %s at the head"
                  .formatted(
                      Rules.describe(r),
                      stepName(in, st, from),
                      stepName(in, st, to),
                      Rules.describeAt(firstRule),
                      Rules.nameOf(firstRule)));
        }
        if (from == lastStep && lastRule != null) {
          fail(
              out,
              DiagnosticCode.ENGINE_POSITION_CONTRADICTS_ORDER,
              r,
              "%s puts %s after %s, but %s pins %s at the tail"
                  .formatted(
                      Rules.describe(r),
                      stepName(in, st, to),
                      stepName(in, st, from),
                      Rules.describeAt(lastRule),
                      Rules.nameOf(lastRule)));
        }
      }
    }
  }

  /** Tarjan's strongly connected components, iteratively; each one of size > 1 holds a cycle. */
  private void checkCycles(GraphInput in, Steps st, List<Diagnostic> out) {
    int[] index = new int[steps];
    int[] low = new int[steps];
    boolean[] onStack = new boolean[steps];
    java.util.Arrays.fill(index, -1);
    java.util.ArrayDeque<Integer> stack = new java.util.ArrayDeque<>();
    int[] counter = {0};
    List<List<Integer>> sccs = new ArrayList<>();
    IntList[] adj = succ;
    for (int root = 0; root < steps; root++) {
      if (index[root] >= 0) {
        continue;
      }
      java.util.ArrayDeque<int[]> call = new java.util.ArrayDeque<>();
      call.push(new int[] {root, 0});
      index[root] = low[root] = counter[0]++;
      stack.push(root);
      onStack[root] = true;
      while (!call.isEmpty()) {
        int[] frame = call.peek();
        int v = frame[0];
        if (frame[1] < adj[v].size()) {
          int w = adj[v].get(frame[1]++);
          if (index[w] < 0) {
            index[w] = low[w] = counter[0]++;
            stack.push(w);
            onStack[w] = true;
            call.push(new int[] {w, 0});
          } else if (onStack[w]) {
            low[v] = Math.min(low[v], index[w]);
          }
        } else {
          call.pop();
          if (!call.isEmpty()) {
            int parent = call.peek()[0];
            low[parent] = Math.min(low[parent], low[v]);
          }
          if (low[v] == index[v]) {
            List<Integer> scc = new ArrayList<>();
            int w;
            do {
              w = stack.pop();
              onStack[w] = false;
              scc.add(w);
            } while (w != v);
            if (scc.size() > 1) {
              sccs.add(scc);
            }
          }
        }
      }
    }
    for (List<Integer> scc : sccs) {
      reportCycle(in, st, scc, adj, out);
    }
  }

  private void reportCycle(
      GraphInput in, Steps st, List<Integer> scc, IntList[] adj, List<Diagnostic> out) {
    Set<Integer> inScc = new java.util.HashSet<>(scc);
    int start = scc.stream().min(Integer::compare).orElseThrow();
    // Shortest way back to start inside the component, by breadth-first search.
    Map<Integer, Integer> via = new HashMap<>();
    java.util.ArrayDeque<Integer> queue = new java.util.ArrayDeque<>();
    queue.add(start);
    int last = -1;
    while (!queue.isEmpty() && last < 0) {
      int v = queue.poll();
      for (int i = 0; i < adj[v].size(); i++) {
        int w = adj[v].get(i);
        if (!inScc.contains(w)) {
          continue;
        }
        if (w == start) {
          last = v;
          break;
        }
        if (!via.containsKey(w)) {
          via.put(w, v);
          queue.add(w);
        }
      }
    }
    List<Integer> path = new ArrayList<>();
    for (int v = last; v != start; v = java.util.Objects.requireNonNull(via.get(v))) {
      path.add(0, v);
    }
    path.add(0, start);
    List<NfpRule> rules = new ArrayList<>();
    for (int i = 0; i < path.size(); i++) {
      NfpRule r = ruleFor(path.get(i), path.get((i + 1) % path.size()));
      if (r != null) {
        rules.add(r);
      }
    }
    List<NfpRule> byLine =
        rules.stream()
            .sorted(
                Comparator.comparing((NfpRule r) -> r.origin().file())
                    .thenComparingInt(r -> r.origin().line()))
            .toList();
    String nfs =
        String.join(" -> ", path.stream().map(g -> stepName(in, st, g)).toList())
            + " -> "
            + stepName(in, st, start);
    fail(
        out,
        DiagnosticCode.ENGINE_ORDER_CYCLE,
        byLine.get(0),
        "order rules form a cycle, %s, so no sequential chain satisfies them: %s; remove or reverse one"
            .formatted(nfs, String.join("; ", rules.stream().map(Rules::describeAt).toList())));
  }

  private static String stepName(GraphInput in, Steps st, int g) {
    List<Integer> m = st.groups.get(g);
    return m.size() == 1
        ? in.names.get(m.get(0))
        : "{" + String.join(", ", m.stream().map(in.names::get).toList()) + "}";
  }

  /** The rule behind edge {@code from -> to}, or null when no order or assign rule makes it. */
  @Nullable NfpRule ruleFor(int from, int to) {
    BitSet edges = hasEdge[from];
    if (edges == null || !edges.get(to)) {
      return null;
    }
    for (int i = 0; i < succ[from].size(); i++) {
      if (succ[from].get(i) == to) {
        return edgeRules.get(from).get(i);
      }
    }
    return null;
  }

  private void fail(List<Diagnostic> out, DiagnosticCode code, NfpRule at, String message) {
    failed = true;
    out.add(Diagnostic.of(code, at.origin(), message));
  }
}
