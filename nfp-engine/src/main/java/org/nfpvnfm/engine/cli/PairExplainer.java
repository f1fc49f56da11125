package org.nfpvnfm.engine.cli;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Deque;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;
import org.jspecify.annotations.Nullable;
import org.nfpvnfm.engine.Action;
import org.nfpvnfm.engine.Cause;
import org.nfpvnfm.engine.Conflict;
import org.nfpvnfm.engine.CopyKind;
import org.nfpvnfm.engine.GraphNf;
import org.nfpvnfm.engine.GraphNode;
import org.nfpvnfm.engine.MergeEntry;
import org.nfpvnfm.engine.NfpCompiler;
import org.nfpvnfm.engine.PairRecord;
import org.nfpvnfm.engine.Relation;
import org.nfpvnfm.engine.ServiceGraph;
import org.nfpvnfm.tosca.SourceLocation;
import org.nfpvnfm.tosca.nfp.NfpModel;
import org.nfpvnfm.tosca.nfp.NfpRule;

/**
 * Turns a {@link PairRecord} into sentences an operator can check against the descriptor: which NF
 * the reference chain puts first and which rule says so, what the pair may do together, why (naming
 * each conflicting cell of the action table with its field and both actions), and where the two NFs
 * ended up in the compiled graph. It only restates the record and the graph; the one thing it looks
 * up itself is the rule text, in the NFP model, from the location the record gives.
 */
final class PairExplainer {

  /** What {@code nfp explain} prints for one pair in one graph. */
  record Explanation(
      ServiceGraph graph,
      PairRecord pair,
      @Nullable String ruleText,
      String order,
      String relation,
      String cause,
      List<ConflictLine> conflicts,
      Placement placement) {

    GraphNf first() {
      return graph.nf(pair.first());
    }

    GraphNf second() {
      return graph.nf(pair.second());
    }
  }

  /** One conflicting cell and the sentence that explains it. */
  record ConflictLine(Conflict conflict, String sentence) {}

  /**
   * Where the pair ended up: in parallel in the block of {@code merge}, or one after the other,
   * {@code earlier} first ({@code merge} is then the innermost block whose one branch holds both,
   * or -1).
   */
  record Placement(boolean parallel, int merge, String earlier, String sentence) {}

  private final NfpModel model;
  private final ServiceGraph graph;
  private final PairRecord pair;
  private final String a;
  private final String b;

  private PairExplainer(NfpModel model, ServiceGraph graph, PairRecord pair) {
    this.model = model;
    this.graph = graph;
    this.pair = pair;
    this.a = graph.nf(pair.first()).name();
    this.b = graph.nf(pair.second()).name();
  }

  static Explanation explain(NfpModel model, ServiceGraph graph, PairRecord pair) {
    PairExplainer e = new PairExplainer(model, graph, pair);
    Optional<NfpRule> rule = e.ruleAt(pair.rule());
    String ruleText = rule.map(PairExplainer::describe).orElse(null);
    return new Explanation(
        graph,
        pair,
        ruleText,
        e.order(ruleText),
        e.relation(),
        e.cause(ruleText),
        pair.conflicts().stream().map(c -> new ConflictLine(c, e.conflict(c))).toList(),
        e.placement());
  }

  // ---- the order in the reference chain ----

  private String order(@Nullable String ruleText) {
    GraphNf first = graph.nf(pair.first());
    GraphNf second = graph.nf(pair.second());
    String steps =
        (first.step() == second.step()
                ? " (both at step " + (first.step() + 1)
                : " (steps " + (first.step() + 1) + " and " + (second.step() + 1))
            + " of "
            + graph.referenceChain().size()
            + ")";
    String at = ruleText == null ? "" : ruleText + " at " + pair.rule();
    return switch (pair.ordering()) {
      case RULE ->
          a
              + " comes before "
              + b
              + " in the reference chain"
              + steps
              + " because a rule says so"
              + (at.isEmpty() ? "" : ": " + at);
      case IMPLIED -> {
        String how;
        if (!at.isEmpty()) {
          how = ": " + at;
        } else {
          List<NfpRule.Order> path = orderPath(a, b);
          how =
              path.isEmpty()
                  ? " through other NFs"
                  : " through other NFs: "
                      + path.stream()
                          .map(r -> describe(r) + " at " + r.origin())
                          .collect(Collectors.joining(", then "));
        }
        yield a
            + " comes before "
            + b
            + " in the reference chain"
            + steps
            + ": rules imply it"
            + how;
      }
      case CHOSEN ->
          "no rule orders "
              + a
              + " and "
              + b
              + "; the engine put "
              + a
              + " first in the reference chain"
              + steps
              + ", the order that lets them run in parallel best";
      case TOGETHER ->
          a
              + " and "
              + b
              + " run together, with no order between them"
              + steps
              + (at.isEmpty() ? "" : ": " + at)
              + "; "
              + a
              + " is listed first because it has the lower precedence (where both write a"
              + " field, "
              + b
              + "'s value survives)";
    };
  }

  /** The shortest chain of order rules from {@code from} to {@code to}, or empty. */
  private List<NfpRule.Order> orderPath(String from, String to) {
    Map<String, List<NfpRule.Order>> out = new HashMap<>();
    for (NfpRule r : rules()) {
      if (r instanceof NfpRule.Order o) {
        out.computeIfAbsent(o.before(), k -> new ArrayList<>()).add(o);
      }
    }
    Map<String, NfpRule.Order> reachedBy = new HashMap<>();
    Deque<String> queue = new ArrayDeque<>(List.of(from));
    while (!queue.isEmpty()) {
      String nf = queue.removeFirst();
      if (nf.equals(to)) {
        List<NfpRule.Order> path = new ArrayList<>();
        for (String at = to; !at.equals(from); ) {
          NfpRule.Order o = reachedBy.get(at);
          if (o == null) {
            break;
          }
          path.add(0, o);
          at = o.before();
        }
        return path;
      }
      for (NfpRule.Order o : out.getOrDefault(nf, List.of())) {
        if (!o.after().equals(from) && !reachedBy.containsKey(o.after())) {
          reachedBy.put(o.after(), o);
          queue.addLast(o.after());
        }
      }
    }
    return List.of();
  }

  // ---- the relation and its cause ----

  private String relation() {
    return switch (pair.relation()) {
      case PARALLEL ->
          "parallel: "
              + a
              + " and "
              + b
              + " may work on the same packet at the same time,"
              + " sharing one buffer";
      case PARALLEL_WITH_COPY ->
          "copy-parallel: "
              + a
              + " and "
              + b
              + " may run at the same time, each on its own version of the packet; the merger"
              + " combines the versions";
      case SEQUENTIAL -> "sequential: " + b + " must see " + a + "'s result, so it runs after " + a;
    };
  }

  private String cause(@Nullable String ruleText) {
    GraphNf first = graph.nf(pair.first());
    GraphNf second = graph.nf(pair.second());
    String at = ruleText == null ? "" : " (" + ruleText + " at " + pair.rule() + ")";
    return switch (pair.cause()) {
      case TABLE -> {
        String profiles =
            "the action table (spec §4), applied to their profiles: "
                + profile(first)
                + " and "
                + profile(second);
        yield pair.conflicts().isEmpty()
            ? profiles
                + ". No cell conflicts (they touch different fields, or only read the same ones),"
                + " so they may share one packet"
            : profiles + ". The pair is as sequential as its most sequential conflicting cell";
      }
      case PRIORITY ->
          priorityRule().orElse("a priority rule" + at)
              + ": they always run in parallel; where their actions overlap, "
              + higher()
              + "'s result wins, its drop verdict included";
      case PARALLEL_POSITION ->
          "they share a SOL001 NfpPosition with forwarding_behaviour: all"
              + at
              + ", so both see every packet and run in parallel; where both write a field, the"
              + " merger keeps "
              + b
              + "'s value";
      case POSITION -> position() + tableAlso();
      case ASSIGN ->
          "both are placed by assign rules (classic chaining: "
              + rulesNaming(NfpRule.Assign.class)
              + "), and an assigned chain runs one NF after the other as written"
              + tableAlso();
      case NO_PROFILE -> {
        String missing =
            List.of(first, second).stream()
                .filter(n -> !n.declaredProfile())
                .map(GraphNf::name)
                .collect(Collectors.joining(" and "));
        yield missing
            + (missing.contains(" and ") ? " have" : " has")
            + " no action profile, so the engine assumes the worst: every field read and"
            + " written, headers added or removed, packets dropped; declare an"
            + " nfp.policies.ActionProfile for it";
      }
    };
  }

  /**
   * Who is pinned and by which rule: {@code VPN is pinned first by position(VPN, first) at ...}.
   */
  private String position() {
    List<String> pinned = new ArrayList<>();
    for (NfpRule r : rules()) {
      if (r instanceof NfpRule.Position p && (p.nf().equals(a) || p.nf().equals(b))) {
        boolean first = p.placement() == NfpRule.Placement.FIRST;
        pinned.add(
            p.nf()
                + " is pinned "
                + (first ? "first" : "last")
                + " by "
                + describe(p)
                + " at "
                + p.origin()
                + ", so it runs alone at the "
                + (first ? "head" : "tail")
                + " of the graph, "
                + (first ? "before" : "after")
                + " every other NF");
      }
    }
    return pinned.isEmpty()
        ? "one of them is pinned first or last by a position rule, so it runs alone at that end"
        : String.join("; ", pinned);
  }

  /** For causes other than the table, what the table would have said too, when it says anything. */
  private String tableAlso() {
    return pair.conflicts().isEmpty()
        ? ""
        : ". Their profiles conflict as well (" + profiles() + "); the cells are below";
  }

  private String profiles() {
    return profile(graph.nf(pair.first())) + " and " + profile(graph.nf(pair.second()));
  }

  /** {@code FW (firewall: R sip dip; D)}. */
  private static String profile(GraphNf nf) {
    return nf.name() + " (" + Text.profileName(nf) + ": " + Text.accesses(nf.profile()) + ")";
  }

  /**
   * The priority rule between the two, looked up by the NFs it names: the record's own location may
   * be another rule that groups them (a parallel position), and the operator wants the priority
   * rule here.
   */
  private Optional<String> priorityRule() {
    return rules().stream()
        .filter(r -> r instanceof NfpRule.Priority)
        .filter(r -> r.nfs().contains(a) && r.nfs().contains(b))
        .findFirst()
        .map(r -> describe(r) + " at " + r.origin());
  }

  /** The NF whose result wins between two NFs run together: the one with priority. */
  private String higher() {
    GraphNf first = graph.nf(pair.first());
    return first.priorityOver().contains(pair.second()) ? a : b;
  }

  private String rulesNaming(Class<? extends NfpRule> kind) {
    return rules().stream()
        .filter(kind::isInstance)
        .filter(r -> r.nfs().contains(a) || r.nfs().contains(b))
        .map(r -> describe(r) + " at " + r.origin())
        .collect(Collectors.joining(", "));
  }

  // ---- the cells ----

  private String conflict(Conflict c) {
    String subject =
        a
            + " "
            + action(c.first(), c.field() == null ? null : Text.field(c.field()), true)
            + " and "
            + b
            + " "
            + action(c.second(), c.field() == null ? null : Text.field(c.field()), false);
    boolean together = pair.cause() == Cause.PRIORITY || pair.cause() == Cause.PARALLEL_POSITION;
    String verdict;
    if (together) {
      verdict =
          ": they run at the same time on separate versions where needed, and the merger"
              + " resolves it in "
              + (pair.cause() == Cause.PRIORITY ? higher() : b)
              + "'s favour";
    } else {
      verdict =
          switch (c.relation()) {
            case SEQUENTIAL -> ", so " + b + " must come after " + a + ": sequential";
            case PARALLEL_WITH_COPY ->
                ": they could run in parallel, but only on separate copies of the packet"
                    + " (copy-parallel)";
            case PARALLEL -> ": they could share one packet (parallel)";
          };
    }
    return subject + verdict + " [" + c + "]";
  }

  /**
   * {@code reads sip (R)}, {@code writes it (W)}, {@code may drop packets (D)}: {@code field} null
   * means the action concerns the whole packet.
   */
  private static String action(Action action, @Nullable String field, boolean firstMention) {
    String what = field == null ? "packet fields" : firstMention ? field : "it";
    return switch (action) {
      case READ -> "reads " + what + " (R)";
      case WRITE -> "writes " + what + " (W)";
      case ADD_REMOVE -> "adds or removes headers (A)";
      case DROP -> "may drop packets (D)";
      case SEE -> "sees every packet that reaches it";
    };
  }

  // ---- where they are in the graph ----

  private Placement placement() {
    List<Integer> pa = pathTo(graph.root(), pair.first(), new ArrayList<>());
    List<Integer> pb = pathTo(graph.root(), pair.second(), new ArrayList<>());
    GraphNode node = graph.root();
    int depth = 0;
    // Walk down while both NFs are under the same child: the node where they part is either a
    // parallel block (they run in parallel) or a series (one runs after the other).
    while (depth < pa.size() && depth < pb.size() && pa.get(depth).equals(pb.get(depth))) {
      node = child(node, pa.get(depth));
      depth++;
    }
    String whereA = enclosing(pa);
    String whereB = enclosing(pb);
    if (node instanceof GraphNode.Parallel parallel) {
      MergeEntry merge = graph.merges().get(parallel.merge());
      MergeEntry.Version va = merge.versions().get(pa.get(depth));
      MergeEntry.Version vb = merge.versions().get(pb.get(depth));
      String buffers =
          va.buffer() == vb.buffer()
              ? "sharing buf " + va.buffer()
              : a
                  + " on buf "
                  + va.buffer()
                  + " ("
                  + Text.copy(va.copy())
                  + "), "
                  + b
                  + " on buf "
                  + vb.buffer()
                  + " ("
                  + Text.copy(vb.copy())
                  + ")";
      // A sequential pair inside one parallel block would break the result-correctness
      // principle: point it out rather than explain it away.
      String contradiction =
          pair.relation() == Relation.SEQUENTIAL
              ? ". This contradicts the pair record (sequential): it is a bug in the engine,"
                  + " please report it"
              : "";
      return new Placement(
          true,
          parallel.merge(),
          a,
          "in parallel, in the block of merger "
              + parallel.merge()
              + ": "
              + a
              + " in version "
              + va.version()
              + ", "
              + b
              + " in version "
              + vb.version()
              + ", "
              + buffers
              + contradiction);
    }
    boolean aFirst = pa.get(depth) < pb.get(depth);
    String earlier = aFirst ? a : b;
    String later = aFirst ? b : a;
    int merge = innermostMerge(graph.root(), pa.subList(0, depth));
    String shared = merge >= 0 ? " (both in one branch of the block of merger " + merge + ")" : "";
    String where =
        whereA.equals(whereB)
            ? "both are " + whereA
            : a + " is " + whereA + ", " + b + " is " + whereB;
    // The pair record judges two NFs alone; the graph's shape is chosen with every NF in view, so
    // a pair that may run in parallel can still end up in sequence. Say so, or it reads as a
    // contradiction.
    String note =
        pair.relation() == Relation.SEQUENTIAL
            ? ""
            : ". As a pair they could run in parallel; the shape the engine chose for the whole"
                + " graph puts them one after the other";
    return new Placement(
        false,
        merge,
        earlier,
        "one after the other: " + earlier + " then " + later + shared + "; " + where + note);
  }

  /** Child indices from the root down to NF {@code nf}, or null when it is not below. */
  private static @Nullable List<Integer> findPath(GraphNode node, int nf, List<Integer> path) {
    switch (node) {
      case GraphNode.Nf leaf -> {
        return leaf.nf() == nf ? path : null;
      }
      case GraphNode.Series series -> {
        return findIn(series.parts(), nf, path);
      }
      case GraphNode.Parallel parallel -> {
        return findIn(parallel.branches(), nf, path);
      }
    }
  }

  private static @Nullable List<Integer> findIn(
      List<GraphNode> children, int nf, List<Integer> path) {
    for (int i = 0; i < children.size(); i++) {
      path.add(i);
      List<Integer> found = findPath(children.get(i), nf, path);
      if (found != null) {
        return found;
      }
      path.remove(path.size() - 1);
    }
    return null;
  }

  private static List<Integer> pathTo(GraphNode root, int nf, List<Integer> path) {
    List<Integer> found = findPath(root, nf, path);
    if (found == null) {
      throw new IllegalStateException("NF " + nf + " is not in the graph's tree");
    }
    return found;
  }

  private static GraphNode child(GraphNode node, int index) {
    return switch (node) {
      case GraphNode.Nf nf -> throw new IllegalStateException("an NF has no children: " + nf);
      case GraphNode.Series series -> series.parts().get(index);
      case GraphNode.Parallel parallel -> parallel.branches().get(index);
    };
  }

  /** The merger of the innermost parallel block on {@code path}, or -1. */
  private static int innermostMerge(GraphNode root, List<Integer> path) {
    int merge = -1;
    GraphNode node = root;
    for (int index : path) {
      if (node instanceof GraphNode.Parallel parallel) {
        merge = parallel.merge();
      }
      node = child(node, index);
    }
    return merge;
  }

  /**
   * {@code outside every parallel block} or {@code in the parallel block of merger 0 (version 1)},
   * innermost block first.
   */
  private String enclosing(List<Integer> path) {
    List<String> blocks = new ArrayList<>();
    GraphNode node = graph.root();
    for (int index : path) {
      if (node instanceof GraphNode.Parallel parallel) {
        MergeEntry.Version v = graph.merges().get(parallel.merge()).versions().get(index);
        blocks.add(
            "the parallel block of merger "
                + parallel.merge()
                + " (version "
                + v.version()
                + (v.copy() == CopyKind.SHARED
                    ? ""
                    : ", on a " + Text.copy(v.copy()) + ", buf " + v.buffer())
                + ")");
      }
      node = child(node, index);
    }
    if (blocks.isEmpty()) {
      return "outside every parallel block";
    }
    java.util.Collections.reverse(blocks);
    return "in " + String.join(", inside ", blocks);
  }

  // ---- rules ----

  /** The rules that apply to this graph (for the implicit graph: every rule of the template). */
  private List<NfpRule> rules() {
    return graph.name().equals(NfpCompiler.IMPLICIT_GRAPH)
        ? model.rules()
        : model.rulesFor(graph.name());
  }

  /**
   * The rule written at {@code at}. Several rules can share a place (a Tacker path is one order
   * rule per hop, all at the path), so prefer one naming both NFs, then one naming either.
   */
  private Optional<NfpRule> ruleAt(@Nullable SourceLocation at) {
    if (at == null) {
      return Optional.empty();
    }
    List<NfpRule> there = model.rules().stream().filter(r -> r.origin().equals(at)).toList();
    return there.stream()
        .max(
            Comparator.comparingInt(
                r -> (r.nfs().contains(a) ? 1 : 0) + (r.nfs().contains(b) ? 1 : 0)));
  }

  /**
   * The rule in the spec's notation: {@code order(FW, before, LB)}, {@code position(VPN, first)}.
   */
  static String describe(NfpRule rule) {
    return switch (rule) {
      case NfpRule.Assign r -> "assign(" + r.nf() + ", " + r.index() + ")";
      case NfpRule.Order r -> "order(" + r.before() + ", before, " + r.after() + ")";
      case NfpRule.Priority r -> "priority(" + r.higher() + " > " + r.lower() + ")";
      case NfpRule.Position r ->
          "position(" + r.nf() + ", " + r.placement().name().toLowerCase(Locale.ROOT) + ")";
      case NfpRule.Parallel r -> "parallel position {" + String.join(", ", r.nfs()) + "}";
    };
  }
}
