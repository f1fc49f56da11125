package org.nfpvnfm.dpdk.classify;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.nfpvnfm.dpdk.packet.PacketFields;
import org.nfpvnfm.dpdk.packet.ParsedPacket;
import org.nfpvnfm.engine.ServiceGraph;
import org.nfpvnfm.tosca.nfp.Classifier;
import org.nfpvnfm.tosca.nfp.PacketField;

/**
 * Finds the service graph that takes a packet (spec §6): the first step of the dataplane, after
 * {@link org.nfpvnfm.dpdk.packet.PacketParser}. Built off the fast path from the deployed graphs'
 * {@link Classifier}s; {@link #classify} then allocates nothing.
 *
 * <p>Semantics (docs/classifier.md):
 *
 * <ul>
 *   <li>A classifier's criteria all have to hold (AND); a graph with several classifiers takes a
 *       packet that any of them matches (OR), as Tacker's {@code criteria} list does.
 *   <li>Graphs are tried in the order they were added (deployment order), each graph's classifiers
 *       in their order: the first match wins where classifiers overlap.
 *   <li>A graph added with no classifiers takes all traffic, but only what no classifier of any
 *       graph matched, whatever the order: deploying a default graph must not starve the graphs
 *       deployed after it. If several graphs have none, the first added wins.
 *   <li>Only the fields the parser trusts can match: a non-IP frame has L2 fields only; a malformed
 *       frame ({@link org.nfpvnfm.dpdk.packet.ParseStatus#isMalformed()}) is treated as having only
 *       its L2 fields too, so a classifier with any IP or port criterion never takes it; a
 *       non-first fragment has no ports.
 *   <li>A criterion this classifier cannot honour exactly ({@link Classifier#other()} keys, values
 *       it cannot parse, criteria that contradict each other) makes {@link Builder#add} throw,
 *       rather than match more, or less, than the descriptor says.
 * </ul>
 *
 * <p>Immutable once built: every core may share one instance. To redeploy, build a new one and
 * publish it (a volatile field) for the cores to pick up between bursts.
 */
public final class FlowClassifier {

  /** What {@link #classify} returns when no graph takes the packet. */
  public static final int NO_GRAPH = -1;

  private final Rule[] rules;
  private final int catchAllGraph;

  /**
   * The fields some rule reads ({@code Rule.USES_*}): each packet read costs a bounds-checked load
   * or two, and reading only those took a one-rule classifier from 27 ns to 15 ns
   * (docs/classifier.md).
   */
  private final int uses;

  private FlowClassifier(Rule[] rules, int catchAllGraph) {
    this.rules = rules;
    this.catchAllGraph = catchAllGraph;
    int u = 0;
    for (Rule r : rules) {
      u |= r.uses();
    }
    this.uses = u;
  }

  public static Builder builder() {
    return new Builder();
  }

  /**
   * The id of the graph that takes {@code p}, or {@link #NO_GRAPH}: the caller counts such a packet
   * as unclassified and applies its port's default (drop, or forward unprocessed). Reads the fields
   * once, then tries the compiled rules in order: a linear scan, which for the tens of rules a node
   * carries costs less than an index would to maintain (figures in docs/classifier.md).
   */
  public int classify(ParsedPacket p) {
    // A field no rule reads keeps its initial value, which every rule's mask or range ignores.
    // A field some rule reads but the packet lacks is an out-of-range sentinel (Rule.ABSENT): a
    // rule that needs it fails on it.
    int u = uses;
    long dmac = (u & Rule.USES_DMAC) != 0 ? PacketFields.get(p, PacketField.DMAC) : 0;
    long smac = (u & Rule.USES_SMAC) != 0 ? PacketFields.get(p, PacketField.SMAC) : 0;
    int vlan = -1;
    if ((u & Rule.USES_VLAN) != 0) {
      long tci = PacketFields.get(p, PacketField.VLAN);
      vlan = tci < 0 ? -1 : (int) tci & 0x0fff;
    }
    int etherType = p.etherType();
    int ipVersion = 0;
    int protocol = -1;
    int dscp = -1;
    long srcHigh = 0;
    long srcLow = 0;
    long dstHigh = 0;
    long dstLow = 0;
    int sport = -1;
    int dport = -1;
    // A malformed frame's IP and transport headers are not to be trusted, even where parsed.
    if (!p.status().isMalformed() && p.ipVersion() != 0) {
      ipVersion = p.ipVersion();
      if ((u & Rule.USES_PROTOCOL) != 0) {
        protocol = (int) PacketFields.get(p, PacketField.PROTOCOL);
      }
      if ((u & Rule.USES_DSCP) != 0) {
        dscp = (int) PacketFields.get(p, PacketField.DSCP);
      }
      if (ipVersion == 4) {
        if ((u & Rule.USES_SRC) != 0) {
          srcLow = PacketFields.get(p, PacketField.SIP);
        }
        if ((u & Rule.USES_DST) != 0) {
          dstLow = PacketFields.get(p, PacketField.DIP);
        }
      } else {
        if ((u & Rule.USES_SRC) != 0) {
          srcHigh = PacketFields.ipv6High(p, PacketField.SIP);
          srcLow = PacketFields.ipv6Low(p, PacketField.SIP);
        }
        if ((u & Rule.USES_DST) != 0) {
          dstHigh = PacketFields.ipv6High(p, PacketField.DIP);
          dstLow = PacketFields.ipv6Low(p, PacketField.DIP);
        }
      }
      if ((u & Rule.USES_PORTS) != 0 && p.hasPorts()) {
        sport = (int) PacketFields.get(p, PacketField.SPORT);
        dport = (int) PacketFields.get(p, PacketField.DPORT);
      }
    }
    for (Rule r : rules) {
      if (r.matches(
          dmac, smac, etherType, vlan, protocol, dscp, ipVersion, srcHigh, srcLow, dstHigh, dstLow,
          sport, dport)) {
        return r.graphId;
      }
    }
    return catchAllGraph;
  }

  /** The compiled classifiers, all graphs together (the catch-all graph is not one). */
  public int ruleCount() {
    return rules.length;
  }

  /** The graph that takes what no classifier matches, or {@link #NO_GRAPH}. */
  public int catchAllGraph() {
    return catchAllGraph;
  }

  /** One line per rule in match order, then the catch-all (allocates: for logs and tests). */
  public List<String> describe() {
    List<String> out = new ArrayList<>();
    for (Rule r : rules) {
      out.add(r.description);
    }
    if (catchAllGraph != NO_GRAPH) {
      out.add("graph " + catchAllGraph + ": all other traffic");
    }
    return out;
  }

  @Override
  public String toString() {
    return "FlowClassifier[rules=" + rules.length + ", catchAllGraph=" + catchAllGraph + "]";
  }

  /** Collects graphs in deployment order. Not thread-safe; use one per build. */
  public static final class Builder {
    private final List<Rule> rules = new ArrayList<>();
    private final Set<Integer> graphIds = new HashSet<>();
    private int catchAllGraph = NO_GRAPH;

    private Builder() {}

    /** Adds a compiled graph under {@code graphId}; its name appears in error messages. */
    public Builder add(int graphId, ServiceGraph graph) {
      return add(graphId, "graph " + graphId + " \"" + graph.name() + "\"", graph.classifiers());
    }

    /**
     * Adds a graph's classifiers (empty: the graph takes all traffic no classifier matches).
     *
     * @throws IllegalArgumentException naming every criterion that cannot be honoured, with its
     *     location in the descriptor; nothing of this graph is added then
     */
    public Builder add(int graphId, List<Classifier> classifiers) {
      return add(graphId, "graph " + graphId, classifiers);
    }

    private Builder add(int graphId, String graph, List<Classifier> classifiers) {
      if (graphId < 0) {
        throw new IllegalArgumentException(
            "graphId: " + graphId + " (expected: >= 0; " + NO_GRAPH + " means no graph)");
      }
      if (graphIds.contains(graphId)) {
        throw new IllegalArgumentException(
            "graphId: " + graphId + " was added already (expected: one add per graph)");
      }
      List<String> problems = new ArrayList<>();
      List<Rule> compiled = new ArrayList<>();
      for (Classifier c : classifiers) {
        Rule r = RuleCompiler.compile(graphId, graph, c, problems);
        if (r != null) {
          compiled.add(r);
        }
      }
      if (!problems.isEmpty()) {
        throw new IllegalArgumentException(
            RuleCompiler.join(
                graph
                    + " cannot be classified exactly ("
                    + (problems.size() == 1 ? "1 problem" : problems.size() + " problems")
                    + "):",
                problems));
      }
      graphIds.add(graphId);
      rules.addAll(compiled);
      if (classifiers.isEmpty() && catchAllGraph == NO_GRAPH) {
        catchAllGraph = graphId;
      }
      return this;
    }

    public FlowClassifier build() {
      return new FlowClassifier(rules.toArray(new Rule[0]), catchAllGraph);
    }
  }
}
