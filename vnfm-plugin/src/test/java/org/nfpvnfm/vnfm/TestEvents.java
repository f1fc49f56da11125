package org.nfpvnfm.vnfm;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.nfpvnfm.events.CloudEvent;
import org.nfpvnfm.events.EventCodec;
import org.nfpvnfm.events.KafkaSettings;

/**
 * Test support for events: a VNFM configuration that publishes to a given broker, and a reader of
 * what reached a topic, with the Kafka record's key, as a plain Kafka consumer sees it.
 */
public final class TestEvents {
  private TestEvents() {}

  /** One record read back: its key, and the CloudEvent its value holds. */
  public record Received(String key, CloudEvent event, int partition, long offset) {}

  /** {@code c} publishing to the cluster at {@code bootstrap}, quickly, telemetry as given. */
  public static VnfmConfig publishingTo(VnfmConfig c, String bootstrap, Duration telemetry) {
    VnfmConfig.EventsConfig d = VnfmConfig.EventsConfig.defaults();
    return c.withEvents(
        new VnfmConfig.EventsConfig(
            true,
            bootstrap,
            0,
            "PLAINTEXT",
            "",
            "",
            "",
            "",
            "",
            "",
            "",
            Map.of(),
            3,
            "/nfp-vnfm/test",
            d.relayBatch(),
            Duration.ofMillis(50),
            telemetry));
  }

  /**
   * Reads {@code topic} from the beginning until {@code done} holds for what was read, or {@code
   * timeout} passes; returns everything read, in each partition's order.
   */
  public static List<Received> readUntil(
      KafkaSettings settings, String topic, Predicate<List<Received>> done, Duration timeout) {
    Map<String, Object> p = new HashMap<>(settings.clientProperties());
    p.put("group.id", "test-" + System.nanoTime());
    p.put("auto.offset.reset", "earliest");
    p.put("enable.auto.commit", "false");
    List<Received> got = new ArrayList<>();
    try (KafkaConsumer<String, byte[]> c =
        new KafkaConsumer<>(p, new StringDeserializer(), new ByteArrayDeserializer())) {
      c.subscribe(List.of(topic));
      long deadline = System.nanoTime() + timeout.toNanos();
      while (!done.test(got) && System.nanoTime() < deadline) {
        for (ConsumerRecord<String, byte[]> r : c.poll(Duration.ofMillis(100))) {
          got.add(new Received(r.key(), EventCodec.decode(r.value()), r.partition(), r.offset()));
        }
      }
    }
    return got;
  }

  private static final com.networknt.schema.JsonSchemaFactory SCHEMAS =
      com.networknt.schema.JsonSchemaFactory.getInstance(
          com.networknt.schema.SpecVersion.VersionFlag.V202012);
  private static final Map<String, com.networknt.schema.JsonSchema> LOADED =
      new java.util.concurrent.ConcurrentHashMap<>();

  private static com.networknt.schema.JsonSchema schema(String resource) {
    return LOADED.computeIfAbsent(
        resource,
        r -> {
          try (java.io.InputStream in = EventCodec.class.getResourceAsStream(r)) {
            if (in == null) {
              throw new AssertionError("no schema " + r + " on the class path");
            }
            return SCHEMAS.getSchema(
                in,
                com.networknt.schema.SchemaValidatorsConfig.builder()
                    .formatAssertionsEnabled(true)
                    .build());
          } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
          }
        });
  }

  /**
   * What is wrong with {@code e} against the shipped JSON Schemas: the envelope's and its type's
   * data schema; empty when it is valid.
   */
  public static List<String> schemaErrors(CloudEvent e) {
    List<String> errors = new ArrayList<>();
    schema("/org/nfpvnfm/events/schemas/cloudevent.json")
        .validate(EventCodec.toJson(e))
        .forEach(m -> errors.add("envelope: " + m.getMessage()));
    e.knownType()
        .ifPresentOrElse(
            t ->
                schema(t.schemaResource())
                    .validate(e.data())
                    .forEach(m -> errors.add(t.shortName() + ": " + m.getMessage())),
            () -> errors.add("unknown type " + e.type()));
    return errors;
  }
}
