package org.nfpvnfm.engine.reference;

import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.nfpvnfm.engine.BufferEntry;
import org.nfpvnfm.engine.ForwardingEntry;
import org.nfpvnfm.engine.GraphNf;
import org.nfpvnfm.engine.GraphNode;
import org.nfpvnfm.engine.Hop;
import org.nfpvnfm.engine.MergeEntry;
import org.nfpvnfm.engine.ServiceGraph;
import org.nfpvnfm.tosca.nfp.ActionProfile;
import org.nfpvnfm.tosca.nfp.PacketField;

/** A service graph and its tables as compact text, for failure reports. */
public final class PlanText {
  private PlanText() {}

  /** {@code vpn{sip:r dip:r payload:rw +A}}; {@code +D} for an NF that may drop. */
  public static String profile(ActionProfile p) {
    StringBuilder b = new StringBuilder(p.name()).append('{');
    String sep = "";
    for (Map.Entry<PacketField, org.nfpvnfm.tosca.nfp.Access> e : p.fields().entrySet()) {
      b.append(sep).append(e.getKey().key()).append(':').append(e.getValue().key());
      sep = " ";
    }
    if (p.addsOrRemovesHeader()) {
      b.append(sep).append("+A");
      sep = " ";
    }
    if (p.mayDrop()) {
      b.append(sep).append("+D");
    }
    return b.append('}').toString();
  }

  /** {@code VPN -> {m0: Monitor | FW} -> LB}. */
  public static String tree(ServiceGraph g) {
    return node(g, g.root());
  }

  private static String node(ServiceGraph g, GraphNode n) {
    return switch (n) {
      case GraphNode.Nf nf -> g.nf(nf.nf()).name();
      case GraphNode.Series s ->
          s.parts().stream().map(p -> node(g, p)).collect(Collectors.joining(" -> "));
      case GraphNode.Parallel p ->
          p.branches().stream()
              .map(b -> node(g, b))
              .collect(Collectors.joining(" | ", "{m" + p.merge() + ": ", "}"));
    };
  }

  /** The tree, the reference chain, the NFs, and every table, one line per row. */
  public static String describe(ServiceGraph g) {
    StringBuilder b = new StringBuilder();
    b.append("graph ").append(g.name()).append(": ").append(tree(g)).append('\n');
    b.append("  reference chain: ")
        .append(
            g.referenceChain().stream()
                .map(
                    step ->
                        step.stream()
                            .map(i -> g.nf(i).name())
                            .collect(Collectors.joining(", ", "[", "]")))
                .collect(Collectors.joining(" ")))
        .append('\n');
    for (GraphNf nf : g.nfs()) {
      b.append("  nf ")
          .append(nf.id())
          .append(' ')
          .append(nf.name())
          .append(' ')
          .append(profile(nf.profile()))
          .append(nf.declaredProfile() ? "" : " (assumed)")
          .append(nf.priorityOver().isEmpty() ? "" : " over " + nf.priorityOver())
          .append('\n');
    }
    for (ForwardingEntry row : g.forwarding()) {
      b.append("  fwd ")
          .append(row.from())
          .append(" [b")
          .append(row.buffer())
          .append(row.merge() >= 0 ? ", m" + row.merge() + " v" + row.version() : "")
          .append("] -> ")
          .append(hops(row.hops()))
          .append('\n');
    }
    for (MergeEntry m : g.merges()) {
      b.append("  merge m").append(m.id()).append(": versions ");
      b.append(
          m.versions().stream()
              .map(
                  v ->
                      "v%d(b%d %s %s from %s)"
                          .formatted(v.version(), v.buffer(), v.copy(), v.nfs(), v.from()))
              .collect(Collectors.joining(" ")));
      b.append("; output v").append(m.output());
      b.append("; fields ")
          .append(
              m.fields().stream()
                  .map(
                      f ->
                          "%s<-v%d(nf %d%s)"
                              .formatted(
                                  f.field().key(), f.version(), f.nf(), f.copy() ? ", copy" : ""))
                  .toList());
      b.append("; header ops ")
          .append(m.headerOps().stream().map(o -> "v" + o.version() + ":nf " + o.nf()).toList());
      b.append("; droppers ")
          .append(
              m.drop().droppers().stream().map(d -> "nf " + d.nf() + "@v" + d.version()).toList());
      if (!m.drop().overrides().isEmpty()) {
        b.append(" overrides ")
            .append(
                m.drop().overrides().stream()
                    .map(o -> "nf " + o.winner() + ">" + o.losers())
                    .toList());
      }
      if (m.parentMerge() >= 0) {
        b.append("; parent m").append(m.parentMerge()).append(" v").append(m.parentVersion());
      }
      b.append("; next ").append(hops(m.next())).append('\n');
    }
    for (BufferEntry buf : g.buffers()) {
      if (buf.id() != 0) {
        b.append("  buffer b")
            .append(buf.id())
            .append(": ")
            .append(buf.copy())
            .append(" of b")
            .append(buf.source())
            .append(" at m")
            .append(buf.merge())
            .append(" for versions ")
            .append(buf.versions())
            .append('\n');
      }
    }
    return b.toString();
  }

  private static String hops(List<Hop> hops) {
    if (hops.isEmpty()) {
      return "(none)";
    }
    return hops.stream()
        .map(
            h ->
                h.to()
                    + " b"
                    + h.buffer()
                    + (h.copy() == org.nfpvnfm.engine.CopyKind.SHARED && h.buffer() == h.source()
                        ? ""
                        : " " + h.copy() + " of b" + h.source()))
        .collect(Collectors.joining(", "));
  }
}
