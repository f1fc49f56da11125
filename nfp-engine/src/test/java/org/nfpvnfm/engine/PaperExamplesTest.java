package org.nfpvnfm.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.nfpvnfm.tosca.nfp.BuiltInProfiles.FIREWALL;
import static org.nfpvnfm.tosca.nfp.BuiltInProfiles.LOAD_BALANCER;
import static org.nfpvnfm.tosca.nfp.BuiltInProfiles.MONITOR;
import static org.nfpvnfm.tosca.nfp.BuiltInProfiles.VPN;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.nfpvnfm.tosca.nfp.PacketField;

/**
 * Golden tests for the paper's example (spec §2, Fig. 1 → Fig. 2) written three ways, and for the
 * samples in {@code samples-vnfd/valid}.
 */
class PaperExamplesTest {

  private static ModelBuilder paperNfs() {
    return ModelBuilder.graph()
        .nf("VPN", VPN)
        .nf("Monitor", MONITOR)
        .nf("FW", FIREWALL)
        .nf("LB", LOAD_BALANCER);
  }

  @Test
  void parallelIntentCompilesToFigure2() {
    ServiceGraph g =
        paperNfs().first("VPN").order("FW", "LB").order("Monitor", "LB").serviceGraph();

    assertThat(g.shape()).isEqualTo("VPN -> {Monitor | FW} -> LB");
    assertThat(g.summary().length()).isEqualTo(3);
    assertThat(g.summary().sequentialLength()).isEqualTo(4);
    // Monitor and FW only read, so they share the packet: dirty memory reusing, no copy at all.
    assertThat(g.buffers()).hasSize(1);
    MergeEntry merge = g.merges().get(0);
    assertThat(merge.versions()).extracting(MergeEntry.Version::buffer).containsExactly(0, 0);
    assertThat(merge.fields()).isEmpty();
    assertThat(merge.drop().droppers()).containsExactly(new MergeEntry.Dropper(2, 1));
  }

  @Test
  void sequentialPolicyLanguageChainIsParallelisedTheSameWay() {
    ServiceGraph g =
        paperNfs().order("VPN", "Monitor").order("Monitor", "FW").order("FW", "LB").serviceGraph();

    assertThat(g.shape()).isEqualTo("VPN -> {Monitor | FW} -> LB");
  }

  @Test
  void classicAssignStaysAPlainSequentialChain() {
    ServiceGraph g =
        paperNfs()
            .assign("VPN", 1)
            .assign("Monitor", 2)
            .assign("FW", 3)
            .assign("LB", 4)
            .serviceGraph();

    assertThat(g.shape()).isEqualTo("VPN -> Monitor -> FW -> LB");
    assertThat(g.merges()).isEmpty();
  }

  @Test
  void whySequentialPairsAreSequential() {
    GraphCompilation c =
        paperNfs().first("VPN").order("FW", "LB").order("Monitor", "LB").compile().graphs().get(0);

    PairRecord fwLb = c.pair("LB", "FW").orElseThrow();
    assertThat(fwLb.first()).isEqualTo(2);
    assertThat(fwLb.relation()).isEqualTo(Relation.SEQUENTIAL);
    assertThat(fwLb.ordering()).isEqualTo(Ordering.RULE);
    assertThat(fwLb.rule()).isNotNull();
    assertThat(fwLb.conflicts())
        .extracting(Conflict::toString)
        .contains("packet: D/sees the packet -> sequential", "sip: R/W -> parallel with copy");

    PairRecord monFw = c.pair("Monitor", "FW").orElseThrow();
    assertThat(monFw.relation()).isEqualTo(Relation.PARALLEL);
    assertThat(monFw.ordering()).isEqualTo(Ordering.CHOSEN);
    assertThat(monFw.conflicts()).isEmpty();

    PairRecord vpnMon = c.pair("VPN", "Monitor").orElseThrow();
    assertThat(vpnMon.cause()).isEqualTo(Cause.POSITION);
    assertThat(vpnMon.conflicts())
        .extracting(Conflict::toString)
        .contains("packet: A/R -> sequential");
  }

  @Test
  void unorderedReaderGoesBeforeTheDropperSoTheyRunInParallel() {
    // No rule orders FW and Monitor; FW first would make Monitor sequential (FW may drop).
    ServiceGraph g =
        ModelBuilder.graph()
            .nf("FW", FIREWALL)
            .nf("Monitor", MONITOR)
            .order("FW", "FW2")
            .nf("FW2", FIREWALL)
            .serviceGraph();

    assertThat(g.sequentialOrder()).containsSubsequence(1, 0);
    assertThat(g.shape()).startsWith("{");
  }

  @Test
  void tackerVnffgdSampleCompilesToFigure2() {
    ServiceGraph g = Samples.compile("valid/paper-chain-tacker-vnffgd.yaml").serviceGraphs().get(0);

    assertThat(g.shape()).isEqualTo("VPN_VNFD -> {MON_VNFD | FW_VNFD} -> LB_VNFD");
    assertThat(g.classifiers()).extracting(c -> c.name()).containsExactly("branch_web");
    assertThat(g.egress().recomputeIpChecksum()).isTrue();
  }

  @Test
  void sol004PaperSampleCompilesToFigure2FromTheChainAsWritten() {
    ServiceGraph g = Samples.compile("valid/paper-chain-sol004").serviceGraphs().get(0);

    assertThat(g.shape()).isEqualTo("VPN -> {Monitor | FW} -> LB");
    assertThat(g.referenceChain()).containsExactly(List.of(0), List.of(1), List.of(2), List.of(3));
  }

  @Test
  void datacenterSampleRunsNidsBesideFirewallAndLetsNidsOverruleItsDrops() {
    ServiceGraph g = Samples.compile("valid/datacenter-north-south").serviceGraphs().get(0);

    assertThat(g.shape()).isEqualTo("GW -> {FW | NIDS} -> NAT -> LB -> CACHE -> MON");
    MergeEntry m = g.merges().get(0);
    int fw = g.nf("FW").orElseThrow().id();
    int nids = g.nf("NIDS").orElseThrow().id();
    assertThat(m.drop().overrides())
        .singleElement()
        .satisfies(
            o -> {
              assertThat(o.winner()).isEqualTo(nids);
              assertThat(o.losers()).containsExactly(fw);
              // The priority policy, not the parallel position that also groups them.
              assertThat(o.rule()).isNotNull();
              assertThat(java.util.Objects.requireNonNull(o.rule()).line()).isEqualTo(260);
            });
    assertThat(g.nf(nids).priorityOver()).containsExactly(fw);
  }

  @Test
  void loadBalancerBesideAReaderGetsAHeaderOnlyCopy() {
    // Monitor reads the addresses LB rewrites: copy-parallel; LB does not touch the payload.
    ServiceGraph g =
        ModelBuilder.graph()
            .nf("Monitor", MONITOR)
            .nf("LB", LOAD_BALANCER)
            .order("Monitor", "LB")
            .serviceGraph();

    assertThat(g.shape()).isEqualTo("{Monitor | LB}");
    assertThat(g.buffers()).hasSize(2);
    assertThat(g.buffers().get(1).copy()).isEqualTo(CopyKind.HEADER_COPY);
    MergeEntry m = g.merges().get(0);
    assertThat(m.fields())
        .extracting(MergeEntry.FieldOwner::field)
        .containsExactly(PacketField.SIP, PacketField.DIP);
    assertThat(m.fields()).allSatisfy(f -> assertThat(f.nf()).isEqualTo(1));
    // The output is the LB's version, so the merger copies nothing back.
    assertThat(m.output()).isEqualTo(1);
    assertThat(m.fields()).noneMatch(MergeEntry.FieldOwner::copy);
  }
}
