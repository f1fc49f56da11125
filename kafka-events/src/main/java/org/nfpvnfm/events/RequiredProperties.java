package org.nfpvnfm.events;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.databind.JsonNode;
import java.lang.reflect.RecordComponent;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/**
 * Finds a property that an event type's record requires and the data lacks. Jackson builds a record
 * from JSON that lacks a property by passing {@code null} (or 0, or false), so a producer's data
 * without {@code vnfInstanceId} would reach a consumer as a record with a null that its type says
 * cannot be; this check turns that into a malformed record instead. A component is required unless
 * its type is annotated {@link Nullable}, as the JSON Schemas' {@code required} lists say.
 */
final class RequiredProperties {
  private RequiredProperties() {}

  /** The first required property {@code data} lacks (a JSON path such as {@code latency.p99Ns}). */
  static Optional<String> firstMissing(JsonNode data, Class<?> type) {
    return Optional.ofNullable(missing(data, type, ""));
  }

  private static @Nullable String missing(JsonNode data, Class<?> type, String path) {
    RecordComponent[] components = type.getRecordComponents();
    if (components == null || !data.isObject()) {
      return null;
    }
    for (RecordComponent c : components) {
      String name = jsonName(c);
      JsonNode value = data.get(name);
      boolean absent = value == null || value.isNull();
      if (absent) {
        if (!c.getAnnotatedType().isAnnotationPresent(Nullable.class)) {
          return path + name;
        }
        continue;
      }
      if (c.getType().isRecord()) {
        String inner = missing(value, c.getType(), path + name + ".");
        if (inner != null) {
          return inner;
        }
      } else if (java.util.List.class.isAssignableFrom(c.getType()) && value.isArray()) {
        for (int i = 0; i < value.size(); i++) {
          if (value.get(i).isNull()) {
            return path + name + "[" + i + "]";
          }
        }
      }
    }
    return null;
  }

  /** The property's name in JSON: the record component's, or its {@link JsonProperty}'s. */
  static String jsonName(RecordComponent c) {
    JsonProperty p = c.getAccessor().getAnnotation(JsonProperty.class);
    if (p == null) {
      try {
        p = c.getDeclaringRecord().getDeclaredField(c.getName()).getAnnotation(JsonProperty.class);
      } catch (NoSuchFieldException e) {
        p = null;
      }
    }
    return p == null || p.value().isEmpty() ? c.getName() : p.value();
  }
}
