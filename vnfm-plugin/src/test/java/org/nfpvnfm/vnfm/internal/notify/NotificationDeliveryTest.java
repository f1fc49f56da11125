package org.nfpvnfm.vnfm.internal.notify;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.containing;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.matchingJsonPath;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathMatching;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;
import static com.github.tomakehurst.wiremock.stubbing.Scenario.STARTED;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.stubbing.ServeEvent;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.BooleanSupplier;
import java.util.logging.Handler;
import java.util.logging.LogRecord;
import java.util.logging.Logger;
import java.util.logging.SimpleFormatter;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nfpvnfm.vnfm.TestVnfm;
import org.nfpvnfm.vnfm.Vnfm;
import org.nfpvnfm.vnfm.VnfmConfig;
import org.nfpvnfm.vnfm.internal.rest.Json;

/**
 * Notification delivery on a real VNFM (H2, HTTP on loopback), WireMock as the subscribers and as
 * an OAuth2 token endpoint; notifications are published the way the lifecycle will, with {@link
 * Notifier#publish} in a transaction of the VNFM's database.
 */
@Tag("integration")
class NotificationDeliveryTest {
  private static final Duration WAIT = Duration.ofSeconds(15);
  private static final Notifier.Subject SUBJECT =
      new Notifier.Subject("inst-1", "web-1", "vnfd-1", "Acme", "Firewall", "2.1", "1.0");

  @TempDir Path dir;
  private WireMockServer subscriber;
  private Vnfm vnfm;
  private TestVnfm.Client api;
  private final List<LogRecord> logs = new CopyOnWriteArrayList<>();
  private final Handler capture =
      new Handler() {
        @Override
        public void publish(LogRecord r) {
          logs.add(r);
        }

        @Override
        public void flush() {}

        @Override
        public void close() {}
      };

  @BeforeEach
  void start() {
    Logger.getLogger("").addHandler(capture);
    subscriber = new WireMockServer(options().dynamicPort());
    subscriber.start();
    subscriber.stubFor(get(urlPathMatching("/cb.*")).willReturn(aResponse().withStatus(204)));
    start(TestVnfm.config(dir));
  }

  private void start(VnfmConfig config) {
    vnfm = Vnfm.start(config);
    api = new TestVnfm.Client(vnfm.uri(), "2.0.0");
  }

  @AfterEach
  void stop() {
    vnfm.close();
    subscriber.stop();
    Logger.getLogger("").removeHandler(capture);
  }

  /** The test configuration with {@code maxAttempts} tries 50 ms apart, growing to 200 ms. */
  private VnfmConfig config(int maxAttempts) {
    VnfmConfig c = TestVnfm.config(dir);
    return new VnfmConfig(
        c.dataDir(),
        c.http(),
        c.database(),
        c.security(),
        c.nfvo(),
        c.nodes(),
        new VnfmConfig.NotificationConfig(
            maxAttempts, Duration.ofMillis(50), Duration.ofMillis(200), Duration.ofSeconds(5)));
  }

  private String subscribe(String path, String extra) {
    String body =
        ("{'callbackUri': '" + subscriber.baseUrl() + path + "'" + extra + "}").replace('\'', '"');
    TestVnfm.Reply r = api.post("/vnflcm/v2/subscriptions", body);
    assertThat(r.status()).as(r.body()).isEqualTo(201);
    return r.json().path("id").asText();
  }

  private Notifier notifier() {
    return Objects.requireNonNull(vnfm.part(NotificationPart.class)).notifier();
  }

  private void publish(Notifier.Subject subject, ObjectNode notification) {
    vnfm.database().inTransaction((Connection c) -> notifier().publish(c, subject, notification));
  }

  private void publishCreated(String instanceId) {
    publish(subject(instanceId), Notifications.created(vnfm.uri(), instanceId));
  }

  private static Notifier.Subject subject(String instanceId) {
    return new Notifier.Subject(instanceId, null, "vnfd-1", "Acme", "Firewall", "2.1", "1.0");
  }

  /** The POSTs {@code path} received, oldest first. */
  private List<ServeEvent> posts(String path) {
    List<ServeEvent> out = new ArrayList<>();
    for (ServeEvent e : subscriber.getAllServeEvents().reversed()) {
      if (e.getRequest().getMethod().getName().equals("POST")
          && e.getRequest().getUrl().equals(path)) {
        out.add(e);
      }
    }
    return out;
  }

  /** The bodies {@code path} accepted (2xx), oldest first. */
  private List<JsonNode> delivered(String path) {
    List<JsonNode> out = new ArrayList<>();
    for (ServeEvent e : posts(path)) {
      if (e.getResponse().getStatus() / 100 == 2) {
        out.add(body(e));
      }
    }
    return out;
  }

  private static JsonNode body(ServeEvent e) {
    try {
      return Json.MAPPER.readTree(e.getRequest().getBodyAsString());
    } catch (JsonProcessingException x) {
      throw new AssertionError(x);
    }
  }

  private static List<String> instances(List<JsonNode> bodies) {
    return bodies.stream().map(b -> b.path("vnfInstanceId").asText()).toList();
  }

  private List<String> instancesPosted(String path) {
    return instances(posts(path).stream().map(NotificationDeliveryTest::body).toList());
  }

  /** Rows of the outbox in {@code state}, for {@code subscriptionId} (null: any). */
  private int rows(String state, @org.jspecify.annotations.Nullable String subscriptionId) {
    return vnfm.database()
        .inTransaction(
            (Connection c) -> {
              try (PreparedStatement p =
                  c.prepareStatement(
                      "SELECT COUNT(*) FROM lccn_deliveries WHERE state = ?"
                          + " AND (? IS NULL OR subscription_id = ?)")) {
                p.setString(1, state);
                p.setString(2, subscriptionId);
                p.setString(3, subscriptionId);
                try (ResultSet r = p.executeQuery()) {
                  r.next();
                  return r.getInt(1);
                }
              }
            });
  }

  private static void await(String what, BooleanSupplier condition) {
    long deadline = System.nanoTime() + WAIT.toNanos();
    while (!condition.getAsBoolean()) {
      if (System.nanoTime() > deadline) {
        throw new AssertionError("waited " + WAIT.toSeconds() + " s for " + what);
      }
      try {
        Thread.sleep(5);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new AssertionError(e);
      }
    }
  }

  @Test
  void deliversAPublishedNotificationToEverySubscriptionWithTheSameId() {
    subscriber.stubFor(post(urlPathMatching("/cb.*")).willReturn(aResponse().withStatus(204)));
    String first = subscribe("/cb/1", "");
    String second = subscribe("/cb/2", "");

    long t0 = System.nanoTime();
    publishCreated("inst-1");
    await("both deliveries", () -> delivered("/cb/1").size() == 1);
    long millis = (System.nanoTime() - t0) / 1_000_000;
    await("the second delivery", () -> delivered("/cb/2").size() == 1);
    System.out.println("published to delivered: " + millis + " ms");

    JsonNode a = delivered("/cb/1").getFirst();
    JsonNode b = delivered("/cb/2").getFirst();
    assertThat(a.path("notificationType").asText()).isEqualTo("VnfIdentifierCreationNotification");
    assertThat(a.path("id").asText()).isNotBlank().isEqualTo(b.path("id").asText());
    assertThat(a.path("subscriptionId").asText()).isEqualTo(first);
    assertThat(b.path("subscriptionId").asText()).isEqualTo(second);
    assertThat(a.path("vnfInstanceId").asText()).isEqualTo("inst-1");
    assertThat(a.path("timeStamp").asText()).isNotBlank();
    assertThat(a.at("/_links/subscription/href").asText())
        .isEqualTo(vnfm.uri() + "vnflcm/v2/subscriptions/" + first);
    assertThat(a.at("/_links/vnfInstance/href").asText())
        .isEqualTo(vnfm.uri() + "vnflcm/v2/vnf_instances/inst-1");
    ServeEvent e = posts("/cb/1").getFirst();
    assertThat(e.getRequest().getHeader("Content-Type")).startsWith("application/json");
    assertThat(e.getRequest().getHeader("Version")).isEqualTo("2.0.0");
    assertThat(e.getRequest().containsHeader("Authorization")).isFalse();
    await("the outbox to empty", () -> rows("PENDING", null) == 0);
  }

  @Test
  void deliversWithBasicAuthentication() {
    String expected =
        "Basic "
            + Base64.getEncoder()
                .encodeToString("nfvo:s3cret-basic-pw".getBytes(StandardCharsets.UTF_8));
    subscriber.stubFor(
        get(urlEqualTo("/cb/basic"))
            .atPriority(1)
            .withHeader("Authorization", equalTo(expected))
            .willReturn(aResponse().withStatus(204)));
    subscriber.stubFor(
        get(urlEqualTo("/cb/basic")).atPriority(2).willReturn(aResponse().withStatus(401)));
    subscriber.stubFor(
        post(urlEqualTo("/cb/basic"))
            .withHeader("Authorization", equalTo(expected))
            .willReturn(aResponse().withStatus(204)));
    subscribe(
        "/cb/basic",
        ", 'authentication': {'authType': ['BASIC'], 'paramsBasic': {'userName': 'nfvo',"
            + " 'password': 's3cret-basic-pw'}}");

    publishCreated("inst-1");

    await("a delivery", () -> delivered("/cb/basic").size() == 1);
    assertThat(posts("/cb/basic").getFirst().getRequest().getHeader("Authorization"))
        .isEqualTo(expected);
  }

  @Test
  void getsAnOAuth2TokenAndRenewsItOnceWhenTheSubscriberRefusesIt() {
    subscriber.stubFor(
        post(urlEqualTo("/token"))
            .inScenario("tokens")
            .whenScenarioStateIs(STARTED)
            .willSetStateTo("second")
            .willReturn(token("tok-1")));
    subscriber.stubFor(
        post(urlEqualTo("/token"))
            .inScenario("tokens")
            .whenScenarioStateIs("second")
            .willReturn(token("tok-2")));
    subscriber.stubFor(
        get(urlEqualTo("/cb/oauth"))
            .withHeader("Authorization", equalTo("Bearer tok-1"))
            .willReturn(aResponse().withStatus(204)));
    subscriber.stubFor(
        post(urlEqualTo("/cb/oauth"))
            .withHeader("Authorization", equalTo("Bearer tok-1"))
            .willReturn(aResponse().withStatus(401)));
    subscriber.stubFor(
        post(urlEqualTo("/cb/oauth"))
            .withHeader("Authorization", equalTo("Bearer tok-2"))
            .willReturn(aResponse().withStatus(204)));
    subscribe(
        "/cb/oauth",
        ", 'authentication': {'authType': ['OAUTH2_CLIENT_CREDENTIALS'],"
            + " 'paramsOauth2ClientCredentials': {'clientId': 'vnfm-client', 'clientPassword':"
            + " 's3cret-client-pw', 'tokenEndpoint': '"
            + subscriber.baseUrl()
            + "/token'}}");

    publishCreated("inst-1");

    await("a delivery with the renewed token", () -> delivered("/cb/oauth").size() == 1);
    List<ServeEvent> posts = posts("/cb/oauth");
    assertThat(posts).hasSize(2);
    assertThat(posts.get(0).getRequest().getHeader("Authorization")).isEqualTo("Bearer tok-1");
    assertThat(posts.get(0).getResponse().getStatus()).isEqualTo(401);
    assertThat(posts.get(1).getRequest().getHeader("Authorization")).isEqualTo("Bearer tok-2");
    subscriber.verify(
        2,
        postRequestedFor(urlEqualTo("/token"))
            .withRequestBody(containing("grant_type=client_credentials"))
            .withRequestBody(containing("client_id=vnfm-client")));
    await("the outbox to empty", () -> rows("PENDING", null) == 0);
  }

  private static com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder token(
      String token) {
    return aResponse()
        .withStatus(200)
        .withHeader("Content-Type", "application/json")
        .withBody(
            "{\"access_token\": \""
                + token
                + "\", \"token_type\": \"bearer\", \"expires_in\": 3600}");
  }

  @Test
  void retriesAfter503sWithBackOffUntilTheSubscriberAccepts() {
    subscriber.stubFor(
        post(urlEqualTo("/cb"))
            .inScenario("flaky")
            .whenScenarioStateIs(STARTED)
            .willSetStateTo("one")
            .willReturn(aResponse().withStatus(503)));
    subscriber.stubFor(
        post(urlEqualTo("/cb"))
            .inScenario("flaky")
            .whenScenarioStateIs("one")
            .willSetStateTo("two")
            .willReturn(aResponse().withStatus(503)));
    subscriber.stubFor(
        post(urlEqualTo("/cb"))
            .inScenario("flaky")
            .whenScenarioStateIs("two")
            .willReturn(aResponse().withStatus(204)));
    subscribe("/cb", "");

    publishCreated("inst-1");

    await("a delivery", () -> delivered("/cb").size() == 1);
    List<ServeEvent> posts = posts("/cb");
    assertThat(posts).extracting(e -> e.getResponse().getStatus()).containsExactly(503, 503, 204);
    assertThat(posts)
        .extracting(e -> body(e).path("id").asText())
        .containsOnly(body(posts.getFirst()).path("id").asText());
    Duration gap =
        Duration.between(
            posts.get(0).getRequest().getLoggedDate().toInstant(),
            posts.get(1).getRequest().getLoggedDate().toInstant());
    assertThat(gap).as("the first back-off (50 ms)").isGreaterThanOrEqualTo(Duration.ofMillis(45));
    await("the outbox to empty", () -> rows("PENDING", null) == 0);
  }

  @Test
  void givesUpAfterMaxAttemptsKeepsTheRowAndDeliversTheNext() {
    subscriber.stubFor(
        post(urlEqualTo("/cb"))
            .atPriority(1)
            .withRequestBody(matchingJsonPath("$.vnfInstanceId", equalTo("inst-fail")))
            .willReturn(aResponse().withStatus(503)));
    subscriber.stubFor(
        post(urlEqualTo("/cb")).atPriority(2).willReturn(aResponse().withStatus(204)));
    String id = subscribe("/cb", "");
    int max = vnfm.config().notifications().maxAttempts();

    publishCreated("inst-fail");
    publishCreated("inst-ok");

    await("the next notification", () -> delivered("/cb").size() == 1);
    List<String> order = instancesPosted("/cb");
    List<String> expected = new ArrayList<>();
    for (int i = 0; i < max; i++) {
      expected.add("inst-fail");
    }
    expected.add("inst-ok");
    assertThat(order).isEqualTo(expected);
    // The subscriber logs a request before the VNFM has read the answer and deleted the row.
    await("the delivered row to go", () -> rows("PENDING", id) == 0);
    assertThat(rows("FAILED", id)).isEqualTo(1);
    String lastError =
        vnfm.database()
            .inTransaction(
                (Connection c) -> {
                  try (var s = c.createStatement();
                      var r =
                          s.executeQuery(
                              "SELECT attempts, last_error FROM lccn_deliveries"
                                  + " WHERE state = 'FAILED'")) {
                    r.next();
                    assertThat(r.getInt(1)).isEqualTo(max);
                    return r.getString(2);
                  }
                });
    assertThat(lastError).contains("503");
    assertThat(logText()).contains("gave up VnfIdentifierCreationNotification");
  }

  @Test
  void keepsThePublicationOrderPerSubscriptionWhileAFailingOneWaits() {
    vnfm.close();
    start(config(1000));
    subscriber.stubFor(
        post(urlEqualTo("/cb/a"))
            .inScenario("a")
            .whenScenarioStateIs(STARTED)
            .willSetStateTo("a1")
            .willReturn(aResponse().withStatus(503)));
    subscriber.stubFor(
        post(urlEqualTo("/cb/a"))
            .inScenario("a")
            .whenScenarioStateIs("a1")
            .willSetStateTo("a2")
            .willReturn(aResponse().withStatus(500)));
    subscriber.stubFor(
        post(urlEqualTo("/cb/a"))
            .inScenario("a")
            .whenScenarioStateIs("a2")
            .willReturn(aResponse().withStatus(204)));
    subscriber.stubFor(post(urlEqualTo("/cb/b")).willReturn(aResponse().withStatus(204)));
    subscriber.stubFor(post(urlEqualTo("/cb/c")).willReturn(aResponse().withStatus(503)));
    subscribe("/cb/a", "");
    subscribe("/cb/b", "");
    String c = subscribe("/cb/c", "");

    publishCreated("inst-1");
    publishCreated("inst-2");
    publishCreated("inst-3");

    await("b's three", () -> delivered("/cb/b").size() == 3);
    await("a's three", () -> delivered("/cb/a").size() == 3);
    assertThat(instances(delivered("/cb/b"))).containsExactly("inst-1", "inst-2", "inst-3");
    assertThat(instancesPosted("/cb/a"))
        .containsExactly("inst-1", "inst-1", "inst-1", "inst-2", "inst-3");
    assertThat(rows("PENDING", c))
        .as("c's notifications wait behind its failing head")
        .isEqualTo(3);
    assertThat(instancesPosted("/cb/c")).isNotEmpty().containsOnly("inst-1");
  }

  @Test
  void sendsNothingWhereTheFilterDoesNotSelect() {
    subscriber.stubFor(post(urlPathMatching("/cb.*")).willReturn(aResponse().withStatus(204)));
    subscribe(
        "/cb/other-vnfd",
        ", 'filter': {'vnfInstanceSubscriptionFilter': {'vnfdIds': ['vnfd-other']}}");
    subscribe(
        "/cb/op-only",
        ", 'filter': {'notificationTypes': ['VnfLcmOperationOccurrenceNotification'],"
            + " 'operationTypes': ['TERMINATE']}");
    subscribe(
        "/cb/mine",
        ", 'filter': {'vnfInstanceSubscriptionFilter': {'vnfInstanceNames': ['web-1']}}");

    publish(SUBJECT, Notifications.created(vnfm.uri(), "inst-1"));
    publish(
        SUBJECT,
        Notifications.opOcc(vnfm.uri(), "STARTING", "INSTANTIATE", "inst-1", "op-1", false, null));

    await("the matching subscription's two", () -> delivered("/cb/mine").size() == 2);
    await("the outbox to empty", () -> rows("PENDING", null) == 0);
    assertThat(posts("/cb/other-vnfd")).isEmpty();
    assertThat(posts("/cb/op-only")).isEmpty();
  }

  @Test
  void sendsNothingForARolledBackTransaction() {
    subscriber.stubFor(post(urlEqualTo("/cb")).willReturn(aResponse().withStatus(204)));
    subscribe("/cb", "");

    assertThatThrownBy(
            () ->
                vnfm.database()
                    .inTransaction(
                        (Connection c) -> {
                          notifier()
                              .publish(
                                  c,
                                  subject("inst-rolled-back"),
                                  Notifications.created(vnfm.uri(), "inst-rolled-back"));
                          throw new IllegalStateException("the lifecycle change failed");
                        }))
        .hasMessageContaining("the lifecycle change failed");
    publishCreated("inst-committed");

    await("the committed one", () -> delivered("/cb").size() == 1);
    await("the outbox to empty", () -> rows("PENDING", null) == 0);
    assertThat(instancesPosted("/cb")).containsExactly("inst-committed");
  }

  @Test
  void deliversExactlyOnceAcrossARestart() {
    vnfm.close();
    VnfmConfig config = config(1000);
    start(config);
    subscriber.stubFor(post(urlEqualTo("/cb")).willReturn(aResponse().withStatus(503)));
    String id = subscribe("/cb", "");
    publishCreated("inst-1");
    await("a first attempt", () -> !posts("/cb").isEmpty());
    String notificationId = body(posts("/cb").getFirst()).path("id").asText();

    vnfm.close();
    subscriber.resetAll();
    subscriber.stubFor(post(urlEqualTo("/cb")).willReturn(aResponse().withStatus(204)));
    start(config);

    await("the delivery after the restart", () -> delivered("/cb").size() == 1);
    await("the outbox to empty", () -> rows("PENDING", id) == 0);
    assertThat(posts("/cb")).hasSize(1);
    assertThat(delivered("/cb").getFirst().path("id").asText()).isEqualTo(notificationId);
    assertThat(logText()).contains("resuming 1 pending notification");
  }

  @Test
  void stopsDeliveringWhenTheSubscriptionIsDeleted() throws InterruptedException {
    vnfm.close();
    start(config(1000));
    subscriber.stubFor(post(urlEqualTo("/cb")).willReturn(aResponse().withStatus(503)));
    String id = subscribe("/cb", "");
    publishCreated("inst-1");
    await("two attempts", () -> posts("/cb").size() >= 2);

    assertThat(api.delete("/vnflcm/v2/subscriptions/" + id).status()).isEqualTo(204);
    int after = posts("/cb").size();

    assertThat(rows("PENDING", id)).isZero();
    // Without the deletion, the 200 ms back-off would bring about five more attempts in a second;
    // one attempt may have been under way when the subscription went.
    long end = System.nanoTime() + Duration.ofSeconds(1).toNanos();
    while (System.nanoTime() < end) {
      assertThat(posts("/cb").size()).isLessThanOrEqualTo(after + 1);
      Thread.sleep(20);
    }
  }

  @Test
  void keepsCredentialsOutOfResponsesAndLogs() {
    subscriber.stubFor(post(urlEqualTo("/cb/basic")).willReturn(aResponse().withStatus(503)));
    subscriber.stubFor(
        post(urlEqualTo("/token"))
            .inScenario("tokens")
            .whenScenarioStateIs(STARTED)
            .willSetStateTo("broken")
            .willReturn(token("tok-secret-1")));
    subscriber.stubFor(
        post(urlEqualTo("/token"))
            .inScenario("tokens")
            .whenScenarioStateIs("broken")
            .willReturn(aResponse().withStatus(500)));
    subscriber.stubFor(post(urlEqualTo("/cb/oauth")).willReturn(aResponse().withStatus(401)));
    String basic =
        subscribe(
            "/cb/basic",
            ", 'authentication': {'authType': ['BASIC'], 'paramsBasic': {'userName': 'nfvo',"
                + " 'password': 's3cret-basic-pw'}}");
    String oauth =
        subscribe(
            "/cb/oauth",
            ", 'authentication': {'authType': ['BASIC', 'OAUTH2_CLIENT_CREDENTIALS'],"
                + " 'paramsOauth2ClientCredentials': {'clientId': 'vnfm-client',"
                + " 'clientPassword': 's3cret-client-pw', 'tokenEndpoint': '"
                + subscriber.baseUrl()
                + "/token'}, 'paramsBasic': {'userName': 'u', 'password': 's3cret-other-pw'}}");

    publishCreated("inst-1");

    await("both to be given up", () -> rows("FAILED", basic) == 1 && rows("FAILED", oauth) == 1);
    String logs = logText();
    assertThat(logs)
        .contains("gave up")
        .contains("no token for the callback")
        .contains("vnfm-client");
    String listed = api.get("/vnflcm/v2/subscriptions").body();
    String basicHeader =
        Base64.getEncoder().encodeToString("nfvo:s3cret-basic-pw".getBytes(StandardCharsets.UTF_8));
    for (String secret :
        List.of(
            "s3cret-basic-pw",
            "s3cret-client-pw",
            "s3cret-other-pw",
            "tok-secret-1",
            basicHeader)) {
      assertThat(logs).as("logs").doesNotContain(secret);
      assertThat(listed).as("GET /subscriptions").doesNotContain(secret);
    }
    assertThat(posts("/cb/oauth").getFirst().getRequest().getHeader("Authorization"))
        .as("OAuth2 is preferred when both are offered")
        .isEqualTo("Bearer tok-secret-1");
  }

  private String logText() {
    SimpleFormatter f = new SimpleFormatter();
    StringBuilder b = new StringBuilder();
    for (LogRecord r : logs) {
      b.append(f.format(r));
    }
    return b.toString();
  }
}
