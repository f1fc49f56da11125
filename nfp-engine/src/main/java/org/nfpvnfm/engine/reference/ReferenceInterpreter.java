package org.nfpvnfm.engine.reference;

import java.util.List;
import java.util.Random;
import java.util.function.Function;
import org.nfpvnfm.engine.GraphNf;
import org.nfpvnfm.engine.ServiceGraph;

/**
 * Runs packets through a service graph's NF models, one packet at a time, and keeps the models
 * (their state, and what they observed) from one packet to the next. Two ways to run the same
 * graph:
 *
 * <ul>
 *   <li>{@link #sequential}: the reference chain, the meaning the graph must keep. Steps run in
 *       order; the members of a step (NFs run together by priority or a parallel position) each
 *       process their own copy of the step's input, and the step's output takes each written field
 *       from its last writer in the step, applies the members' header changes in step order, and
 *       drops the packet when a member dropped it, unless every such drop is overruled by a member
 *       that may drop, let the packet pass, and has priority over the dropper.
 *   <li>{@link #parallel}: the compiled graph, executed from its forwarding table, merge table and
 *       copy plan exactly as a dataplane would: shared buffers are shared, a header-only copy
 *       shares its payload with its source, and pending deliveries run in an order drawn from a
 *       {@link Random}, so parallel branches interleave arbitrarily. Each NF runs atomically (it
 *       reads its buffer when it starts and writes it before the next delivery runs), and a sender
 *       performs all the hops of its row at once, making copies from its buffer as it is after the
 *       sender ran.
 * </ul>
 *
 * Both are deterministic for a given graph, model factory and random seed. Neither is thread-safe.
 */
public interface ReferenceInterpreter {

  /** The reference chain of {@code graph}, with a {@link DeterministicNf} per NF. */
  static ReferenceInterpreter sequential(ServiceGraph graph) {
    return sequential(graph, NfModel::deterministic);
  }

  /** The reference chain of {@code graph}, with the models {@code models} makes. */
  static ReferenceInterpreter sequential(ServiceGraph graph, Function<GraphNf, NfModel> models) {
    return new SequentialInterpreter(graph, models);
  }

  /**
   * The compiled graph, from its tables, with a {@link DeterministicNf} per NF and deliveries in
   * the order {@code interleaving} chooses.
   */
  static ReferenceInterpreter parallel(ServiceGraph graph, Random interleaving) {
    return parallel(graph, interleaving, NfModel::deterministic);
  }

  /** The compiled graph, from its tables, with the models {@code models} makes. */
  static ReferenceInterpreter parallel(
      ServiceGraph graph, Random interleaving, Function<GraphNf, NfModel> models) {
    return parallel(graph, interleaving, models, Handoff.ROW_AT_ONCE);
  }

  /** The compiled graph, from its tables, handing packets over as {@code handoff} says. */
  static ReferenceInterpreter parallel(
      ServiceGraph graph, Random interleaving, Function<GraphNf, NfModel> models, Handoff handoff) {
    return new GraphInterpreter(graph, interleaving, models, handoff);
  }

  /** When a sender's hops take effect relative to the NFs they hand packets to. */
  enum Handoff {
    /**
     * All hops of a row, copies included, are made before any receiver runs: a dataplane that makes
     * every copy first, then hands over.
     */
    ROW_AT_ONCE,
    /**
     * Hops are made one at a time, in the row's order, and a receiver may run before the sender
     * makes its next hop: a dataplane that hands each version over as soon as it is made. A copy
     * listed after a shared hop may then see what the shared hop's receiver wrote.
     */
    HOP_BY_HOP
  }

  ServiceGraph graph();

  /**
   * Runs one packet.
   *
   * @throws PlanException when the graph's tables cannot be executed for this packet
   */
  Outcome run(Packet packet);

  /** The model of NF {@code nf}. */
  NfModel model(int nf);

  /** What NF {@code nf} observed so far, one entry per packet it saw. */
  default List<Observation> observed(int nf) {
    return model(nf).observed();
  }

  /** What happened to the last packet run, one line per event, for failure reports. */
  List<String> trace();
}
