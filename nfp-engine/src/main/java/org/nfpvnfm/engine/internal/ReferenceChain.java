package org.nfpvnfm.engine.internal;

import java.util.BitSet;
import java.util.PriorityQueue;

/**
 * Pass 4, the reference chain: one sequential order of the steps that keeps every rule (a linear
 * extension of the order, assign and position edges). The graph must agree with it on every packet.
 *
 * <p>Where no rule orders two steps the operator accepted either order, and the engine picks the
 * one that parallelises best: among the steps whose predecessors are placed, one that only reads
 * goes before one that writes, which goes before one that adds/removes headers or drops (a reader
 * before a writer is copy-parallel, a writer before a reader is sequential; an NF that may drop is
 * sequential before everything). Ties go to the step whose first NF comes first in the graph, so
 * the chain is deterministic and a fully ordered graph (a Tacker path) keeps its path order.
 */
final class ReferenceChain {

  /** Step ids in chain order. */
  final int[] order;

  /** Chain position of each step (its index in {@code ServiceGraph.referenceChain()}). */
  final int[] positionOf;

  private final Constraints constraints;
  private BitSet @org.jspecify.annotations.Nullable [] reach;

  private ReferenceChain(int[] order, Constraints constraints) {
    this.order = order;
    this.constraints = constraints;
    this.positionOf = new int[order.length];
    for (int i = 0; i < order.length; i++) {
      positionOf[order[i]] = i;
    }
  }

  static ReferenceChain of(GraphInput in, Steps st, Constraints c) {
    int s = st.groups.size();
    int[] score = new int[s];
    for (int g = 0; g < s; g++) {
      for (int m : st.groups.get(g)) {
        ProfileBits p = ProfileBits.of(in.profiles.get(m));
        int v = p.drop() || p.addRemove() ? 2 : p.writes() != 0 ? 1 : 0;
        score[g] = Math.max(score[g], v);
      }
    }
    int[] indegree = new int[s];
    for (int g = 0; g < s; g++) {
      for (int i = 0; i < c.succ[g].size(); i++) {
        indegree[c.succ[g].get(i)]++;
      }
    }
    // Groups are numbered in order of their first NF, so the group id is the graph-order tie-break.
    PriorityQueue<Integer> ready =
        new PriorityQueue<>((a, b) -> score[a] != score[b] ? score[a] - score[b] : a - b);
    for (int g = 0; g < s; g++) {
      if (indegree[g] == 0 && g != c.firstStep && g != c.lastStep) {
        ready.add(g);
      }
    }
    int[] order = new int[s];
    int n = 0;
    if (c.firstStep >= 0) {
      order[n++] = c.firstStep;
      for (int i = 0; i < c.succ[c.firstStep].size(); i++) {
        int h = c.succ[c.firstStep].get(i);
        if (--indegree[h] == 0 && h != c.lastStep) {
          ready.add(h);
        }
      }
    }
    while (!ready.isEmpty()) {
      int g = ready.poll();
      order[n++] = g;
      for (int i = 0; i < c.succ[g].size(); i++) {
        int h = c.succ[g].get(i);
        if (--indegree[h] == 0 && h != c.lastStep && h != c.firstStep) {
          ready.add(h);
        }
      }
    }
    if (c.lastStep >= 0 && c.lastStep != c.firstStep) {
      order[n++] = c.lastStep;
    }
    if (n != s) {
      throw new IllegalStateException(
          "reference chain placed %d of %d steps (expected: constraints checked acyclic)"
              .formatted(n, s));
    }
    return new ReferenceChain(order, c);
  }

  /**
   * True when the rules (not the engine's choice) put step {@code a} before step {@code b}: through
   * order and assign edges, or because one of them is pinned first or last.
   */
  boolean implied(int a, int b) {
    if (a == constraints.firstStep || b == constraints.lastStep) {
      return true;
    }
    BitSet[] r = reach;
    if (r == null) {
      r = closure();
      reach = r;
    }
    return r[a].get(b);
  }

  private BitSet[] closure() {
    int s = order.length;
    BitSet[] r = new BitSet[s];
    for (int i = s - 1; i >= 0; i--) {
      int g = order[i];
      r[g] = new BitSet(s);
      for (int k = 0; k < constraints.succ[g].size(); k++) {
        int h = constraints.succ[g].get(k);
        r[g].set(h);
        // h comes later in the chain, so its closure is already known.
        r[g].or(r[h]);
      }
    }
    return r;
  }
}
