package org.nfpvnfm.engine.reference;

import static org.assertj.core.api.Assertions.assertThat;

import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.lifecycle.AfterProperty;
import net.jqwik.api.lifecycle.BeforeProperty;
import org.nfpvnfm.engine.Compilation;
import org.nfpvnfm.engine.CopyKind;
import org.nfpvnfm.engine.GraphCompilation;
import org.nfpvnfm.engine.NfpCompiler;
import org.nfpvnfm.engine.ServiceGraph;
import org.nfpvnfm.engine.reference.DifferentialPropertyTest.Case;
import org.nfpvnfm.tosca.nfp.NfpModel;

/**
 * The sequential plan, run from its tables alone, gives every packet the reference chain's outcome
 * and every NF the reference chain's inputs; it is the chain (one stage per step, copies only
 * inside steps of NFs run together); and choosing it changes neither the diagnostics nor the pair
 * records. The cases are {@link DifferentialPropertyTest}'s.
 */
class SequentialPlanPropertyTest {

  private static final NfpCompiler SEQUENTIAL =
      NfpCompiler.create().plan(NfpCompiler.Plan.SEQUENTIAL);

  private static int cases;
  private static int compiled;
  private static int withSteps;
  private static int withCopies;
  private static int packets;
  private static int divergences;
  private static long start;

  @BeforeProperty
  void resetStats() {
    cases = 0;
    compiled = 0;
    withSteps = 0;
    withCopies = 0;
    packets = 0;
    divergences = 0;
    start = System.nanoTime();
  }

  @AfterProperty
  void printStats() {
    System.out.printf(
        "sequential plan: %d cases, %d compiled (%d with NFs run together, %d of them with"
            + " copies), %d packets, %d divergences, %.1f s%n",
        cases,
        compiled,
        withSteps,
        withCopies,
        packets,
        divergences,
        (System.nanoTime() - start) / 1e9);
  }

  @Property(tries = 3000)
  void sequentialPlanAgreesWithReferenceChainHopByHop(@ForAll("smallCases") Case c) {
    check(c, ReferenceInterpreter.Handoff.HOP_BY_HOP);
  }

  @Property(tries = 500)
  void largerSequentialPlanAgreesWithReferenceChain(@ForAll("largeCases") Case c) {
    check(c, ReferenceInterpreter.Handoff.ROW_AT_ONCE);
  }

  private static void check(Case c, ReferenceInterpreter.Handoff handoff) {
    cases++;
    NfpModel model = Policies.model(c.nfs(), c.rules());
    Compilation parallel = NfpCompiler.create().compile(model);
    Compilation sequential = SEQUENTIAL.compile(model);
    assertThat(sequential.diagnostics())
        .as("the plan must not change the diagnostics\n%s", c)
        .isEqualTo(parallel.diagnostics());
    GraphCompilation pgc = parallel.graphs().getFirst();
    GraphCompilation sgc = sequential.graphs().getFirst();
    assertThat(sgc.serviceGraph().isPresent()).isEqualTo(pgc.serviceGraph().isPresent());
    if (sgc.serviceGraph().isEmpty()) {
      return;
    }
    compiled++;
    ServiceGraph p = pgc.serviceGraph().orElseThrow();
    ServiceGraph g = sgc.serviceGraph().orElseThrow();
    String plan = PlanText.describe(g);

    assertThat(g.referenceChain()).as("%s\n%s", c, plan).isEqualTo(p.referenceChain());
    assertThat(g.plan()).as("%s\n%s", c, plan).isEqualTo(NfpCompiler.Plan.SEQUENTIAL);
    assertThat(g.summary().length()).isEqualTo(g.referenceChain().size());
    long together = g.referenceChain().stream().filter(step -> step.size() > 1).count();
    if (together > 0) {
      withSteps++;
    }
    assertThat(g.merges())
        .as("one merger per step of NFs run together\n%s", plan)
        .hasSize((int) together);
    if (g.buffers().size() > 1) {
      withCopies++;
    }
    if (together == 0) {
      assertThat(g.buffers()).as("no step needs a copy\n%s", plan).hasSize(1);
    }
    // Every copy is made at the fork of a step's block, for that step's members.
    g.buffers().stream()
        .filter(b -> b.copy() != CopyKind.SHARED)
        .forEach(b -> assertThat(b.merge()).as("%s", plan).isGreaterThanOrEqualTo(0));
    assertThat(g.summary().pairs()).isEqualTo(p.summary().pairs());
    assertThat(g.summary().parallelPairs()).isEqualTo(p.summary().parallelPairs());
    assertThat(g.summary().copyParallelPairs()).isEqualTo(p.summary().copyParallelPairs());
    assertThat(sgc.pairs()).as("pair records report the table").isEqualTo(pgc.pairs());

    Differential.Result r =
        Differential.check(g, c.packets(), c.seed(), NfModel::deterministic, handoff);
    packets += r.packets();
    if (r.divergence().isPresent()) {
      divergences++;
      throw new AssertionError(
          "the sequential plan must agree with its reference chain\n"
              + c
              + "\n"
              + r.divergence().get().report());
    }
  }

  @Provide
  Arbitrary<Case> smallCases() {
    return DifferentialPropertyTest.cases(2, 8);
  }

  @Provide
  Arbitrary<Case> largeCases() {
    return DifferentialPropertyTest.cases(9, 14);
  }
}
