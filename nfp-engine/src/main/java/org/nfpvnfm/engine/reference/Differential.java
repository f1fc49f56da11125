package org.nfpvnfm.engine.reference;

import java.util.List;
import java.util.Optional;
import java.util.Random;
import java.util.function.Function;
import org.jspecify.annotations.Nullable;
import org.nfpvnfm.engine.GraphNf;
import org.nfpvnfm.engine.ServiceGraph;

/**
 * Checks the result-correctness principle on concrete packets: runs the reference chain and the
 * compiled graph side by side, each with its own fresh models, and stops at the first packet whose
 * outcome differs, whose run breaks the plan, or after which some NF has seen something else in one
 * run than in the other.
 */
public final class Differential {
  private Differential() {}

  /** How the two runs differed. */
  public enum Kind {
    /** Different output packets, or dropped in one run only. */
    OUTCOME,
    /** An NF saw different inputs (or a different number of packets), so its state differs. */
    OBSERVATION,
    /** The graph's tables could not be executed. */
    PLAN
  }

  /**
   * The first difference, at packet {@code packet} (0-based).
   *
   * @param summary one line
   * @param report the whole story: the plan, the packets, both outcomes, both traces
   */
  public record Divergence(Kind kind, int packet, String summary, String report) {
    @Override
    public String toString() {
      return report;
    }
  }

  /**
   * What a check did.
   *
   * @param packets packets run through both
   * @param dropped packets the reference chain dropped
   */
  public record Result(int packets, int dropped, Optional<Divergence> divergence) {
    public boolean agrees() {
      return divergence.isEmpty();
    }
  }

  /** Checks {@code graph} on {@code packets} with {@link DeterministicNf}s. */
  public static Result check(ServiceGraph graph, List<Packet> packets, long interleavingSeed) {
    return check(graph, packets, interleavingSeed, NfModel::deterministic);
  }

  /** Checks {@code graph} on {@code packets}, each run with its own models from {@code models}. */
  public static Result check(
      ServiceGraph graph,
      List<Packet> packets,
      long interleavingSeed,
      Function<GraphNf, NfModel> models) {
    return check(
        graph, packets, interleavingSeed, models, ReferenceInterpreter.Handoff.ROW_AT_ONCE);
  }

  /** Checks {@code graph} on {@code packets}, the graph handing packets over as {@code handoff}. */
  public static Result check(
      ServiceGraph graph,
      List<Packet> packets,
      long interleavingSeed,
      Function<GraphNf, NfModel> models,
      ReferenceInterpreter.Handoff handoff) {
    ReferenceInterpreter expected = ReferenceInterpreter.sequential(graph, models);
    ReferenceInterpreter actual;
    try {
      actual = ReferenceInterpreter.parallel(graph, new Random(interleavingSeed), models, handoff);
    } catch (PlanException e) {
      return new Result(
          0,
          0,
          Optional.of(
              divergence(
                  Kind.PLAN,
                  -1,
                  String.valueOf(e.getMessage()),
                  graph,
                  packets,
                  interleavingSeed,
                  null,
                  null,
                  null,
                  null)));
    }
    int dropped = 0;
    for (int i = 0; i < packets.size(); i++) {
      Packet p = packets.get(i);
      Outcome want = expected.run(p);
      if (want.isDropped()) {
        dropped++;
      }
      Outcome got;
      try {
        got = actual.run(p);
      } catch (PlanException e) {
        return new Result(
            i + 1,
            dropped,
            Optional.of(
                divergence(
                    Kind.PLAN,
                    i,
                    String.valueOf(e.getMessage()),
                    graph,
                    packets,
                    interleavingSeed,
                    want,
                    null,
                    expected,
                    actual)));
      }
      if (!want.equals(got)) {
        return new Result(
            i + 1,
            dropped,
            Optional.of(
                divergence(
                    Kind.OUTCOME,
                    i,
                    "packet %d: graph gives %s, reference chain gives %s".formatted(i, got, want),
                    graph,
                    packets,
                    interleavingSeed,
                    want,
                    got,
                    expected,
                    actual)));
      }
      String seen = observationDifference(graph, expected, actual);
      if (seen != null) {
        return new Result(
            i + 1,
            dropped,
            Optional.of(
                divergence(
                    Kind.OBSERVATION,
                    i,
                    "packet %d: %s".formatted(i, seen),
                    graph,
                    packets,
                    interleavingSeed,
                    want,
                    got,
                    expected,
                    actual)));
      }
    }
    return new Result(packets.size(), dropped, Optional.empty());
  }

  /** Earlier packets agreed, so comparing how many each NF saw and the last one is enough. */
  private static @Nullable String observationDifference(
      ServiceGraph graph, ReferenceInterpreter expected, ReferenceInterpreter actual) {
    for (GraphNf nf : graph.nfs()) {
      List<Observation> want = expected.observed(nf.id());
      List<Observation> got = actual.observed(nf.id());
      if (want.size() != got.size()) {
        return "%s (nf %d) saw %d packets in the graph, %d in the reference chain"
            .formatted(nf.name(), nf.id(), got.size(), want.size());
      }
      if (!want.isEmpty() && !want.getLast().equals(got.getLast())) {
        return "%s (nf %d) saw %s in the graph, %s in the reference chain"
            .formatted(nf.name(), nf.id(), got.getLast(), want.getLast());
      }
    }
    return null;
  }

  private static Divergence divergence(
      Kind kind,
      int packet,
      String summary,
      ServiceGraph graph,
      List<Packet> packets,
      long seed,
      @Nullable Outcome want,
      @Nullable Outcome got,
      @Nullable ReferenceInterpreter expected,
      @Nullable ReferenceInterpreter actual) {
    StringBuilder b = new StringBuilder();
    b.append(kind).append(" divergence: ").append(summary).append('\n');
    b.append(PlanText.describe(graph));
    b.append("interleaving seed: ").append(seed).append('\n');
    for (int i = 0; i < packets.size() && i <= Math.max(packet, 0); i++) {
      b.append(i == packet ? "  packet " : "  earlier packet ")
          .append(i)
          .append(": ")
          .append(packets.get(i))
          .append('\n');
    }
    if (want != null) {
      b.append("reference chain: ").append(want).append('\n');
    }
    if (got != null) {
      b.append("compiled graph:  ").append(got).append('\n');
    }
    if (expected != null) {
      b.append("reference chain trace:\n");
      expected.trace().forEach(line -> b.append("    ").append(line).append('\n'));
    }
    if (actual != null) {
      b.append("compiled graph trace:\n");
      actual.trace().forEach(line -> b.append("    ").append(line).append('\n'));
    }
    return new Divergence(kind, packet, summary, b.toString());
  }
}
