package org.nfpvnfm.vnfm.internal.metrics;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Objects;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nfpvnfm.dpdk.Eal;
import org.nfpvnfm.dpdk.metrics.PrometheusText;
import org.nfpvnfm.dpdk.metrics.Scrape;
import org.nfpvnfm.events.broker.EmbeddedKafka;
import org.nfpvnfm.vnfm.TestDataplane;
import org.nfpvnfm.vnfm.TestEvents;
import org.nfpvnfm.vnfm.TestVnfm;
import org.nfpvnfm.vnfm.Vnfm;
import org.nfpvnfm.vnfm.VnfmConfig;

/**
 * {@code GET /metrics} of a real VNFM over HTTP on loopback: with a local DPDK node on the test EAL
 * and events to a real Kafka broker in this JVM, after an instantiation through the API; and with
 * OAuth2 on, without a token and with a remote node that never answers.
 */
@Tag("integration")
class VnfmMetricsTest {
  private static final Path SAMPLE = Path.of("../samples-vnfd/valid/paper-chain-sol004");
  private static final Duration WAIT = Duration.ofSeconds(60);

  @TempDir static Path brokerDir;

  @SuppressWarnings("NullAway.Init")
  static EmbeddedKafka broker;

  private final HttpClient http = HttpClient.newHttpClient();

  @BeforeAll
  static void startBroker() {
    Eal.startForTests();
    broker = EmbeddedKafka.start(brokerDir, 0, WAIT);
  }

  @AfterAll
  static void stopBroker() {
    broker.close();
  }

  @Test
  void countsAnInstantiationItsEventsItsRequestsAndTheDeployedGraphsCounters(@TempDir Path dir)
      throws Exception {
    VnfmConfig config =
        TestEvents.publishingTo(
            TestDataplane.withLocalNode(
                TestVnfm.config(dir), VnfmConfig.MonitoringConfig.defaults()),
            broker.bootstrapServers(),
            Duration.ZERO);
    try (Vnfm vnfm = Vnfm.start(config)) {
      TestVnfm.Client lcm = new TestVnfm.Client(vnfm.uri(), "2.0.0");
      String vnfdId = TestVnfm.onboard(vnfm.uri(), null, SAMPLE);
      TestVnfm.Reply created = lcm.post("/vnflcm/v2/vnf_instances", Map.of("vnfdId", vnfdId));
      assertThat(created.status()).as(created.body()).isEqualTo(201);
      String id = created.json().path("id").asText();
      TestVnfm.Reply r =
          lcm.post(
              "/vnflcm/v2/vnf_instances/" + id + "/instantiate", "{\"flavourId\": \"default\"}");
      assertThat(r.status()).as(r.body()).isEqualTo(202);
      awaitCompleted(lcm, URI.create(Objects.requireNonNull(r.header("Location"))).getPath());

      // The relay publishes what the instantiation put in the outbox: its lag then drops to 0.
      Scrape s = scrape(vnfm.uri(), null);
      Instant deadline = Instant.now().plus(WAIT);
      while (s.value("nfp_vnfm_event_relay_unsent") > 0) {
        assertThat(Instant.now()).as("the relay empties the outbox").isBefore(deadline);
        Thread.sleep(20);
        s = scrape(vnfm.uri(), null);
      }

      assertThat(
              s.value(
                  "nfp_vnfm_operation_occurrences",
                  "operation",
                  "INSTANTIATE",
                  "state",
                  "COMPLETED"))
          .isEqualTo(1);
      assertThat(s.all("nfp_vnfm_operation_occurrences")).hasSize(1);
      assertThat(s.value("nfp_vnfm_operations_started_total", "operation", "INSTANTIATE"))
          .isEqualTo(1);
      assertThat(s.value("nfp_vnfm_operations_completed_total", "operation", "INSTANTIATE"))
          .isEqualTo(1);
      assertThat(s.all("nfp_vnfm_operations_failed_total")).isEmpty();
      assertThat(s.value("nfp_vnfm_operation_duration_seconds_count", "operation", "INSTANTIATE"))
          .isEqualTo(1);
      assertThat(s.value("nfp_vnfm_operation_duration_seconds_sum", "operation", "INSTANTIATE"))
          .isPositive();
      assertThat(s.value("nfp_vnfm_vnf_instances", "state", "INSTANTIATED")).isEqualTo(1);
      assertThat(s.value("nfp_vnfm_database_up")).isEqualTo(1);

      assertThat(s.value("nfp_vnfm_event_relay_published_total")).isPositive();
      assertThat(s.value("nfp_vnfm_event_relay_failed_total")).isZero();
      assertThat(s.value("nfp_vnfm_event_relay_lag_seconds")).isZero();
      assertThat(s.value("nfp_vnfm_event_relay_connected")).isEqualTo(1);
      assertThat(s.value("nfp_vnfm_event_relay_standing_by")).isZero();
      assertThat(s.value("nfp_vnfm_notifications_pending")).isZero();

      assertThat(s.value("nfp_vnfm_node_up", "node", "local")).isEqualTo(1);
      assertThat(s.value("nfp_vnfm_node_deployments", "node", "local")).isEqualTo(1);
      // The sample's classifier takes none of a null port's frames: the counters are there, at 0.
      String[] graph = {"instance", id, "node", "local"};
      assertThat(s.value("nfp_vnfm_graph_accepted_packets_total", graph)).isZero();
      assertThat(s.value("nfp_vnfm_graph_delivered_packets_total", graph)).isZero();
      assertThat(s.value("nfp_vnfm_graph_latency_seconds_count", graph)).isZero();
      assertThat(s.all("nfp_vnfm_graph_latency_seconds"))
          .extracting(x -> x.label("quantile"))
          .containsExactly("0.5", "0.9", "0.99", "0.999");
      assertThat(s.all("nfp_vnfm_nf_received_packets_total"))
          .hasSize(4)
          .allSatisfy(x -> assertThat(x.label("instance")).isEqualTo(id));

      assertThat(
              s.value(
                  "nfp_vnfm_http_requests_total",
                  "method",
                  "POST",
                  "path",
                  "/vnflcm/v2/vnf_instances/{id}/instantiate",
                  "status",
                  "2xx"))
          .isEqualTo(1);
      assertThat(s.all("nfp_vnfm_http_requests_total"))
          .extracting(x -> x.label("path"))
          .noneMatch(p -> p.contains(id));
      assertThat(
              s.value(
                  "nfp_vnfm_http_request_duration_seconds_count",
                  "method",
                  "POST",
                  "path",
                  "/vnflcm/v2/vnf_instances",
                  "status",
                  "2xx"))
          .isEqualTo(1);
    }
  }

  @Test
  void servesMetricsWithoutVersionOrTokenBoundedByANodeThatNeverAnswers(@TempDir Path dir)
      throws Exception {
    try (ServerSocket silent = new ServerSocket(0, 50, InetAddress.getLoopbackAddress())) {
      // Connections to it complete in the kernel's backlog and then hear nothing.
      VnfmConfig c = secured(dir, "http://127.0.0.1:" + silent.getLocalPort() + "/");
      try (Vnfm vnfm = Vnfm.start(c)) {
        try {
          checkOpenMetrics(vnfm);
        } finally {
          // Resets the connections waiting in its backlog: the pending read ends before the VNFM.
          silent.close();
        }
      }
    }
  }

  private void checkOpenMetrics(Vnfm vnfm) throws Exception {
    long start = System.nanoTime();
    HttpResponse<String> r = get(vnfm.uri().resolve("metrics"), null, null);
    Duration took = Duration.ofNanos(System.nanoTime() - start);

    assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
    assertThat(r.headers().firstValue("Content-Type")).hasValue(PrometheusText.CONTENT_TYPE);
    assertThat(took).as("a scrape with a silent node").isLessThan(Duration.ofSeconds(10));
    Scrape s = Scrape.parse(r.body());
    assertThat(s.value("nfp_vnfm_node_up", "node", "silent")).isZero();
    assertThat(s.all("nfp_vnfm_node_deployments")).isEmpty();
    // A second scrape waits for the same pending read, no longer.
    Scrape again = Scrape.parse(get(vnfm.uri().resolve("metrics"), null, null).body());
    assertThat(again.value("nfp_vnfm_node_up", "node", "silent")).isZero();

    // The API needs its Version header and a token; /metrics needs neither.
    assertThat(get(vnfm.uri().resolve("vnflcm/v2/vnf_instances"), "2.0.0", null).statusCode())
        .isEqualTo(401);
    String token = TestVnfm.token(vnfm.uri(), "nfvo", "nfvo-secret");
    assertThat(get(vnfm.uri().resolve("vnflcm/v2/vnf_instances"), null, token).statusCode())
        .isEqualTo(400);
    assertThat(get(vnfm.uri().resolve("vnflcm/v2/vnf_instances"), "2.0.0", token).statusCode())
        .isEqualTo(200);
    Scrape counted = Scrape.parse(get(vnfm.uri().resolve("metrics"), null, null).body());
    assertThat(
            counted.value(
                "nfp_vnfm_http_requests_total",
                "method",
                "GET",
                "path",
                HttpMetrics.UNMATCHED,
                "status",
                "4xx"))
        .as("the two requests refused before matching (no token, no Version)")
        .isEqualTo(2);
    assertThat(
            counted.value(
                "nfp_vnfm_http_requests_total",
                "method",
                "GET",
                "path",
                "/metrics",
                "status",
                "2xx"))
        .as("the scrapes before this one (this one is counted once it is answered)")
        .isEqualTo(2);
  }

  @Test
  void requiresATokenForMetricsWhenConfiguredTo(@TempDir Path dir) throws Exception {
    VnfmConfig c = secured(dir, null);
    c = c.withMetrics(new VnfmConfig.MetricsConfig(true, true, Duration.ofSeconds(2)));
    try (Vnfm vnfm = Vnfm.start(c)) {
      assertThat(get(vnfm.uri().resolve("metrics"), null, null).statusCode()).isEqualTo(401);
      String token = TestVnfm.token(vnfm.uri(), "nfvo", "nfvo-secret");
      HttpResponse<String> r = get(vnfm.uri().resolve("metrics"), null, token);
      assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
      assertThat(Scrape.parse(r.body()).value("nfp_vnfm_database_up")).isEqualTo(1);
    }
  }

  @Test
  void servesNoMetricsWhenDisabled(@TempDir Path dir) throws Exception {
    VnfmConfig c =
        TestVnfm.config(dir)
            .withMetrics(new VnfmConfig.MetricsConfig(false, false, Duration.ofSeconds(2)));
    try (Vnfm vnfm = Vnfm.start(c)) {
      assertThat(get(vnfm.uri().resolve("metrics"), null, null).statusCode()).isEqualTo(404);
    }
  }

  /** OAuth2 with the built-in issuer; a remote node {@code silent} at {@code remote} if given. */
  private static VnfmConfig secured(Path dir, @Nullable String remote) {
    VnfmConfig t = TestVnfm.config(dir);
    VnfmConfig.SecurityConfig d = VnfmConfig.defaults(dir).security();
    return new VnfmConfig(
            t.dataDir(),
            t.http(),
            t.database(),
            new VnfmConfig.SecurityConfig(true, "", "", "", d.clients(), d.tokenLifetime()),
            t.nfvo(),
            new VnfmConfig.NodesConfig(
                t.nodes().local(), remote == null ? Map.of() : Map.of("silent", remote)),
            t.notifications())
        .withMetrics(new VnfmConfig.MetricsConfig(true, false, Duration.ofMillis(500)));
  }

  private Scrape scrape(URI base, @Nullable String token) throws Exception {
    HttpResponse<String> r = get(base.resolve("metrics"), null, token);
    assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
    return Scrape.parse(r.body());
  }

  private HttpResponse<String> get(URI uri, @Nullable String version, @Nullable String token)
      throws Exception {
    HttpRequest.Builder b = HttpRequest.newBuilder(uri).timeout(Duration.ofSeconds(30));
    if (version != null) {
      b.header("Version", version);
    }
    if (token != null) {
      b.header("Authorization", "Bearer " + token);
    }
    return http.send(b.build(), HttpResponse.BodyHandlers.ofString());
  }

  private static void awaitCompleted(TestVnfm.Client lcm, String path) throws InterruptedException {
    Instant deadline = Instant.now().plus(WAIT);
    JsonNode o = lcm.get(path).json();
    while (o.path("operationState").asText().matches("STARTING|PROCESSING")) {
      assertThat(Instant.now()).as("the instantiation finishes; %s", o).isBefore(deadline);
      Thread.sleep(20);
      o = lcm.get(path).json();
    }
    assertThat(o.path("operationState").asText()).as("%s", o).isEqualTo("COMPLETED");
  }
}
