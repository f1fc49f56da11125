package org.nfpvnfm.engine.cli;

import java.util.List;
import java.util.stream.Collectors;
import org.nfpvnfm.engine.Endpoint;
import org.nfpvnfm.engine.ForwardingEntry;
import org.nfpvnfm.engine.GraphNf;
import org.nfpvnfm.engine.GraphNode;
import org.nfpvnfm.engine.Hop;
import org.nfpvnfm.engine.ServiceGraph;
import org.nfpvnfm.tosca.nfp.Classifier;

/**
 * Graphviz DOT for service graphs: the classifier, the NFs, the mergers and the egress as nodes,
 * one edge per hop of the forwarding table (plain when shared, dashed for a header copy, bold for a
 * full copy, each with its buffer), plus the implicit hand-over of a finished version to its
 * merger, and each parallel block as a cluster. Node ids are {@code g<i>_...} so that several
 * graphs fit in one document.
 */
final class DotWriter {

  private final StringBuilder out = new StringBuilder();

  private DotWriter() {}

  static String of(List<ServiceGraph> graphs) {
    DotWriter w = new DotWriter();
    if (graphs.size() == 1) {
      ServiceGraph g = graphs.get(0);
      w.line(0, "digraph " + quote(g.name()) + " {");
      w.header(g, 1);
      w.graph(g, "g0", 1);
    } else {
      w.line(0, "digraph \"nfp\" {");
      w.defaults(1);
      for (int i = 0; i < graphs.size(); i++) {
        ServiceGraph g = graphs.get(i);
        w.line(1, "subgraph cluster_g" + i + " {");
        w.line(2, "label=" + quote(g.name() + ": " + Text.shape(g)) + ";");
        w.line(2, "labeljust=l;");
        w.graph(g, "g" + i, 2);
        w.line(1, "}");
      }
    }
    w.line(0, "}");
    return w.out.toString();
  }

  private void line(int indent, String text) {
    out.append("  ".repeat(indent)).append(text).append('\n');
  }

  private void header(ServiceGraph g, int indent) {
    line(indent, "label=" + quote(g.name() + ": " + Text.shape(g)) + ";");
    line(indent, "labelloc=t;");
    defaults(indent);
  }

  private void defaults(int indent) {
    line(indent, "rankdir=LR;");
    line(indent, "node [fontname=\"Helvetica\", fontsize=11];");
    line(indent, "edge [fontname=\"Helvetica\", fontsize=9];");
  }

  private void graph(ServiceGraph g, String prefix, int indent) {
    String traffic =
        g.classifiers().isEmpty()
            ? "every packet"
            : g.classifiers().stream().map(Classifier::name).collect(Collectors.joining(", "));
    line(
        indent,
        id(prefix, Endpoint.CLASSIFIER)
            + " [shape=box, style=rounded, label="
            + quote("classifier\n" + traffic)
            + "];");
    nodes(g, prefix, g.root(), indent);
    line(
        indent,
        id(prefix, Endpoint.EGRESS)
            + " [shape=box, style=rounded, label="
            + quote("egress\nrecompute " + Text.checksumsShort(g))
            + "];");
    for (ForwardingEntry row : g.forwarding()) {
      String from = id(prefix, row.from());
      for (Hop hop : row.hops()) {
        if (hop.to().kind() == Endpoint.Kind.MERGER) {
          // The version is done: the runtime hands it to its merger (dropped or not).
          line(
              indent,
              from
                  + " -> "
                  + id(prefix, hop.to())
                  + " [label="
                  + quote("v" + row.version())
                  + ", color=\"#555555\"];");
        } else {
          line(indent, from + " -> " + id(prefix, hop.to()) + " [" + edgeStyle(hop) + "];");
        }
      }
    }
  }

  /** NF nodes, each parallel block a cluster (nested blocks nest), its merger after it. */
  private void nodes(ServiceGraph g, String prefix, GraphNode node, int indent) {
    switch (node) {
      case GraphNode.Nf nf -> {
        GraphNf f = g.nf(nf.nf());
        line(
            indent,
            id(prefix, Endpoint.nf(f.id()))
                + " [shape=box, label="
                + quote(f.name() + "\n" + Text.profileName(f))
                + (f.declaredProfile() ? "" : ", color=\"#c77700\"")
                + "];");
      }
      case GraphNode.Series series -> series.parts().forEach(p -> nodes(g, prefix, p, indent));
      case GraphNode.Parallel parallel -> {
        line(indent, "subgraph cluster_" + prefix + "_m" + parallel.merge() + " {");
        line(indent + 1, "label=" + quote("parallel block, merger " + parallel.merge()) + ";");
        line(indent + 1, "style=\"rounded,filled\";");
        line(indent + 1, "fillcolor=\"#eef4fb\";");
        line(indent + 1, "color=\"#9fb8d8\";");
        parallel.branches().forEach(b -> nodes(g, prefix, b, indent + 1));
        line(indent, "}");
        line(
            indent,
            id(prefix, Endpoint.merger(parallel.merge()))
                + " [shape=diamond, label="
                + quote("merger " + parallel.merge())
                + "];");
      }
    }
  }

  private static String edgeStyle(Hop hop) {
    String label = quote(Text.buffer(hop.copy(), hop.buffer(), hop.source()));
    return switch (hop.copy()) {
      case SHARED -> "label=" + label;
      case HEADER_COPY -> "label=" + label + ", style=dashed";
      case FULL_COPY -> "label=" + label + ", style=bold, penwidth=2.5";
    };
  }

  /** {@code g0_classifier}, {@code g0_nf3}, {@code g0_m0}, {@code g0_egress}. */
  static String id(String prefix, Endpoint e) {
    return switch (e.kind()) {
      case CLASSIFIER -> prefix + "_classifier";
      case EGRESS -> prefix + "_egress";
      case NF -> prefix + "_nf" + e.id();
      case MERGER -> prefix + "_m" + e.id();
    };
  }

  /** A DOT quoted string: quotes and backslashes escaped, line breaks as DOT's {@code \n}. */
  static String quote(String s) {
    StringBuilder q = new StringBuilder("\"");
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      switch (c) {
        case '"' -> q.append("\\\"");
        case '\\' -> q.append("\\\\");
        case '\n' -> q.append("\\n");
        case '\r' -> {}
        default -> q.append(c);
      }
    }
    return q.append('"').toString();
  }
}
