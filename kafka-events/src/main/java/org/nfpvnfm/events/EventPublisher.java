package org.nfpvnfm.events;

import java.time.Duration;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;

/**
 * Publishes events with an idempotent producer: {@code acks=all}, retries within {@code
 * delivery.timeout.ms}, at most five requests in flight per broker. Idempotence makes the broker
 * drop the producer's own retries, and keeps each partition's records in the order they were sent
 * even when a request is retried; a send that fails makes the later ones to the same partition fail
 * too, so a caller that resends from the first failure never reorders a key.
 */
public final class EventPublisher implements AutoCloseable {
  private final Producer<String, byte[]> producer;

  private EventPublisher(Producer<String, byte[]> producer) {
    this.producer = producer;
  }

  /**
   * A publisher to the cluster {@code settings} describe.
   *
   * @param clientId the producer's {@code client.id}, as the brokers' logs and quotas see it
   * @param deliveryTimeout how long a send may take, retries included, before it fails
   */
  public static EventPublisher create(
      KafkaSettings settings, String clientId, Duration deliveryTimeout) {
    Map<String, Object> p = new java.util.HashMap<>(producerProperties(deliveryTimeout));
    p.put("client.id", clientId);
    p.putAll(settings.clientProperties());
    return new EventPublisher(
        new KafkaProducer<>(p, new StringSerializer(), new ByteArraySerializer()));
  }

  /** The producer settings this class relies on (tests and tools reuse them). */
  static Map<String, Object> producerProperties(Duration deliveryTimeout) {
    long delivery = Math.max(deliveryTimeout.toMillis(), 2_000);
    long linger = 5;
    return Map.of(
        "enable.idempotence",
        "true",
        "acks",
        "all",
        "max.in.flight.requests.per.connection",
        "5",
        "linger.ms",
        String.valueOf(linger),
        "compression.type",
        "lz4",
        "delivery.timeout.ms",
        String.valueOf(delivery),
        // delivery.timeout.ms must be at least linger.ms + request.timeout.ms.
        "request.timeout.ms",
        String.valueOf(Math.min(15_000, delivery - linger)),
        // A send waits this long for metadata when no broker answers; the caller's thread is
        // the relay's, which must come back to record progress and to stop.
        "max.block.ms",
        String.valueOf(Math.min(5_000, delivery)));
  }

  /** Sends {@code e} to {@code topic}; the future completes when the brokers have it (acks=all). */
  public CompletableFuture<RecordMetadata> publish(String topic, CloudEvent e) {
    return send(EventCodec.toRecord(topic, e));
  }

  /**
   * Sends an event already in the JSON event format ({@link EventCodec#encode}) with its partition
   * key, as an outbox stores it.
   */
  public CompletableFuture<RecordMetadata> publish(String topic, String key, byte[] encoded) {
    return send(EventCodec.toRecord(topic, key, encoded));
  }

  private CompletableFuture<RecordMetadata> send(ProducerRecord<String, byte[]> record) {
    CompletableFuture<RecordMetadata> done = new CompletableFuture<>();
    try {
      // The callback completes the future; the producer's own future adds nothing.
      var unused =
          producer.send(
              record,
              (metadata, error) -> {
                if (error != null) {
                  done.completeExceptionally(error);
                } else {
                  done.complete(metadata);
                }
              });
    } catch (RuntimeException x) {
      // Metadata not available within max.block.ms, or the producer closed: the same as a
      // failed delivery for the caller.
      done.completeExceptionally(x);
    }
    return done;
  }

  /** Sends what is buffered now and waits for it. */
  public void flush() {
    producer.flush();
  }

  @Override
  public void close() {
    producer.close(Duration.ofSeconds(5));
  }
}
