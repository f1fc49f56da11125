package org.nfpvnfm.engine.reference;

import java.util.ArrayList;
import java.util.BitSet;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Random;
import java.util.function.Function;
import org.jspecify.annotations.Nullable;
import org.nfpvnfm.engine.Endpoint;
import org.nfpvnfm.engine.ForwardingEntry;
import org.nfpvnfm.engine.GraphNf;
import org.nfpvnfm.engine.Hop;
import org.nfpvnfm.engine.MergeEntry;
import org.nfpvnfm.engine.ServiceGraph;

/**
 * The compiled graph, executed from its tables: see {@link ReferenceInterpreter#parallel}.
 *
 * <p>Per packet: buffer 0 holds the packet and the classifier's row is performed. Performing a row
 * makes each hop's buffer (a copy is taken at that moment, from the source buffer as it is then)
 * and queues a delivery; deliveries run one at a time in an order drawn at random. An NF runs on
 * the buffer it was handed, then its row is performed; a row without hops inside a parallel block
 * ends a branch, and the version goes to the row's merger ({@link ForwardingEntry#merge()}) as the
 * row's version. If an NF drops the packet, the version goes to its merger marked dropped when its
 * row says so, and the packet is dropped otherwise. A merger waits for all its versions, then
 * decides the verdict, builds the output and performs its row the same way.
 *
 * <p>Anything the tables leave undefined is a {@link PlanException}, never a guess: a hop from a
 * buffer not made yet, a buffer made twice, an NF reached twice or on another buffer than its row
 * says, a version its merger does not expect or gets twice, a version leaving a block other than
 * through its merger, a packet that ends while versions are still on their way, or never ends.
 *
 * <p>Each delivery carries one frame per parallel block it is inside: the header stack when the
 * block began and the header changes of NFs since then, which is what a merger replays.
 */
final class GraphInterpreter implements ReferenceInterpreter {

  private final ServiceGraph graph;
  private final Random random;
  private final Handoff handoff;
  private final List<NfModel> models;
  private final Map<Endpoint, ForwardingEntry> rows = new HashMap<>();
  private final Map<Integer, MergeEntry> merges = new HashMap<>();
  private final int hopLimit;
  private final List<String> trace = new ArrayList<>();

  GraphInterpreter(
      ServiceGraph graph, Random random, Function<GraphNf, NfModel> factory, Handoff handoff) {
    this.graph = graph;
    this.random = random;
    this.handoff = handoff;
    this.models = Models.make(graph, factory);
    for (ForwardingEntry row : graph.forwarding()) {
      if (rows.putIfAbsent(row.from(), row) != null) {
        throw new PlanException("two forwarding rows for " + row.from());
      }
    }
    for (MergeEntry m : graph.merges()) {
      if (merges.putIfAbsent(m.id(), m) != null) {
        throw new PlanException("two merge entries with id " + m.id());
      }
    }
    // Each NF and merger performs its row once per packet; anything beyond that is a loop.
    int hops = rows.values().stream().mapToInt(r -> r.hops().size()).sum();
    this.hopLimit = hops + 1;
  }

  @Override
  public ServiceGraph graph() {
    return graph;
  }

  @Override
  public NfModel model(int nf) {
    return models.get(nf);
  }

  @Override
  public List<String> trace() {
    return List.copyOf(trace);
  }

  @Override
  public Outcome run(Packet packet) {
    trace.clear();
    trace.add("in " + packet);
    return new Run(packet).execute();
  }

  /** What a merger needs to know about one enclosing parallel block. */
  private static final class Frame {
    final int merge;
    final List<Long> forkStack;
    final LinkedHashMap<Integer, HeaderChange> changes;

    Frame(int merge, List<Long> forkStack, LinkedHashMap<Integer, HeaderChange> changes) {
      this.merge = merge;
      this.forkStack = List.copyOf(forkStack);
      this.changes = changes;
    }

    Frame copy() {
      return new Frame(merge, forkStack, new LinkedHashMap<>(changes));
    }
  }

  private static List<Frame> copyFrames(List<Frame> frames) {
    List<Frame> copy = new ArrayList<>(frames.size());
    frames.forEach(f -> copy.add(f.copy()));
    return copy;
  }

  /** Something waiting to happen to the packet; the scheduler picks one at random. */
  private sealed interface Pending permits Delivery, RestOfRow {}

  private record Delivery(
      Endpoint to, Endpoint from, int bufferNo, PacketBuffer buffer, List<Frame> frames)
      implements Pending {}

  /** The hops of a row from {@code next} on, when a sender hands over one hop at a time. */
  private record RestOfRow(
      ForwardingEntry row, int next, Endpoint from, List<Long> forkStack, List<Frame> frames)
      implements Pending {}

  private record Arrival(
      int bufferNo, PacketBuffer buffer, List<Frame> frames, boolean dropped, Endpoint from) {}

  /** One packet's trip through the graph. */
  private final class Run {
    private final Map<Integer, PacketBuffer> buffers = new HashMap<>();
    private final BitSet ran = new BitSet();
    private final BitSet droppedBy = new BitSet();
    private final BitSet merged = new BitSet();
    private final Map<Integer, @Nullable Arrival[]> arrivals = new HashMap<>();
    private final List<Pending> pending = new ArrayList<>();
    private int hops;
    private @Nullable Outcome outcome;
    private String endedAt = "";

    Run(Packet packet) {
      buffers.put(0, PacketBuffer.of(packet));
    }

    Outcome execute() {
      perform(
          row(Endpoint.CLASSIFIER),
          Endpoint.CLASSIFIER,
          0,
          Objects.requireNonNull(buffers.get(0)),
          new ArrayList<>());
      while (!pending.isEmpty() && outcome == null) {
        switch (pending.remove(random.nextInt(pending.size()))) {
          case Delivery d -> deliver(d);
          case RestOfRow r -> performHops(r.row(), r.next(), r.from(), r.forkStack(), r.frames());
        }
      }
      if (outcome == null) {
        throw new PlanException(
            "the packet neither left the graph nor was dropped; mergers still waiting: "
                + waiting());
      }
      if (!pending.isEmpty()) {
        throw new PlanException(
            "the packet ended (%s at %s) while deliveries were still pending: %s"
                .formatted(
                    outcome,
                    endedAt,
                    pending.stream()
                        .map(p -> p instanceof Delivery d ? d.to() : ((RestOfRow) p).from())
                        .toList()));
      }
      if (!waiting().isEmpty()) {
        throw new PlanException(
            "the packet ended (%s at %s) while mergers still waited: %s"
                .formatted(outcome, endedAt, waiting()));
      }
      return outcome;
    }

    private List<String> waiting() {
      List<String> w = new ArrayList<>();
      arrivals.forEach(
          (m, got) -> {
            List<Integer> missing = new ArrayList<>();
            for (int v = 0; v < got.length; v++) {
              if (got[v] == null) {
                missing.add(v);
              }
            }
            if (!missing.isEmpty()) {
              w.add("merger " + m + " lacks versions " + missing);
            }
          });
      return w;
    }

    /**
     * Performs {@code from}'s row. Every row has hops: a branch ends with a hop to its merger, the
     * graph with a hop to the egress; a row without any would lose the packet.
     */
    private void perform(
        ForwardingEntry row, Endpoint from, int bufferNo, PacketBuffer own, List<Frame> frames) {
      if (row.hops().isEmpty()) {
        throw new PlanException(from + " has no hops: the packet would be lost");
      }
      // A block that begins here begins with the headers the sender leaves.
      performHops(row, 0, from, List.copyOf(own.stack()), frames);
    }

    private void performHops(
        ForwardingEntry row, int first, Endpoint from, List<Long> forkStack, List<Frame> frames) {
      for (int i = first; i < row.hops().size(); i++) {
        Hop hop = row.hops().get(i);
        if (++hops > hopLimit) {
          throw new PlanException(
              "more than %d hops for one packet (at %s): the plan loops".formatted(hopLimit, from));
        }
        PacketBuffer b = make(hop, from);
        List<Frame> carried = enter(hop.to(), from, forkStack, copyFrames(frames));
        pending.add(new Delivery(hop.to(), from, hop.buffer(), b, carried));
        trace.add(
            "%s: buffer %d (%s of %d) to %s"
                .formatted(from, hop.buffer(), hop.copy(), hop.source(), hop.to()));
        if (handoff == Handoff.HOP_BY_HOP && i + 1 < row.hops().size()) {
          pending.add(new RestOfRow(row, i + 1, from, forkStack, frames));
          return;
        }
      }
    }

    private List<Frame> checkEnter(Endpoint merger, Endpoint from, List<Frame> frames) {
      if (frames.isEmpty() || frames.getLast().merge != merger.id()) {
        throw new PlanException(
            "%s hands a version to %s from outside its block (inside: %s)"
                .formatted(from, merger, frames.stream().map(f -> f.merge).toList()));
      }
      return frames;
    }

    private PacketBuffer make(Hop hop, Endpoint from) {
      PacketBuffer source = buffers.get(hop.source());
      if (source == null) {
        throw new PlanException(
            "%s hands buffer %d made from buffer %d, which does not exist yet"
                .formatted(from, hop.buffer(), hop.source()));
      }
      PacketBuffer made =
          switch (hop.copy()) {
            case SHARED -> source;
            case HEADER_COPY -> source.headerCopy();
            case FULL_COPY -> source.fullCopy();
          };
      PacketBuffer existing = buffers.putIfAbsent(hop.buffer(), made);
      if (existing != null && existing != made) {
        throw new PlanException(
            "%s makes buffer %d (%s of buffer %d), but buffer %d already exists for this packet"
                .formatted(from, hop.buffer(), hop.copy(), hop.source(), hop.buffer()));
      }
      return made;
    }

    /**
     * The frames a delivery carries at {@code to}: entering an NF opens a frame for each block
     * around it that the sender was not in yet; nothing may leave a block but its merger.
     */
    private List<Frame> enter(
        Endpoint to, Endpoint from, List<Long> forkStack, List<Frame> frames) {
      switch (to.kind()) {
        case CLASSIFIER -> throw new PlanException(from + " hands a packet to the classifier");
        case EGRESS -> {
          if (!frames.isEmpty()) {
            throw new PlanException(
                "%s hands the packet to the egress from inside the block of merger %d"
                    .formatted(from, frames.getLast().merge));
          }
        }
        case MERGER -> checkEnter(to, from, frames);
        case NF -> {
          List<Integer> blocks = blocksAround(row(to).merge());
          for (int i = 0; i < frames.size(); i++) {
            if (i >= blocks.size() || frames.get(i).merge != blocks.get(i)) {
              throw new PlanException(
                  "%s hands the packet to %s, outside the block of merger %d, without passing it"
                      .formatted(from, to, frames.get(i).merge));
            }
          }
          for (int i = frames.size(); i < blocks.size(); i++) {
            frames.add(new Frame(blocks.get(i), forkStack, new LinkedHashMap<>()));
          }
        }
      }
      return frames;
    }

    /** The merges whose blocks contain the one of {@code merge}, outermost first, then it. */
    private List<Integer> blocksAround(int merge) {
      List<Integer> chain = new ArrayList<>();
      for (int m = merge; m >= 0; m = merge(m).parentMerge()) {
        if (chain.contains(m) || chain.size() > merges.size()) {
          throw new PlanException("merge entries form a cycle through parentMerge: " + chain);
        }
        chain.addFirst(m);
      }
      return chain;
    }

    private void deliver(Delivery d) {
      switch (d.to().kind()) {
        case NF -> runNf(d);
        case MERGER -> arriveFromHop(d);
        case EGRESS -> end(Outcome.egress(d.buffer().snapshot()), d.from());
        case CLASSIFIER -> throw new IllegalStateException("rejected when the hop was made");
      }
    }

    private void runNf(Delivery d) {
      int nf = d.to().id();
      if (nf < 0 || nf >= models.size()) {
        throw new PlanException(d.from() + " hands the packet to unknown " + d.to());
      }
      if (ran.get(nf)) {
        throw new PlanException(d.to() + " gets the packet a second time, from " + d.from());
      }
      ran.set(nf);
      ForwardingEntry row = row(d.to());
      if (row.buffer() != d.bufferNo()) {
        throw new PlanException(
            "%s is handed buffer %d, but its row says it works on buffer %d"
                .formatted(d.to(), d.bufferNo(), row.buffer()));
      }
      NfModel.Effect effect = models.get(nf).process(d.buffer());
      trace.add(Models.describe(graph, nf, effect, d.buffer()) + " [buffer " + d.bufferNo() + "]");
      if (effect.header().kind() != HeaderChange.Kind.NONE) {
        for (Frame f : d.frames()) {
          f.changes.put(nf, effect.header());
        }
      }
      if (!effect.dropped()) {
        perform(row, d.to(), d.bufferNo(), d.buffer(), d.frames());
        return;
      }
      droppedBy.set(nf);
      if (row.dropGoesToMerger()) {
        arrive(row.merge(), row.version(), d.bufferNo(), d.buffer(), d.frames(), true, d.to());
      } else {
        end(Outcome.dropped(), d.to());
      }
    }

    private void arriveFromHop(Delivery d) {
      int m = d.to().id();
      ForwardingEntry sender = row(d.from());
      if (sender.merge() != m) {
        throw new PlanException(
            "%s hands a version to merger %d, but its row says its version goes to merger %d"
                .formatted(d.from(), m, sender.merge()));
      }
      MergeEntry.Version expected = version(merge(m), sender.version());
      if (!expected.from().equals(d.from()) || expected.buffer() != d.bufferNo()) {
        throw new PlanException(
            "merger %d gets version %d on buffer %d from %s (its table: buffer %d from %s)"
                .formatted(
                    m,
                    sender.version(),
                    d.bufferNo(),
                    d.from(),
                    expected.buffer(),
                    expected.from()));
      }
      arrive(m, sender.version(), d.bufferNo(), d.buffer(), d.frames(), false, d.from());
    }

    private void arrive(
        int m,
        int version,
        int bufferNo,
        PacketBuffer buffer,
        List<Frame> frames,
        boolean dropped,
        Endpoint from) {
      MergeEntry entry = merge(m);
      version(entry, version);
      if (merged.get(m)) {
        throw new PlanException(
            "merger %d gets version %d from %s after it already merged"
                .formatted(m, version, from));
      }
      if (frames.isEmpty() || frames.getLast().merge != m) {
        throw new PlanException(
            "%s sends version %d to merger %d from outside its block".formatted(from, version, m));
      }
      @Nullable Arrival[] got =
          arrivals.computeIfAbsent(m, k -> new Arrival[entry.versions().size()]);
      if (got[version] != null) {
        throw new PlanException(
            "merger %d gets version %d twice (from %s, then from %s)"
                .formatted(m, version, Objects.requireNonNull(got[version]).from(), from));
      }
      got[version] = new Arrival(bufferNo, buffer, frames, dropped, from);
      trace.add(
          "merger %d gets version %d%s from %s"
              .formatted(m, version, dropped ? " marked dropped" : "", from));
      for (Arrival a : got) {
        if (a == null) {
          return;
        }
      }
      arrivals.remove(m);
      merged.set(m);
      List<Arrival> all = new ArrayList<>(got.length);
      for (Arrival a : got) {
        all.add(Objects.requireNonNull(a));
      }
      merge(entry, all);
    }

    private void merge(MergeEntry entry, List<Arrival> versions) {
      int m = entry.id();
      List<Frame> outer = outerFrames(m, versions);
      if (verdictDrops(entry.drop())) {
        trace.add("merger %d drops the packet".formatted(m));
        if (entry.parentMerge() >= 0) {
          Arrival out = versions.get(entry.output());
          arrive(
              entry.parentMerge(),
              entry.parentVersion(),
              out.bufferNo(),
              out.buffer(),
              outer,
              true,
              Endpoint.merger(m));
        } else {
          end(Outcome.dropped(), Endpoint.merger(m));
        }
        return;
      }
      if (entry.output() < 0 || entry.output() >= versions.size()) {
        throw new PlanException(
            "merge %d outputs version %d of %d".formatted(m, entry.output(), versions.size()));
      }
      PacketBuffer out = versions.get(entry.output()).buffer();
      for (MergeEntry.FieldOwner owner : entry.fields()) {
        if (owner.copy()) {
          version(entry, owner.version());
          out.set(owner.field(), versions.get(owner.version()).buffer().get(owner.field()));
        }
      }
      if (!entry.headerOps().isEmpty()) {
        List<Long> stack =
            new ArrayList<>(versions.get(entry.output()).frames().getLast().forkStack);
        for (MergeEntry.HeaderOp op : entry.headerOps()) {
          version(entry, op.version());
          Arrival a = versions.get(op.version());
          HeaderChange change = a.frames().getLast().changes.get(op.nf());
          if (change == null) {
            if (a.dropped()) {
              continue; // its branch stopped before the NF: nothing to replay
            }
            throw new PlanException(
                "merge %d replays the header change of nf %d from version %d, which has none"
                    .formatted(m, op.nf(), op.version()));
          }
          change.applyTo(stack);
        }
        out.replaceStack(stack);
      }
      ForwardingEntry row = row(Endpoint.merger(m));
      if (!row.hops().equals(entry.next())) {
        throw new PlanException(
            "merger %d: its forwarding row's hops %s and its merge entry's next %s differ"
                .formatted(m, row.hops(), entry.next()));
      }
      trace.add("merger %d outputs version %d: %s".formatted(m, entry.output(), out));
      perform(row, Endpoint.merger(m), versions.get(entry.output()).bufferNo(), out, outer);
    }

    /** The frames of the blocks around merge {@code m}'s, changes of every version combined. */
    private List<Frame> outerFrames(int m, List<Arrival> versions) {
      List<Frame> first = versions.getFirst().frames();
      List<Long> fork = first.getLast().forkStack;
      for (Arrival a : versions) {
        if (a.frames().size() != first.size() || !a.frames().getLast().forkStack.equals(fork)) {
          throw new PlanException(
              "the versions of merge %d did not begin at the same fork".formatted(m));
        }
      }
      List<Frame> outer = new ArrayList<>();
      for (int i = 0; i < first.size() - 1; i++) {
        LinkedHashMap<Integer, HeaderChange> changes = new LinkedHashMap<>();
        for (Arrival a : versions) {
          changes.putAll(a.frames().get(i).changes);
        }
        outer.add(new Frame(first.get(i).merge, first.get(i).forkStack, changes));
      }
      return outer;
    }

    private boolean verdictDrops(MergeEntry.DropRule rule) {
      for (MergeEntry.Dropper d : rule.droppers()) {
        if (droppedBy.get(d.nf()) && !overruled(d.nf(), rule)) {
          return true;
        }
      }
      return false;
    }

    private boolean overruled(int nf, MergeEntry.DropRule rule) {
      for (MergeEntry.Override o : rule.overrides()) {
        if (o.losers().contains(nf) && ran.get(o.winner()) && !droppedBy.get(o.winner())) {
          return true;
        }
      }
      return false;
    }

    private void end(Outcome result, Endpoint at) {
      if (outcome != null) {
        throw new PlanException(
            "the packet ends twice: %s at %s, then %s at %s"
                .formatted(outcome, endedAt, result, at));
      }
      outcome = result;
      endedAt = at.toString();
      trace.add(at + ": " + result);
    }

    private ForwardingEntry row(Endpoint from) {
      ForwardingEntry row = rows.get(from);
      if (row == null) {
        throw new PlanException("no forwarding row for " + from);
      }
      return row;
    }

    private MergeEntry merge(int id) {
      MergeEntry m = merges.get(id);
      if (m == null) {
        throw new PlanException("no merge entry " + id);
      }
      return m;
    }

    private MergeEntry.Version version(MergeEntry entry, int version) {
      if (version < 0 || version >= entry.versions().size()) {
        throw new PlanException(
            "merge %d has versions 0..%d, not %d"
                .formatted(entry.id(), entry.versions().size() - 1, version));
      }
      MergeEntry.Version v = entry.versions().get(version);
      if (v.version() != version) {
        throw new PlanException(
            "merge %d lists version %d at index %d".formatted(entry.id(), v.version(), version));
      }
      return v;
    }
  }
}
