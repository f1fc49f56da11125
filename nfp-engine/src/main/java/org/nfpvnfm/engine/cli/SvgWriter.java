package org.nfpvnfm.engine.cli;

import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;
import org.nfpvnfm.engine.CopyKind;
import org.nfpvnfm.engine.GraphNf;
import org.nfpvnfm.engine.GraphNode;
import org.nfpvnfm.engine.MergeEntry;
import org.nfpvnfm.engine.ServiceGraph;
import org.nfpvnfm.engine.Summary;
import org.nfpvnfm.tosca.nfp.Classifier;

/**
 * Draws service graphs as standalone SVG 1.1, without Graphviz. A service graph is a
 * series-parallel tree, so it needs no general graph layout: series parts go left to right,
 * parallel branches top to bottom, and each box knows its own size before it is placed. Every
 * parallel block gets a light background, a fork where its branches start (each arrow labelled with
 * the copy that branch gets: plain shared, dashed header copy, thick full copy) and a diamond
 * merger where they meet.
 *
 * <p>The output depends only on the graphs: integer coordinates, no dates, {@code \n} line ends, so
 * a committed figure can be checked against a fresh one byte for byte.
 */
final class SvgWriter {

  private static final int MARGIN = 20;
  private static final int NF_H = 46;
  private static final int NF_MIN_W = 96;
  private static final int SERIES_GAP = 44;
  private static final int PAD = 10;
  private static final int BLOCK_LABEL_H = 16;
  private static final int FORK_W = 100;
  private static final int MERGE_GAP = 40;
  private static final int MERGER_R = 16;
  private static final int BRANCH_GAP = 14;
  private static final int TITLE_H = 64;
  private static final int SECTION_GAP = 28;
  private static final int LEGEND_H = 30;

  private static final String INK = "#333333";
  private static final String NF_STROKE = "#3b5b82";
  private static final String[] BLOCK_FILL = {"#eaf1fb", "#e7f4ea", "#fdf1e3", "#f3e9fb"};
  private static final String[] BLOCK_STROKE = {"#9fb8d8", "#9cc7a8", "#e0b98a", "#c3a4dd"};

  private final StringBuilder body = new StringBuilder();

  private SvgWriter() {}

  static String of(List<ServiceGraph> graphs) {
    SvgWriter w = new SvgWriter();
    List<Section> sections = graphs.stream().map(g -> w.new Section(g)).toList();
    int width = sections.stream().mapToInt(Section::width).max().orElse(0);
    width = Math.max(width, legendWidth()) + 2 * MARGIN;
    int y = MARGIN;
    for (Section s : sections) {
      s.draw(MARGIN, y);
      y += s.height() + SECTION_GAP;
    }
    w.legend(MARGIN, y - SECTION_GAP + 14);
    int height = y - SECTION_GAP + 14 + LEGEND_H + MARGIN;
    StringBuilder svg = new StringBuilder();
    svg.append("<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"no\"?>\n");
    svg.append("<svg xmlns=\"http://www.w3.org/2000/svg\" version=\"1.1\"")
        .append(" width=\"")
        .append(width)
        .append("\" height=\"")
        .append(height)
        .append("\" viewBox=\"0 0 ")
        .append(width)
        .append(' ')
        .append(height)
        .append("\" font-family=\"Helvetica, Arial, sans-serif\">\n");
    svg.append("<title>")
        .append(
            escape(
                "NFP service graph"
                    + (graphs.size() == 1 ? " " : "s ")
                    + graphs.stream().map(ServiceGraph::name).collect(Collectors.joining(", "))))
        .append("</title>\n");
    svg.append("<desc>Drawn by nfp compile --svg from the compiled service graph;")
        .append(" regenerate it rather than edit it.</desc>\n");
    svg.append("<defs>\n")
        .append("<marker id=\"arrow\" viewBox=\"0 0 10 10\" refX=\"10\" refY=\"5\"")
        .append(" markerUnits=\"userSpaceOnUse\" markerWidth=\"9\" markerHeight=\"9\"")
        .append(" orient=\"auto\"><path d=\"M0,0 L10,5 L0,10 z\" fill=\"")
        .append(INK)
        .append("\"/></marker>\n")
        .append("</defs>\n");
    svg.append("<rect x=\"0\" y=\"0\" width=\"")
        .append(width)
        .append("\" height=\"")
        .append(height)
        .append("\" fill=\"#ffffff\"/>\n");
    svg.append(w.body);
    svg.append("</svg>\n");
    return svg.toString();
  }

  // ---- one graph: title lines, then classifier -> graph -> egress on one row ----

  private final class Section {
    private final ServiceGraph graph;
    private final Box row;
    private final List<String> title = new ArrayList<>();

    Section(ServiceGraph graph) {
      this.graph = graph;
      String traffic =
          graph.classifiers().isEmpty()
              ? "every packet"
              : graph.classifiers().stream()
                  .map(Classifier::name)
                  .collect(Collectors.joining(", "));
      Box classifier = new EndBox("classifier", traffic);
      Box egress = new EndBox("egress", "recompute " + Text.checksumsShort(graph));
      this.row = new SeriesBox(List.of(classifier, box(graph, graph.root(), 0), egress));
      Summary s = graph.summary();
      title.add(graph.name());
      title.add(Text.shape(graph));
      title.add(
          "length "
              + s.length()
              + " (sequential "
              + s.sequentialLength()
              + "), width "
              + s.width()
              + ", "
              + Text.plural(s.headerCopies(), "header copy", "header copies")
              + ", "
              + Text.plural(s.fullCopies(), "full copy", "full copies")
              + " per packet");
    }

    int width() {
      int titleW =
          Math.max(
              textWidth(title.get(0), 15, true),
              Math.max(textWidth(title.get(1), 12, false), textWidth(title.get(2), 11, false)));
      return Math.max(row.w(), titleW);
    }

    int height() {
      return TITLE_H + row.h();
    }

    void draw(int x, int y) {
      text(x, y + 15, title.get(0), 15, "start", "bold", INK);
      text(x, y + 34, title.get(1), 12, "start", "normal", INK);
      text(x, y + 51, title.get(2), 11, "start", "normal", "#666666");
      row.draw(x, y + TITLE_H);
    }
  }

  private Box box(ServiceGraph graph, GraphNode node, int depth) {
    return switch (node) {
      case GraphNode.Nf nf -> new NfBox(graph.nf(nf.nf()));
      case GraphNode.Series series ->
          new SeriesBox(series.parts().stream().map(p -> box(graph, p, depth)).toList());
      case GraphNode.Parallel parallel ->
          new ParallelBox(
              graph.merges().get(parallel.merge()),
              parallel.branches().stream().map(b -> box(graph, b, depth + 1)).toList(),
              depth);
    };
  }

  /** A laid-out part: its size is known before it is placed; it enters and leaves mid-height. */
  private interface Box {
    int w();

    int h();

    void draw(int x, int y);
  }

  private final class NfBox implements Box {
    private final GraphNf nf;
    private final String profile;
    private final int w;

    NfBox(GraphNf nf) {
      this.nf = nf;
      this.profile = nf.declaredProfile() ? nf.profile().name() : "no profile (assumed all)";
      this.w =
          Math.max(
              NF_MIN_W,
              Math.max(textWidth(nf.name(), 13, true), textWidth(profile, 11, false)) + 24);
    }

    @Override
    public int w() {
      return w;
    }

    @Override
    public int h() {
      return NF_H;
    }

    @Override
    public void draw(int x, int y) {
      boolean declared = nf.declaredProfile();
      rect(
          x,
          y,
          w,
          NF_H,
          6,
          declared ? "#ffffff" : "#fff4e5",
          declared ? NF_STROKE : "#c77700",
          "1.5");
      text(x + w / 2, y + 20, nf.name(), 13, "middle", "bold", INK);
      text(x + w / 2, y + 36, profile, 11, "middle", "normal", "#555555");
    }
  }

  /** The classifier or the egress: a grey rounded box with a caption. */
  private final class EndBox implements Box {
    private final String name;
    private final String caption;
    private final int w;

    EndBox(String name, String caption) {
      this.name = name;
      this.caption = caption;
      this.w =
          Math.max(
              NF_MIN_W - 10,
              Math.max(textWidth(name, 12, true), textWidth(caption, 10, false)) + 20);
    }

    @Override
    public int w() {
      return w;
    }

    @Override
    public int h() {
      return NF_H;
    }

    @Override
    public void draw(int x, int y) {
      rect(x, y, w, NF_H, 16, "#f2f2f2", "#888888", "1.2");
      text(x + w / 2, y + 20, name, 12, "middle", "bold", INK);
      text(x + w / 2, y + 35, caption, 10, "middle", "normal", "#555555");
    }
  }

  private final class SeriesBox implements Box {
    private final List<Box> parts;
    private final int w;
    private final int h;

    SeriesBox(List<Box> parts) {
      this.parts = parts;
      this.w = parts.stream().mapToInt(Box::w).sum() + SERIES_GAP * (parts.size() - 1);
      this.h = parts.stream().mapToInt(Box::h).max().orElse(0);
    }

    @Override
    public int w() {
      return w;
    }

    @Override
    public int h() {
      return h;
    }

    @Override
    public void draw(int x, int y) {
      int cy = y + h / 2;
      int px = x;
      for (int i = 0; i < parts.size(); i++) {
        Box part = parts.get(i);
        part.draw(px, cy - part.h() / 2);
        px += part.w();
        if (i + 1 < parts.size()) {
          arrow("M" + px + "," + cy + " H" + (px + SERIES_GAP), CopyKind.SHARED);
          px += SERIES_GAP;
        }
      }
    }
  }

  private final class ParallelBox implements Box {
    private final MergeEntry merge;
    private final List<Box> branches;
    private final int depth;
    private final int maxBranchW;
    private final int w;
    private final int h;

    ParallelBox(MergeEntry merge, List<Box> branches, int depth) {
      this.merge = merge;
      this.branches = branches;
      this.depth = depth;
      this.maxBranchW = branches.stream().mapToInt(Box::w).max().orElse(0);
      this.w = FORK_W + maxBranchW + MERGE_GAP + 2 * MERGER_R + PAD;
      this.h =
          BLOCK_LABEL_H
              + 2 * PAD
              + branches.stream().mapToInt(Box::h).sum()
              + BRANCH_GAP * (branches.size() - 1);
    }

    @Override
    public int w() {
      return w;
    }

    @Override
    public int h() {
      return h;
    }

    @Override
    public void draw(int x, int y) {
      int colour = depth % BLOCK_FILL.length;
      rect(x, y, w, h, 10, BLOCK_FILL[colour], BLOCK_STROKE[colour], "1");
      text(
          x + 14, y + 14, "parallel block, merger " + merge.id(), 10, "start", "normal", "#47617f");
      int cy = y + h / 2;
      int forkX = x + 8;
      int mergerX = x + FORK_W + maxBranchW + MERGE_GAP + MERGER_R;
      line(x, cy, forkX, cy);
      int by = y + BLOCK_LABEL_H + PAD;
      for (int i = 0; i < branches.size(); i++) {
        Box branch = branches.get(i);
        int bcy = by + branch.h() / 2;
        int bx = x + FORK_W;
        // Branch i delivers version i: its copy kind and buffer are the version's.
        MergeEntry.Version version = merge.versions().get(i);
        arrow("M" + forkX + "," + cy + " V" + bcy + " H" + bx, version.copy());
        text(
            forkX + 8,
            bcy - 5,
            Text.copyShort(version.copy()) + " b" + version.buffer(),
            10,
            "start",
            "normal",
            version.copy() == CopyKind.SHARED ? "#666666" : "#9a3412");
        branch.draw(bx, by);
        int exitX = bx + branch.w();
        arrow(
            "M"
                + exitX
                + ","
                + bcy
                + " H"
                + (mergerX - MERGER_R - 14)
                + " L"
                + (mergerX - MERGER_R)
                + ","
                + cy,
            CopyKind.SHARED);
        text(exitX + 4, bcy - 5, "v" + version.version(), 10, "start", "normal", "#666666");
        by += branch.h() + BRANCH_GAP;
      }
      circle(forkX, cy, 3);
      body.append("<polygon points=\"")
          .append(mergerX - MERGER_R)
          .append(',')
          .append(cy)
          .append(' ')
          .append(mergerX)
          .append(',')
          .append(cy - MERGER_R)
          .append(' ')
          .append(mergerX + MERGER_R)
          .append(',')
          .append(cy)
          .append(' ')
          .append(mergerX)
          .append(',')
          .append(cy + MERGER_R)
          .append("\" fill=\"#fde7c6\" stroke=\"#b7791f\" stroke-width=\"1.5\"/>\n");
      text(mergerX, cy + 4, "M" + merge.id(), 10, "middle", "bold", INK);
      line(mergerX + MERGER_R, cy, x + w, cy);
    }
  }

  // ---- legend and primitives ----

  private static int legendWidth() {
    return 560;
  }

  private void legend(int x, int y) {
    int cy = y + 10;
    line(x, cy, x + 36, cy);
    text(x + 42, cy + 4, "shared (one buffer)", 10, "start", "normal", INK);
    arrowStyle(x + 150, cy, x + 186, cy, CopyKind.HEADER_COPY);
    text(x + 192, cy + 4, "header copy", 10, "start", "normal", INK);
    arrowStyle(x + 270, cy, x + 306, cy, CopyKind.FULL_COPY);
    text(x + 312, cy + 4, "full copy", 10, "start", "normal", INK);
    body.append("<polygon points=\"")
        .append(x + 380)
        .append(',')
        .append(cy)
        .append(' ')
        .append(x + 388)
        .append(',')
        .append(cy - 8)
        .append(' ')
        .append(x + 396)
        .append(',')
        .append(cy)
        .append(' ')
        .append(x + 388)
        .append(',')
        .append(cy + 8)
        .append("\" fill=\"#fde7c6\" stroke=\"#b7791f\" stroke-width=\"1.5\"/>\n");
    text(x + 402, cy + 4, "merger", 10, "start", "normal", INK);
    rect(x + 450, cy - 8, 22, 16, 4, BLOCK_FILL[0], BLOCK_STROKE[0], "1");
    text(x + 478, cy + 4, "parallel block", 10, "start", "normal", INK);
  }

  private void arrowStyle(int x1, int y1, int x2, int y2, CopyKind kind) {
    body.append("<path d=\"M")
        .append(x1)
        .append(',')
        .append(y1)
        .append(" L")
        .append(x2)
        .append(',')
        .append(y2)
        .append('"')
        .append(stroke(kind))
        .append("/>\n");
  }

  private void arrow(String path, CopyKind kind) {
    body.append("<path d=\"")
        .append(path)
        .append('"')
        .append(stroke(kind))
        .append(" marker-end=\"url(#arrow)\"/>\n");
  }

  private static String stroke(CopyKind kind) {
    String common = " fill=\"none\" stroke=\"" + INK + "\"";
    return switch (kind) {
      case SHARED -> common + " stroke-width=\"1.4\"";
      case HEADER_COPY -> common + " stroke-width=\"1.6\" stroke-dasharray=\"6 4\"";
      case FULL_COPY -> common + " stroke-width=\"3.5\"";
    };
  }

  private void line(int x1, int y1, int x2, int y2) {
    body.append("<line x1=\"")
        .append(x1)
        .append("\" y1=\"")
        .append(y1)
        .append("\" x2=\"")
        .append(x2)
        .append("\" y2=\"")
        .append(y2)
        .append("\" stroke=\"")
        .append(INK)
        .append("\" stroke-width=\"1.4\"/>\n");
  }

  private void circle(int cx, int cy, int r) {
    body.append("<circle cx=\"")
        .append(cx)
        .append("\" cy=\"")
        .append(cy)
        .append("\" r=\"")
        .append(r)
        .append("\" fill=\"")
        .append(INK)
        .append("\"/>\n");
  }

  private void rect(
      int x, int y, int w, int h, int radius, String fill, String stroke, String strokeWidth) {
    body.append("<rect x=\"")
        .append(x)
        .append("\" y=\"")
        .append(y)
        .append("\" width=\"")
        .append(w)
        .append("\" height=\"")
        .append(h)
        .append("\" rx=\"")
        .append(radius)
        .append("\" fill=\"")
        .append(fill)
        .append("\" stroke=\"")
        .append(stroke)
        .append("\" stroke-width=\"")
        .append(strokeWidth)
        .append("\"/>\n");
  }

  private void text(
      int x, int y, String text, int size, String anchor, String weight, String colour) {
    body.append("<text x=\"")
        .append(x)
        .append("\" y=\"")
        .append(y)
        .append("\" font-size=\"")
        .append(size)
        .append("\" text-anchor=\"")
        .append(anchor)
        .append('"');
    if (!weight.equals("normal")) {
      body.append(" font-weight=\"").append(weight).append('"');
    }
    body.append(" fill=\"").append(colour).append("\">").append(escape(text)).append("</text>\n");
  }

  /**
   * A text's width, estimated: there is no font metrics without a renderer, so use an average glyph
   * width of a sans-serif font, generous enough that names do not overflow their boxes.
   */
  static int textWidth(String text, int size, boolean bold) {
    return (int) Math.ceil(text.length() * size * (bold ? 0.64 : 0.56));
  }

  /** XML character data and attribute values: the five predefined entities. */
  static String escape(String s) {
    StringBuilder e = new StringBuilder(s.length());
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      switch (c) {
        case '&' -> e.append("&amp;");
        case '<' -> e.append("&lt;");
        case '>' -> e.append("&gt;");
        case '"' -> e.append("&quot;");
        case '\'' -> e.append("&apos;");
        default -> {
          // Control characters other than tab and line breaks are not allowed in XML 1.0.
          if (c >= 0x20 || c == '\t' || c == '\n' || c == '\r') {
            e.append(c);
          }
        }
      }
    }
    return e.toString();
  }
}
