package org.nfpvnfm.vnfm.internal.events;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.UUID;
import org.jspecify.annotations.Nullable;
import org.nfpvnfm.events.EventCodec;
import org.nfpvnfm.events.EventData;
import org.nfpvnfm.events.EventType;

/**
 * An event a part emits: its id, type, partition key (VNF instance id, or package id), subject and
 * data. The outbox adds the source and time.
 */
public record OutgoingEvent(
    String id, EventType type, String key, @Nullable String subject, JsonNode data) {

  /** An event with a new id whose subject is its key. */
  public static OutgoingEvent of(EventType type, String key, EventData data) {
    if (!type.dataClass().isInstance(data)) {
      throw new IllegalArgumentException(
          type + " carries " + type.dataClass().getSimpleName() + ", not " + data);
    }
    return new OutgoingEvent(newId(), type, key, key, EventCodec.toJson(data));
  }

  /** A new event id. */
  public static String newId() {
    return UUID.randomUUID().toString();
  }
}
