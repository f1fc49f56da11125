package org.nfpvnfm.engine.internal;

import java.util.List;
import org.jspecify.annotations.Nullable;
import org.nfpvnfm.engine.Cause;
import org.nfpvnfm.engine.Conflict;
import org.nfpvnfm.engine.NfpCompiler;
import org.nfpvnfm.engine.Ordering;
import org.nfpvnfm.engine.PairRecord;
import org.nfpvnfm.engine.Relation;
import org.nfpvnfm.tosca.SourceLocation;
import org.nfpvnfm.tosca.nfp.NfpRule;

/**
 * Pass 5, pair analysis (spec §5 step 1): the relation of every two NFs, the earlier in the
 * reference chain first, from the table, the rules that force a relation (position, assign,
 * priority, parallel positions) and missing profiles.
 */
final class Relations {

  final GraphInput in;
  final Steps steps;
  final Constraints constraints;
  final ReferenceChain chain;
  final ProfileBits[] bits;

  /** The graph to build: {@link #planned} differs from {@link #relation} only in its plan. */
  final NfpCompiler.Plan plan;

  /** Precedence of each NF: its place in the flattened reference chain. */
  final int[] rank;

  /** NF ids in precedence order. */
  final int[] byRank;

  Relations(
      GraphInput in,
      Steps steps,
      Constraints constraints,
      ReferenceChain chain,
      NfpCompiler.Plan plan) {
    this.in = in;
    this.plan = plan;
    this.steps = steps;
    this.constraints = constraints;
    this.chain = chain;
    int n = in.size();
    this.bits = new ProfileBits[n];
    for (int i = 0; i < n; i++) {
      bits[i] = ProfileBits.of(in.profiles.get(i));
    }
    this.rank = new int[n];
    this.byRank = new int[n];
    int r = 0;
    for (int g : chain.order) {
      for (int m : steps.groups.get(g)) {
        rank[m] = r;
        byRank[r++] = m;
      }
    }
  }

  /** The relation of x and y, x earlier ({@code rank[x] < rank[y]}). */
  Relation relation(int x, int y) {
    if (steps.together(x, y)) {
      return PairTable.together(bits[x], bits[y]);
    }
    if (pinned(x)
        || pinned(y)
        || (constraints.assigned[x] && constraints.assigned[y])
        || !in.declared.get(x)
        || !in.declared.get(y)) {
      // An NF without a profile could do anything the profile language cannot say (change the
      // length, read a timestamp); the only safe place for it is a sequential one.
      return Relation.SEQUENTIAL;
    }
    return PairTable.relate(bits[x], bits[y]);
  }

  /**
   * The relation the graph is built from, x earlier: {@link #relation} in the parallel plan; in the
   * sequential plan, sequential for NFs of different steps, so the graph is the reference chain.
   * Members of one step keep their relation, since running a step means running its members on the
   * step's input. Pair records and the summary keep reporting {@link #relation}: what the table
   * allows, not what this plan chose to use.
   */
  Relation planned(int x, int y) {
    if (plan == NfpCompiler.Plan.SEQUENTIAL && !steps.together(x, y)) {
      return Relation.SEQUENTIAL;
    }
    return relation(x, y);
  }

  private boolean pinned(int nf) {
    int g = steps.groupOf[nf];
    return g == constraints.firstStep || g == constraints.lastStep;
  }

  /** The position rule that pins {@code nf}'s step, or null. */
  private @Nullable NfpRule pinRule(int nf) {
    int g = steps.groupOf[nf];
    if (g == constraints.firstStep) {
      return constraints.firstRule;
    }
    return g == constraints.lastStep ? constraints.lastRule : null;
  }

  /** The full record for two NFs given in any order. */
  PairRecord record(int a, int b) {
    int x = rank[a] < rank[b] ? a : b;
    int y = x == a ? b : a;
    Relation relation = relation(x, y);
    int gx = steps.groupOf[x];
    int gy = steps.groupOf[y];
    Cause cause;
    List<Conflict> conflicts;
    Ordering ordering;
    NfpRule rule = null;
    if (gx == gy) {
      cause = steps.hasPriority(y, x) ? Cause.PRIORITY : Cause.PARALLEL_POSITION;
      conflicts = PairTable.togetherConflicts(in.profiles.get(x), in.profiles.get(y));
      ordering = Ordering.TOGETHER;
      rule = steps.ruleBetween(x, y);
    } else {
      conflicts = PairTable.conflicts(in.profiles.get(x), in.profiles.get(y));
      rule = constraints.ruleFor(gx, gy);
      if (rule != null
          && !(rule.nfs().contains(in.names.get(x)) && rule.nfs().contains(in.names.get(y)))) {
        // The rule orders their steps through other members: the order is implied, not stated.
        ordering = Ordering.IMPLIED;
      } else if (rule != null) {
        ordering = Ordering.RULE;
      } else if (chain.implied(gx, gy)) {
        ordering = Ordering.IMPLIED;
      } else {
        ordering = Ordering.CHOSEN;
      }
      if (pinned(x) || pinned(y)) {
        cause = Cause.POSITION;
        if (rule == null) {
          rule = pinRule(x) != null ? pinRule(x) : pinRule(y);
        }
      } else if (constraints.assigned[x] && constraints.assigned[y]) {
        cause = Cause.ASSIGN;
      } else if (!in.declared.get(x) || !in.declared.get(y)) {
        cause = Cause.NO_PROFILE;
      } else {
        cause = Cause.TABLE;
      }
    }
    @Nullable SourceLocation at = rule == null ? null : rule.origin();
    return new PairRecord(x, y, relation, cause, ordering, conflicts, at);
  }
}
