package org.nfpvnfm.events;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.networknt.schema.JsonSchema;
import com.networknt.schema.JsonSchemaFactory;
import com.networknt.schema.SchemaLocation;
import com.networknt.schema.SchemaValidatorsConfig;
import com.networknt.schema.SpecVersion;
import com.networknt.schema.ValidationMessage;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.lang.reflect.RecordComponent;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The JSON Schemas describe the data exactly as {@link EventCodec} writes it: every example
 * validates, every required property and every enumeration is enforced, and the properties are the
 * records' components.
 */
class EventSchemasTest {
  private static final String DIR = "/org/nfpvnfm/events/schemas/";
  private static final JsonSchemaFactory FACTORY =
      JsonSchemaFactory.getInstance(SpecVersion.VersionFlag.V202012);
  private static final SchemaValidatorsConfig CONFIG =
      SchemaValidatorsConfig.builder().formatAssertionsEnabled(true).build();
  private static final Map<String, JsonSchema> SCHEMAS = new ConcurrentHashMap<>();

  static JsonSchema schema(String resource) {
    return SCHEMAS.computeIfAbsent(
        resource,
        r -> {
          try (InputStream in = EventSchemasTest.class.getResourceAsStream(r)) {
            assertThat(in).as("schema resource %s", r).isNotNull();
            return FACTORY.getSchema(Objects.requireNonNull(in), CONFIG);
          } catch (IOException e) {
            throw new UncheckedIOException(e);
          }
        });
  }

  static JsonSchema envelope() {
    return schema(DIR + "cloudevent.json");
  }

  static JsonNode schemaDocument(String resource) {
    try (InputStream in = EventSchemasTest.class.getResourceAsStream(resource)) {
      return EventCodec.mapper().readTree(Objects.requireNonNull(in, resource));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** The messages of validating {@code data} against {@code type}'s schema. */
  static Set<String> errors(EventType type, JsonNode data) {
    return messages(schema(type.schemaResource()).validate(data));
  }

  static Set<String> messages(Set<ValidationMessage> m) {
    return m.stream().map(ValidationMessage::getMessage).collect(Collectors.toSet());
  }

  @ParameterizedTest
  @EnumSource(EventType.class)
  void eachTypesSchemaIsADraft2020_12SchemaWhoseIdIsTheTypesSchemaId(EventType type) {
    JsonNode doc = schemaDocument(type.schemaResource());
    assertThat(doc.path("$id").asText()).isEqualTo(type.schemaId());
    assertThat(doc.path("$schema").asText())
        .isEqualTo("https://json-schema.org/draft/2020-12/schema");
    JsonSchema meta =
        FACTORY.getSchema(SchemaLocation.of("https://json-schema.org/draft/2020-12/schema"));
    assertThat(messages(meta.validate(doc))).isEmpty();
  }

  @Test
  void everySchemaFileIsAnEventTypesOrTheEnvelope() throws IOException, URISyntaxException {
    Path dir = Path.of(Objects.requireNonNull(EventSchemasTest.class.getResource(DIR)).toURI());
    Set<String> files;
    try (Stream<Path> s = Files.list(dir)) {
      files = s.map(p -> p.getFileName().toString()).collect(Collectors.toCollection(TreeSet::new));
    }
    Set<String> expected = new TreeSet<>();
    expected.add("cloudevent.json");
    for (EventType t : EventType.values()) {
      expected.add(t.shortName() + ".json");
    }
    assertThat(files).isEqualTo(expected);
    assertThat(schemaDocument(DIR + "cloudevent.json").path("$id").asText())
        .isEqualTo("urn:nfp-vnfm:events:schema:cloudevent");
  }

  @ParameterizedTest
  @EnumSource(EventType.class)
  void theExampleValidatesAgainstItsSchemaAndTheEnvelopeAndDecodesToAnEqualRecord(EventType type) {
    EventData data = EventExamples.data(type, EventExamples.INSTANCE);
    CloudEvent event = EventExamples.event("e-" + type.shortName(), type, data);
    byte[] bytes = EventCodec.encode(event);

    JsonNode written = EventCodec.toJson(event);
    assertThat(messages(envelope().validate(written))).isEmpty();
    assertThat(errors(type, written.get("data"))).isEmpty();

    CloudEvent read = EventCodec.decode(bytes);
    // JsonNode trees compare numbers by their Java type (a long written, an int read back), so
    // the envelope is compared without its data, and the data as bytes and as its record.
    assertThat(read).usingRecursiveComparison().ignoringFields("data").isEqualTo(event);
    assertThat(EventCodec.encode(read)).isEqualTo(bytes);
    assertThat(EventCodec.data(read)).isEqualTo(data);
    assertThat(RequiredProperties.firstMissing(read.data(), type.dataClass())).isEmpty();
  }

  @ParameterizedTest
  @EnumSource(EventType.class)
  void theSchemasPropertiesAreTheRecordsComponentsAndTheNonNullableOnesAreRequired(EventType type) {
    assertDescribes(schemaDocument(type.schemaResource()), type.dataClass(), type.shortName());
  }

  private static void assertDescribes(JsonNode schema, Class<?> record, String where) {
    RecordComponent[] components = Objects.requireNonNull(record.getRecordComponents());
    Set<String> names = new TreeSet<>();
    Set<String> required = new TreeSet<>();
    for (RecordComponent c : components) {
      String name = RequiredProperties.jsonName(c);
      names.add(name);
      if (!c.getAnnotatedType().isAnnotationPresent(Nullable.class)) {
        required.add(name);
      }
      JsonNode property = schema.path("properties").path(name);
      String expected = jsonType(c.getType());
      if (expected != null) {
        assertThat(property.path("type").asText())
            .as("the type of %s.%s", where, name)
            .isEqualTo(expected);
      }
      if (c.getType().isRecord()) {
        assertDescribes(property, c.getType(), where + "." + name);
      }
    }
    Set<String> properties = new TreeSet<>();
    schema.path("properties").fieldNames().forEachRemaining(properties::add);
    Set<String> requiredInSchema = new TreeSet<>();
    schema.path("required").forEach(r -> requiredInSchema.add(r.asText()));
    assertThat(properties).as("the properties of %s", where).isEqualTo(names);
    assertThat(requiredInSchema).as("the required properties of %s", where).isEqualTo(required);
    assertThat(schema.path("additionalProperties").asBoolean(true))
        .as("%s allows only its record's properties", where)
        .isFalse();
  }

  private static @Nullable String jsonType(Class<?> c) {
    if (c == int.class || c == long.class) {
      return "integer";
    } else if (c == double.class) {
      return "number";
    } else if (c == boolean.class) {
      return "boolean";
    } else if (c == String.class) {
      return "string";
    } else if (List.class.isAssignableFrom(c)) {
      return "array";
    } else if (c.isRecord()) {
      return "object";
    }
    return null; // JsonNode: SOL003 structures, described in their own terms
  }

  static Stream<Arguments> requiredProperties() {
    return Arrays.stream(EventType.values())
        .flatMap(
            t -> {
              List<String> required = new java.util.ArrayList<>();
              schemaDocument(t.schemaResource())
                  .path("required")
                  .forEach(r -> required.add(r.asText()));
              return required.stream().map(r -> Arguments.of(t, r));
            });
  }

  @ParameterizedTest(name = "{0} without {1}")
  @MethodSource("requiredProperties")
  void rejectsDataWithoutARequiredProperty(EventType type, String property) {
    ObjectNode data = (ObjectNode) EventCodec.toJson(EventExamples.data(type, "vnf-1"));
    assertThat(errors(type, data)).isEmpty();
    data.remove(property);
    assertThat(errors(type, data)).anySatisfy(m -> assertThat(m).contains(property));
    assertThat(RequiredProperties.firstMissing(data, type.dataClass())).contains(property);
  }

  @ParameterizedTest(name = "{0} with {1} = {2}")
  @CsvSource({
    "OPERATION_STATE_CHANGED, operationState, DONE",
    "OPERATION_STATE_CHANGED, notificationStatus, MIDDLE",
    "OPERATION_STATE_CHANGED, operation, REBOOT",
    "OPERATION_STATE_CHANGED, notificationType, VnfIdentifierCreationNotification",
    "VNF_INSTANCE_CREATED, notificationType, VnfIdentifierDeletionNotification",
    "PACKAGE_ENABLED, operationalState, DISABLED",
    "PACKAGE_DISABLED, operationalState, ENABLED",
    "GRAPH_UNDEPLOYED, reason, UPGRADE",
    "GRAPH_COMPILED, plan, RANDOM",
    "ALARM_RAISED, perceivedSeverity, CLEARED",
  })
  void rejectsAValueOutsideItsEnumeration(EventType type, String property, String value) {
    ObjectNode data = (ObjectNode) EventCodec.toJson(EventExamples.data(type, "vnf-1"));
    data.put(property, value);
    assertThat(errors(type, data)).anySatisfy(m -> assertThat(m).contains(property));
  }

  @ParameterizedTest(name = "{0} with {1} = {2}")
  @CsvSource({
    "OPERATION_STATE_CHANGED, timeStamp, yesterday",
    "ALARM_CLEARED, alarmClearedTime, 2026-11-24 10:20",
    "GRAPH_TELEMETRY, intervalStart, 10:10:00",
  })
  void rejectsATimeThatIsNotAnRfc3339DateTime(EventType type, String property, String value) {
    ObjectNode data = (ObjectNode) EventCodec.toJson(EventExamples.data(type, "vnf-1"));
    data.put(property, value);
    assertThat(errors(type, data)).anySatisfy(m -> assertThat(m).contains(property));
  }

  @Test
  void rejectsAFractionalCountAndANegativeOne() {
    ObjectNode data =
        (ObjectNode) EventCodec.toJson(EventExamples.data(EventType.GRAPH_DEPLOYED, "vnf-1"));
    data.put("mergers", 1.5);
    assertThat(errors(EventType.GRAPH_DEPLOYED, data))
        .anySatisfy(m -> assertThat(m).contains("mergers"));
    data.put("mergers", -1);
    assertThat(errors(EventType.GRAPH_DEPLOYED, data))
        .anySatisfy(m -> assertThat(m).contains("mergers"));
  }

  @Test
  void rejectsAPropertyTheRecordDoesNotHave() {
    ObjectNode data =
        (ObjectNode) EventCodec.toJson(EventExamples.data(EventType.GRAPH_COMPILED, "vnf-1"));
    data.put("graphName", "edge");
    assertThat(errors(EventType.GRAPH_COMPILED, data))
        .anySatisfy(m -> assertThat(m).contains("graphName"));
  }

  @Test
  void rejectsTheSubscriptionLinkThatTheEventsLeaveOut() {
    ObjectNode data =
        (ObjectNode)
            EventCodec.toJson(EventExamples.data(EventType.OPERATION_STATE_CHANGED, "vnf-1"));
    ((ObjectNode) data.get("_links")).putObject("subscription").put("href", "https://x/y");
    assertThat(errors(EventType.OPERATION_STATE_CHANGED, data))
        .anySatisfy(m -> assertThat(m).contains("subscription"));
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource(
      delimiter = '|',
      value = {
        "specversion is 0.3 | /specversion | \"0.3\"",
        "a type of another producer | /type | \"com.example.thing\"",
        "data is a string | /data | \"text\"",
        "time is not a date-time | /time | \"now\"",
        "datacontenttype is XML | /datacontenttype | \"application/xml\"",
      })
  void theEnvelopeSchemaRejects(String what, String pointer, String value) throws IOException {
    ObjectNode e = EventCodec.toJson(EventExamples.event("e-1", EventType.GRAPH_COMPILED, "v"));
    assertThat(messages(envelope().validate(e))).isEmpty();
    e.set(pointer.substring(1), EventCodec.mapper().readTree(value));
    assertThat(messages(envelope().validate(e))).as(what).isNotEmpty();
  }

  @ParameterizedTest
  @CsvSource({"specversion", "id", "source", "type", "time", "datacontenttype", "data"})
  void theEnvelopeSchemaRequires(String attribute) {
    ObjectNode e = EventCodec.toJson(EventExamples.event("e-1", EventType.GRAPH_COMPILED, "v"));
    e.remove(attribute);
    assertThat(messages(envelope().validate(e))).anySatisfy(m -> assertThat(m).contains(attribute));
  }

  // ---- docs/events.md ------------------------------------------------------------------------

  private static final Path DOCS = Path.of("..", "docs", "events.md");
  private static final Pattern JSON_BLOCK = Pattern.compile("(?s)```json\\n(.*?)```");

  static List<JsonNode> documentedEvents() throws IOException {
    String text = Files.readString(DOCS);
    List<JsonNode> events = new java.util.ArrayList<>();
    Matcher m = JSON_BLOCK.matcher(text);
    while (m.find()) {
      JsonNode n = EventCodec.mapper().readTree(m.group(1));
      if (n.has("specversion")) {
        events.add(n);
      }
    }
    return events;
  }

  @Test
  void everyEventTheDocsShowValidatesAndDecodes() throws IOException {
    List<JsonNode> events = documentedEvents();
    assertThat(events).isNotEmpty();
    for (JsonNode n : events) {
      String id = n.path("id").asText();
      assertThat(messages(envelope().validate(n))).as("the envelope of %s", id).isEmpty();
      CloudEvent e = EventCodec.fromJson(n);
      EventType type = e.knownType().orElseThrow();
      assertThat(e.dataschema()).as("the dataschema of %s", id).isEqualTo(type.schemaId());
      assertThat(errors(type, e.data())).as("the data of %s", id).isEmpty();
      assertThat(EventCodec.data(e)).isInstanceOf(type.dataClass());
    }
  }

  @Test
  void theDocsShowAnExampleOfEveryType() throws IOException {
    Set<String> shown = new HashSet<>();
    for (JsonNode n : documentedEvents()) {
      shown.add(n.path("type").asText());
    }
    assertThat(shown).containsAll(Arrays.stream(EventType.values()).map(EventType::type).toList());
  }
}
