package org.nfpvnfm.dpdk.node;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeMap;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.nfpvnfm.dpdk.node.RandomDescriptors.Descriptor;
import org.nfpvnfm.engine.Compilation;
import org.nfpvnfm.engine.MergeEntry;
import org.nfpvnfm.engine.NfpCompiler;
import org.nfpvnfm.engine.ServiceGraph;
import org.nfpvnfm.tosca.LoadResult;
import org.nfpvnfm.tosca.ToscaLoader;
import org.nfpvnfm.tosca.nfp.NfpModel;
import org.nfpvnfm.tosca.nfp.PacketField;

/**
 * The result-correctness principle on the real dataplane, on random descriptors: each is written as
 * TOSCA YAML, loaded with {@link ToscaLoader}, compiled into its parallel graph and its sequential
 * plan, and a trace replayed through both on the node, with {@link org.nfpvnfm.dpdk.nf.ProfileNf}s,
 * must give the same output pcap.
 *
 * <p>Descriptors come from fixed seeds ({@link RandomDescriptors#generate}): the first {@link
 * #GRAPHS} (30 unless {@code -Dnfp.random.graphs} says otherwise) that compile and that the node
 * can run exactly are tested. Skipped, and counted on standard output: descriptors the engine
 * rejects (the generator writes contradictory rules on purpose); graphs with a merge that must
 * replay header operations of several versions, which the merger drops and counts ("header ops not
 * replayed", a known limitation); and graphs with a merge that copies the VLAN field into a version
 * that pushed or popped a tag, which the merger puts in the wrong tag (a known limitation: see
 * {@link #copiesVlanUnderHeaderOps}).
 *
 * <p>With two merger instances per block ({@link NodeConfig.Balance#FLOW}), packets of different
 * flows may leave in another order, so that run is compared per packet and per flow instead: every
 * frame carries its flow and trace index in a trailer no NF field covers ({@link Traffic#tagged}),
 * the same trace indices must come out as from the sequential plan on one merger, each with
 * identical bytes, and each flow's packets in trace order. Identical bytes per packet also proves
 * that every NF saw each flow's packets in the same order: {@code ProfileNf} keeps state per flow
 * and folds it into everything it writes.
 */
@Tag("integration")
class RandomGraphEquivalenceTest {
  /** Graphs per run; {@code -Dnfp.random.graphs=N} runs more (or fewer), for a longer search. */
  static final int GRAPHS = Integer.getInteger("nfp.random.graphs", 30);

  static final int WITH_TWO_MERGERS = Math.max(1, GRAPHS / 5);
  static final int PACKETS = 1000;
  static final int FLOWS = 64;
  private static final long FIRST_SEED = 0x5eed_0000L;
  private static final int MAX_SEEDS = 50 * GRAPHS;

  /**
   * Descriptors that found dataplane bugs, run first every time: a merge copying the payload into a
   * header copy (1592590373, 1592590377), and an NF writing the payload of a header copy
   * (1592590409, 1592590492; found among the first 200 graphs).
   */
  private static final List<Long> REGRESSIONS =
      List.of(1592590373L, 1592590377L, 1592590409L, 1592590492L);

  /** One runnable descriptor: both plans, as graphs that take every packet. */
  record Case(Descriptor descriptor, ServiceGraph parallel, ServiceGraph sequential) {
    @Override
    public String toString() {
      return descriptor + ": " + parallel.shape();
    }

    String describe() {
      return "%s%nparallel:   %s%nsequential: %s%nrules and profiles:%n%s%ndescriptor:%n%s"
          .formatted(
              descriptor,
              parallel.shape(),
              sequential.shape(),
              descriptor.summary(),
              descriptor.yaml());
    }
  }

  private static @Nullable List<Case> loaded;

  @TempDir Path dir;

  static synchronized List<Case> cases() {
    List<Case> done = loaded;
    if (done != null) {
      return done;
    }
    List<Case> out = new ArrayList<>();
    int rejected = 0;
    int headerOps = 0;
    int vlanCopies = 0;
    Path tmp;
    try {
      tmp = Files.createTempDirectory("nfp-random-");
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    List<Long> only = seedsToRepeat();
    List<Long> first = only.isEmpty() ? REGRESSIONS : only;
    int wanted = only.isEmpty() ? REGRESSIONS.size() + GRAPHS : only.size();
    try {
      for (int next = 0; only.isEmpty() ? out.size() < wanted : next < only.size(); next++) {
        assertThat(next)
            .as(
                "seeds tried for %d runnable graphs (rejected %d, header ops %d)",
                wanted, rejected, headerOps)
            .isLessThan(MAX_SEEDS);
        long seed = next < first.size() ? first.get(next) : FIRST_SEED + next - first.size();
        if (next >= first.size() && first.contains(seed)) {
          continue;
        }
        Descriptor d = RandomDescriptors.generate(seed);
        Path file = tmp.resolve("random-" + seed + ".yaml");
        Files.writeString(file, d.yaml());
        LoadResult loaded = ToscaLoader.create().load(file);
        assertThat(loaded.errors())
            .as("load errors of the generated descriptor (a generator bug)%n%s", d.yaml())
            .isEmpty();
        NfpModel model = loaded.nfpModel().orElseThrow();
        ServiceGraph parallel = compile(model, NfpCompiler.Plan.PARALLEL);
        ServiceGraph sequential = compile(model, NfpCompiler.Plan.SEQUENTIAL);
        if (parallel == null || sequential == null) {
          rejected++;
          continue;
        }
        if (replaysHeaderOps(parallel) || replaysHeaderOps(sequential)) {
          headerOps++;
          continue;
        }
        if (copiesVlanUnderHeaderOps(parallel) || copiesVlanUnderHeaderOps(sequential)) {
          vlanCopies++;
          continue;
        }
        out.add(new Case(d, Graphs.catchAll(parallel), Graphs.catchAll(sequential)));
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } finally {
      try (var files = Files.list(tmp)) {
        for (Path f : files.toList()) {
          Files.delete(f);
        }
        Files.delete(tmp);
      } catch (IOException e) {
        // A temporary directory left behind is harmless.
      }
    }
    long withMerges = out.stream().filter(c -> !c.parallel().merges().isEmpty()).count();
    System.out.printf(
        "RandomGraphEquivalenceTest: %d graphs (%d with parallel blocks) from %d descriptors;"
            + " skipped %d the engine rejected, %d with header ops to replay and %d copying a VLAN"
            + " into a version that pushed or popped tags%n",
        out.size(),
        withMerges,
        out.size() + rejected + headerOps + vlanCopies,
        rejected,
        headerOps,
        vlanCopies);
    loaded = List.copyOf(out);
    return loaded;
  }

  /** {@code -Dnfp.random.seeds=S1,S2,...}: only these descriptors, to repeat a failure. */
  private static List<Long> seedsToRepeat() {
    String seeds = System.getProperty("nfp.random.seeds", "").strip();
    return seeds.isEmpty()
        ? List.of()
        : Arrays.stream(seeds.split(",")).map(String::strip).map(Long::parseLong).toList();
  }

  /** The first graphs with a parallel block, for the runs with two mergers. */
  static List<Case> casesWithBlocks() {
    return cases().stream()
        .filter(c -> !c.parallel().merges().isEmpty())
        .limit(WITH_TWO_MERGERS)
        .toList();
  }

  private static @Nullable ServiceGraph compile(NfpModel model, NfpCompiler.Plan plan) {
    Compilation c = NfpCompiler.create().plan(plan).compile(model);
    return c.ok() && c.serviceGraphs().size() == 1 ? c.serviceGraphs().getFirst() : null;
  }

  private static boolean replaysHeaderOps(ServiceGraph g) {
    return g.merges().stream().anyMatch(m -> !m.headerOps().isEmpty());
  }

  /**
   * Whether a merge copies the VLAN field into an output version whose branch adds or removes
   * headers. ProfileNf's header operation is a VLAN push or pop, which moves the tag the copied
   * value belongs to (in the chain, the writer ran first, so its tag is the inner one after a push,
   * gone after a pop); the merger, which copies by field and has no log of header operations,
   * writes the outer tag.
   */
  private static boolean copiesVlanUnderHeaderOps(ServiceGraph g) {
    for (MergeEntry m : g.merges()) {
      boolean vlanCopied =
          m.fields().stream().anyMatch(f -> f.copy() && f.field() == PacketField.VLAN);
      boolean outputChangesHeaders =
          m.versions().stream()
              .filter(v -> v.version() == m.output())
              .flatMap(v -> v.nfs().stream())
              .anyMatch(nf -> g.nf(nf).profile().addsOrRemovesHeader());
      if (vlanCopied && outputChangesHeaders) {
        return true;
      }
    }
    return false;
  }

  private NodeConfig config(String name) {
    // A generous merger timeout: on a loaded machine a worker may be off its core for a while,
    // and a timed-out packet is a difference this test is not about.
    return Replay.config(dir, name).withMergerTimeout(Duration.ofSeconds(2));
  }

  @ParameterizedTest
  @MethodSource("cases")
  void parallelGraphAndSequentialPlanWriteTheSamePcap(Case c) throws Exception {
    List<byte[]> trace = Traffic.tagged(c.descriptor().seed(), PACKETS, FLOWS);
    try {
      Replay.Result p = Replay.run(config("par"), c.parallel(), trace);
      Replay.Result s = Replay.run(config("seq"), c.sequential(), trace);
      assertOnlyVerdictDrops(p, "parallel");
      assertOnlyVerdictDrops(s, "sequential");
      assertThat(indices(p.out()))
          .as("trace indices out of the parallel graph (expected: the sequential plan's, in order)")
          .containsExactlyElementsOf(indices(s.out()));
      for (int i = 0; i < s.out().size(); i++) {
        assertSamePacket(p.out().get(i), s.out().get(i), "packet " + i + " of " + s.out().size());
      }
    } catch (AssertionError e) {
      throw new AssertionError(c.describe() + "\n" + e.getMessage(), e);
    }
  }

  @ParameterizedTest
  @MethodSource("casesWithBlocks")
  void twoMergersPerBlockGiveTheSamePacketsInFlowOrder(Case c) throws Exception {
    List<byte[]> trace = Traffic.tagged(c.descriptor().seed(), PACKETS, FLOWS);
    try {
      Replay.Result p =
          Replay.run(config("par2").withMergers(2, NodeConfig.Balance.FLOW), c.parallel(), trace);
      Replay.Result s = Replay.run(config("seq"), c.sequential(), trace);
      assertOnlyVerdictDrops(p, "parallel on two mergers");
      assertThat(p.graph().mergers()).as("merger instances per block").isEqualTo(2);
      assertThat(p.stats().mergers().stream().filter(m -> m.merged() + m.dropped() > 0))
          .as("merger instances that saw packets (expected: both instances of some block)")
          .extracting(NodeStats.Merger::instance)
          .contains(0, 1);

      Map<Integer, byte[]> parallel = byIndex(p.out());
      Map<Integer, byte[]> sequential = byIndex(s.out());
      assertThat(parallel.keySet())
          .as("trace indices out (expected: the sequential plan's)")
          .containsExactlyInAnyOrderElementsOf(sequential.keySet());
      sequential.forEach(
          (index, bytes) ->
              assertSamePacket(
                  Objects.requireNonNull(parallel.get(index)), bytes, "packet " + index));
      Map<Integer, List<Integer>> perFlow = new TreeMap<>();
      for (byte[] frame : p.out()) {
        Traffic.Tag t = Traffic.tag(frame);
        perFlow.computeIfAbsent(t.flow(), f -> new ArrayList<>()).add(t.index());
      }
      perFlow.forEach(
          (flow, indices) ->
              assertThat(indices).as("trace indices of flow %d, as they left", flow).isSorted());
    } catch (AssertionError e) {
      throw new AssertionError(c.describe() + "\n" + e.getMessage(), e);
    }
  }

  private static void assertOnlyVerdictDrops(Replay.Result r, String which) {
    assertThat(r.graph().drops().keySet())
        .as("drop reasons of the %s run: %s", which, r.graph().drops())
        .isSubsetOf(Set.of("dropped by NF", "dropped by merge verdict"));
  }

  /** Compares two frames, and says where they first differ rather than printing both. */
  private static void assertSamePacket(byte[] parallel, byte[] sequential, String which) {
    int at = Arrays.mismatch(parallel, sequential);
    if (at < 0) {
      return;
    }
    int from = Math.max(0, at - 8);
    throw new AssertionError(
        "%s out (%s) differs at byte %d of %d (sequential plan: %d bytes)%n  parallel:   ...%s%n  sequential: ...%s"
            .formatted(
                which,
                Traffic.tag(sequential),
                at,
                parallel.length,
                sequential.length,
                hex(parallel, from, at + 24),
                hex(sequential, from, at + 24)));
  }

  private static String hex(byte[] b, int from, int to) {
    StringBuilder s = new StringBuilder();
    for (int i = from; i < Math.min(to, b.length); i++) {
      s.append(i == from ? "" : " ").append("%02x".formatted(b[i] & 0xff));
    }
    return s.toString();
  }

  private static List<Integer> indices(List<byte[]> frames) {
    return frames.stream().map(f -> Traffic.tag(f).index()).toList();
  }

  private static Map<Integer, byte[]> byIndex(List<byte[]> frames) {
    Map<Integer, byte[]> out = new HashMap<>();
    for (byte[] f : frames) {
      assertThat(out.put(Traffic.tag(f).index(), f))
          .as("a second packet with trace index %d", Traffic.tag(f).index())
          .isNull();
    }
    return out;
  }
}
