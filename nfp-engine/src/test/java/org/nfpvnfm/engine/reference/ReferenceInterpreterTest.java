package org.nfpvnfm.engine.reference;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.nfpvnfm.engine.reference.Policies.compile;
import static org.nfpvnfm.engine.reference.Policies.first;
import static org.nfpvnfm.engine.reference.Policies.nf;
import static org.nfpvnfm.engine.reference.Policies.order;
import static org.nfpvnfm.engine.reference.Policies.packets;
import static org.nfpvnfm.engine.reference.Policies.priority;
import static org.nfpvnfm.engine.reference.ReferenceInterpreter.Handoff.HOP_BY_HOP;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.function.Function;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.Test;
import org.nfpvnfm.engine.CopyKind;
import org.nfpvnfm.engine.Egress;
import org.nfpvnfm.engine.Endpoint;
import org.nfpvnfm.engine.ForwardingEntry;
import org.nfpvnfm.engine.GraphNf;
import org.nfpvnfm.engine.GraphNode;
import org.nfpvnfm.engine.Hop;
import org.nfpvnfm.engine.MergeEntry;
import org.nfpvnfm.engine.ServiceGraph;
import org.nfpvnfm.engine.Summary;
import org.nfpvnfm.tosca.nfp.Access;
import org.nfpvnfm.tosca.nfp.ActionProfile;
import org.nfpvnfm.tosca.nfp.BuiltInProfiles;
import org.nfpvnfm.tosca.nfp.PacketField;

class ReferenceInterpreterTest {

  private static final ActionProfile IPS =
      new ActionProfile("ips", Map.of(PacketField.SIP, Access.READ), false, true);

  /** The paper's example: VPN first, then Monitor and FW, both before LB. */
  private static ServiceGraph paperChain() {
    return compile(
        List.of(
            nf("VPN", BuiltInProfiles.VPN),
            nf("Monitor", BuiltInProfiles.MONITOR),
            nf("FW", BuiltInProfiles.FIREWALL),
            nf("LB", BuiltInProfiles.LOAD_BALANCER)),
        List.of(first("VPN"), order("FW", "LB"), order("Monitor", "LB")));
  }

  /** Monitor reads what LB writes, so LB runs on a header-only copy. */
  private static ServiceGraph monitorAndLoadBalancer() {
    return compile(
        List.of(nf("LB", BuiltInProfiles.LOAD_BALANCER), nf("Monitor", BuiltInProfiles.MONITOR)),
        List.of(order("Monitor", "LB")));
  }

  private static void assertAgrees(ServiceGraph g, int packets, int seeds) {
    for (long seed = 0; seed < seeds; seed++) {
      Differential.Result r = Differential.check(g, packets(packets), seed);
      assertThat(r.divergence()).as("seed %d", seed).isEmpty();
      assertThat(r.packets()).isEqualTo(packets);
    }
  }

  @Test
  void runsThePaperChainWithMonitorAndFirewallInParallel() {
    ServiceGraph g = paperChain();
    assertThat(PlanText.tree(g)).isEqualTo("VPN -> {m0: Monitor | FW} -> LB");

    assertAgrees(g, 60, 10);
    Differential.Result r = Differential.check(g, packets(60), 0);
    assertThat(r.dropped()).as("FW drops some packets").isBetween(1, 59);
  }

  @Test
  void referenceChainOfSingleStepsIsThePlainSequentialChain() {
    ServiceGraph g = paperChain();
    ReferenceInterpreter chain = ReferenceInterpreter.sequential(g);
    List<NfModel> byHand = g.nfs().stream().map(NfModel::deterministic).toList();
    for (Packet p : packets(40)) {
      PacketBuffer b = PacketBuffer.of(p);
      Outcome expected = null;
      for (int nf : g.sequentialOrder()) {
        if (byHand.get(nf).process(b).dropped()) {
          expected = Outcome.dropped();
          break;
        }
      }
      if (expected == null) {
        expected = Outcome.egress(b.snapshot());
      }
      assertThat(chain.run(p)).isEqualTo(expected);
    }
    for (GraphNf nf : g.nfs()) {
      assertThat(chain.observed(nf.id())).isEqualTo(byHand.get(nf.id()).observed());
    }
  }

  @Test
  void stepOfNfsRunTogetherTakesTheLastWriterAndAppliesHeaderChangesInStepOrder() {
    ActionProfile a = new ActionProfile("a", Map.of(PacketField.SIP, Access.WRITE), true, false);
    ActionProfile b =
        new ActionProfile(
            "b", Map.of(PacketField.SIP, Access.WRITE, PacketField.DIP, Access.WRITE), true, false);
    ServiceGraph g =
        handMade(
            List.of(
                new GraphNf(0, "A", a, true, 0, List.of()),
                new GraphNf(1, "B", b, true, 0, List.of(0))),
            List.of(List.of(0, 1)));
    ReferenceInterpreter chain = ReferenceInterpreter.sequential(g);
    NfModel soloA = NfModel.deterministic(g.nf(0));
    NfModel soloB = NfModel.deterministic(g.nf(1));
    for (Packet p : packets(30)) {
      PacketBuffer ownA = PacketBuffer.of(p);
      PacketBuffer ownB = PacketBuffer.of(p);
      HeaderChange ha = soloA.process(ownA).header();
      HeaderChange hb = soloB.process(ownB).header();
      List<Long> stack = new ArrayList<>(p.stack());
      ha.applyTo(stack);
      hb.applyTo(stack);
      Packet expected =
          new Packet(p.headers(), p.payload(), stack)
              .with(PacketField.SIP, ownB.get(PacketField.SIP))
              .with(PacketField.DIP, ownB.get(PacketField.DIP));

      assertThat(chain.run(p)).isEqualTo(Outcome.egress(expected));
    }
  }

  @Test
  void priorityOverrulesTheDropOfTheLowerNfInBothRuns() {
    ServiceGraph g =
        compile(
            List.of(nf("IPS", IPS), nf("FW", BuiltInProfiles.FIREWALL)),
            List.of(priority("IPS", "FW")));
    int ips = g.nf("IPS").orElseThrow().id();
    // FW drops packets 0 and 1, IPS drops 1 and 2.
    Function<GraphNf, NfModel> scripted =
        nf -> new ScriptedNf(nf.id(), nf.profile(), nf.id() == ips ? Set.of(1, 2) : Set.of(0, 1));
    List<Boolean> expectDropped = List.of(false, true, true, false);

    ReferenceInterpreter chain = ReferenceInterpreter.sequential(g, scripted);
    ReferenceInterpreter graph = ReferenceInterpreter.parallel(g, new Random(3), scripted);
    List<Packet> ps = packets(4);
    for (int i = 0; i < ps.size(); i++) {
      assertThat(chain.run(ps.get(i)).isDropped())
          .as("chain, packet %d", i)
          .isEqualTo(expectDropped.get(i));
      assertThat(graph.run(ps.get(i)).isDropped())
          .as("graph, packet %d", i)
          .isEqualTo(expectDropped.get(i));
    }
  }

  @Test
  void mergesHeaderOnlyCopies() {
    ServiceGraph g = monitorAndLoadBalancer();
    assertThat(hops(g)).extracting(Hop::copy).contains(CopyKind.HEADER_COPY);
    int lb = g.nf("LB").orElseThrow().id();
    int monitor = g.nf("Monitor").orElseThrow().id();
    ReferenceInterpreter run = ReferenceInterpreter.parallel(g, new Random(1));
    NfModel soloLb = NfModel.deterministic(g.nf(lb));
    for (Packet p : packets(20)) {
      PacketBuffer alone = PacketBuffer.of(p);
      soloLb.process(alone);
      Packet out = run.run(p).packet().orElseThrow();
      assertThat(out.get(PacketField.SIP))
          .as("LB's sip survives the merge")
          .isEqualTo(alone.get(PacketField.SIP));
      assertThat(run.observed(monitor).getLast().fields().get(PacketField.SIP))
          .as("Monitor sees the sip before LB's write")
          .isEqualTo(p.get(PacketField.SIP));
    }
    assertAgrees(g, 40, 10);
  }

  @Test
  void replaysHeaderChangesOfParallelVersionsInChainOrder() {
    ActionProfile adds = new ActionProfile("encap", Map.of(), true, false);
    ServiceGraph g =
        compile(
            List.of(nf("V1", adds), nf("V2", adds), nf("M", BuiltInProfiles.MONITOR)),
            List.of(order("V1", "V2"), order("M", "V1")));
    assertThat(g.merges()).hasSize(1);
    assertThat(g.merges().getFirst().headerOps()).hasSize(2);
    assertAgrees(g, 60, 10);
  }

  @Test
  void catchesSharedBufferRace() {
    ServiceGraph good = monitorAndLoadBalancer();
    // The plan copies LB's buffer because Monitor reads what LB writes; share it instead.
    ServiceGraph broken =
        withRows(good, row -> row.from().equals(Endpoint.CLASSIFIER) ? withSharedCopies(row) : row);
    assertThat(hops(broken)).extracting(Hop::copy).containsOnly(CopyKind.SHARED);

    List<Differential.Divergence> found = divergences(broken, 20, 10);
    assertThat(found).as("a race that 10 interleavings all miss").isNotEmpty();
    assertThat(found)
        .allSatisfy(
            d -> {
              assertThat(d.kind()).isEqualTo(Differential.Kind.OBSERVATION);
              assertThat(d.summary()).startsWith("packet ").contains("Monitor");
            });
  }

  @Test
  void catchesWriterSharingItsBufferWithAHeaderChange() {
    // W before A needs a copy: pushing a header moves the field the writer writes.
    ServiceGraph good =
        compile(
            List.of(
                nf("NAT", BuiltInProfiles.NAT),
                nf("Encap", new ActionProfile("encap", Map.of(), true, false))),
            List.of(order("NAT", "Encap")));
    assertThat(PlanText.tree(good)).startsWith("{m0: ");
    assertAgrees(good, 30, 5);

    ServiceGraph broken =
        withRows(good, row -> row.from().equals(Endpoint.CLASSIFIER) ? withSharedCopies(row) : row);
    List<Differential.Divergence> found = divergences(broken, 20, 10);
    assertThat(found).isNotEmpty();
    // NAT's values depend on the headers it finds, so its output differs, or what it saw does.
    assertThat(found)
        .allSatisfy(d -> assertThat(d.kind()).isNotEqualTo(Differential.Kind.PLAN))
        .anySatisfy(d -> assertThat(d.report()).contains("Encap (nf 1) header"));
  }

  @Test
  void catchesWrongFieldOwner() {
    ServiceGraph good = monitorAndLoadBalancer();
    MergeEntry m = good.merges().getFirst();
    int monitorVersion =
        m.versions().stream()
            .filter(v -> v.nfs().contains(good.nf("Monitor").orElseThrow().id()))
            .findFirst()
            .orElseThrow()
            .version();
    List<MergeEntry.FieldOwner> owners =
        m.fields().stream()
            .map(
                f ->
                    f.field() == PacketField.SIP
                        ? new MergeEntry.FieldOwner(
                            f.field(),
                            monitorVersion,
                            f.nf(),
                            f.losers(),
                            f.reason(),
                            f.rule(),
                            true)
                        : f)
            .toList();
    ServiceGraph broken = withMerge(good, withFields(m, owners));

    Differential.Result r = Differential.check(broken, packets(5), 0);
    assertThat(r.divergence()).isPresent();
    Differential.Divergence d = r.divergence().orElseThrow();
    assertThat(d.kind()).isEqualTo(Differential.Kind.OUTCOME);
    assertThat(d.packet()).isZero();
    assertThat(d.report()).contains("reference chain: egress").contains("compiled graph:  egress");
  }

  @Test
  void catchesHeaderOnlyCopyOfAPayloadThatIsWritten() {
    // NIDS reads the payload that Compression rewrites, so the plan gives NIDS a full copy.
    ServiceGraph good =
        compile(
            List.of(
                nf("NIDS", BuiltInProfiles.NIDS), nf("Compression", BuiltInProfiles.COMPRESSION)),
            List.of(order("NIDS", "Compression")));
    assertThat(hops(good)).extracting(Hop::copy).contains(CopyKind.FULL_COPY);
    assertAgrees(good, 30, 5);

    ServiceGraph broken =
        withRows(
            good,
            row ->
                new ForwardingEntry(
                    row.from(),
                    row.buffer(),
                    row.merge(),
                    row.version(),
                    row.hops().stream()
                        .map(
                            h ->
                                h.copy() == CopyKind.FULL_COPY
                                    ? new Hop(h.to(), CopyKind.HEADER_COPY, h.buffer(), h.source())
                                    : h)
                        .toList()));
    List<Differential.Divergence> found = divergences(broken, 20, 10);
    assertThat(found).isNotEmpty();
    assertThat(found)
        .allSatisfy(d -> assertThat(d.summary()).contains("NIDS").contains("payload="));
  }

  @Test
  void catchesMissingDropper() {
    ServiceGraph good = paperChain();
    MergeEntry m = good.merges().getFirst();
    MergeEntry noDrops =
        new MergeEntry(
            m.id(),
            m.versions(),
            m.output(),
            m.fields(),
            m.headerOps(),
            new MergeEntry.DropRule(List.of(), List.of()),
            m.parentMerge(),
            m.parentVersion(),
            m.next());
    Differential.Divergence d =
        Differential.check(withMerge(good, noDrops), packets(40), 0).divergence().orElseThrow();
    assertThat(d.kind()).isEqualTo(Differential.Kind.OUTCOME);
    assertThat(d.summary()).contains("reference chain gives dropped");
  }

  @Test
  void catchesAnNfThatWritesMoreThanItsProfileSays() {
    ServiceGraph g = paperChain();
    int monitor = g.nf("Monitor").orElseThrow().id();
    // Monitor secretly rewrites sip, which FW reads on the same shared buffer.
    ActionProfile lying =
        BuiltInProfiles.MONITOR.with(
            "monitor", Map.of(PacketField.SIP, Access.READ_WRITE), false, false);
    Function<GraphNf, NfModel> models =
        nf ->
            nf.id() == monitor
                ? new DeterministicNf(nf.id(), lying, DeterministicNf.seedFor(nf.id()))
                : NfModel.deterministic(nf);
    boolean caught = false;
    for (long seed = 0; seed < 10 && !caught; seed++) {
      caught = !Differential.check(g, packets(20), seed, models).agrees();
    }
    assertThat(caught).as("an undeclared write is caught").isTrue();
  }

  @Test
  void failsClearlyOnMalformedPlans() {
    ServiceGraph g = paperChain();
    int lb = g.nf("LB").orElseThrow().id();
    int vpn = g.nf("VPN").orElseThrow().id();
    Packet p = packets(1).getFirst();

    ServiceGraph loop =
        withRows(
            g,
            row ->
                row.from().equals(Endpoint.nf(lb))
                    ? new ForwardingEntry(
                        row.from(),
                        row.buffer(),
                        row.merge(),
                        row.version(),
                        List.of(new Hop(Endpoint.nf(vpn), CopyKind.SHARED, 0, 0)))
                    : row);
    assertThatThrownBy(() -> runUntilEnd(loop, p))
        .isInstanceOf(PlanException.class)
        .hasMessageContaining("a second time");

    ServiceGraph lostBranch =
        withRows(
            g,
            row ->
                row.from().equals(Endpoint.nf(vpn))
                    ? new ForwardingEntry(
                        row.from(),
                        row.buffer(),
                        row.merge(),
                        row.version(),
                        row.hops().subList(0, 1))
                    : row);
    assertThatThrownBy(() -> runUntilEnd(lostBranch, p))
        .isInstanceOf(PlanException.class)
        .hasMessageContaining("merger 0 lacks versions");

    ServiceGraph doubled =
        withRows(
            g,
            row ->
                row.from().equals(Endpoint.nf(vpn))
                    ? new ForwardingEntry(
                        row.from(),
                        row.buffer(),
                        row.merge(),
                        row.version(),
                        concat(row.hops(), row.hops().getFirst()))
                    : row);
    assertThatThrownBy(() -> runUntilEnd(doubled, p))
        .isInstanceOf(PlanException.class)
        .hasMessageContaining("a second time");

    Differential.Result r = Differential.check(loop, packets(3), 0);
    assertThat(r.divergence()).map(Differential.Divergence::kind).contains(Differential.Kind.PLAN);
  }

  /** IDS must see the packet as LB gets it; priority runs them together, IDS on a copy. */
  private static ServiceGraph idsOverLoadBalancer() {
    return compile(
        List.of(
            nf("IDS", new ActionProfile("ids", Map.of(PacketField.SIP, Access.READ), false, false)),
            nf("LB", BuiltInProfiles.LOAD_BALANCER)),
        List.of(priority("IDS", "LB")));
  }

  @Test
  void handingOverHopByHopLetsACopySeeWritesOfAnEarlierSharedHop() {
    ServiceGraph g = idsOverLoadBalancer();
    ServiceGraph sharedFirst = withRows(g, row -> withHopOrder(row, false));
    ServiceGraph copiesFirst = withRows(g, row -> withHopOrder(row, true));
    assertThat(sharedFirst.forwardingFrom(Endpoint.CLASSIFIER).hops())
        .extracting(Hop::copy)
        .containsExactly(CopyKind.SHARED, CopyKind.HEADER_COPY);

    for (ServiceGraph plan : List.of(sharedFirst, copiesFirst)) {
      assertAgrees(plan, 20, 10);
    }
    List<Differential.Divergence> raced = new ArrayList<>();
    for (long seed = 0; seed < 10; seed++) {
      Differential.check(sharedFirst, packets(20), seed, NfModel::deterministic, HOP_BY_HOP)
          .divergence()
          .ifPresent(raced::add);
      assertThat(
              Differential.check(copiesFirst, packets(20), seed, NfModel::deterministic, HOP_BY_HOP)
                  .divergence())
          .as("copies made before the shared hand-over, seed %d", seed)
          .isEmpty();
    }
    assertThat(raced)
        .as("LB runs before IDS's copy is made")
        .isNotEmpty()
        .allSatisfy(d -> assertThat(d.summary()).contains("IDS"));
  }

  @Test
  void compiledRowsStayCorrectWhenHandedOverHopByHop() {
    ServiceGraph g = idsOverLoadBalancer();
    for (long seed = 0; seed < 10; seed++) {
      Differential.Result r =
          Differential.check(g, packets(20), seed, NfModel::deterministic, HOP_BY_HOP);
      assertThat(r.divergence()).as("seed %d", seed).isEmpty();
    }
  }

  // ---- helpers -------------------------------------------------------------------------------

  private static void runUntilEnd(ServiceGraph g, Packet p) {
    // Some plans break only on packets that are not dropped early: try a few.
    ReferenceInterpreter run = ReferenceInterpreter.parallel(g, new Random(0));
    for (int i = 0; i < 20; i++) {
      run.run(p.with(PacketField.SIP, i));
    }
  }

  private static List<Differential.Divergence> divergences(ServiceGraph g, int packets, int seeds) {
    List<Differential.Divergence> found = new ArrayList<>();
    for (long seed = 0; seed < seeds; seed++) {
      Differential.check(g, packets(packets), seed).divergence().ifPresent(found::add);
    }
    return found;
  }

  private static List<Hop> hops(ServiceGraph g) {
    return g.forwarding().stream().flatMap(r -> r.hops().stream()).toList();
  }

  private static <T> List<T> concat(List<T> list, T extra) {
    List<T> all = new ArrayList<>(list);
    all.add(extra);
    return all;
  }

  /** The row's hops with the copies first, or the shared hops first; otherwise in order. */
  private static ForwardingEntry withHopOrder(ForwardingEntry row, boolean copiesFirst) {
    List<Hop> hops = new ArrayList<>(row.hops());
    hops.sort(
        java.util.Comparator.comparing((Hop h) -> (h.copy() == CopyKind.SHARED) == copiesFirst));
    return new ForwardingEntry(row.from(), row.buffer(), row.merge(), row.version(), hops);
  }

  private static ForwardingEntry withSharedCopies(ForwardingEntry row) {
    return new ForwardingEntry(
        row.from(),
        row.buffer(),
        row.merge(),
        row.version(),
        row.hops().stream()
            .map(h -> new Hop(h.to(), CopyKind.SHARED, h.buffer(), h.source()))
            .toList());
  }

  private static ServiceGraph withRows(ServiceGraph g, UnaryOperator<ForwardingEntry> change) {
    return new ServiceGraph(
        g.formatVersion(),
        g.name(),
        g.nfs(),
        g.referenceChain(),
        g.classifiers(),
        g.root(),
        g.forwarding().stream().map(change).toList(),
        g.merges(),
        g.buffers(),
        g.egress(),
        g.summary());
  }

  private static ServiceGraph withMerge(ServiceGraph g, MergeEntry replacement) {
    return new ServiceGraph(
        g.formatVersion(),
        g.name(),
        g.nfs(),
        g.referenceChain(),
        g.classifiers(),
        g.root(),
        g.forwarding(),
        g.merges().stream().map(m -> m.id() == replacement.id() ? replacement : m).toList(),
        g.buffers(),
        g.egress(),
        g.summary());
  }

  private static MergeEntry withFields(MergeEntry m, List<MergeEntry.FieldOwner> fields) {
    return new MergeEntry(
        m.id(),
        m.versions(),
        m.output(),
        fields,
        m.headerOps(),
        m.drop(),
        m.parentMerge(),
        m.parentVersion(),
        m.next());
  }

  /** A graph with only what the reference chain needs: NFs and steps. */
  private static ServiceGraph handMade(List<GraphNf> nfs, List<List<Integer>> chain) {
    return new ServiceGraph(
        ServiceGraph.FORMAT_VERSION,
        "hand-made",
        nfs,
        chain,
        List.of(),
        new GraphNode.Parallel(
            0, nfs.stream().map(n -> (GraphNode) new GraphNode.Nf(n.id())).toList()),
        List.of(),
        List.of(),
        List.of(),
        new Egress(false, false),
        new Summary(nfs.size(), nfs.size(), 1, nfs.size(), 1, 0, 0, 1, 1, 0));
  }
}
