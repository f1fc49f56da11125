package org.nfpvnfm.events;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInfo;
import org.junit.jupiter.api.io.TempDir;
import org.nfpvnfm.events.broker.EmbeddedKafka;

@Tag("integration")
class EventConsumerTest {
  private static final Duration WAIT = Duration.ofSeconds(30);

  @TempDir static Path dir;

  @SuppressWarnings("NullAway.Init")
  static EmbeddedKafka kafka;

  @BeforeAll
  static void startBroker() {
    kafka = EmbeddedKafka.start(dir, 0, Duration.ofSeconds(60));
  }

  @AfterAll
  static void stopBroker() {
    kafka.close();
  }

  /** A topic of this test's own, so that tests do not read each other's records. */
  static String topic(TestInfo test, int partitions) throws Exception {
    String name =
        "t."
            + test.getTestMethod().orElseThrow().getName()
            + "."
            + Long.toHexString(System.nanoTime());
    try (Admin admin = Admin.create(new HashMap<>(kafka.settings().clientProperties()))) {
      admin
          .createTopics(List.of(new NewTopic(name, partitions, (short) 1)))
          .all()
          .get(30, TimeUnit.SECONDS);
    }
    return name;
  }

  static void publish(String topic, CloudEvent... events) throws Exception {
    try (EventPublisher p = EventPublisher.create(kafka.settings(), "test", WAIT)) {
      for (CloudEvent e : events) {
        p.publish(topic, e).get(30, TimeUnit.SECONDS);
      }
    }
  }

  /** Sends what a faulty or foreign producer might: any bytes, any headers. */
  static void publishRaw(String topic, String key, byte @Nullable [] value, RecordHeaders headers)
      throws Exception {
    try (KafkaProducer<String, byte[]> p =
        new KafkaProducer<>(
            new HashMap<>(kafka.settings().clientProperties()),
            new StringSerializer(),
            new ByteArraySerializer())) {
      p.send(new ProducerRecord<>(topic, null, key, value, headers)).get(30, TimeUnit.SECONDS);
    }
  }

  static RecordHeaders structured() {
    RecordHeaders h = new RecordHeaders();
    h.add(EventCodec.CONTENT_TYPE_HEADER, EventCodec.CONTENT_TYPE.getBytes(StandardCharsets.UTF_8));
    return h;
  }

  static EventConsumer.Builder consumer(String topic) {
    return EventConsumer.builder(kafka.settings()).topics(List.of(topic)).fromBeginning(true);
  }

  /** Polls until {@code n} events came, or fails after {@link #WAIT}. */
  static List<Event> poll(EventConsumer c, int n) {
    List<Event> got = new ArrayList<>();
    long deadline = System.nanoTime() + WAIT.toNanos();
    while (got.size() < n && System.nanoTime() < deadline) {
      got.addAll(c.poll(Duration.ofMillis(200)));
    }
    assertThat(got).as("events within %s", WAIT).hasSizeGreaterThanOrEqualTo(n);
    return got;
  }

  /** Polls until {@code done} holds, or fails after {@link #WAIT}; returns what it polled. */
  static List<Event> pollUntil(EventConsumer c, BooleanSupplier done) {
    List<Event> got = new ArrayList<>();
    long deadline = System.nanoTime() + WAIT.toNanos();
    while (!done.getAsBoolean() && System.nanoTime() < deadline) {
      got.addAll(c.poll(Duration.ofMillis(200)));
    }
    assertThat(done.getAsBoolean()).as("the condition within %s", WAIT).isTrue();
    return got;
  }

  /** Polls for {@code d} more: what else comes (nothing, where a test expects nothing). */
  static List<Event> pollFor(EventConsumer c, Duration d) {
    List<Event> got = new ArrayList<>();
    long deadline = System.nanoTime() + d.toNanos();
    while (System.nanoTime() < deadline) {
      got.addAll(c.poll(Duration.ofMillis(200)));
    }
    return got;
  }

  @Test
  void deliversTypedEventsInTheOrderEachKeyWasPublished(TestInfo test) throws Exception {
    String topic = topic(test, 3);
    List<EventType> lifecycle =
        List.of(
            EventType.VNF_INSTANCE_CREATED,
            EventType.OPERATION_STATE_CHANGED,
            EventType.GRAPH_COMPILED,
            EventType.GRAPH_DEPLOYED,
            EventType.MERGER_RECONFIGURED,
            EventType.NF_RUNTIME_FAILED,
            EventType.ALARM_RAISED,
            EventType.GRAPH_UNDEPLOYED,
            EventType.VNF_INSTANCE_DELETED);
    List<String> instances = List.of("vnf-a", "vnf-b", "vnf-c", "vnf-d");
    Map<String, List<String>> published = new LinkedHashMap<>();
    List<CloudEvent> events = new ArrayList<>();
    for (int round = 0; round < 3; round++) {
      for (EventType type : lifecycle) {
        for (String instance : instances) {
          String id = instance + "-" + round + "-" + type.shortName();
          events.add(EventExamples.event(id, type, instance));
          published.computeIfAbsent(instance, k -> new ArrayList<>()).add(id);
        }
      }
    }
    publish(topic, events.toArray(CloudEvent[]::new));

    try (EventConsumer c = consumer(topic).build()) {
      List<Event> got = poll(c, events.size());
      Map<String, List<String>> read = new LinkedHashMap<>();
      for (Event e : got) {
        read.computeIfAbsent(e.cloudEvent().partitionkey(), k -> new ArrayList<>()).add(e.id());
        EventType type = e.type().orElseThrow();
        assertThat(e.data()).isInstanceOf(type.dataClass());
        assertThat(e.data()).isEqualTo(EventExamples.data(type, e.cloudEvent().partitionkey()));
        assertThat(e.topic()).isEqualTo(topic);
        assertThat(e.partition()).isBetween(0, 2);
      }
      assertThat(read).isEqualTo(published);
      assertThat(c.received()).isEqualTo(events.size());
      assertThat(c.delivered()).isEqualTo(events.size());
      assertThat(c.duplicates()).isZero();
      assertThat(c.malformed()).isZero();
    }
  }

  @Test
  void deliversAnIdPublishedTwiceOnceAndCountsTheRepeat(TestInfo test) throws Exception {
    String topic = topic(test, 1);
    CloudEvent first = EventExamples.event("e-1", EventType.GRAPH_DEPLOYED, "vnf-a");
    CloudEvent next = EventExamples.event("e-2", EventType.GRAPH_UNDEPLOYED, "vnf-a");
    publish(topic, first, first, next);

    try (EventConsumer c = consumer(topic).build()) {
      List<Event> got = pollUntil(c, () -> c.received() == 3);
      assertThat(got).extracting(Event::id).containsExactly("e-1", "e-2");
      assertThat(got).extracting(Event::offset).containsExactly(0L, 2L);
      assertThat(c.duplicates()).isEqualTo(1);
      assertThat(c.delivered()).isEqualTo(2);
    }
  }

  @Test
  void countsAndSkipsRecordsThatAreNotEventsAndDeliversTheNextGoodOne(TestInfo test)
      throws Exception {
    String topic = topic(test, 1);
    publishRaw(topic, "vnf-a", new byte[] {(byte) 0xff, 0x00, 0x7f}, structured());
    publishRaw(topic, "vnf-a", "{\"hello\": 1}".getBytes(StandardCharsets.UTF_8), structured());
    ObjectNode lacking =
        EventCodec.toJson(EventExamples.event("e-lacking", EventType.GRAPH_COMPILED, "vnf-a"));
    ((ObjectNode) lacking.get("data")).remove("plan");
    publishRaw(topic, "vnf-a", lacking.toString().getBytes(StandardCharsets.UTF_8), structured());
    ObjectNode misfit =
        EventCodec.toJson(EventExamples.event("e-misfit", EventType.GRAPH_DEPLOYED, "vnf-a"));
    ((ObjectNode) misfit.get("data")).put("mergers", "many");
    publishRaw(topic, "vnf-a", misfit.toString().getBytes(StandardCharsets.UTF_8), structured());
    RecordHeaders binary = new RecordHeaders();
    binary.add("content-type", "application/json".getBytes(StandardCharsets.UTF_8));
    publishRaw(
        topic, "vnf-a", "{\"vnfInstanceId\": \"vnf-a\"}".getBytes(StandardCharsets.UTF_8), binary);
    publishRaw(topic, "vnf-a", null, new RecordHeaders());
    CloudEvent good = EventExamples.event("e-good", EventType.GRAPH_DEPLOYED, "vnf-a");
    publish(topic, good);

    List<MalformedRecord> reported = new CopyOnWriteArrayList<>();
    try (EventConsumer c = consumer(topic).onMalformed(reported::add).build()) {
      List<Event> got = pollUntil(c, () -> c.received() == 7);
      assertThat(got).extracting(Event::id).containsExactly("e-good");
      assertThat(got.getFirst().offset()).isEqualTo(6);
      assertThat(c.malformed()).isEqualTo(6);
      assertThat(reported)
          .extracting(MalformedRecord::offset)
          .containsExactly(0L, 1L, 2L, 3L, 4L, 5L);
      assertThat(reported).allSatisfy(m -> assertThat(m.topic()).isEqualTo(topic));
      assertThat(reported).allSatisfy(m -> assertThat(m.key()).isEqualTo("vnf-a"));
      assertThat(reported.get(0).reason()).startsWith("not a CloudEvent: not JSON: ");
      assertThat(reported.get(1).reason())
          .isEqualTo("not a CloudEvent: specversion is null (expected: 1.0)");
      assertThat(reported.get(2).reason())
          .isEqualTo(
              "event e-lacking of type org.nfpvnfm.graph.compiled.v1 has data that does not fit"
                  + " its schema: plan is required");
      assertThat(reported.get(3).reason())
          .startsWith(
              "event e-misfit of type org.nfpvnfm.graph.deployed.v1 has data that does not fit"
                  + " its schema: ");
      assertThat(reported.get(4).reason())
          .isEqualTo(
              "not a CloudEvent in structured mode: its content-type is application/json"
                  + " (expected: application/cloudevents+json)");
      assertThat(reported.get(5).reason()).isEqualTo("no value (a tombstone), not a CloudEvent");
      assertThat(c.lastMalformed()).isEqualTo(reported.get(5));
      assertThat(reported.get(5).position()).isEqualTo(topic + "/0@5");
    }
  }

  @Test
  void deliversOnlyTheTypesAskedForByTypeOrByName(TestInfo test) throws Exception {
    String topic = topic(test, 1);
    publish(
        topic,
        EventExamples.event("e-1", EventType.GRAPH_COMPILED, "vnf-a"),
        EventExamples.event("e-2", EventType.GRAPH_DEPLOYED, "vnf-a"),
        EventExamples.event("e-3", EventType.ALARM_RAISED, "vnf-a"),
        EventExamples.event("e-4", EventType.ALARM_CLEARED, "vnf-a"));

    try (EventConsumer c =
        consumer(topic)
            .types(EnumSet.of(EventType.GRAPH_DEPLOYED))
            .typeNames(List.of("alarm.raised.v1"))
            .build()) {
      List<Event> got = pollUntil(c, () -> c.received() == 4);
      assertThat(got).extracting(Event::id).containsExactly("e-2", "e-3");
      assertThat(c.filtered()).isEqualTo(2);
    }
  }

  @Test
  void deliversATypeItDoesNotKnowWithItsDataAsItCame(TestInfo test) throws Exception {
    String topic = topic(test, 1);
    CloudEvent future =
        new CloudEvent(
            "e-future",
            EventExamples.SOURCE,
            "org.nfpvnfm.graph.resized.v2",
            "vnf-a",
            java.time.Instant.parse("2027-01-01T00:00:00Z"),
            "urn:nfp-vnfm:events:schema:graph.resized.v2",
            "vnf-a",
            EventExamples.json("{\"vnfInstanceId\": \"vnf-a\", \"lanes\": 8}"));
    publish(topic, future);

    try (EventConsumer c = consumer(topic).build()) {
      Event e = poll(c, 1).getFirst();
      assertThat(e.type()).isEmpty();
      assertThat(e.cloudEvent().type()).isEqualTo("org.nfpvnfm.graph.resized.v2");
      assertThat(e.data()).isEqualTo(new EventData.Unknown(future.data()));
    }
  }

  @Test
  void readsEveryTopicOfTheProductUnlessToldOtherwise() throws Exception {
    Topics.ensure(kafka.settings(), 2, WAIT);
    String tag = Long.toHexString(System.nanoTime());
    CloudEvent pkg = EventExamples.event("pkg-" + tag, EventType.PACKAGE_ONBOARDED, "x");
    CloudEvent lifecycle = EventExamples.event("op-" + tag, EventType.GRAPH_COMPILED, "vnf-" + tag);
    CloudEvent telemetry =
        EventExamples.event("tm-" + tag, EventType.GRAPH_TELEMETRY, "vnf-" + tag);
    try (EventPublisher p = EventPublisher.create(kafka.settings(), "test", WAIT)) {
      for (CloudEvent e : List.of(pkg, lifecycle, telemetry)) {
        p.publish(e.knownType().orElseThrow().topic(), e).get(30, TimeUnit.SECONDS);
      }
    }

    try (EventConsumer c = EventConsumer.builder(kafka.settings()).fromBeginning(true).build()) {
      assertThat(c.topics()).isEqualTo(Topics.ALL);
      assertThat(c.missingTopics(WAIT)).isEmpty();
      Set<String> wanted = Set.of(pkg.id(), lifecycle.id(), telemetry.id());
      Map<String, String> topicOf = new HashMap<>();
      long deadline = System.nanoTime() + WAIT.toNanos();
      while (!topicOf.keySet().containsAll(wanted) && System.nanoTime() < deadline) {
        for (Event e : c.poll(Duration.ofMillis(200))) {
          topicOf.put(e.id(), e.topic());
        }
      }
      assertThat(topicOf)
          .containsEntry(pkg.id(), Topics.PACKAGES)
          .containsEntry(lifecycle.id(), Topics.LIFECYCLE)
          .containsEntry(telemetry.id(), Topics.TELEMETRY);
      assertThat(c.groupId()).startsWith("nfp-events-");
    }
  }

  @Test
  void aGroupGoesOnAfterWhatItCommitted(TestInfo test) throws Exception {
    String topic = topic(test, 1);
    String group = "g-" + Long.toHexString(System.nanoTime());
    publish(
        topic,
        EventExamples.event("e-1", EventType.GRAPH_DEPLOYED, "vnf-a"),
        EventExamples.event("e-2", EventType.GRAPH_UNDEPLOYED, "vnf-a"));
    try (EventConsumer a = consumer(topic).groupId(group).build()) {
      assertThat(poll(a, 2)).extracting(Event::id).containsExactly("e-1", "e-2");
      a.commit();
    }
    publish(topic, EventExamples.event("e-3", EventType.GRAPH_COMPILED, "vnf-a"));
    try (EventConsumer b = consumer(topic).groupId(group).build()) {
      List<Event> got = poll(b, 1);
      got.addAll(pollFor(b, Duration.ofSeconds(1)));
      assertThat(got).extracting(Event::id).containsExactly("e-3");
    }
  }

  @Test
  void aGroupReadsAgainTheBatchItsMemberClosedWithoutCommitting(TestInfo test) throws Exception {
    String topic = topic(test, 1);
    String group = "g-" + Long.toHexString(System.nanoTime());
    publish(topic, EventExamples.event("e-1", EventType.GRAPH_DEPLOYED, "vnf-a"));
    try (EventConsumer a = consumer(topic).groupId(group).build()) {
      assertThat(poll(a, 1)).extracting(Event::id).containsExactly("e-1");
      publish(topic, EventExamples.event("e-2", EventType.GRAPH_UNDEPLOYED, "vnf-a"));
      // Coming back for e-2 commits e-1, which the caller has handled; e-2 it has not.
      assertThat(poll(a, 1)).extracting(Event::id).containsExactly("e-2");
    }
    try (EventConsumer b = consumer(topic).groupId(group).build()) {
      List<Event> got = poll(b, 1);
      got.addAll(pollFor(b, Duration.ofSeconds(1)));
      assertThat(got).extracting(Event::id).containsExactly("e-2");
    }
  }

  @Test
  void namesTheTopicsTheClusterDoesNotHave() throws Exception {
    Topics.ensure(kafka.settings(), 2, WAIT);
    try (EventConsumer c =
        EventConsumer.builder(kafka.settings())
            .topics(List.of(Topics.LIFECYCLE, "nfp.vnf.absent"))
            .build()) {
      assertThat(c.missingTopics(WAIT)).containsExactly("nfp.vnf.absent");
    }
  }

  @Test
  void saysWithinItsTimeoutThatNoBrokerAnswers() throws Exception {
    int port;
    try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      port = s.getLocalPort();
    }
    try (EventConsumer c =
        EventConsumer.builder(KafkaSettings.plaintext("127.0.0.1:" + port)).build()) {
      long start = System.nanoTime();
      assertThatThrownBy(() -> c.missingTopics(Duration.ofSeconds(2)))
          .isInstanceOf(org.apache.kafka.common.errors.TimeoutException.class);
      assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(10));
    }
  }

  @Test
  void aWakeupMakesThePollReturnAtOnce(TestInfo test) throws Exception {
    String topic = topic(test, 1);
    try (EventConsumer c = consumer(topic).build()) {
      c.wakeup();
      long start = System.nanoTime();
      assertThat(c.poll(Duration.ofSeconds(30))).isEmpty();
      assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(10));
    }
  }
}
