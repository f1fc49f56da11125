package org.nfpvnfm.events;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.Optional;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.header.Headers;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.jspecify.annotations.Nullable;

/**
 * CloudEvents 1.0 in the JSON event format, carried in Kafka in structured mode (the CloudEvents
 * Kafka protocol binding): the whole event is the record's value, the record's {@code content-type}
 * header is {@value #CONTENT_TYPE}, and its key is the event's {@code partitionkey}.
 */
public final class EventCodec {
  /**
   * The structured-mode content type, which the binding puts in the {@code content-type} header.
   */
  public static final String CONTENT_TYPE = "application/cloudevents+json; charset=UTF-8";

  public static final String CONTENT_TYPE_HEADER = "content-type";

  private static final ObjectMapper MAPPER =
      JsonMapper.builder()
          .addModule(new JavaTimeModule())
          .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS)
          .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
          .defaultPropertyInclusion(
              JsonInclude.Value.construct(
                  JsonInclude.Include.NON_NULL, JsonInclude.Include.NON_NULL))
          .build();

  private EventCodec() {}

  /** The mapper events are written and read with (ISO times, no nulls, unknown fields ignored). */
  public static ObjectMapper mapper() {
    return MAPPER;
  }

  /** {@code data} as the JSON its type's schema describes. */
  public static JsonNode toJson(EventData data) {
    if (data instanceof EventData.Unknown u) {
      return u.data();
    }
    return MAPPER.valueToTree(data);
  }

  /** The event in the JSON event format. */
  public static ObjectNode toJson(CloudEvent e) {
    ObjectNode o = MAPPER.createObjectNode();
    o.put("specversion", CloudEvent.SPEC_VERSION);
    o.put("id", e.id());
    o.put("source", e.source());
    o.put("type", e.type());
    if (e.subject() != null) {
      o.put("subject", e.subject());
    }
    o.put("time", e.time().toString());
    o.put("datacontenttype", CloudEvent.DATA_CONTENT_TYPE);
    if (e.dataschema() != null) {
      o.put("dataschema", e.dataschema());
    }
    o.put("partitionkey", e.partitionkey());
    o.set("data", e.data());
    return o;
  }

  /** The event's bytes in the JSON event format (UTF-8). */
  public static byte[] encode(CloudEvent e) {
    try {
      return MAPPER.writeValueAsBytes(toJson(e));
    } catch (JsonProcessingException x) {
      throw new IllegalStateException("cannot write event " + e.id() + " as JSON", x);
    }
  }

  /**
   * Reads an event in the JSON event format; a {@link MalformedEventException} says what is wrong.
   */
  public static CloudEvent decode(byte[] bytes) {
    JsonNode n;
    try {
      n = MAPPER.readTree(bytes);
    } catch (IOException x) {
      throw new MalformedEventException(
          "not JSON: "
              + (x instanceof com.fasterxml.jackson.core.JsonProcessingException j
                  ? j.getOriginalMessage()
                  : x.getMessage()),
          x);
    }
    if (n == null || !n.isObject()) {
      throw new MalformedEventException("not a JSON object");
    }
    return fromJson(n);
  }

  /** Reads an event from its JSON event format tree. */
  public static CloudEvent fromJson(JsonNode n) {
    String spec = text(n, "specversion");
    if (!CloudEvent.SPEC_VERSION.equals(spec)) {
      throw new MalformedEventException(
          "specversion is " + spec + " (expected: " + CloudEvent.SPEC_VERSION + ")");
    }
    String id = required(n, "id");
    String source = required(n, "source");
    String type = required(n, "type");
    String contentType = text(n, "datacontenttype");
    if (contentType != null && !contentType.startsWith(CloudEvent.DATA_CONTENT_TYPE)) {
      throw new MalformedEventException(
          "event " + id + " has datacontenttype " + contentType + " (expected: application/json)");
    }
    String time = required(n, "time");
    Instant at;
    try {
      at = Instant.parse(time);
    } catch (DateTimeParseException x) {
      throw new MalformedEventException("event " + id + " has an invalid time: " + time, x);
    }
    JsonNode data = n.get("data");
    if (data == null || data.isNull()) {
      throw new MalformedEventException("event " + id + " has no data");
    }
    String key = text(n, "partitionkey");
    return new CloudEvent(
        id,
        source,
        type,
        text(n, "subject"),
        at,
        text(n, "dataschema"),
        key == null || key.isEmpty() ? id : key,
        data);
  }

  /**
   * The event's data as its type's record, or {@link EventData.Unknown} when the type is not one of
   * {@link EventType}; a {@link MalformedEventException} when it does not fit the type or lacks a
   * property the type requires.
   */
  public static EventData data(CloudEvent e) {
    Optional<EventType> t = e.knownType();
    if (t.isEmpty()) {
      return new EventData.Unknown(e.data());
    }
    try {
      EventData d = MAPPER.treeToValue(e.data(), t.get().dataClass());
      if (d == null) {
        throw new MalformedEventException("event " + e.id() + " has no data");
      }
      // Jackson builds a record from JSON that lacks a property with null (or 0, or false); a
      // property the type requires must be there.
      Optional<String> missing = RequiredProperties.firstMissing(e.data(), t.get().dataClass());
      if (missing.isPresent()) {
        throw new MalformedEventException(
            "event "
                + e.id()
                + " of type "
                + e.type()
                + " has data that does not fit its schema: "
                + missing.get()
                + " is required");
      }
      return d;
    } catch (JsonProcessingException | IllegalArgumentException x) {
      throw new MalformedEventException(
          "event "
              + e.id()
              + " of type "
              + e.type()
              + " has data that does not fit its schema: "
              + x.getMessage(),
          x);
    }
  }

  /** The Kafka record that carries {@code e} on {@code topic}, in structured mode. */
  public static ProducerRecord<String, byte[]> toRecord(String topic, CloudEvent e) {
    return toRecord(topic, e.partitionkey(), encode(e));
  }

  /** The Kafka record that carries an event already encoded, with its partition key. */
  public static ProducerRecord<String, byte[]> toRecord(String topic, String key, byte[] encoded) {
    Headers headers = new RecordHeaders();
    headers.add(CONTENT_TYPE_HEADER, CONTENT_TYPE.getBytes(StandardCharsets.UTF_8));
    return new ProducerRecord<>(topic, null, key, encoded, headers);
  }

  /**
   * Whether a record with these headers is in structured mode (or has no content type, which this
   * product's consumers read as structured, the only mode it publishes).
   */
  public static boolean isStructured(Headers headers) {
    @Nullable Header h = headers.lastHeader(CONTENT_TYPE_HEADER);
    if (h == null) {
      return true;
    }
    return new String(h.value(), StandardCharsets.UTF_8)
        .toLowerCase(java.util.Locale.ROOT)
        .startsWith("application/cloudevents+json");
  }

  private static String required(JsonNode n, String name) {
    String v = text(n, name);
    if (v == null || v.isEmpty()) {
      String id = text(n, "id");
      throw new MalformedEventException(
          (id == null ? "an event" : "event " + id) + " has no " + name);
    }
    return v;
  }

  private static @Nullable String text(JsonNode n, String name) {
    JsonNode v = n.get(name);
    return v == null || !v.isTextual() ? null : v.asText();
  }
}
