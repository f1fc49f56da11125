package org.nfpvnfm.dpdk.node;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.IntPredicate;
import org.jspecify.annotations.Nullable;
import org.nfpvnfm.dpdk.MbufBurst;
import org.nfpvnfm.dpdk.Mbufs;
import org.nfpvnfm.dpdk.Mempool;
import org.nfpvnfm.dpdk.Ring;
import org.nfpvnfm.dpdk.nf.NetworkFunction;
import org.nfpvnfm.engine.Endpoint;
import org.nfpvnfm.engine.ForwardingEntry;
import org.nfpvnfm.engine.GraphNf;
import org.nfpvnfm.engine.MergeEntry;
import org.nfpvnfm.engine.ServiceGraph;
import org.nfpvnfm.tosca.nfp.Access;
import org.nfpvnfm.tosca.nfp.PacketField;

/**
 * One deployed graph's packet path: its rings, NF runtimes, merger instances, the classifier's row
 * and its egress rings, built from the engine's tables (docs/dataplane-design.md). A ring joins
 * exactly one sender to one receiver, so every ring is single-producer single-consumer; a merger
 * with several instances gets one ring per instance from each sender, and the sender's {@link
 * Target} is the merger agent that picks the instance.
 */
final class GraphRuntime {
  private static final AtomicLong RING_NAMES = new AtomicLong();

  final String name;
  final ServiceGraph graph;
  final NetworkFunction[] nfs;
  final int mergers;
  final RxTask.Ingress ingress;
  final List<NfTask> nfTasks = new ArrayList<>();
  final List<MergerTask> mergerTasks = new ArrayList<>();
  final List<TxTask.EgressRing> egress = new ArrayList<>();
  final TxTask.GraphCounters counters = new TxTask.GraphCounters();
  final List<Ring> rings = new ArrayList<>();
  private final List<Outbox> allOutboxes = new ArrayList<>();

  // Build state.
  private final NodeConfig config;
  private final Mempool pool;
  private final Mempool headerPool;
  private final Map<String, Target> targets = new HashMap<>();
  private final Map<String, List<Ring>> inboxes = new LinkedHashMap<>();
  private final Map<String, List<Outbox>> outboxes = new HashMap<>();

  GraphRuntime(
      String name,
      ServiceGraph graph,
      NetworkFunction[] nfs,
      int mergers,
      NodeConfig config,
      Mempool pool,
      Mempool headerPool) {
    this.name = name;
    this.graph = graph;
    this.nfs = nfs.clone();
    this.mergers = mergers;
    this.config = config;
    this.pool = pool;
    this.headerPool = headerPool;
    try {
      for (MergeEntry m : graph.merges()) {
        if (m.versions().size() > RingEntry.MAX_VERSIONS) {
          throw new IllegalArgumentException(
              "graph %s: merge %d has %d versions (expected: at most %d)"
                  .formatted(name, m.id(), m.versions().size(), RingEntry.MAX_VERSIONS));
        }
      }
      IntPredicate readsPayload = this::bufferReadsPayload;
      ForwardingEntry classifierRow = row(Endpoint.CLASSIFIER);
      RowPlan rxRow =
          new RowPlan(
              classifierRow,
              name + "/classifier",
              to -> target("classifier", to),
              readsPayload,
              pool,
              headerPool);
      this.ingress = new RxTask.Ingress(rxRow, outboxesOf("classifier"));
      List<Runnable> finish = new ArrayList<>();
      for (GraphNf nf : graph.nfs()) {
        String key = "nf " + nf.id();
        ForwardingEntry row = row(Endpoint.nf(nf.id()));
        RowPlan plan =
            new RowPlan(
                row, name + "/" + nf.name(), to -> target(key, to), readsPayload, pool, headerPool);
        @Nullable Target drop =
            row.dropGoesToMerger() ? target(key, Endpoint.merger(row.merge())) : null;
        finish.add(
            () ->
                nfTasks.add(
                    new NfTask(
                        name + "/" + nf.name(),
                        nfs[nf.id()],
                        plan,
                        drop,
                        row.version(),
                        inbox(key),
                        outboxesOf(key),
                        config.burst())));
      }
      for (MergeEntry m : graph.merges()) {
        ForwardingEntry row = row(Endpoint.merger(m.id()));
        for (int j = 0; j < mergers; j++) {
          String key = "merger " + m.id() + "#" + j;
          String taskName = name + "/merge " + m.id() + "#" + j;
          RowPlan plan =
              new RowPlan(row, taskName, to -> target(key, to), readsPayload, pool, headerPool);
          @Nullable Target parent =
              m.parentMerge() >= 0 ? target(key, Endpoint.merger(m.parentMerge())) : null;
          Merger merger = new Merger(m, config.mergerCapacity());
          finish.add(
              () ->
                  mergerTasks.add(
                      new MergerTask(
                          taskName,
                          merger,
                          plan,
                          parent,
                          row.version(),
                          inbox(key),
                          outboxesOf(key),
                          config.burst(),
                          config.mergerTimeout().toNanos())));
        }
      }
      // Every sender's targets exist now, so every receiver knows all of its rings.
      finish.forEach(Runnable::run);
      for (List<Outbox> os : outboxes.values()) {
        allOutboxes.addAll(os);
      }
    } catch (RuntimeException e) {
      close();
      throw e;
    }
  }

  private ForwardingEntry row(Endpoint from) {
    for (ForwardingEntry e : graph.forwarding()) {
      if (e.from().equals(from)) {
        return e;
      }
    }
    throw new IllegalArgumentException("graph " + name + " has no forwarding row for " + from);
  }

  /**
   * Whether an NF working on buffer {@code buffer} reads or writes the payload, or a merger copies
   * the payload into it (see {@link RowPlan}): all go through the first segment.
   */
  private boolean bufferReadsPayload(int buffer) {
    for (ForwardingEntry e : graph.forwarding()) {
      if (e.from().kind() == Endpoint.Kind.NF
          && e.buffer() == buffer
          && graph.nf(e.from().id()).profile().access(PacketField.PAYLOAD) != Access.NONE) {
        return true;
      }
    }
    for (MergeEntry m : graph.merges()) {
      if (m.versions().stream().anyMatch(v -> v.version() == m.output() && v.buffer() == buffer)
          && m.fields().stream().anyMatch(f -> f.copy() && f.field() == PacketField.PAYLOAD)) {
        return true;
      }
    }
    return false;
  }

  private Target target(String sender, Endpoint to) {
    return targets.computeIfAbsent(
        sender + " -> " + to,
        k ->
            switch (to.kind()) {
              case NF -> {
                if (to.id() < 0 || to.id() >= graph.nfs().size()) {
                  throw new IllegalArgumentException(
                      "graph %s: %s hands packets to unknown %s".formatted(name, sender, to));
                }
                yield new Target(new Outbox[] {outbox(sender, "nf " + to.id())}, false);
              }
              case MERGER -> {
                if (graph.merges().stream().noneMatch(m -> m.id() == to.id())) {
                  throw new IllegalArgumentException(
                      "graph %s: %s hands packets to unknown %s".formatted(name, sender, to));
                }
                Outbox[] instances = new Outbox[mergers];
                for (int j = 0; j < mergers; j++) {
                  instances[j] = outbox(sender, "merger " + to.id() + "#" + j);
                }
                yield new Target(instances, config.balance() == NodeConfig.Balance.PACKET_ID);
              }
              case EGRESS -> {
                Ring ring = newRing();
                egress.add(
                    new TxTask.EgressRing(
                        ring,
                        graph.egress().recomputeIpChecksum(),
                        graph.egress().recomputeL4Checksum(),
                        counters));
                Outbox o = new Outbox(ring, config.burst());
                outboxes.computeIfAbsent(sender, s -> new ArrayList<>()).add(o);
                yield new Target(new Outbox[] {o}, false);
              }
              case CLASSIFIER ->
                  throw new IllegalArgumentException(
                      "graph %s: %s hands packets back to the classifier".formatted(name, sender));
            });
  }

  private Outbox outbox(String sender, String receiver) {
    Ring ring = newRing();
    inboxes.computeIfAbsent(receiver, r -> new ArrayList<>()).add(ring);
    Outbox o = new Outbox(ring, config.burst());
    outboxes.computeIfAbsent(sender, s -> new ArrayList<>()).add(o);
    return o;
  }

  private Ring newRing() {
    Ring ring =
        Ring.create(
            "nfp" + RING_NAMES.incrementAndGet(),
            config.ringSize(),
            Ring.Sync.SINGLE_PRODUCER_SINGLE_CONSUMER);
    rings.add(ring);
    return ring;
  }

  private Ring[] inbox(String receiver) {
    return inboxes.getOrDefault(receiver, List.of()).toArray(new Ring[0]);
  }

  private Outbox[] outboxesOf(String sender) {
    return outboxes.getOrDefault(sender, List.of()).toArray(new Outbox[0]);
  }

  List<Task> tasks() {
    List<Task> all = new ArrayList<>(nfTasks);
    all.addAll(mergerTasks);
    return all;
  }

  /** Entries waiting in this graph's rings. */
  int queued() {
    int n = 0;
    for (Ring r : rings) {
      n += r.count();
    }
    return n;
  }

  /** Packets its mergers hold waiting for versions. */
  int pending() {
    int n = 0;
    for (MergerTask m : mergerTasks) {
      n += m.merger().pending();
    }
    return n;
  }

  long progress() {
    long p = ingress.accepted.get();
    for (Task t : tasks()) {
      p += t.progress();
    }
    return p;
  }

  /**
   * Frees what is left once no task of the graph runs any more: packets still in its rings and its
   * mergers (none after a clean drain), then the rings. Returns how many packets it freed.
   */
  int close() {
    int freed = 0;
    for (MergerTask m : mergerTasks) {
      freed += m.merger().pending();
      m.merger().releasePending();
    }
    try (MbufBurst drain = new MbufBurst(64)) {
      for (Ring r : rings) {
        int n;
        while ((n = r.dequeue(drain)) > 0) {
          for (int i = 0; i < n; i++) {
            Mbufs.release(RingEntry.mbuf(drain.get(i)));
          }
          drain.clear();
          freed += n;
        }
        r.close();
      }
    }
    for (Outbox o : allOutboxes) {
      o.close();
    }
    rings.clear();
    return freed;
  }
}
