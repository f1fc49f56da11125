package org.nfpvnfm.engine.internal;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.BitSet;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.PriorityQueue;
import org.jspecify.annotations.Nullable;
import org.nfpvnfm.tosca.Diagnostic;
import org.nfpvnfm.tosca.DiagnosticCode;
import org.nfpvnfm.tosca.SourceLocation;
import org.nfpvnfm.tosca.nfp.NfpRule;

/**
 * Pass 2, NFs run together: {@code priority} and parallel positions ({@code forwarding_behaviour:
 * all}) make groups of NFs that all see the same packet. Each group is one step of the reference
 * chain; inside it, members are ranked by priority (lowest first) so that a later member's writes
 * win. Reports NFP004 (priority both ways or in a cycle) and NFP009 (members that write the same
 * field, or both add/remove headers, with no priority between them).
 */
final class Steps {

  /** The groups, each sorted lowest precedence first; singletons for NFs in no group. */
  final List<List<Integer>> groups = new ArrayList<>();

  /** Group index of each NF. */
  final int[] groupOf;

  /** For each NF, the NFs that have priority over it (transitively). */
  private final BitSet[] above;

  /** The rule that made a pair (as {@code min * n + max}) run together, direct rules only. */
  private final Map<Long, NfpRule> directRule = new HashMap<>();

  private final int n;
  boolean failed;

  private Steps(int n) {
    this.n = n;
    this.groupOf = new int[n];
    this.above = new BitSet[n];
    for (int i = 0; i < n; i++) {
      above[i] = new BitSet(n);
    }
  }

  static Steps of(GraphInput in, List<Diagnostic> out) {
    int n = in.size();
    Steps s = new Steps(n);
    int[] parent = new int[n];
    for (int i = 0; i < n; i++) {
      parent[i] = i;
    }
    List<List<Integer>> lowerToHigher = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      lowerToHigher.add(new ArrayList<>());
    }
    Map<Long, NfpRule> priorityRule = new LinkedHashMap<>();
    for (NfpRule r : in.rules) {
      switch (r) {
        case NfpRule.Priority p -> {
          int h = in.id(p.higher());
          int l = in.id(p.lower());
          union(parent, h, l);
          lowerToHigher.get(l).add(h);
          priorityRule.putIfAbsent((long) l * n + h, p);
          // A priority rule explains a pair better than a parallel position that also holds it.
          NfpRule before = s.directRule.get(s.key(h, l));
          if (before == null || before instanceof NfpRule.Parallel) {
            s.directRule.put(s.key(h, l), p);
          }
        }
        case NfpRule.Parallel p -> {
          List<Integer> ids = p.nfs().stream().map(in::id).toList();
          for (int i = 1; i < ids.size(); i++) {
            union(parent, ids.get(0), ids.get(i));
          }
          for (int a : ids) {
            for (int b : ids) {
              if (a < b) {
                s.directRule.putIfAbsent(s.key(a, b), p);
              }
            }
          }
        }
        default -> {}
      }
    }
    s.checkPriorityCycles(in, lowerToHigher, priorityRule, out);
    // Groups in order of their first NF, so ids stay in graph order.
    Map<Integer, List<Integer>> byRoot = new LinkedHashMap<>();
    for (int i = 0; i < n; i++) {
      byRoot.computeIfAbsent(find(parent, i), k -> new ArrayList<>()).add(i);
    }
    for (List<Integer> members : byRoot.values()) {
      List<Integer> ranked = s.failed ? members : rank(members, lowerToHigher);
      for (int m : ranked) {
        s.groupOf[m] = s.groups.size();
      }
      s.groups.add(List.copyOf(ranked));
    }
    if (!s.failed) {
      s.computeAbove(lowerToHigher);
      s.checkConflicts(in, out);
    }
    return s;
  }

  /** Kahn's algorithm over priority edges, lowest first, ties by NF id. */
  private static List<Integer> rank(List<Integer> members, List<List<Integer>> lowerToHigher) {
    Map<Integer, Integer> indegree = new HashMap<>();
    members.forEach(m -> indegree.put(m, 0));
    for (int m : members) {
      for (int h : lowerToHigher.get(m)) {
        indegree.merge(h, 1, Integer::sum);
      }
    }
    PriorityQueue<Integer> ready = new PriorityQueue<>();
    members.stream().filter(m -> indegree.getOrDefault(m, 0) == 0).forEach(ready::add);
    List<Integer> out = new ArrayList<>();
    while (!ready.isEmpty()) {
      int m = ready.poll();
      out.add(m);
      for (int h : lowerToHigher.get(m)) {
        if (indegree.merge(h, -1, Integer::sum) == 0) {
          ready.add(h);
        }
      }
    }
    return out;
  }

  private void computeAbove(List<List<Integer>> lowerToHigher) {
    for (List<Integer> g : groups) {
      // Highest first: everything above h is known when a lower NF pointing at h is reached.
      for (int i = g.size() - 1; i >= 0; i--) {
        int m = g.get(i);
        for (int h : lowerToHigher.get(m)) {
          above[m].set(h);
          above[m].or(above[h]);
        }
      }
    }
  }

  private void checkPriorityCycles(
      GraphInput in,
      List<List<Integer>> lowerToHigher,
      Map<Long, NfpRule> priorityRule,
      List<Diagnostic> out) {
    int[] state = new int[n]; // 0 new, 1 on stack, 2 done
    int[] via = new int[n];
    for (int start = 0; start < n; start++) {
      if (state[start] != 0) {
        continue;
      }
      ArrayDeque<int[]> stack = new ArrayDeque<>();
      stack.push(new int[] {start, 0});
      state[start] = 1;
      while (!stack.isEmpty()) {
        int[] top = stack.peek();
        int v = top[0];
        List<Integer> next = lowerToHigher.get(v);
        if (top[1] < next.size()) {
          int w = next.get(top[1]++);
          if (state[w] == 0) {
            state[w] = 1;
            via[w] = v;
            stack.push(new int[] {w, 0});
          } else if (state[w] == 1) {
            reportCycle(in, w, v, via, priorityRule, out);
          }
        } else {
          state[v] = 2;
          stack.pop();
        }
      }
    }
  }

  private void reportCycle(
      GraphInput in,
      int first,
      int last,
      int[] via,
      Map<Long, NfpRule> priorityRule,
      List<Diagnostic> out) {
    failed = true;
    List<Integer> path = new ArrayList<>();
    for (int v = last; v != first; v = via[v]) {
      path.add(0, v);
    }
    path.add(0, first);
    List<NfpRule> rules = new ArrayList<>();
    for (int i = 0; i < path.size(); i++) {
      int lower = path.get(i);
      int higher = path.get((i + 1) % path.size());
      NfpRule r = priorityRule.get((long) lower * n + higher);
      if (r != null) {
        rules.add(r);
      }
    }
    rules.sort(java.util.Comparator.comparing(r -> r.origin().line()));
    String what =
        path.size() == 2
            ? "priority goes both ways between %s and %s, so neither wins a conflict"
                .formatted(in.names.get(path.get(0)), in.names.get(path.get(1)))
            : "priority rules form a cycle (%s), so no NF of it wins a conflict"
                .formatted(
                    String.join(" < ", path.stream().map(in.names::get).toList())
                        + " < "
                        + in.names.get(path.get(0)));
    SourceLocation at = rules.isEmpty() ? in.location : rules.get(0).origin();
    out.add(
        Diagnostic.of(
            DiagnosticCode.ENGINE_PRIORITY_CYCLE,
            at,
            what
                + ": "
                + String.join("; ", rules.stream().map(Rules::describeAt).toList())
                + "; keep one direction"));
  }

  private void checkConflicts(GraphInput in, List<Diagnostic> out) {
    for (List<Integer> g : groups) {
      for (int i = 0; i < g.size(); i++) {
        for (int j = i + 1; j < g.size(); j++) {
          int a = g.get(i);
          int b = g.get(j);
          if (ranked(a, b)) {
            continue;
          }
          ProfileBits pa = ProfileBits.of(in.profiles.get(a));
          ProfileBits pb = ProfileBits.of(in.profiles.get(b));
          int both = pa.writes() & pb.writes();
          boolean headers = pa.addRemove() && pb.addRemove();
          if (both == 0 && !headers) {
            continue;
          }
          String what =
              both != 0 ? "both write " + Fields.names(both) : "both add or remove headers";
          NfpRule r = groupRule(a, b, g);
          out.add(
              Diagnostic.of(
                  DiagnosticCode.ENGINE_TOGETHER_CONFLICT,
                  r == null ? in.location : r.origin(),
                  "%s and %s run together (%s) and %s, but no priority says whose result wins; add priority(%s > %s) or priority(%s > %s)"
                      .formatted(
                          in.names.get(a),
                          in.names.get(b),
                          r == null ? "same group" : Rules.describe(r),
                          what,
                          in.names.get(a),
                          in.names.get(b),
                          in.names.get(b),
                          in.names.get(a))));
          failed = true;
        }
      }
    }
  }

  private @Nullable NfpRule groupRule(int a, int b, List<Integer> group) {
    NfpRule direct = directRule.get(key(a, b));
    if (direct != null) {
      return direct;
    }
    for (int m : group) {
      NfpRule r = directRule.get(key(a, m));
      if (r != null) {
        return r;
      }
    }
    return null;
  }

  /** True when priority orders a and b either way. */
  boolean ranked(int a, int b) {
    return above[a].get(b) || above[b].get(a);
  }

  /** True when {@code higher} has priority over {@code lower}, directly or through others. */
  boolean hasPriority(int higher, int lower) {
    return above[lower].get(higher);
  }

  /** The rule that puts a and b together directly, if one does. */
  @Nullable NfpRule ruleBetween(int a, int b) {
    return directRule.get(key(a, b));
  }

  boolean together(int a, int b) {
    return groupOf[a] == groupOf[b];
  }

  private long key(int a, int b) {
    return (long) Math.min(a, b) * n + Math.max(a, b);
  }

  private static int find(int[] parent, int x) {
    while (parent[x] != x) {
      parent[x] = parent[parent[x]];
      x = parent[x];
    }
    return x;
  }

  private static void union(int[] parent, int a, int b) {
    int ra = find(parent, a);
    int rb = find(parent, b);
    if (ra != rb) {
      // The smaller id is the root, so groups are found in graph order.
      parent[Math.max(ra, rb)] = Math.min(ra, rb);
    }
  }
}
