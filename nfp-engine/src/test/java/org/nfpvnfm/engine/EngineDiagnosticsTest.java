package org.nfpvnfm.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.nfpvnfm.tosca.nfp.BuiltInProfiles.FIREWALL;
import static org.nfpvnfm.tosca.nfp.BuiltInProfiles.LOAD_BALANCER;
import static org.nfpvnfm.tosca.nfp.BuiltInProfiles.MONITOR;
import static org.nfpvnfm.tosca.nfp.BuiltInProfiles.NAT;
import static org.nfpvnfm.tosca.nfp.BuiltInProfiles.NIDS;
import static org.nfpvnfm.tosca.nfp.BuiltInProfiles.VPN;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.nfpvnfm.tosca.Diagnostic;
import org.nfpvnfm.tosca.DiagnosticCode;
import org.nfpvnfm.tosca.SourceLocation;
import org.nfpvnfm.tosca.nfp.ForwardingGraph;
import org.nfpvnfm.tosca.nfp.NetworkFunction;
import org.nfpvnfm.tosca.nfp.NfpModel;
import org.nfpvnfm.tosca.nfp.NfpRule;

/**
 * One negative and one positive case per engine diagnostic. Rules get lines 100, 101, ... of {@code
 * policy.yaml} in the order they are written (see {@link ModelBuilder}).
 */
class EngineDiagnosticsTest {

  private static ModelBuilder four() {
    return ModelBuilder.graph()
        .nf("A", MONITOR)
        .nf("B", FIREWALL)
        .nf("C", LOAD_BALANCER)
        .nf("D", NIDS);
  }

  private static List<String> codesAndLines(Compilation c) {
    return c.diagnostics().stream().map(d -> d.code().id() + ":" + d.location().line()).toList();
  }

  @Test
  void rejectsCyclicOrderRulesNamingEveryRuleOnTheCycle() {
    Compilation c = four().order("A", "B").order("B", "C").order("C", "A").compile();

    assertThat(codesAndLines(c)).containsExactly("NFP001:100");
    assertThat(c.diagnostics().get(0).message())
        .contains("A -> B -> C -> A")
        .contains("order(A, before, B) at policy.yaml:100:5")
        .contains("order(C, before, A) at policy.yaml:102:5");
    assertThat(c.serviceGraphs()).isEmpty();
  }

  @Test
  void acceptsAnAcyclicDiamondOfOrders() {
    Compilation c =
        four().order("A", "B").order("A", "C").order("B", "D").order("C", "D").compile();
    assertThat(c.diagnostics()).isEmpty();
  }

  @Test
  void rejectsTwoNfsPinnedFirstAndOneNfPinnedAtBothEnds() {
    assertThat(codesAndLines(four().first("A").first("B").compile())).containsExactly("NFP002:101");
    assertThat(codesAndLines(four().first("A").last("A").compile())).containsExactly("NFP002:101");
    assertThat(four().first("A").last("D").compile().diagnostics()).isEmpty();
  }

  @Test
  void rejectsAPositionThatContradictsAnOrder() {
    Compilation c = four().first("B").order("A", "B").compile();
    assertThat(codesAndLines(c)).containsExactly("NFP003:101");
    assertThat(c.diagnostics().get(0).message())
        .contains("position(B, first) at policy.yaml:100:5");
    assertThat(codesAndLines(four().last("A").order("A", "B").compile()))
        .containsExactly("NFP003:101");
    assertThat(four().first("A").order("A", "B").compile().diagnostics()).isEmpty();
  }

  @Test
  void rejectsPriorityBothWaysAndInACycle() {
    assertThat(codesAndLines(four().priority("A", "B").priority("B", "A").compile()))
        .containsExactly("NFP004:100");
    Compilation cycle = four().priority("A", "B").priority("B", "D").priority("D", "A").compile();
    assertThat(codesAndLines(cycle)).containsExactly("NFP004:100");
    assertThat(cycle.diagnostics().get(0).message()).contains("cycle");
    assertThat(four().priority("A", "B").priority("D", "B").compile().diagnostics()).isEmpty();
  }

  @Test
  void reportsRulesNamingNfsOutsideTheGraphAndIgnoresThem() {
    Compilation c = four().order("A", "Z").order("A", "B").compile();
    assertThat(codesAndLines(c)).containsExactly("NFP005:100");
    assertThat(c.diagnostics().get(0).message()).contains("Z").contains("A, B, C, D");
    assertThat(c.serviceGraphs()).hasSize(1);
  }

  @Test
  void warnsAboutAnNfWithoutProfileAndKeepsItSequential() {
    Compilation c = ModelBuilder.graph().nf("A", MONITOR).nf("X", null).nf("B", MONITOR).compile();
    assertThat(codesAndLines(c)).containsExactly("NFP006:2");
    assertThat(c.ok()).isTrue();
    ServiceGraph g = c.serviceGraphs().get(0);
    assertThat(g.shape()).isEqualTo("{A | B} -> X");
    assertThat(c.graphs().get(0).pair("A", "X").orElseThrow().cause()).isEqualTo(Cause.NO_PROFILE);
    assertThat(ModelBuilder.graph().nf("A", MONITOR).nf("B", MONITOR).compile().diagnostics())
        .isEmpty();
  }

  @Test
  void rejectsAnNfAssignedTwoIndexesOrTwoNfsOneIndex() {
    assertThat(codesAndLines(four().assign("A", 1).assign("B", 1).compile()))
        .containsExactly("NFP007:101");
    assertThat(codesAndLines(four().assign("A", 1).assign("A", 2).compile()))
        .containsExactly("NFP007:101");
    assertThat(four().assign("A", 1).assign("B", 3).compile().diagnostics()).isEmpty();
  }

  @Test
  void rejectsAnOrderPolicyBetweenNfsRunTogetherButLetsPriorityRelaxAPath() {
    assertThat(codesAndLines(four().priority("A", "B").order("A", "B").compile()))
        .containsExactly("NFP008:101");
    Compilation relaxed = four().path("A", "B", "C").priority("B", "A").compile();
    assertThat(relaxed.diagnostics()).isEmpty();
    assertThat(relaxed.serviceGraphs().get(0).shape()).isEqualTo("{D | {A | B} -> C}");
  }

  @Test
  void rejectsNfsRunTogetherThatWriteTheSameFieldWithoutPriority() {
    Compilation c =
        ModelBuilder.graph().nf("LB", LOAD_BALANCER).nf("NAT", NAT).parallel("LB", "NAT").compile();
    assertThat(codesAndLines(c)).containsExactly("NFP009:100");
    assertThat(c.diagnostics().get(0).message())
        .contains("both write sip, dip")
        .contains("priority(LB > NAT)");
    Compilation ranked =
        ModelBuilder.graph()
            .nf("LB", LOAD_BALANCER)
            .nf("NAT", NAT)
            .parallel("LB", "NAT")
            .priority("NAT", "LB")
            .compile();
    assertThat(ranked.diagnostics()).isEmpty();
    assertThat(ranked.serviceGraphs().get(0).shape()).isEqualTo("{LB | NAT}");
  }

  @Test
  void anOrderThroughAnotherMemberOfAStepIsImpliedNotStated() {
    GraphCompilation g = four().priority("D", "C").order("B", "C").compile().graphs().get(0);
    assertThat(g.pair("B", "C").orElseThrow().ordering()).isEqualTo(Ordering.RULE);
    assertThat(g.pair("B", "D").orElseThrow().ordering()).isEqualTo(Ordering.IMPLIED);
  }

  @Test
  void reportsEveryContradictionOfAGraphAtOnce() {
    Compilation c = four().priority("A", "B").priority("B", "A").first("C").first("D").compile();
    assertThat(codesAndLines(c)).containsExactly("NFP004:100", "NFP002:103");
  }

  @Test
  void compilesTheOtherGraphsWhenOneHasErrors() {
    SourceLocation at = new SourceLocation("t.yaml", 1, 1);
    List<NetworkFunction> nfs =
        List.of(
            new NetworkFunction("A", null, MONITOR, at), new NetworkFunction("B", null, VPN, at));
    ForwardingGraph good =
        new ForwardingGraph(
            "good", null, ForwardingGraph.Shape.TACKER, List.of("A", "B"), List.of(), at);
    ForwardingGraph bad =
        new ForwardingGraph(
            "bad", null, ForwardingGraph.Shape.TACKER, List.of("A", "B"), List.of(), at);
    List<NfpRule> rules =
        List.of(
            new NfpRule.Order("A", "B", List.of("bad"), new SourceLocation("t.yaml", 5, 1)),
            new NfpRule.Order("B", "A", List.of("bad"), new SourceLocation("t.yaml", 6, 1)));
    Compilation c = NfpCompiler.create().compile(new NfpModel(nfs, List.of(good, bad), rules));

    assertThat(c.ok()).isFalse();
    assertThat(c.graph("good").orElseThrow().serviceGraph()).isPresent();
    assertThat(c.graph("bad").orElseThrow().serviceGraph()).isEmpty();
    assertThat(c.diagnostics())
        .extracting(Diagnostic::code)
        .containsExactly(DiagnosticCode.ENGINE_ORDER_CYCLE);
  }

  @Test
  void compilesRulesOnAPlainGroupAsOneImplicitGraph() {
    SourceLocation at = new SourceLocation("t.yaml", 1, 1);
    NfpModel model =
        new NfpModel(
            List.of(
                new NetworkFunction("A", null, MONITOR, at),
                new NetworkFunction("B", null, FIREWALL, at)),
            List.of(),
            List.of(new NfpRule.Order("A", "B", List.of(), at)));
    Compilation c = NfpCompiler.create().compile(model);
    assertThat(c.graphs())
        .extracting(GraphCompilation::name)
        .containsExactly(NfpCompiler.IMPLICIT_GRAPH);
    assertThat(c.serviceGraphs().get(0).shape()).isEqualTo("{A | B}");
  }
}
