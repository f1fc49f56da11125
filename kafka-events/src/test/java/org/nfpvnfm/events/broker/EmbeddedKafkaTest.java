package org.nfpvnfm.events.broker;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nfpvnfm.events.CloudEvent;
import org.nfpvnfm.events.EventCodec;
import org.nfpvnfm.events.EventPublisher;
import org.nfpvnfm.events.Topics;

@Tag("integration")
class EmbeddedKafkaTest {

  @TempDir Path dir;

  @Test
  void keepsTopicsAndRecordsAcrossARestartOnTheSameFolderAndPort() throws Exception {
    int port;
    try (EmbeddedKafka k = EmbeddedKafka.start(dir, 0, Duration.ofSeconds(60))) {
      port = k.port();
      assertThat(Topics.ensure(k.settings(), 2, Duration.ofSeconds(30)))
          .containsExactlyInAnyOrderElementsOf(Topics.ALL);
      try (EventPublisher p = EventPublisher.create(k.settings(), "t", Duration.ofSeconds(10))) {
        p.publish(Topics.LIFECYCLE, event("e-1", "vnf-a")).get();
      }
    }
    try (EmbeddedKafka k = EmbeddedKafka.start(dir, port, Duration.ofSeconds(60))) {
      assertThat(k.bootstrapServers()).isEqualTo("127.0.0.1:" + port);
      assertThat(Topics.ensure(k.settings(), 2, Duration.ofSeconds(30))).isEmpty();
      try (EventPublisher p = EventPublisher.create(k.settings(), "t", Duration.ofSeconds(10))) {
        p.publish(Topics.LIFECYCLE, event("e-2", "vnf-a")).get();
      }
      List<ConsumerRecord<String, byte[]>> got = readAll(k, Topics.LIFECYCLE, 2);
      assertThat(got).extracting(ConsumerRecord::key).containsExactly("vnf-a", "vnf-a");
      assertThat(got)
          .extracting(r -> EventCodec.decode(r.value()).id())
          .containsExactly("e-1", "e-2");
      assertThat(EventCodec.isStructured(got.getFirst().headers())).isTrue();
      assertThat(got.getFirst().headers().lastHeader(EventCodec.CONTENT_TYPE_HEADER)).isNotNull();
    }
  }

  @Test
  void refusesAPortThatIsTakenAndSaysWhichOne() throws Exception {
    try (ServerSocket taken = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      assertThatThrownBy(
              () -> EmbeddedKafka.start(dir, taken.getLocalPort(), Duration.ofSeconds(5)))
          .isInstanceOf(IllegalStateException.class)
          .hasMessageContaining("port " + taken.getLocalPort());
    }
  }

  static CloudEvent event(String id, String key) {
    return new CloudEvent(
        id,
        "/nfp-vnfm/test",
        "org.nfpvnfm.graph.compiled.v1",
        key,
        Instant.parse("2026-11-24T10:00:00Z"),
        null,
        key,
        JsonNodeFactory.instance.objectNode().put("vnfInstanceId", key));
  }

  static List<ConsumerRecord<String, byte[]>> readAll(EmbeddedKafka k, String topic, int n) {
    Map<String, Object> p = new HashMap<>(k.settings().clientProperties());
    p.put("group.id", "t-" + System.nanoTime());
    p.put("auto.offset.reset", "earliest");
    List<ConsumerRecord<String, byte[]>> got = new ArrayList<>();
    try (KafkaConsumer<String, byte[]> c =
        new KafkaConsumer<>(p, new StringDeserializer(), new ByteArrayDeserializer())) {
      c.subscribe(List.of(topic));
      long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
      while (got.size() < n && System.nanoTime() < deadline) {
        c.poll(Duration.ofMillis(200)).forEach(got::add);
      }
    }
    return got;
  }
}
