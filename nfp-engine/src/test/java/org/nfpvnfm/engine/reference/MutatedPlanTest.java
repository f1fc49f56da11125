package org.nfpvnfm.engine.reference;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;
import java.util.function.Predicate;
import java.util.function.UnaryOperator;
import net.jqwik.api.Example;
import net.jqwik.api.RandomGenerator;
import org.jspecify.annotations.Nullable;
import org.nfpvnfm.engine.Compilation;
import org.nfpvnfm.engine.CopyKind;
import org.nfpvnfm.engine.ForwardingEntry;
import org.nfpvnfm.engine.Hop;
import org.nfpvnfm.engine.MergeEntry;
import org.nfpvnfm.engine.ServiceGraph;

/**
 * The differential check has teeth on real plans, not only on hand-made ones: take graphs the
 * engine compiled from random policies, break one thing in their tables the way a planner bug
 * would, and count how often the check notices. Some mutants cannot be noticed (a forgotten dropper
 * whose drop a priority always overrules, a field owner whose value a later NF overwrites unread),
 * so the bar is a rate per kind of mutation, not every mutant.
 */
class MutatedPlanTest {

  enum Mutation {
    SHARE_A_COPY(0.9),
    HEADER_COPY_FOR_FULL(0.9),
    OWNER_ON_ANOTHER_BUFFER(0.8),
    OWNER_FORGOTTEN(0.8),
    HEADER_OPS_REVERSED(0.9),
    HEADER_OP_FORGOTTEN(0.9),
    DROPPER_FORGOTTEN(0.6),
    OVERRIDE_FORGOTTEN(0.5);

    final double minCaught;

    Mutation(double minCaught) {
      this.minCaught = minCaught;
    }
  }

  // An example, not a property: it runs once, from a fixed seed, on jqwik's thread so that the
  // property test's generators can make its cases.
  @Example
  void catchesMostMutantsOfCompiledPlans() {
    RandomGenerator<DifferentialPropertyTest.Case> cases =
        DifferentialPropertyTest.cases(2, 8).generator(1000);
    Random random = new Random(20170821);
    // Per mutation: mutants made, mutants caught.
    int[][] tally = new int[Mutation.values().length][2];
    for (int i = 0; i < 5000; i++) {
      DifferentialPropertyTest.Case c = cases.next(random).value();
      Compilation compilation = Policies.compileModel(c.nfs(), c.rules());
      if (!compilation.ok() || compilation.serviceGraphs().getFirst().merges().isEmpty()) {
        continue;
      }
      ServiceGraph g = compilation.serviceGraphs().getFirst();
      for (Mutation m : Mutation.values()) {
        ServiceGraph mutant = mutate(g, m, random);
        if (mutant == null) {
          continue;
        }
        int[] t = tally[m.ordinal()];
        t[0]++;
        for (long seed = 0; seed < 4; seed++) {
          if (!Differential.check(mutant, c.packets(), c.seed() + seed).agrees()) {
            t[1]++;
            break;
          }
        }
      }
    }
    StringBuilder report = new StringBuilder("mutants caught:");
    for (Mutation m : Mutation.values()) {
      report.append(" %s %d/%d".formatted(m, tally[m.ordinal()][1], tally[m.ordinal()][0]));
    }
    System.out.println(report);
    for (Mutation m : Mutation.values()) {
      int[] t = tally[m.ordinal()];
      assertThat(t[0]).as("%s mutants made", m).isGreaterThan(30);
      assertThat((double) t[1] / t[0])
          .as("share of %s mutants caught (%s)", m, report)
          .isGreaterThanOrEqualTo(m.minCaught);
    }
  }

  private static @Nullable ServiceGraph mutate(ServiceGraph g, Mutation m, Random random) {
    return switch (m) {
      case SHARE_A_COPY ->
          changeOneHop(
              g, h -> h.copy() != CopyKind.SHARED, h -> withCopy(h, CopyKind.SHARED), random);
      case HEADER_COPY_FOR_FULL ->
          changeOneHop(
              g,
              h -> h.copy() == CopyKind.FULL_COPY,
              h -> withCopy(h, CopyKind.HEADER_COPY),
              random);
      case OWNER_ON_ANOTHER_BUFFER ->
          changeOneMerge(
              g,
              e -> e.fields().stream().anyMatch(MergeEntry.FieldOwner::copy),
              e -> ownerElsewhere(e, random),
              random);
      case OWNER_FORGOTTEN ->
          changeOneMerge(
              g,
              e -> e.fields().stream().anyMatch(MergeEntry.FieldOwner::copy),
              e -> {
                List<MergeEntry.FieldOwner> fields = new ArrayList<>(e.fields());
                List<MergeEntry.FieldOwner> copied =
                    fields.stream().filter(MergeEntry.FieldOwner::copy).toList();
                fields.remove(copied.get(random.nextInt(copied.size())));
                return merge(e, fields, e.headerOps(), e.drop());
              },
              random);
      case HEADER_OPS_REVERSED ->
          changeOneMerge(
              g,
              e -> e.headerOps().size() > 1,
              e -> {
                List<MergeEntry.HeaderOp> ops = new ArrayList<>(e.headerOps());
                Collections.reverse(ops);
                return merge(e, e.fields(), ops, e.drop());
              },
              random);
      case HEADER_OP_FORGOTTEN ->
          changeOneMerge(
              g,
              e -> !e.headerOps().isEmpty(),
              e -> merge(e, e.fields(), without(e.headerOps(), random), e.drop()),
              random);
      case DROPPER_FORGOTTEN ->
          changeOneMerge(
              g,
              e -> !e.drop().droppers().isEmpty(),
              e ->
                  merge(
                      e,
                      e.fields(),
                      e.headerOps(),
                      new MergeEntry.DropRule(
                          without(e.drop().droppers(), random), e.drop().overrides())),
              random);
      case OVERRIDE_FORGOTTEN ->
          changeOneMerge(
              g,
              e -> !e.drop().overrides().isEmpty(),
              e ->
                  merge(
                      e,
                      e.fields(),
                      e.headerOps(),
                      new MergeEntry.DropRule(
                          e.drop().droppers(), without(e.drop().overrides(), random))),
              random);
    };
  }

  private static <T> List<T> without(List<T> list, Random random) {
    List<T> shorter = new ArrayList<>(list);
    shorter.remove(random.nextInt(shorter.size()));
    return shorter;
  }

  private static Hop withCopy(Hop h, CopyKind copy) {
    return new Hop(h.to(), copy, h.buffer(), h.source());
  }

  /** Another owner version, one on a different buffer (on the same one the mutant is no bug). */
  private static MergeEntry ownerElsewhere(MergeEntry e, Random random) {
    List<MergeEntry.FieldOwner> fields = new ArrayList<>(e.fields());
    List<MergeEntry.FieldOwner> copied =
        fields.stream().filter(MergeEntry.FieldOwner::copy).toList();
    MergeEntry.FieldOwner o = copied.get(random.nextInt(copied.size()));
    int buffer = e.versions().get(o.version()).buffer();
    List<MergeEntry.Version> others =
        e.versions().stream().filter(v -> v.buffer() != buffer).toList();
    MergeEntry.Version v = others.get(random.nextInt(others.size()));
    fields.set(
        fields.indexOf(o),
        new MergeEntry.FieldOwner(
            o.field(), v.version(), o.nf(), o.losers(), o.reason(), o.rule(), true));
    return merge(e, fields, e.headerOps(), e.drop());
  }

  /**
   * Changes one hop that {@code which} selects, wherever it is: a merger's hops are in both its
   * forwarding row and its merge entry, and both change.
   */
  private static @Nullable ServiceGraph changeOneHop(
      ServiceGraph g, Predicate<Hop> which, UnaryOperator<Hop> change, Random random) {
    List<int[]> spots = new ArrayList<>();
    for (int r = 0; r < g.forwarding().size(); r++) {
      List<Hop> hops = g.forwarding().get(r).hops();
      for (int h = 0; h < hops.size(); h++) {
        if (which.test(hops.get(h))) {
          spots.add(new int[] {r, h});
        }
      }
    }
    if (spots.isEmpty()) {
      return null;
    }
    int[] spot = spots.get(random.nextInt(spots.size()));
    ForwardingEntry row = g.forwarding().get(spot[0]);
    List<Hop> hops = new ArrayList<>(row.hops());
    hops.set(spot[1], change.apply(hops.get(spot[1])));
    List<ForwardingEntry> rows = new ArrayList<>(g.forwarding());
    rows.set(
        spot[0], new ForwardingEntry(row.from(), row.buffer(), row.merge(), row.version(), hops));
    List<MergeEntry> merges =
        g.merges().stream()
            .map(
                e ->
                    row.from().kind() == org.nfpvnfm.engine.Endpoint.Kind.MERGER
                            && row.from().id() == e.id()
                        ? new MergeEntry(
                            e.id(),
                            e.versions(),
                            e.output(),
                            e.fields(),
                            e.headerOps(),
                            e.drop(),
                            e.parentMerge(),
                            e.parentVersion(),
                            hops)
                        : e)
            .toList();
    return graph(g, rows, merges);
  }

  private static @Nullable ServiceGraph changeOneMerge(
      ServiceGraph g,
      Predicate<MergeEntry> which,
      UnaryOperator<MergeEntry> change,
      Random random) {
    List<MergeEntry> candidates = g.merges().stream().filter(which).toList();
    if (candidates.isEmpty()) {
      return null;
    }
    MergeEntry target = candidates.get(random.nextInt(candidates.size()));
    MergeEntry changed = change.apply(target);
    return graph(
        g, g.forwarding(), g.merges().stream().map(e -> e == target ? changed : e).toList());
  }

  private static MergeEntry merge(
      MergeEntry e,
      List<MergeEntry.FieldOwner> fields,
      List<MergeEntry.HeaderOp> ops,
      MergeEntry.DropRule drop) {
    return new MergeEntry(
        e.id(),
        e.versions(),
        e.output(),
        fields,
        ops,
        drop,
        e.parentMerge(),
        e.parentVersion(),
        e.next());
  }

  private static ServiceGraph graph(
      ServiceGraph g, List<ForwardingEntry> rows, List<MergeEntry> merges) {
    return new ServiceGraph(
        g.formatVersion(),
        g.name(),
        g.nfs(),
        g.referenceChain(),
        g.classifiers(),
        g.root(),
        rows,
        merges,
        g.buffers(),
        g.egress(),
        g.summary());
  }
}
