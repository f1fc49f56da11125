package org.nfpvnfm.engine.internal;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.nfpvnfm.engine.BufferEntry;
import org.nfpvnfm.engine.CopyKind;
import org.nfpvnfm.engine.Endpoint;
import org.nfpvnfm.engine.ForwardingEntry;
import org.nfpvnfm.engine.GraphNode;
import org.nfpvnfm.engine.Hop;
import org.nfpvnfm.engine.MergeEntry;
import org.nfpvnfm.engine.Relation;
import org.nfpvnfm.tosca.SourceLocation;
import org.nfpvnfm.tosca.nfp.NfpRule;
import org.nfpvnfm.tosca.nfp.PacketField;

/**
 * Pass 7, copy planning and tables (spec §4 "reducing copies", §5 step 5).
 *
 * <p>At each parallel block, two branches may share one buffer when no NF of one and no NF of the
 * other are copy-parallel (their accesses are disjoint: dirty memory reusing). Branches are colored
 * so that conflicting branches get different buffers, with as few colors as possible (exactly for
 * up to {@value #EXACT_COLORING_LIMIT} branches, greedily beyond). The color holding the payload's
 * final writer keeps the incoming buffer (so the merger need not copy the payload back); every
 * other color gets a header-only copy when none of its NFs writes the payload and it does not read
 * a payload that another branch writes, a full copy otherwise.
 *
 * <p>The forwarding table follows: each NF's row sends to what comes next (the classifier's row
 * enters the graph; the last row sends to the egress), and the sender of a block's entry makes its
 * copies. The merge table says, per block, which version owns each written field, how verdicts
 * combine, and which header operations to replay.
 */
final class TableEmitter {

  static final int EXACT_COLORING_LIMIT = 12;

  private final Relations rel;
  private final List<BufferEntry> buffers = new ArrayList<>();
  private final Map<Endpoint, Row> rows = new LinkedHashMap<>();
  private final Map<Integer, MergeDraft> merges = new LinkedHashMap<>();

  /** Buffers made by the row being ordered (see {@link #fromFirstSource}). */
  private final java.util.Set<Integer> madeInThisRow = new java.util.HashSet<>();

  private TableEmitter(Relations rel) {
    this.rel = rel;
  }

  /** What a row will hold; the hops are known once the next fragment is emitted. */
  private static final class Row {
    final Endpoint from;
    final int buffer;
    final int merge;
    final int version;
    List<Hop> hops = List.of();

    Row(Endpoint from, int buffer, int merge, int version) {
      this.from = from;
      this.buffer = buffer;
      this.merge = merge;
      this.version = version;
    }
  }

  private record MergeDraft(
      int id,
      List<MergeEntry.Version> versions,
      int output,
      List<MergeEntry.FieldOwner> fields,
      List<MergeEntry.HeaderOp> headerOps,
      MergeEntry.DropRule drop,
      int parentMerge,
      int parentVersion) {}

  /** Entering a node: the hops its predecessor performs; leaving it: one endpoint, one buffer. */
  private record Fragment(List<Hop> entry, Endpoint exit, int outBuffer) {}

  record Tables(
      List<ForwardingEntry> forwarding, List<MergeEntry> merges, List<BufferEntry> buffers) {}

  static Tables emit(Relations rel, GraphNode root) {
    TableEmitter e = new TableEmitter(rel);
    e.buffers.add(new BufferEntry(0, CopyKind.SHARED, -1, -1, List.of()));
    Row classifier = new Row(Endpoint.CLASSIFIER, 0, -1, -1);
    Fragment f = e.emit(root, 0, -1, -1);
    classifier.hops = f.entry();
    e.row(f.exit()).hops =
        List.of(new Hop(Endpoint.EGRESS, CopyKind.SHARED, f.outBuffer(), f.outBuffer()));

    List<ForwardingEntry> forwarding = new ArrayList<>();
    forwarding.add(entry(classifier));
    e.rows.values().stream()
        .filter(r -> r.from.kind() == Endpoint.Kind.NF)
        .sorted(Comparator.comparingInt(r -> r.from.id()))
        .forEach(r -> forwarding.add(entry(r)));
    e.rows.values().stream()
        .filter(r -> r.from.kind() == Endpoint.Kind.MERGER)
        .sorted(Comparator.comparingInt(r -> r.from.id()))
        .forEach(r -> forwarding.add(entry(r)));
    List<MergeEntry> merges = new ArrayList<>();
    e.merges.values().stream()
        .sorted(Comparator.comparingInt(MergeDraft::id))
        .forEach(
            d ->
                merges.add(
                    new MergeEntry(
                        d.id(),
                        d.versions(),
                        d.output(),
                        d.fields(),
                        d.headerOps(),
                        d.drop(),
                        d.parentMerge(),
                        d.parentVersion(),
                        e.row(Endpoint.merger(d.id())).hops)));
    return new Tables(forwarding, merges, e.buffers);
  }

  private static ForwardingEntry entry(Row r) {
    return new ForwardingEntry(r.from, r.buffer, r.merge, r.version, r.hops);
  }

  private Fragment emit(GraphNode node, int buffer, int merge, int version) {
    return switch (node) {
      case GraphNode.Nf nf -> {
        Endpoint at = Endpoint.nf(nf.nf());
        rows.put(at, new Row(at, buffer, merge, version));
        yield new Fragment(List.of(new Hop(at, CopyKind.SHARED, buffer, buffer)), at, buffer);
      }
      case GraphNode.Series s -> {
        Fragment first = emit(s.parts().get(0), buffer, merge, version);
        Fragment current = first;
        for (int i = 1; i < s.parts().size(); i++) {
          Fragment next = emit(s.parts().get(i), current.outBuffer(), merge, version);
          row(current.exit()).hops = next.entry();
          current = next;
        }
        yield new Fragment(first.entry(), current.exit(), current.outBuffer());
      }
      case GraphNode.Parallel p -> parallel(p, buffer, merge, version);
    };
  }

  private Fragment parallel(GraphNode.Parallel p, int source, int parentMerge, int parentVersion) {
    int k = p.branches().size();
    List<List<Integer>> nfs = new ArrayList<>();
    for (GraphNode b : p.branches()) {
      List<Integer> out = new ArrayList<>();
      collect(b, out);
      nfs.add(out);
    }
    List<Integer> blockNfs = nfs.stream().flatMap(List::stream).toList();
    int[] versionOf = new int[rel.in.size()];
    for (int v = 0; v < k; v++) {
      for (int nf : nfs.get(v)) {
        versionOf[nf] = v;
      }
    }

    boolean[][] conflict = new boolean[k][k];
    for (int i = 0; i < k; i++) {
      for (int j = i + 1; j < k; j++) {
        conflict[i][j] = conflict[j][i] = conflicts(nfs.get(i), nfs.get(j));
      }
    }
    int[] color = color(conflict);
    int colors = 0;
    for (int c : color) {
      colors = Math.max(colors, c + 1);
    }

    int payloadOwner = lastWriter(blockNfs, PacketField.PAYLOAD);
    int sourceColor = payloadOwner >= 0 ? color[versionOf[payloadOwner]] : color[0];
    boolean[] writesPayload = new boolean[colors];
    boolean[] readsPayload = new boolean[colors];
    for (int v = 0; v < k; v++) {
      for (int nf : nfs.get(v)) {
        writesPayload[color[v]] |= rel.bits[nf].writesPayload();
        readsPayload[color[v]] |= rel.bits[nf].readsPayload();
      }
    }
    int[] colorBuffer = new int[colors];
    CopyKind[] colorKind = new CopyKind[colors];
    for (int c = 0; c < colors; c++) {
      if (c == sourceColor) {
        colorBuffer[c] = source;
        colorKind[c] = CopyKind.SHARED;
        continue;
      }
      boolean header = !writesPayload[c] && !(readsPayload[c] && writesPayload[sourceColor]);
      colorKind[c] = header ? CopyKind.HEADER_COPY : CopyKind.FULL_COPY;
      colorBuffer[c] = buffers.size();
      List<Integer> versions = new ArrayList<>();
      for (int v = 0; v < k; v++) {
        if (color[v] == c) {
          versions.add(v);
        }
      }
      buffers.add(new BufferEntry(buffers.size(), colorKind[c], source, p.merge(), versions));
    }

    List<Fragment> fragments = new ArrayList<>();
    List<Hop> entry = new ArrayList<>();
    boolean[] made = new boolean[colors];
    for (int v = 0; v < k; v++) {
      int c = color[v];
      Fragment f = emit(p.branches().get(v), colorBuffer[c], p.merge(), v);
      fragments.add(f);
      List<Hop> hops = new ArrayList<>(f.entry());
      if (c != sourceColor && !made[c]) {
        made[c] = true;
        int b = colorBuffer[c];
        int at = -1;
        for (int i = 0; i < hops.size() && at < 0; i++) {
          Hop h = hops.get(i);
          if (h.buffer() == b && h.source() == b && h.copy() == CopyKind.SHARED) {
            at = i;
          }
        }
        if (at < 0) {
          throw new IllegalStateException(
              "block %d: no hop enters buffer %d (expected: a branch starts on its buffer)"
                  .formatted(p.merge(), b));
        }
        Hop enter = hops.remove(at);
        hops.add(0, new Hop(enter.to(), colorKind[c], b, source));
      }
      entry.addAll(hops);
    }
    // Every copy is made before any buffer is handed on: once a branch has the shared buffer it
    // may write into it, and a copy made after that would copy its writes. A stable partition keeps
    // each copy after the copy it is made from.
    madeInThisRow.clear();
    List<Hop> ordered = new ArrayList<>(entry.size());
    entry.stream()
        .filter(h -> h.copy() != CopyKind.SHARED)
        .map(this::fromFirstSource)
        .forEach(ordered::add);
    entry.stream().filter(h -> h.copy() == CopyKind.SHARED).forEach(ordered::add);

    List<MergeEntry.Version> versions = new ArrayList<>();
    int headerVersions = 0;
    int lastHeaderVersion = -1;
    for (int v = 0; v < k; v++) {
      Fragment f = fragments.get(v);
      versions.add(
          new MergeEntry.Version(v, f.outBuffer(), colorKind[color[v]], nfs.get(v), f.exit()));
      if (nfs.get(v).stream().anyMatch(nf -> rel.bits[nf].addRemove())) {
        headerVersions++;
        lastHeaderVersion = v;
      }
    }
    int output = outputVersion(k, nfs, headerVersions, lastHeaderVersion, payloadOwner, versionOf);
    int outBuffer = fragments.get(output).outBuffer();

    List<MergeEntry.FieldOwner> fields = new ArrayList<>();
    for (PacketField field : PacketField.values()) {
      int owner = lastWriter(blockNfs, field);
      if (owner < 0) {
        continue;
      }
      List<Integer> losers =
          blockNfs.stream()
              .filter(nf -> nf != owner && rel.in.profiles.get(nf).access(field).writes())
              .sorted(Comparator.comparingInt(nf -> rel.rank[nf]))
              .toList();
      MergeEntry.OwnerReason reason = MergeEntry.OwnerReason.ONLY_WRITER;
      SourceLocation rule = null;
      if (!losers.isEmpty()) {
        reason = MergeEntry.OwnerReason.LAST_WRITER;
        for (int l : losers) {
          if (rel.steps.together(owner, l)) {
            reason = MergeEntry.OwnerReason.PRIORITY;
            NfpRule r = rel.steps.ruleBetween(owner, l);
            rule = r == null ? rule : r.origin();
          }
        }
      }
      int v = versionOf[owner];
      fields.add(
          new MergeEntry.FieldOwner(
              field, v, owner, losers, reason, rule, fragments.get(v).outBuffer() != outBuffer));
    }

    List<MergeEntry.HeaderOp> headerOps = new ArrayList<>();
    if (headerVersions > 1) {
      blockNfs.stream()
          .filter(nf -> rel.bits[nf].addRemove())
          .sorted(Comparator.comparingInt(nf -> rel.rank[nf]))
          .forEach(nf -> headerOps.add(new MergeEntry.HeaderOp(versionOf[nf], nf)));
    }

    List<Integer> dropping =
        blockNfs.stream()
            .filter(nf -> rel.bits[nf].drop())
            .sorted(Comparator.comparingInt(nf -> rel.rank[nf]))
            .toList();
    List<MergeEntry.Dropper> droppers =
        dropping.stream().map(nf -> new MergeEntry.Dropper(nf, versionOf[nf])).toList();
    List<MergeEntry.Override> overrides = new ArrayList<>();
    for (int h : dropping) {
      List<Integer> losers =
          dropping.stream().filter(l -> l != h && rel.steps.hasPriority(h, l)).toList();
      if (!losers.isEmpty()) {
        NfpRule r = losers.size() == 1 ? rel.steps.ruleBetween(h, losers.get(0)) : null;
        overrides.add(new MergeEntry.Override(h, losers, r == null ? null : r.origin()));
      }
    }

    Endpoint merger = Endpoint.merger(p.merge());
    // Each branch ends by handing its version to the merger: an explicit hop, so a runtime needs
    // no rule of its own for the end of a branch.
    for (Fragment f : fragments) {
      row(f.exit()).hops = List.of(new Hop(merger, CopyKind.SHARED, f.outBuffer(), f.outBuffer()));
    }
    rows.put(merger, new Row(merger, outBuffer, parentMerge, parentVersion));
    merges.put(
        p.merge(),
        new MergeDraft(
            p.merge(),
            versions,
            output,
            fields,
            headerOps,
            new MergeEntry.DropRule(droppers, overrides),
            parentMerge,
            parentVersion));
    return new Fragment(ordered, merger, outBuffer);
  }

  /**
   * A copy of a buffer made in the same row is made from that buffer's own source instead: making a
   * buffer hands it to its first receiver, which may write into it before the next copy is made.
   * Nothing has touched the intermediate buffer yet, so the content is the same; a header copy of a
   * header copy is a header copy of the source (the same shared payload); any other combination
   * becomes a full copy, which shares nothing and so cannot race. The copy plan is updated to say
   * so.
   */
  private Hop fromFirstSource(Hop h) {
    BufferEntry made = buffers.get(h.source());
    if (!madeInThisRow.contains(h.source()) || made.source() < 0) {
      madeInThisRow.add(h.buffer());
      return h;
    }
    CopyKind kind =
        made.copy() == CopyKind.HEADER_COPY && h.copy() == CopyKind.HEADER_COPY
            ? CopyKind.HEADER_COPY
            : CopyKind.FULL_COPY;
    BufferEntry b = buffers.get(h.buffer());
    buffers.set(h.buffer(), new BufferEntry(b.id(), kind, made.source(), b.merge(), b.versions()));
    madeInThisRow.add(h.buffer());
    return new Hop(h.to(), kind, h.buffer(), made.source());
  }

  /**
   * The version whose buffer becomes the output: the one that added/removed headers when only one
   * did (its headers are already right); when several did, one that did not (its headers are the
   * block's base, onto which the merger replays every operation); otherwise the payload's owner, so
   * the payload is not copied; otherwise the one owning the most fields.
   */
  private int outputVersion(
      int k,
      List<List<Integer>> nfs,
      int headerVersions,
      int lastHeaderVersion,
      int payloadOwner,
      int[] versionOf) {
    if (headerVersions == 1) {
      return lastHeaderVersion;
    }
    if (headerVersions > 1) {
      int fallback = -1;
      for (int v = 0; v < k; v++) {
        boolean changesHeaders = nfs.get(v).stream().anyMatch(nf -> rel.bits[nf].addRemove());
        if (!changesHeaders) {
          if (payloadOwner >= 0 && versionOf[payloadOwner] == v) {
            return v;
          }
          if (fallback < 0) {
            fallback = v;
          }
        }
      }
      return fallback >= 0 ? fallback : 0;
    }
    if (payloadOwner >= 0) {
      return versionOf[payloadOwner];
    }
    // Otherwise the version that owns the most fields, so the merger copies the fewest.
    int[] owned = new int[k];
    List<Integer> block = nfs.stream().flatMap(List::stream).toList();
    for (PacketField field : PacketField.values()) {
      int owner = lastWriter(block, field);
      if (owner >= 0) {
        owned[versionOf[owner]]++;
      }
    }
    int best = 0;
    for (int v = 1; v < k; v++) {
      if (owned[v] > owned[best]) {
        best = v;
      }
    }
    return best;
  }

  /** The NF of {@code nfs} writing {@code field} that is last in the reference chain, or -1. */
  private int lastWriter(List<Integer> nfs, PacketField field) {
    int best = -1;
    for (int nf : nfs) {
      if (rel.in.profiles.get(nf).access(field).writes()
          && (best < 0 || rel.rank[nf] > rel.rank[best])) {
        best = nf;
      }
    }
    return best;
  }

  private boolean conflicts(List<Integer> a, List<Integer> b) {
    for (int x : a) {
      for (int y : b) {
        Relation r = rel.rank[x] < rel.rank[y] ? rel.planned(x, y) : rel.planned(y, x);
        if (r != Relation.PARALLEL) {
          return true;
        }
      }
    }
    return false;
  }

  /**
   * Colors branches so that conflicting ones differ: the fewest colors, found by trying 1, 2, ...
   * colors with backtracking in branch order (each new color is the smallest unused, so the result
   * is canonical); greedy beyond the limit, where blocks are rare and exactness costly.
   */
  static int[] color(boolean[][] conflict) {
    int k = conflict.length;
    int[] color = new int[k];
    if (k > EXACT_COLORING_LIMIT) {
      for (int v = 0; v < k; v++) {
        java.util.BitSet used = new java.util.BitSet();
        for (int u = 0; u < v; u++) {
          if (conflict[u][v]) {
            used.set(color[u]);
          }
        }
        color[v] = used.nextClearBit(0);
      }
      return color;
    }
    for (int colors = 1; colors <= k; colors++) {
      if (assign(conflict, color, 0, colors, 0)) {
        return color;
      }
    }
    throw new IllegalStateException("no coloring with " + k + " colors");
  }

  private static boolean assign(boolean[][] conflict, int[] color, int v, int colors, int used) {
    if (v == color.length) {
      return true;
    }
    for (int c = 0; c < Math.min(colors, used + 1); c++) {
      boolean ok = true;
      for (int u = 0; u < v && ok; u++) {
        ok = !(conflict[u][v] && color[u] == c);
      }
      if (ok) {
        color[v] = c;
        if (assign(conflict, color, v + 1, colors, Math.max(used, c + 1))) {
          return true;
        }
      }
    }
    return false;
  }

  static void collect(GraphNode node, List<Integer> out) {
    switch (node) {
      case GraphNode.Nf nf -> out.add(nf.nf());
      case GraphNode.Series s -> s.parts().forEach(p -> collect(p, out));
      case GraphNode.Parallel p -> p.branches().forEach(b -> collect(b, out));
    }
  }

  private Row row(Endpoint e) {
    Row r = rows.get(e);
    if (r == null) {
      throw new IllegalStateException(
          "no forwarding row for " + e + " (expected: emitted before use)");
    }
    return r;
  }
}
