package org.nfpvnfm.engine.cli;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Collectors;
import org.nfpvnfm.engine.BufferEntry;
import org.nfpvnfm.engine.Endpoint;
import org.nfpvnfm.engine.ForwardingEntry;
import org.nfpvnfm.engine.GraphNf;
import org.nfpvnfm.engine.GraphNode;
import org.nfpvnfm.engine.Hop;
import org.nfpvnfm.engine.MemoryReport;
import org.nfpvnfm.engine.MergeEntry;
import org.nfpvnfm.engine.PacketSizeMix;
import org.nfpvnfm.engine.ServiceGraph;
import org.nfpvnfm.engine.Summary;
import org.nfpvnfm.tosca.SourceLocation;
import org.nfpvnfm.tosca.nfp.Classifier;

/**
 * The readable report {@code nfp compile} prints for one service graph: the reference chain, the
 * shape, the numbers, the NFs, the copy plan, the forwarding table, the merge table and the egress.
 * It restates the tables, row for row, in NF names; it draws no conclusion of its own, so that what
 * an operator reads is what the dataplane will run.
 */
public final class GraphReport {

  private final ServiceGraph graph;
  private final PacketSizeMix mix;
  private final boolean sequentialPlan;
  private final StringBuilder out = new StringBuilder();

  private final Map<Integer, GraphNode.Parallel> blocks = new HashMap<>();

  private GraphReport(ServiceGraph graph, PacketSizeMix mix, boolean sequentialPlan) {
    this.graph = graph;
    this.mix = mix;
    this.sequentialPlan = sequentialPlan;
    collectBlocks(graph.root(), blocks);
  }

  /**
   * The report of {@code graph} as {@code nfp compile} prints it, its memory figures for {@code
   * mix}; the heading says which plan the graph was compiled as.
   */
  public static String of(ServiceGraph graph, PacketSizeMix mix) {
    return of(graph, mix, graph.plan() == org.nfpvnfm.engine.NfpCompiler.Plan.SEQUENTIAL);
  }

  /**
   * @param sequentialPlan the graph was compiled as the sequential plan: said in the heading, since
   *     its tables are not the parallel graph's and a reader comparing reports must not mix them up
   */
  static String of(ServiceGraph graph, PacketSizeMix mix, boolean sequentialPlan) {
    GraphReport report = new GraphReport(graph, mix, sequentialPlan);
    report.write();
    return report.out.toString();
  }

  private void line(String text) {
    out.append(text).append('\n');
  }

  private void write() {
    Summary s = graph.summary();
    line("graph " + graph.name() + (sequentialPlan ? " (sequential plan):" : ":"));
    line("  reference chain: " + Text.referenceChain(graph));
    line("  shape:           " + Text.shape(graph));
    line(
        "  summary:         length "
            + s.length()
            + " (sequential "
            + s.sequentialLength()
            + "), width "
            + s.width()
            + ", "
            + Text.plural(s.parallelBlocks(), "parallel block")
            + ", "
            + Text.plural(s.headerCopies(), "header copy", "header copies")
            + ", "
            + Text.plural(s.fullCopies(), "full copy", "full copies")
            + " per packet");
    line(
        "  pairs:           "
            + s.pairs()
            + ": "
            + s.parallelPairs()
            + " parallel, "
            + s.copyParallelPairs()
            + " copy-parallel, "
            + (s.pairs() - s.parallelPairs() - s.copyParallelPairs())
            + " sequential");
    memory();
    if (graph.classifiers().isEmpty()) {
      line("  traffic:         every packet (no classifier)");
    } else {
      for (Classifier c : graph.classifiers()) {
        line("  traffic:         " + Text.classifier(c) + " (" + c.location() + ")");
      }
    }
    nfs();
    copyPlan();
    forwarding();
    merges();
    line(
        "  egress: recomputes "
            + Text.checksums(
                graph.egress().recomputeIpChecksum(), graph.egress().recomputeL4Checksum()));
  }

  /** The paper's overhead model beside what this copy plan really copies. */
  private void memory() {
    MemoryReport m = MemoryReport.of(graph, mix);
    line(
        String.format(
            Locale.ROOT,
            "  memory:          %s mix (mean %.0f B): paper's ro = 64 x (d-1) / s = %.1f%% at degree"
                + " %d; this plan copies %.0f B per packet (%.1f%%) and uses %.0f B of buffer"
                + " descriptors",
            m.mix(),
            m.meanPacketBytes(),
            100 * m.paperOverhead(),
            m.degree(),
            m.copiedBytes(),
            100 * m.copiedOverhead(),
            m.descriptorBytes()));
  }

  private void nfs() {
    line("  NFs:");
    int nameWidth = graph.nfs().stream().mapToInt(n -> n.name().length()).max().orElse(0);
    int profileWidth =
        graph.nfs().stream().mapToInt(n -> Text.profileName(n).length()).max().orElse(0);
    for (GraphNf nf : graph.nfs()) {
      StringBuilder row =
          new StringBuilder("    ")
              .append(pad(nf.name(), nameWidth))
              .append("  ")
              .append(pad(Text.profileName(nf), profileWidth))
              .append("  ")
              .append(Text.accesses(nf.profile()));
      if (!nf.declaredProfile()) {
        row.append("  (assumed: the NF declares no profile)");
      }
      if (!nf.priorityOver().isEmpty()) {
        row.append("  priority over ").append(Text.nfs(graph, nf.priorityOver()));
      }
      line(row.toString());
    }
  }

  private void copyPlan() {
    line("  copy plan:");
    for (BufferEntry b : graph.buffers()) {
      if (b.source() < 0) {
        line("    buf " + b.id() + ": the packet as the classifier received it");
        continue;
      }
      line(
          "    buf "
              + b.id()
              + ": "
              + Text.copy(b.copy())
              + " of buf "
              + b.source()
              + " at the fork of merger "
              + b.merge()
              + ", for "
              + versions(b.merge(), b.versions()));
    }
  }

  /** {@code version 0 (MON)} or {@code versions 0 (MON), 1 (FW)}. */
  private String versions(int merge, List<Integer> versions) {
    MergeEntry entry = graph.merges().get(merge);
    String list =
        versions.stream()
            .map(v -> v + " (" + Text.nfs(graph, entry.versions().get(v).nfs()) + ")")
            .collect(Collectors.joining(", "));
    return (versions.size() == 1 ? "version " : "versions ") + list;
  }

  private void forwarding() {
    line("  forwarding table:");
    for (ForwardingEntry row : graph.forwarding()) {
      StringBuilder text = new StringBuilder("    ");
      switch (row.from().kind()) {
        case CLASSIFIER -> text.append("classifier");
        case EGRESS -> text.append("egress");
        default -> text.append("after ").append(Text.endpoint(graph, row.from()));
      }
      text.append(" (buffer ").append(row.buffer());
      if (row.merge() >= 0) {
        text.append(", version ").append(row.version()).append(" of merger ").append(row.merge());
      }
      text.append("): ");
      List<String> hops = new ArrayList<>();
      for (Hop hop : row.hops()) {
        // A version that is done goes to its merger (even when the NF dropped it, marked dropped).
        hops.add(
            hop.to().kind() == Endpoint.Kind.MERGER
                ? "-> merger " + hop.to().id() + " as version " + row.version()
                : Text.hop(graph, hop));
      }
      text.append(hops.isEmpty() ? "(nothing)" : String.join(", ", hops));
      line(text.toString());
    }
  }

  private void merges() {
    if (graph.merges().isEmpty()) {
      line("  merge table: empty (no parallel block)");
      return;
    }
    line("  merge table:");
    for (MergeEntry m : graph.merges()) {
      line("    merger " + m.id() + ":");
      line("      expects " + Text.plural(m.versions().size(), "version") + ":");
      for (MergeEntry.Version v : m.versions()) {
        line(
            "        v"
                + v.version()
                + ": buf "
                + v.buffer()
                + " ("
                + Text.copy(v.copy())
                + "), through "
                + branch(m.id(), v.version())
                + ", sent by "
                + Text.endpoint(graph, v.from()));
      }
      line("      output: version " + m.output() + " (buf " + outputBuffer(m) + ")");
      if (m.fields().isEmpty()) {
        line("      fields: none written in the block");
      } else {
        line("      fields:");
        for (MergeEntry.FieldOwner f : m.fields()) {
          line("        " + fieldOwner(f));
        }
      }
      if (m.headerOps().isEmpty()) {
        line("      header ops: none");
      } else {
        line(
            "      header ops: replay on the output, in order: "
                + m.headerOps().stream()
                    .map(op -> Text.nf(graph, op.nf()) + " (v" + op.version() + ")")
                    .collect(Collectors.joining(", ")));
      }
      line("      drop: " + drop(m.drop()));
      String next =
          m.next().stream().map(h -> Text.hop(graph, h)).collect(Collectors.joining(", "));
      if (m.parentMerge() >= 0) {
        line(
            "      then: as version "
                + m.parentVersion()
                + " of merger "
                + m.parentMerge()
                + (next.isEmpty() ? ", straight to it" : ": " + next));
      } else {
        line("      then: " + (next.isEmpty() ? "(nothing)" : next));
      }
    }
  }

  /**
   * The shape of the branch that delivers {@code version} to merger {@code merge}: a version's NF
   * list alone would hide a nested block ({@code {LB | COMP} -> NIDS}).
   */
  private String branch(int merge, int version) {
    GraphNode.Parallel block = blocks.get(merge);
    if (block == null || version >= block.branches().size()) {
      return Text.nfs(graph, graph.merges().get(merge).versions().get(version).nfs());
    }
    return Text.shape(graph, block.branches().get(version));
  }

  private static void collectBlocks(GraphNode node, Map<Integer, GraphNode.Parallel> into) {
    switch (node) {
      case GraphNode.Nf nf -> {}
      case GraphNode.Series series -> series.parts().forEach(p -> collectBlocks(p, into));
      case GraphNode.Parallel parallel -> {
        into.put(parallel.merge(), parallel);
        parallel.branches().forEach(b -> collectBlocks(b, into));
      }
    }
  }

  private static int outputBuffer(MergeEntry m) {
    return m.versions().stream()
        .filter(v -> v.version() == m.output())
        .mapToInt(MergeEntry.Version::buffer)
        .findFirst()
        .orElse(-1);
  }

  /**
   * {@code sip <- v1 (LB): only writer}, {@code ttl <- v3 (D): priority over C (file.yaml:19:11),
   * copy from version 3}.
   */
  private String fieldOwner(MergeEntry.FieldOwner f) {
    StringBuilder text =
        new StringBuilder(Text.field(f.field()))
            .append(" <- version ")
            .append(f.version())
            .append(" (")
            .append(Text.nf(graph, f.nf()))
            .append("): ");
    String losers = Text.nfs(graph, f.losers());
    switch (f.reason()) {
      case ONLY_WRITER -> text.append("only writer");
      case LAST_WRITER -> text.append("last writer in the reference chain, over ").append(losers);
      case PRIORITY -> text.append("priority over ").append(losers);
    }
    SourceLocation rule = f.rule();
    if (rule != null) {
      text.append(" (rule at ").append(rule).append(')');
    }
    if (f.copy()) {
      text.append(", copy from version ").append(f.version());
    }
    return text.toString();
  }

  private String drop(MergeEntry.DropRule rule) {
    if (rule.neverDrops()) {
      return "never (no NF of the block may drop)";
    }
    StringBuilder text =
        new StringBuilder("dropped when ")
            .append(
                rule.droppers().stream()
                    .map(d -> Text.nf(graph, d.nf()) + " (v" + d.version() + ")")
                    .collect(Collectors.joining(" or ")))
            .append(" dropped it");
    for (MergeEntry.Override o : rule.overrides()) {
      text.append("; unless ")
          .append(Text.nf(graph, o.winner()))
          .append(" let it pass, which overrules ")
          .append(Text.nfs(graph, o.losers()));
      SourceLocation at = o.rule();
      if (at != null) {
        text.append(" (priority at ").append(at).append(')');
      }
    }
    return text.toString();
  }

  private static String pad(String s, int width) {
    return s.length() >= width ? s : s + " ".repeat(width - s.length());
  }
}
