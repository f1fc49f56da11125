package org.nfpvnfm.events;

import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * A record {@link EventConsumer} skipped because it is not an event it can read: not a CloudEvent
 * in structured mode (garbage, another JSON, binary mode), or an event whose data does not fit its
 * type. Where it is lets an operator look at it with any Kafka tool.
 *
 * @param topic the topic it was read from
 * @param partition the partition it was read from
 * @param offset its offset in that partition
 * @param key the record's key, if it had one
 * @param reason what is wrong with it, in a sentence
 */
public record MalformedRecord(
    String topic, int partition, long offset, @Nullable String key, String reason) {

  public MalformedRecord {
    Objects.requireNonNull(topic, "topic");
    Objects.requireNonNull(reason, "reason");
  }

  /** {@code topic/partition@offset}, as the tools print where a record is. */
  public String position() {
    return topic + "/" + partition + "@" + offset;
  }
}
