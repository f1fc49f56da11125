package org.nfpvnfm.tosca.nfp;

import java.util.List;
import org.nfpvnfm.tosca.SourceLocation;

/**
 * One rule of the NFP policy language (spec §2), with where it was written. {@link #graphs()} names
 * the forwarding graphs the rule applies to; empty means every NF of the template.
 */
public sealed interface NfpRule {

  /** The policy, property or path the rule was read from. */
  SourceLocation origin();

  List<String> graphs();

  /** The NFs the rule names, in the order the rule names them. */
  List<String> nfs();

  /** {@code assign(nf, index)}: classic chaining, 1-based. */
  record Assign(String nf, int index, List<String> graphs, SourceLocation origin)
      implements NfpRule {
    public Assign {
      graphs = List.copyOf(graphs);
    }

    @Override
    public List<String> nfs() {
      return List.of(nf);
    }
  }

  /**
   * {@code order(before, before, after)}: {@code before}'s effect is visible to {@code after}.
   *
   * @param fromPath true when the order comes from a forwarding path's hop order (a Tacker path, a
   *     SOL001 NFP's positions) rather than an {@code nfp.policies.Order} policy: the path is the
   *     operator's chain, which NFP policies may relax; a {@code priority} between two hops of the
   *     path runs them together instead
   */
  record Order(
      String before, String after, List<String> graphs, SourceLocation origin, boolean fromPath)
      implements NfpRule {
    public Order {
      graphs = List.copyOf(graphs);
    }

    /** An order written as a policy. */
    public Order(String before, String after, List<String> graphs, SourceLocation origin) {
      this(before, after, graphs, origin, false);
    }

    @Override
    public List<String> nfs() {
      return List.of(before, after);
    }
  }

  /** {@code priority(higher > lower)}: run in parallel; on a conflict {@code higher} wins. */
  record Priority(String higher, String lower, List<String> graphs, SourceLocation origin)
      implements NfpRule {
    public Priority {
      graphs = List.copyOf(graphs);
    }

    @Override
    public List<String> nfs() {
      return List.of(higher, lower);
    }
  }

  /** {@code position(nf, first | last)}: pin an NF to the head or tail of the graph. */
  record Position(String nf, Placement placement, List<String> graphs, SourceLocation origin)
      implements NfpRule {
    public Position {
      graphs = List.copyOf(graphs);
    }

    @Override
    public List<String> nfs() {
      return List.of(nf);
    }
  }

  /**
   * The NFs of one SOL001 {@code NfpPosition} with {@code forwarding_behaviour: all}: each gets
   * every packet at the same place in the path, so they may run in parallel.
   */
  record Parallel(List<String> nfs, List<String> graphs, SourceLocation origin) implements NfpRule {
    public Parallel {
      nfs = List.copyOf(nfs);
      graphs = List.copyOf(graphs);
    }
  }

  /** Head or tail. */
  enum Placement {
    FIRST,
    LAST
  }
}
