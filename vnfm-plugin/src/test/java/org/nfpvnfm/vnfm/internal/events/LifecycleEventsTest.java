package org.nfpvnfm.vnfm.internal.events;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nfpvnfm.dpdk.Eal;
import org.nfpvnfm.events.CloudEvent;
import org.nfpvnfm.events.EventCodec;
import org.nfpvnfm.events.EventData;
import org.nfpvnfm.events.EventType;
import org.nfpvnfm.events.Topics;
import org.nfpvnfm.events.broker.EmbeddedKafka;
import org.nfpvnfm.vnfm.TestDataplane;
import org.nfpvnfm.vnfm.TestEvents;
import org.nfpvnfm.vnfm.TestVnfm;
import org.nfpvnfm.vnfm.Vnfm;
import org.nfpvnfm.vnfm.VnfmConfig;

/**
 * Every lifecycle change of a VNF reaches Kafka once, in order, even when the broker is down while
 * it happens and the VNFM restarts before the broker is back: a real broker in this JVM, a real
 * DPDK node on vdevs, the API over HTTP.
 */
@Tag("integration")
class LifecycleEventsTest {
  private static final Path SAMPLE = Path.of("../samples-vnfd/valid/paper-chain-sol004");
  private static final Duration WAIT = Duration.ofSeconds(60);

  @TempDir static Path brokerDir;

  @SuppressWarnings("NullAway.Init")
  static EmbeddedKafka broker;

  @BeforeAll
  static void startBroker() {
    Eal.startForTests();
    broker = EmbeddedKafka.start(brokerDir, 0, WAIT);
  }

  @AfterAll
  static void stopBroker() {
    broker.close();
  }

  private static VnfmConfig config(Path dir, Duration telemetry) {
    VnfmConfig c =
        TestDataplane.withLocalNode(TestVnfm.config(dir), VnfmConfig.MonitoringConfig.defaults());
    return TestEvents.publishingTo(c, broker.bootstrapServers(), telemetry);
  }

  @Test
  void publishesEveryChangeOfAVnfsLifeOnceAndInOrderKeyedByItsInstance(@TempDir Path dir)
      throws Exception {
    String id;
    String pkgId;
    try (Vnfm vnfm = Vnfm.start(config(dir, Duration.ofMillis(100)))) {
      TestVnfm.Client lcm = new TestVnfm.Client(vnfm.uri(), "2.0.0");
      String vnfdId = TestVnfm.onboard(vnfm.uri(), null, SAMPLE);
      pkgId = packageId(vnfm.uri(), vnfdId);
      id = create(lcm, vnfdId);
      operate(lcm, id, "instantiate", "{\"flavourId\": \"default\"}");
      // Telemetry needs two reads of the running graph.
      Thread.sleep(400);
      operate(lcm, id, "scale", "{\"type\": \"SCALE_OUT\", \"aspectId\": \"merger_instances\"}");
      operate(lcm, id, "heal", "{\"cause\": \"test\"}");
      operate(lcm, id, "terminate", "{\"terminationType\": \"FORCEFUL\"}");
      assertThat(lcm.delete("/vnflcm/v2/vnf_instances/" + id).status()).isEqualTo(204);

      List<TestEvents.Received> got = readInstance(id);
      List<String> expected = new ArrayList<>();
      expected.add("vnf.instance.created.v1");
      expected.addAll(op("INSTANTIATE", "graph.compiled.v1", "graph.deployed.v1"));
      expected.addAll(op("SCALE", "merger.reconfigured.v1"));
      List<String> heal = new ArrayList<>(List.of("graph.compiled.v1", "graph.deployed.v1"));
      for (int i = 0; i < 4; i++) {
        heal.add("nf_runtime.healed.v1");
      }
      expected.addAll(op("HEAL", heal.toArray(String[]::new)));
      expected.addAll(op("TERMINATE", "graph.undeployed.v1"));
      expected.add("vnf.instance.deleted.v1");
      assertThat(describe(got)).isEqualTo(expected);

      // One partition per instance, every record keyed and with a unique id, in Kafka's
      // structured mode, each with the data its type's record reads.
      assertThat(got).extracting(TestEvents.Received::key).containsOnly(id);
      assertThat(got)
          .extracting(TestEvents.Received::partition)
          .containsOnly(got.get(0).partition());
      assertThat(got.stream().map(r -> r.event().id()).distinct()).hasSize(got.size());
      for (TestEvents.Received r : got) {
        CloudEvent e = r.event();
        assertThat(TestEvents.schemaErrors(e)).as("%s", e).isEmpty();
        assertThat(e.source()).isEqualTo("/nfp-vnfm/test");
        assertThat(e.subject()).isEqualTo(id);
        assertThat(e.dataschema()).isEqualTo(e.knownType().orElseThrow().schemaId());
        assertThat(EventCodec.data(e)).isInstanceOf(EventData.OfInstance.class);
        assertThat(((EventData.OfInstance) EventCodec.data(e)).vnfInstanceId()).isEqualTo(id);
      }

      // The occurrence's events carry its SOL003 notification, with the event's id.
      EventData.OperationStateChanged done =
          got.stream()
              .map(r -> EventCodec.data(r.event()))
              .filter(EventData.OperationStateChanged.class::isInstance)
              .map(EventData.OperationStateChanged.class::cast)
              .filter(o -> o.operation().equals("INSTANTIATE"))
              .filter(o -> o.operationState().equals("COMPLETED"))
              .findFirst()
              .orElseThrow();
      assertThat(done.notificationType()).isEqualTo("VnfLcmOperationOccurrenceNotification");
      assertThat(done.notificationStatus()).isEqualTo("RESULT");
      assertThat(Objects.requireNonNull(done.affectedVnfcs())).hasSize(4);
      assertThat(done.links().has("subscription")).isFalse();
      assertThat(done.links().path("vnfInstance").path("href").asText()).endsWith(id);
      EventData.GraphCompiled compiled =
          (EventData.GraphCompiled)
              EventCodec.data(
                  got.stream()
                      .filter(r -> r.event().type().endsWith("graph.compiled.v1"))
                      .findFirst()
                      .orElseThrow()
                      .event());
      assertThat(compiled.shape()).isEqualTo("VPN -> {Monitor | FW} -> LB");
      assertThat(compiled.parallelism().nfs()).isEqualTo(4);
      assertThat(compiled.parallelism().sequentialLength()).isEqualTo(4);
      assertThat(compiled.parallelism().length()).isEqualTo(3);
      assertThat(compiled.parallelism().parallelBlocks()).isEqualTo(1);
      EventData.MergerReconfigured scaled =
          (EventData.MergerReconfigured)
              EventCodec.data(
                  got.stream()
                      .filter(r -> r.event().type().endsWith("merger.reconfigured.v1"))
                      .findFirst()
                      .orElseThrow()
                      .event());
      assertThat(scaled.mergersBefore()).isEqualTo(1);
      assertThat(scaled.mergers()).isEqualTo(2);

      // The package's events on their topic; the graph's telemetry on its own.
      List<TestEvents.Received> pkg =
          TestEvents.readUntil(
              broker.settings(),
              Topics.PACKAGES,
              l -> l.stream().anyMatch(r -> r.key().equals(pkgId)),
              WAIT);
      EventData.PackageOnboarded onboarded =
          (EventData.PackageOnboarded)
              EventCodec.data(
                  pkg.stream()
                      .filter(r -> r.key().equals(pkgId))
                      .findFirst()
                      .orElseThrow()
                      .event());
      assertThat(onboarded.vnfdId()).isEqualTo(vnfdId);
      pkg.forEach(r -> assertThat(TestEvents.schemaErrors(r.event())).isEmpty());
      List<TestEvents.Received> telemetry =
          TestEvents.readUntil(
              broker.settings(),
              Topics.TELEMETRY,
              l -> l.stream().anyMatch(r -> r.key().equals(id)),
              WAIT);
      EventData.GraphTelemetry t =
          (EventData.GraphTelemetry)
              EventCodec.data(
                  telemetry.stream()
                      .filter(r -> r.key().equals(id))
                      .findFirst()
                      .orElseThrow()
                      .event());
      telemetry.forEach(r -> assertThat(TestEvents.schemaErrors(r.event())).isEmpty());
      // The sample's classifier matches none of a null port's frames: the counters are zero here
      // (TelemetryPublisherTest counts real traffic).
      assertThat(t.deployment()).startsWith(id + ".");
      assertThat(t.graph()).isEqualTo(compiled.graph());
      assertThat(t.node()).isEqualTo("local");
      assertThat(Instant.parse(t.intervalStart())).isBefore(Instant.parse(t.intervalEnd()));

      awaitOutboxEmpty(vnfm);
    }
  }

  @Test
  void keepsEventsThroughABrokerOutageAndAVnfmRestartAndDeliversEachOnceInOrder(
      @TempDir Path dir, @TempDir Path ownBrokerDir) throws Exception {
    EmbeddedKafka own = EmbeddedKafka.start(ownBrokerDir, 0, WAIT);
    int port = own.port();
    VnfmConfig config = configFor(dir, own.bootstrapServers());
    String id;
    try {
      try (Vnfm vnfm = Vnfm.start(config)) {
        TestVnfm.Client lcm = new TestVnfm.Client(vnfm.uri(), "2.0.0");
        String vnfdId = TestVnfm.onboard(vnfm.uri(), null, SAMPLE);
        id = create(lcm, vnfdId);
        awaitOutboxEmpty(vnfm);

        // The broker goes away; the lifecycle goes on, and its events wait in the outbox.
        own.close();
        operate(lcm, id, "instantiate", "{\"flavourId\": \"default\"}");
        operate(lcm, id, "scale", "{\"type\": \"SCALE_OUT\", \"aspectId\": \"merger_instances\"}");
        EventRelay.Stats held = relay(vnfm).stats();
        assertThat(held.unsent()).isGreaterThanOrEqualTo(8);
        assertThat(held.oldestUnsent()).isPositive();
      }
      // The VNFM restarts while the broker is still away, and goes on.
      try (Vnfm vnfm = Vnfm.start(config)) {
        TestVnfm.Client lcm = new TestVnfm.Client(vnfm.uri(), "2.0.0");
        operate(lcm, id, "terminate", "{\"terminationType\": \"FORCEFUL\"}");
        assertThat(lcm.delete("/vnflcm/v2/vnf_instances/" + id).status()).isEqualTo(204);
        List<String> stored = outboxIds(vnfm, id);

        // The broker comes back on its port with its log: everything arrives.
        own = EmbeddedKafka.start(ownBrokerDir, port, WAIT);
        awaitOutboxEmpty(vnfm);
        String instance = id;
        List<TestEvents.Received> got =
            TestEvents.readUntil(
                own.settings(),
                Topics.LIFECYCLE,
                l -> l.stream().anyMatch(r -> r.event().type().endsWith("deleted.v1")),
                WAIT);
        List<TestEvents.Received> mine =
            got.stream().filter(r -> r.key().equals(instance)).toList();
        // De-duplicated by id (what a consumer does), the events are the one published before
        // the outage and exactly those the outbox held, in the order they were stored.
        Map<String, TestEvents.Received> once = new LinkedHashMap<>();
        mine.forEach(r -> once.putIfAbsent(r.event().id(), r));
        List<String> ids = List.copyOf(once.keySet());
        assertThat(ids).hasSize(stored.size() + 1);
        assertThat(ids.subList(1, ids.size())).isEqualTo(stored);
        assertThat(describe(List.copyOf(once.values())))
            .startsWith("vnf.instance.created.v1")
            .contains("INSTANTIATE COMPLETED", "SCALE COMPLETED", "TERMINATE COMPLETED")
            .endsWith("vnf.instance.deleted.v1");
        Set<String> dup = new HashSet<>();
        long duplicates = mine.stream().filter(r -> !dup.add(r.event().id())).count();
        assertThat(duplicates).as("copies sent again after the outage").isLessThanOrEqualTo(8);
      }
    } finally {
      own.close();
    }
  }

  @Test
  void publishesAPackagesOnboardingStateChangesAndDeletionKeyedByThePackage(@TempDir Path dir)
      throws Exception {
    try (Vnfm vnfm = Vnfm.start(config(dir, Duration.ZERO))) {
      TestVnfm.Client pkgm = new TestVnfm.Client(vnfm.uri(), "2.6.1");
      String vnfdId = TestVnfm.onboard(vnfm.uri(), null, SAMPLE);
      String pkgId = packageId(vnfm.uri(), vnfdId);
      String path = "/vnfpkgm/v1/vnf_packages/" + pkgId;
      assertThat(pkgm.patch(path, Map.of("operationalState", "DISABLED")).status()).isEqualTo(200);
      assertThat(pkgm.patch(path, Map.of("operationalState", "ENABLED")).status()).isEqualTo(200);
      assertThat(pkgm.patch(path, Map.of("operationalState", "DISABLED")).status()).isEqualTo(200);
      assertThat(pkgm.delete(path).status()).isEqualTo(204);

      // A package whose content is not a package fails onboarding, with the reason.
      String bad = pkgm.post("/vnfpkgm/v1/vnf_packages", "{}").json().path("id").asText();
      java.net.http.HttpResponse<String> put =
          java.net.http.HttpClient.newHttpClient()
              .send(
                  java.net.http.HttpRequest.newBuilder(
                          vnfm.uri().resolve("vnfpkgm/v1/vnf_packages/" + bad + "/package_content"))
                      .header("Version", "2.6.1")
                      .header("Content-Type", "application/zip")
                      .PUT(java.net.http.HttpRequest.BodyPublishers.ofString("not a zip"))
                      .build(),
                  java.net.http.HttpResponse.BodyHandlers.ofString());
      assertThat(put.statusCode()).as(put.body()).isEqualTo(202);

      List<TestEvents.Received> got =
          TestEvents.readUntil(
              broker.settings(),
              Topics.PACKAGES,
              l ->
                  l.stream()
                          .anyMatch(
                              r -> r.key().equals(pkgId) && r.event().type().contains("deleted"))
                      && l.stream().anyMatch(r -> r.key().equals(bad)),
              WAIT);
      assertThat(
              got.stream()
                  .filter(r -> r.key().equals(pkgId))
                  .map(r -> r.event().knownType().orElseThrow().shortName()))
          .containsExactly(
              "package.onboarded.v1",
              "package.disabled.v1",
              "package.enabled.v1",
              "package.disabled.v1",
              "package.deleted.v1");
      EventData.PackageDeleted deleted =
          (EventData.PackageDeleted)
              EventCodec.data(
                  got.stream().filter(r -> r.key().equals(pkgId)).toList().getLast().event());
      assertThat(deleted.vnfdId()).isEqualTo(vnfdId);
      if (put.statusCode() == 202) {
        EventData.PackageOnboardingFailed failed =
            (EventData.PackageOnboardingFailed)
                EventCodec.data(
                    got.stream()
                        .filter(r -> r.key().equals(bad))
                        .findFirst()
                        .orElseThrow()
                        .event());
        assertThat(failed.vnfPkgId()).isEqualTo(bad);
        assertThat(failed.detail()).isNotBlank();
      }
    }
  }

  private static VnfmConfig configFor(Path dir, String bootstrap) {
    VnfmConfig c =
        TestDataplane.withLocalNode(TestVnfm.config(dir), VnfmConfig.MonitoringConfig.defaults());
    return TestEvents.publishingTo(c, bootstrap, Duration.ZERO);
  }

  private static List<String> op(String operation, String... during) {
    List<String> l = new ArrayList<>();
    l.add(operation + " STARTING");
    l.add(operation + " PROCESSING");
    l.addAll(List.of(during));
    l.add(operation + " COMPLETED");
    return l;
  }

  private static List<String> describe(List<TestEvents.Received> got) {
    return got.stream()
        .map(
            r -> {
              EventData d = EventCodec.data(r.event());
              if (d instanceof EventData.OperationStateChanged o) {
                return o.operation() + " " + o.operationState();
              }
              return r.event().knownType().map(EventType::shortName).orElse(r.event().type());
            })
        .toList();
  }

  private static List<TestEvents.Received> readInstance(String id) {
    return TestEvents.readUntil(
            broker.settings(),
            Topics.LIFECYCLE,
            l ->
                l.stream()
                    .anyMatch(r -> r.key().equals(id) && r.event().type().endsWith("deleted.v1")),
            WAIT)
        .stream()
        .filter(r -> r.key().equals(id))
        .toList();
  }

  private static EventRelay relay(Vnfm vnfm) {
    return Objects.requireNonNull(
        Objects.requireNonNull(vnfm.part(EventsPart.class)).relay(), "events are on");
  }

  private static void awaitOutboxEmpty(Vnfm vnfm) throws InterruptedException {
    Instant deadline = Instant.now().plus(WAIT);
    EventRelay.Stats s = relay(vnfm).stats();
    while (s.unsent() > 0) {
      assertThat(Instant.now()).as("the relay publishes the outbox; %s", s).isBefore(deadline);
      Thread.sleep(20);
      s = relay(vnfm).stats();
    }
  }

  private static List<String> outboxIds(Vnfm vnfm, String key) {
    return vnfm.database()
        .inTransaction(
            c -> {
              List<String> ids = new ArrayList<>();
              try (var p =
                  c.prepareStatement(
                      "SELECT event_id FROM event_outbox WHERE event_key = ? ORDER BY seq")) {
                p.setString(1, key);
                try (var r = p.executeQuery()) {
                  while (r.next()) {
                    ids.add(r.getString(1));
                  }
                }
              }
              return ids;
            });
  }

  private static String packageId(URI base, String vnfdId) {
    JsonNode list = new TestVnfm.Client(base, "2.6.1").get("/vnfpkgm/v1/vnf_packages").json();
    for (JsonNode p : list) {
      if (p.path("vnfdId").asText().equals(vnfdId)) {
        return p.path("id").asText();
      }
    }
    throw new AssertionError("no package with vnfdId " + vnfdId + " in " + list);
  }

  private static String create(TestVnfm.Client lcm, String vnfdId) {
    TestVnfm.Reply r = lcm.post("/vnflcm/v2/vnf_instances", Map.of("vnfdId", vnfdId));
    assertThat(r.status()).as(r.body()).isEqualTo(201);
    return r.json().path("id").asText();
  }

  private static void operate(TestVnfm.Client lcm, String id, String op, String body)
      throws InterruptedException {
    TestVnfm.Reply r = lcm.post("/vnflcm/v2/vnf_instances/" + id + "/" + op, body);
    assertThat(r.status()).as("%s: %s", op, r.body()).isEqualTo(202);
    String path = URI.create(Objects.requireNonNull(r.header("Location"))).getPath();
    Instant deadline = Instant.now().plus(WAIT);
    JsonNode o = lcm.get(path).json();
    while (o.path("operationState").asText().matches("STARTING|PROCESSING")) {
      assertThat(Instant.now()).as("%s to finish; %s", op, o).isBefore(deadline);
      Thread.sleep(20);
      o = lcm.get(path).json();
    }
    assertThat(o.path("operationState").asText()).as("%s: %s", op, o).isEqualTo("COMPLETED");
  }
}
