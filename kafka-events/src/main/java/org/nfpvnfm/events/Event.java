package org.nfpvnfm.events;

import java.util.Objects;
import java.util.Optional;

/**
 * One event as {@link EventConsumer} delivers it: the CloudEvent, its data as its type's record,
 * and where it was read from.
 *
 * @param cloudEvent the envelope: id, source, type, subject, time, dataschema, partitionkey, data
 * @param data {@code cloudEvent.data()} as its type's record ({@link EventData.Unknown} for a type
 *     this code does not know)
 * @param topic the topic it was read from
 * @param partition the partition it was read from
 * @param offset its offset in that partition
 */
public record Event(
    CloudEvent cloudEvent, EventData data, String topic, int partition, long offset) {

  public Event {
    Objects.requireNonNull(cloudEvent, "cloudEvent");
    Objects.requireNonNull(data, "data");
    Objects.requireNonNull(topic, "topic");
  }

  /** The CloudEvent's {@code id}, which {@link Deduplicator} keys on. */
  public String id() {
    return cloudEvent.id();
  }

  /** The event's type, or empty for a type this code does not know (a newer producer's). */
  public Optional<EventType> type() {
    return cloudEvent.knownType();
  }
}
