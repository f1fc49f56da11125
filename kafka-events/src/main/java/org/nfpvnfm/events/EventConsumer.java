package org.nfpvnfm.events;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;
import org.apache.kafka.clients.consumer.CloseOptions;
import org.apache.kafka.clients.consumer.CommitFailedException;
import org.apache.kafka.clients.consumer.ConsumerRebalanceListener;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.PartitionInfo;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.RebalanceInProgressException;
import org.apache.kafka.common.errors.RecordDeserializationException;
import org.apache.kafka.common.errors.RetriableException;
import org.apache.kafka.common.errors.WakeupException;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.jspecify.annotations.Nullable;

/**
 * Reads the product's events from Kafka: each record decoded as a CloudEvent (structured mode) with
 * its data as its type's record, repeats of an id dropped, and records it cannot read counted and
 * skipped rather than thrown.
 *
 * <h2>Delivery: at least once, then de-duplicated</h2>
 *
 * With a {@linkplain Builder#groupId group id}, the consumer commits the offsets of what a {@link
 * #poll} returned when the caller comes back for more (the next {@code poll}), or when it calls
 * {@link #commit}, and when a rebalance takes partitions away at a {@code poll}; it never commits
 * what the caller has not had the chance to handle. So after a crash, the group reads again the
 * last batch the crashed member returned (and after a rebalance, what a failed commit left).
 * Together with the relay, which publishes again after its own crash, this means an event may
 * arrive more than once, never less. The {@link Deduplicator} drops the repeats it can see: those
 * among the last {@linkplain Builder#deduplicationCapacity ids} this consumer delivered. What it
 * cannot see (a repeat after this process restarted, or delivered to another member of the group)
 * is the caller's: make handling an event idempotent, keyed by the event's {@code id}.
 *
 * <p>{@link #close} does not commit the last batch, since a caller closing on an exception has not
 * handled it: call {@link #commit} first when it has.
 *
 * <p>Without a group id the consumer is a tail: a group of its own that commits nothing, so each
 * run starts at the beginning or the end ({@link Builder#fromBeginning}) as asked.
 *
 * <h2>Threads</h2>
 *
 * Like Kafka's consumer, one thread polls; {@link #wakeup} and the counters may be called from any.
 */
public final class EventConsumer implements AutoCloseable {
  private static final System.Logger LOG = System.getLogger(EventConsumer.class.getName());
  private static final Duration CLOSE_TIMEOUT = Duration.ofSeconds(5);

  private final KafkaConsumer<String, byte[]> consumer;
  private final boolean commits;
  private final String groupId;
  private final List<String> topics;
  private final @Nullable Set<String> types;
  private final Deduplicator deduplicator;
  private final Consumer<MalformedRecord> onMalformed;
  private final Duration commitTimeout;
  private final Map<TopicPartition, OffsetAndMetadata> uncommitted = new HashMap<>();
  private final AtomicLong received = new AtomicLong();
  private final AtomicLong delivered = new AtomicLong();
  private final AtomicLong duplicates = new AtomicLong();
  private final AtomicLong malformed = new AtomicLong();
  private final AtomicLong filtered = new AtomicLong();
  private volatile @Nullable MalformedRecord lastMalformed;
  private boolean closed;

  private EventConsumer(Builder b) {
    this.commits = b.groupId != null;
    this.groupId = b.groupId != null ? b.groupId : "nfp-events-" + UUID.randomUUID();
    this.topics = List.copyOf(b.topics);
    this.types = b.types == null ? null : Set.copyOf(b.types);
    this.deduplicator = new Deduplicator(b.deduplicationCapacity);
    this.onMalformed = b.onMalformed;
    this.commitTimeout = b.commitTimeout;
    Map<String, Object> p = new HashMap<>(b.settings.clientProperties());
    p.put("group.id", groupId);
    p.put("client.id", b.clientId);
    p.put("enable.auto.commit", "false");
    p.put("auto.offset.reset", b.fromBeginning ? "earliest" : "latest");
    // A producer that writes in transactions never shows an aborted event to this consumer.
    p.put("isolation.level", "read_committed");
    p.putAll(b.properties);
    this.consumer = new KafkaConsumer<>(p, new StringDeserializer(), new ByteArrayDeserializer());
    try {
      consumer.subscribe(topics, new Rebalance());
    } catch (RuntimeException e) {
      consumer.close(CloseOptions.timeout(Duration.ZERO));
      throw e;
    }
  }

  /** A builder for a consumer of the cluster {@code settings} describe. */
  public static Builder builder(KafkaSettings settings) {
    return new Builder(settings);
  }

  /**
   * Waits up to {@code timeout} for records and returns the events among them, in each partition's
   * order (so one VNF instance's events in the order they were published); an empty list when none
   * came. Records that are not events are counted and reported ({@link #lastMalformed()}, the
   * {@linkplain Builder#onMalformed listener}) and skipped; repeats and types not asked for are
   * counted and skipped. With a group id, first commits what the previous call returned.
   *
   * @throws KafkaException for a problem of the cluster or of this client (authentication,
   *     authorization, a closed consumer), never for a record's content
   */
  public List<Event> poll(Duration timeout) {
    if (closed) {
      throw new IllegalStateException("the event consumer is closed");
    }
    ConsumerRecords<String, byte[]> records;
    try {
      commitQuietly();
      records = consumer.poll(timeout);
    } catch (WakeupException e) {
      return List.of();
    } catch (RecordDeserializationException e) {
      // Not expected with byte arrays, but a record that cannot even be read is still a record.
      TopicPartition tp = e.topicPartition();
      received.incrementAndGet();
      reject(tp.topic(), tp.partition(), e.offset(), null, "cannot read: " + e.getMessage());
      consumer.seek(tp, e.offset() + 1);
      return List.of();
    }
    List<Event> events = new ArrayList<>(records.count());
    for (ConsumerRecord<String, byte[]> r : records) {
      received.incrementAndGet();
      Event e = read(r);
      if (e != null) {
        events.add(e);
      }
    }
    if (commits) {
      for (TopicPartition tp : records.partitions()) {
        ConsumerRecord<String, byte[]> last = records.records(tp).getLast();
        uncommitted.put(tp, new OffsetAndMetadata(last.offset() + 1, last.leaderEpoch(), ""));
      }
    }
    return events;
  }

  private @Nullable Event read(ConsumerRecord<String, byte[]> r) {
    if (!EventCodec.isStructured(r.headers())) {
      Header h = Objects.requireNonNull(r.headers().lastHeader(EventCodec.CONTENT_TYPE_HEADER));
      return reject(
          r,
          "not a CloudEvent in structured mode: its content-type is "
              + new String(h.value(), StandardCharsets.UTF_8)
              + " (expected: application/cloudevents+json)");
    }
    if (r.value() == null) {
      return reject(r, "no value (a tombstone), not a CloudEvent");
    }
    CloudEvent ce;
    try {
      ce = EventCodec.decode(r.value());
    } catch (MalformedEventException e) {
      return reject(r, "not a CloudEvent: " + e.getMessage());
    } catch (RuntimeException e) {
      return reject(r, "not a CloudEvent: " + e);
    }
    if (types != null && !types.contains(ce.type())) {
      filtered.incrementAndGet();
      return null;
    }
    EventData data;
    try {
      data = EventCodec.data(ce);
    } catch (MalformedEventException e) {
      return reject(r, e.getMessage());
    }
    if (!deduplicator.firstSeen(ce.id())) {
      duplicates.incrementAndGet();
      return null;
    }
    delivered.incrementAndGet();
    return new Event(ce, data, r.topic(), r.partition(), r.offset());
  }

  private @Nullable Event reject(ConsumerRecord<String, byte[]> r, @Nullable String reason) {
    reject(r.topic(), r.partition(), r.offset(), r.key(), reason);
    return null;
  }

  private void reject(
      String topic, int partition, long offset, @Nullable String key, @Nullable String reason) {
    MalformedRecord m =
        new MalformedRecord(
            topic, partition, offset, key, reason == null ? "unreadable record" : reason);
    malformed.incrementAndGet();
    lastMalformed = m;
    try {
      onMalformed.accept(m);
    } catch (RuntimeException e) {
      LOG.log(System.Logger.Level.WARNING, "the malformed-record listener failed", e);
    }
  }

  /**
   * Commits the offsets of everything {@link #poll} has returned so far (nothing without a group
   * id). Call it before {@link #close} once the last batch is handled.
   *
   * @throws KafkaException when the commit fails: {@link CommitFailedException} when the partitions
   *     went to another member meanwhile (which reads them again), a {@link RetriableException}
   *     such as a timeout when it may work if called again
   */
  public void commit() {
    if (!commits || uncommitted.isEmpty()) {
      return;
    }
    consumer.commitSync(Map.copyOf(uncommitted), commitTimeout);
    uncommitted.clear();
  }

  private void commitQuietly() {
    if (!commits || uncommitted.isEmpty()) {
      return;
    }
    try {
      commit();
    } catch (RetriableException e) {
      LOG.log(
          System.Logger.Level.WARNING,
          "could not commit the offsets of group " + groupId + " (will try again): " + e);
    } catch (CommitFailedException | RebalanceInProgressException e) {
      // The partitions moved to another member, which reads the batch again: at least once.
      uncommitted.clear();
      LOG.log(
          System.Logger.Level.WARNING,
          "could not commit the offsets of group " + groupId + " (rebalanced): " + e);
    }
  }

  /**
   * The topics this consumer reads that the cluster does not have: it reads them once they are
   * created (within {@code metadata.max.age.ms}).
   *
   * @throws org.apache.kafka.common.errors.TimeoutException when no broker answered within {@code
   *     timeout}
   */
  public List<String> missingTopics(Duration timeout) {
    Map<String, List<PartitionInfo>> existing = consumer.listTopics(timeout);
    return topics.stream().filter(t -> !existing.containsKey(t)).toList();
  }

  /**
   * Makes a {@link #poll} in progress (or the next one) return an empty list at once. The one
   * method, with the counters, that another thread may call: to stop a polling loop.
   */
  public void wakeup() {
    consumer.wakeup();
  }

  /** The group this consumer is a member of (a generated one when none was given). */
  public String groupId() {
    return groupId;
  }

  /** The topics this consumer reads. */
  public List<String> topics() {
    return topics;
  }

  /** Records read from Kafka: delivered, repeated, filtered out and malformed together. */
  public long received() {
    return received.get();
  }

  /** Events {@link #poll} returned. */
  public long delivered() {
    return delivered.get();
  }

  /** Events dropped because their id had been delivered already. */
  public long duplicates() {
    return duplicates.get();
  }

  /** Records skipped because they are not events this consumer can read. */
  public long malformed() {
    return malformed.get();
  }

  /** Events skipped because their type is not one {@link Builder#types} asked for. */
  public long filtered() {
    return filtered.get();
  }

  /** The last record skipped as malformed, with where it is and why; none yet: {@code null}. */
  public @Nullable MalformedRecord lastMalformed() {
    return lastMalformed;
  }

  /** Leaves the group and closes the connections, without committing the last batch. */
  @Override
  public void close() {
    if (closed) {
      return;
    }
    closed = true;
    // Leaving the group revokes the partitions, and the rebalance listener would commit them.
    uncommitted.clear();
    consumer.close(CloseOptions.timeout(CLOSE_TIMEOUT));
  }

  /** Commits what the group hands to another member; forgets what it lost without a handover. */
  private final class Rebalance implements ConsumerRebalanceListener {
    @Override
    public void onPartitionsRevoked(Collection<TopicPartition> partitions) {
      if (!commits) {
        return;
      }
      Map<TopicPartition, OffsetAndMetadata> revoked = new HashMap<>();
      for (TopicPartition tp : partitions) {
        OffsetAndMetadata o = uncommitted.remove(tp);
        if (o != null) {
          revoked.put(tp, o);
        }
      }
      if (revoked.isEmpty()) {
        return;
      }
      try {
        consumer.commitSync(revoked, commitTimeout);
      } catch (KafkaException e) {
        LOG.log(
            System.Logger.Level.WARNING,
            "could not commit the offsets of group "
                + groupId
                + " for the partitions it hands over (the next owner reads them again): "
                + e);
      }
    }

    @Override
    public void onPartitionsAssigned(Collection<TopicPartition> partitions) {}

    @Override
    public void onPartitionsLost(Collection<TopicPartition> partitions) {
      partitions.forEach(uncommitted::remove);
    }
  }

  /** How to consume: which group, topics and types, where to start, how many ids to remember. */
  public static final class Builder {
    private final KafkaSettings settings;
    private @Nullable String groupId;
    private List<String> topics = Topics.ALL;
    private @Nullable Set<String> types;
    private boolean fromBeginning;
    private int deduplicationCapacity = Deduplicator.DEFAULT_CAPACITY;
    private String clientId = "nfp-events-consumer";
    private Consumer<MalformedRecord> onMalformed = m -> {};
    private Duration commitTimeout = Duration.ofSeconds(10);
    private final Map<String, Object> properties = new HashMap<>();

    private Builder(KafkaSettings settings) {
      this.settings = Objects.requireNonNull(settings, "settings");
    }

    /**
     * The consumer group: its members share the partitions, and it commits offsets so that a
     * restart goes on where the group was. Not set: a group of this consumer's own that commits
     * nothing (a tail).
     */
    public Builder groupId(String groupId) {
      if (groupId.isBlank()) {
        throw new IllegalArgumentException("groupId must not be blank");
      }
      this.groupId = groupId;
      return this;
    }

    /** The topics to read; {@link Topics#ALL} unless set. */
    public Builder topics(Collection<String> topics) {
      if (topics.isEmpty()) {
        throw new IllegalArgumentException("topics must name at least one topic");
      }
      this.topics = List.copyOf(new LinkedHashSet<>(topics));
      return this;
    }

    /**
     * Only events of these types (added to those of {@link #typeNames}); every type unless set, or
     * when the collection is empty.
     */
    public Builder types(Collection<EventType> types) {
      Set<String> s = this.types == null ? new LinkedHashSet<>() : new LinkedHashSet<>(this.types);
      types.forEach(t -> s.add(t.type()));
      this.types = s.isEmpty() ? null : s;
      return this;
    }

    /**
     * Only events of these types, each a CloudEvents type or an {@link EventType#shortName()}; a
     * name that is neither is taken as the CloudEvents type of a type this code does not know.
     */
    public Builder typeNames(Collection<String> types) {
      Set<String> s = this.types == null ? new LinkedHashSet<>() : new LinkedHashSet<>(this.types);
      for (String t : types) {
        s.add(EventType.byType(t).map(EventType::type).orElse(t));
      }
      this.types = s.isEmpty() ? null : s;
      return this;
    }

    /**
     * Where to start when the group has no committed offset (always, without a group id): the
     * oldest record the topics keep ({@code true}), or the records published after the consumer
     * joined ({@code false}, the default).
     */
    public Builder fromBeginning(boolean fromBeginning) {
      this.fromBeginning = fromBeginning;
      return this;
    }

    /** How many recent ids to remember to drop repeats; {@value Deduplicator#DEFAULT_CAPACITY}. */
    public Builder deduplicationCapacity(int capacity) {
      if (capacity < 1) {
        throw new IllegalArgumentException(
            "deduplicationCapacity is " + capacity + " (expected: 1 or more)");
      }
      this.deduplicationCapacity = capacity;
      return this;
    }

    /** The {@code client.id} the brokers see; {@code nfp-events-consumer} unless set. */
    public Builder clientId(String clientId) {
      this.clientId = clientId;
      return this;
    }

    /** Called, on the polling thread, for each record skipped as malformed. */
    public Builder onMalformed(Consumer<MalformedRecord> listener) {
      this.onMalformed = Objects.requireNonNull(listener, "listener");
      return this;
    }

    /** How long a commit may take; 10 s unless set. */
    public Builder commitTimeout(Duration timeout) {
      if (timeout.isNegative() || timeout.isZero()) {
        throw new IllegalArgumentException("commitTimeout is " + timeout + " (expected: > 0)");
      }
      this.commitTimeout = timeout;
      return this;
    }

    /** A Kafka consumer property, applied over this class's (e.g. {@code max.poll.records}). */
    public Builder property(String name, Object value) {
      properties.put(name, value);
      return this;
    }

    /**
     * The consumer, subscribed to its topics; it connects on the first {@link #poll}.
     *
     * @throws KafkaException when the settings are not usable (e.g. no bootstrap server resolves)
     */
    public EventConsumer build() {
      return new EventConsumer(this);
    }
  }
}
