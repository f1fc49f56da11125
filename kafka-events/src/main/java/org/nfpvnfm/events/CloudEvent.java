package org.nfpvnfm.events;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Instant;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * One event in CloudEvents 1.0 form: the context attributes this product sets and its data, a JSON
 * value. {@code specversion} is always {@value #SPEC_VERSION} and {@code datacontenttype} always
 * {@value #DATA_CONTENT_TYPE}, so they are constants rather than fields.
 *
 * @param id unique per event; a consumer that sees an id twice drops the second (the relay sends
 *     again after a crash between publishing and recording that it published)
 * @param source the VNFM that produced the event (a URI reference)
 * @param type the event type, {@link EventType#type()}
 * @param subject what the event is about inside the source: the VNF instance id, or the package id
 *     for package events
 * @param time when the change happened (the transaction that made it), to the microsecond
 * @param dataschema the {@code $id} of the JSON Schema that {@code data} follows
 * @param partitionkey the Kafka record key (CloudEvents' partitioning extension): the VNF instance
 *     id, or the package id, so one instance's events keep their order
 * @param data the event's data, as its type's schema describes
 */
public record CloudEvent(
    String id,
    String source,
    String type,
    @Nullable String subject,
    Instant time,
    @Nullable String dataschema,
    String partitionkey,
    JsonNode data) {

  public static final String SPEC_VERSION = "1.0";
  public static final String DATA_CONTENT_TYPE = "application/json";

  public CloudEvent {
    requireText(id, "id");
    requireText(source, "source");
    requireText(type, "type");
    requireText(partitionkey, "partitionkey");
    Objects.requireNonNull(time, "time");
    Objects.requireNonNull(data, "data");
  }

  private static void requireText(String value, String name) {
    Objects.requireNonNull(value, name);
    if (value.isEmpty()) {
      throw new IllegalArgumentException("a CloudEvent's " + name + " must not be empty");
    }
  }

  /** This event's type, or empty when this product does not know it (a newer producer's). */
  public java.util.Optional<EventType> knownType() {
    return EventType.byType(type);
  }
}
