package org.nfpvnfm.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.nfpvnfm.tosca.nfp.BuiltInProfiles.FIREWALL;
import static org.nfpvnfm.tosca.nfp.BuiltInProfiles.LOAD_BALANCER;
import static org.nfpvnfm.tosca.nfp.BuiltInProfiles.MONITOR;
import static org.nfpvnfm.tosca.nfp.BuiltInProfiles.NAT;
import static org.nfpvnfm.tosca.nfp.BuiltInProfiles.VPN;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;
import org.nfpvnfm.tosca.Diagnostic;
import org.nfpvnfm.tosca.ToscaLoader;
import org.nfpvnfm.tosca.nfp.NfpModel;

/**
 * The sequential plan ({@link NfpCompiler.Plan#SEQUENTIAL}): the reference chain step by step on
 * the packet's own buffer, what the dataplane runs to compare with the parallel graph.
 */
class SequentialPlanTest {

  private static final NfpCompiler SEQUENTIAL =
      NfpCompiler.create().plan(NfpCompiler.Plan.SEQUENTIAL);

  private static ModelBuilder paperNfs() {
    return ModelBuilder.graph()
        .nf("VPN", VPN)
        .nf("Monitor", MONITOR)
        .nf("FW", FIREWALL)
        .nf("LB", LOAD_BALANCER);
  }

  private static Compilation compileSample(String relative, NfpCompiler compiler) {
    return compiler.compile(java.util.Objects.requireNonNull(Samples.load(relative).nfp()));
  }

  /** Every hop of every row and every merger's next hops hand the same buffer on. */
  private static List<Hop> hops(ServiceGraph g) {
    return Stream.concat(
            g.forwarding().stream().flatMap(r -> r.hops().stream()),
            g.merges().stream().flatMap(m -> m.next().stream()))
        .toList();
  }

  @Test
  void createCompilesTheParallelPlanAndPlanReturnsANewCompiler() {
    NfpCompiler parallel = NfpCompiler.create();

    assertThat(parallel.plan()).isEqualTo(NfpCompiler.Plan.PARALLEL);
    assertThat(SEQUENTIAL.plan()).isEqualTo(NfpCompiler.Plan.SEQUENTIAL);
    assertThat(NfpCompiler.create().plan()).isEqualTo(NfpCompiler.Plan.PARALLEL);
    assertThat(SEQUENTIAL.plan(NfpCompiler.Plan.PARALLEL).plan())
        .isEqualTo(NfpCompiler.Plan.PARALLEL);
  }

  @Test
  void paperChainRunsStepByStepOnOneBufferWithoutMergers() {
    ModelBuilder paper = paperNfs().first("VPN").order("FW", "LB").order("Monitor", "LB");
    ServiceGraph parallel = paper.serviceGraph();

    ServiceGraph g = paper.serviceGraph(SEQUENTIAL);

    assertThat(g.shape()).isEqualTo("VPN -> Monitor -> FW -> LB");
    assertThat(g.plan()).isEqualTo(NfpCompiler.Plan.SEQUENTIAL);
    assertThat(parallel.plan()).isEqualTo(NfpCompiler.Plan.PARALLEL);
    assertThat(g.referenceChain()).isEqualTo(parallel.referenceChain());
    assertThat(g.buffers()).hasSize(1);
    assertThat(g.merges()).isEmpty();
    assertThat(hops(g)).allSatisfy(h -> assertThat(h.copy()).isEqualTo(CopyKind.SHARED));
    assertThat(g.forwardingFrom(Endpoint.CLASSIFIER).hops())
        .extracting(Hop::to)
        .containsExactly(Endpoint.nf(0));
    assertThat(g.forwardingFrom(Endpoint.nf(1)).hops())
        .extracting(Hop::to)
        .containsExactly(Endpoint.nf(2));
    assertThat(g.forwardingFrom(Endpoint.nf(3)).hops())
        .extracting(Hop::to)
        .containsExactly(Endpoint.EGRESS);
  }

  @Test
  void summaryCountsTheTruePairsButThePlansLengthAndNoBlocks() {
    ModelBuilder paper = paperNfs().first("VPN").order("FW", "LB").order("Monitor", "LB");
    Summary parallel = paper.serviceGraph().summary();

    Summary s = paper.serviceGraph(SEQUENTIAL).summary();

    assertThat(s.length()).isEqualTo(4);
    assertThat(s.sequentialLength()).isEqualTo(4);
    assertThat(s.width()).isEqualTo(1);
    assertThat(s.parallelBlocks()).isZero();
    assertThat(s.headerCopies() + s.fullCopies()).isZero();
    assertThat(s.pairs()).isEqualTo(parallel.pairs());
    assertThat(s.parallelPairs()).isEqualTo(parallel.parallelPairs()).isEqualTo(1);
    assertThat(s.copyParallelPairs()).isEqualTo(parallel.copyParallelPairs()).isEqualTo(1);
  }

  @Test
  void pairRecordsReportTheTableNotThePlan() {
    ModelBuilder paper = paperNfs().first("VPN").order("FW", "LB").order("Monitor", "LB");
    GraphCompilation parallel = paper.compile().graphs().get(0);

    GraphCompilation sequential = paper.compile(SEQUENTIAL).graphs().get(0);

    assertThat(sequential.pairs()).isEqualTo(parallel.pairs());
    assertThat(sequential.pair("Monitor", "FW").orElseThrow().relation())
        .isEqualTo(Relation.PARALLEL);
  }

  @Test
  void tackerSampleIsTheFourHopChain() {
    ServiceGraph g =
        compileSample("valid/paper-chain-tacker-vnffgd.yaml", SEQUENTIAL).serviceGraphs().get(0);

    assertThat(g.shape()).isEqualTo("VPN_VNFD -> MON_VNFD -> FW_VNFD -> LB_VNFD");
    assertThat(g.buffers()).hasSize(1);
    assertThat(g.merges()).isEmpty();
    assertThat(hops(g)).allSatisfy(h -> assertThat(h.copy()).isEqualTo(CopyKind.SHARED));
  }

  @ParameterizedTest
  @ValueSource(strings = {"valid/datacenter-north-south"})
  void aStepOfNfsRunTogetherStaysAParallelBlockWithItsMerger(String sample) {
    ServiceGraph parallel = compileSample(sample, NfpCompiler.create()).serviceGraphs().get(0);

    ServiceGraph g = compileSample(sample, SEQUENTIAL).serviceGraphs().get(0);

    assertThat(g.plan()).isEqualTo(NfpCompiler.Plan.SEQUENTIAL);
    long multiMember = g.referenceChain().stream().filter(step -> step.size() > 1).count();
    assertThat(multiMember).isEqualTo(1);
    assertThat(g.merges()).hasSize(1);
    assertThat(g.summary().length()).isEqualTo(g.referenceChain().size());
    assertThat(g.buffers()).hasSize(1);
    assertThat(hops(g)).allSatisfy(h -> assertThat(h.copy()).isEqualTo(CopyKind.SHARED));
    // The sample only runs together what the parallel graph runs together: the same graph.
    assertThat(g).isEqualTo(parallel);
  }

  @Test
  void sol004SampleSequentialPlanIsTheChainAsWritten() {
    ServiceGraph g = compileSample("valid/paper-chain-sol004", SEQUENTIAL).serviceGraphs().get(0);

    assertThat(g.shape()).isEqualTo("VPN -> Monitor -> FW -> LB");
  }

  @Test
  void aStepWhoseMembersWriteTheSameFieldsCopiesOnlyForThatStep() {
    // NAT and LB both rewrite the addresses, NAT winning: they run together on separate versions.
    ServiceGraph g =
        ModelBuilder.graph()
            .nf("Monitor", MONITOR)
            .nf("LB", LOAD_BALANCER)
            .nf("NAT", NAT)
            .nf("FW", FIREWALL)
            .order("Monitor", "LB")
            .priority("NAT", "LB")
            .order("NAT", "FW")
            .serviceGraph(SEQUENTIAL);

    assertThat(g.shape()).isEqualTo("Monitor -> {LB | NAT} -> FW");
    assertThat(g.merges()).hasSize(1);
    assertThat(g.buffers()).hasSize(2);
    BufferEntry copy = g.buffers().get(1);
    assertThat(copy.copy()).isNotEqualTo(CopyKind.SHARED);
    assertThat(copy.merge()).isZero();
    // Outside the step, the packet is handed on, never copied.
    assertThat(g.forwardingFrom(Endpoint.CLASSIFIER).hops())
        .singleElement()
        .extracting(Hop::copy)
        .isEqualTo(CopyKind.SHARED);
    assertThat(g.merges().get(0).next())
        .singleElement()
        .satisfies(h -> assertThat(h.to()).isEqualTo(Endpoint.nf(3)))
        .extracting(Hop::copy)
        .isEqualTo(CopyKind.SHARED);
  }

  @Test
  void aGraphWithNothingToParalleliseIsItsOwnSequentialPlan() {
    ModelBuilder chain =
        paperNfs().assign("VPN", 1).assign("Monitor", 2).assign("FW", 3).assign("LB", 4);

    ServiceGraph parallel = chain.serviceGraph();

    assertThat(parallel.plan()).isEqualTo(NfpCompiler.Plan.SEQUENTIAL);
    assertThat(chain.serviceGraph(SEQUENTIAL)).isEqualTo(parallel);
  }

  @Test
  void serviceGraphJsonRoundTripsTheSequentialPlanWithoutANewField() {
    ServiceGraph g =
        compileSample("valid/datacenter-north-south", SEQUENTIAL).serviceGraphs().get(0);

    String json = ServiceGraphJson.write(g);

    assertThat(json).doesNotContain("\"plan\"");
    ServiceGraph read = ServiceGraphJson.read(json);
    assertThat(read).isEqualTo(g);
    assertThat(read.plan()).isEqualTo(NfpCompiler.Plan.SEQUENTIAL);
  }

  /**
   * The invalid {@code nfp-*} samples that reach the engine: the others (an unknown NF or profile)
   * are rejected by the loader, before there is a model to compile in either plan.
   */
  static Stream<Path> invalidNfpSamples() throws IOException {
    try (Stream<Path> files = Files.list(Samples.root().resolve("invalid"))) {
      return files
          .filter(p -> p.getFileName().toString().matches("nfp-.*\\.yaml"))
          .filter(p -> ToscaLoader.create().load(p).nfp() != null)
          .sorted()
          .toList()
          .stream();
    }
  }

  @ParameterizedTest
  @MethodSource("invalidNfpSamples")
  void invalidSamplesGetTheSameDiagnosticsInBothPlans(Path sample) {
    NfpModel model = java.util.Objects.requireNonNull(ToscaLoader.create().load(sample).nfp());

    Compilation parallel = NfpCompiler.create().compile(model);
    Compilation sequential = SEQUENTIAL.compile(model);

    assertThat(sequential.diagnostics()).anyMatch(Diagnostic::isError);
    assertThat(sequential.diagnostics()).isEqualTo(parallel.diagnostics());
    assertThat(sequential.graphs())
        .extracting(GraphCompilation::diagnostics)
        .isEqualTo(parallel.graphs().stream().map(GraphCompilation::diagnostics).toList());
    assertThat(sequential.serviceGraphs()).hasSameSizeAs(parallel.serviceGraphs());
  }
}
