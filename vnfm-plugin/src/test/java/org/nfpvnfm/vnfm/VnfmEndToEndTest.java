package org.nfpvnfm.vnfm;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.github.tomakehurst.wiremock.WireMockServer;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.Predicate;
import java.util.stream.Stream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nfpvnfm.dpdk.Eal;
import org.nfpvnfm.dpdk.node.Node;
import org.nfpvnfm.vnfm.contract.Sol003Contract;

/**
 * The VNFM as an NFVO uses it, end to end over HTTP with OAuth2: onboard the paper's sample
 * package, subscribe, create, instantiate (graphs deployed on a real DPDK node on vdevs), scale,
 * heal, terminate and delete, with every grant asked of the NFVO (WireMock) and every notification
 * received by the subscriber (WireMock) in order. Every lifecycle exchange, grant request and
 * notification is checked against ETSI's documents.
 */
@Tag("integration")
class VnfmEndToEndTest {
  @TempDir Path dir;
  private final WireMockServer nfvo =
      new WireMockServer(options().dynamicPort().templatingEnabled(true));
  private final WireMockServer subscriber = new WireMockServer(options().dynamicPort());
  private Vnfm vnfm;

  @BeforeAll
  static void eal() {
    Eal.startForTests();
  }

  @BeforeEach
  void start() {
    nfvo.start();
    subscriber.start();
    // A synchronous grant for every request, echoing its ids.
    nfvo.stubFor(
        post("/grant/v1/grants")
            .willReturn(
                aResponse()
                    .withStatus(201)
                    .withHeader("Content-Type", "application/json")
                    .withHeader("Version", "1.4.0")
                    .withHeader(
                        "Location",
                        "{{request.baseUrl}}/grant/v1/grants/g-{{randomValue length=8 type='ALPHANUMERIC'}}")
                    .withBody(
                        "{\"id\": \"g-{{randomValue length=8 type='ALPHANUMERIC'}}\","
                            + " \"vnfInstanceId\": \"{{jsonPath request.body '$.vnfInstanceId'}}\","
                            + " \"vnfLcmOpOccId\": \"{{jsonPath request.body '$.vnfLcmOpOccId'}}\","
                            + " \"_links\": {\"self\": {\"href\": \"{{request.baseUrl}}/grant/v1/grants/x\"},"
                            + " \"vnfLcmOpOcc\": {\"href\": \"{{jsonPath request.body '$._links.vnfLcmOpOcc.href'}}\"},"
                            + " \"vnfInstance\": {\"href\": \"{{jsonPath request.body '$._links.vnfInstance.href'}}\"}}}")
                    .withTransformers("response-template")));
    subscriber.stubFor(get("/notify").willReturn(aResponse().withStatus(204)));
    subscriber.stubFor(post("/notify").willReturn(aResponse().withStatus(204)));
    VnfmConfig d = TestVnfm.config(dir);
    VnfmConfig c =
        new VnfmConfig(
            dir,
            d.http(),
            d.database(),
            VnfmConfig.defaults(dir).security(),
            new VnfmConfig.NfvoConfig(
                "nfvo",
                nfvo.baseUrl(),
                VnfmConfig.ClientAuth.none(),
                Duration.ofSeconds(10),
                Duration.ofMillis(50)),
            d.nodes(),
            d.notifications());
    vnfm = Vnfm.start(TestDataplane.withLocalNode(c, c.monitoring()));
  }

  @AfterEach
  void stop() {
    vnfm.close();
    nfvo.stop();
    subscriber.stop();
  }

  private static byte[] zip(Path folder) throws IOException {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    try (ZipOutputStream z = new ZipOutputStream(bytes);
        Stream<Path> files = Files.walk(folder)) {
      for (Path f : files.filter(Files::isRegularFile).sorted().toList()) {
        z.putNextEntry(new ZipEntry(folder.relativize(f).toString()));
        z.write(Files.readAllBytes(f));
        z.closeEntry();
      }
    }
    return bytes.toByteArray();
  }

  private static JsonNode poll(
      TestVnfm.Client client, String path, Predicate<JsonNode> done, String what)
      throws InterruptedException {
    Instant deadline = Instant.now().plus(Duration.ofSeconds(30));
    JsonNode last = client.get(path).json();
    while (!done.test(last)) {
      assertThat(Instant.now()).as("%s; last seen: %s", what, last).isBefore(deadline);
      Thread.sleep(20);
      last = client.get(path).json();
    }
    return last;
  }

  /** Runs an operation and waits until its occurrence is COMPLETED. */
  private JsonNode operate(TestVnfm.Client lcm, String instance, String op, String body)
      throws InterruptedException {
    TestVnfm.Reply r = lcm.post("/vnflcm/v2/vnf_instances/" + instance + "/" + op, body);
    assertThat(r.status()).as("%s: %s", op, r.body()).isEqualTo(202);
    String location = Objects.requireNonNull(r.header("Location"));
    assertThat(r.header("Version")).isEqualTo("2.0.0");
    String path = URI.create(location).getPath();
    return poll(
        lcm,
        path,
        o -> !o.path("operationState").asText().matches("STARTING|PROCESSING"),
        op + " to finish");
  }

  @Test
  void anNfvoOnboardsInstantiatesScalesHealsTerminatesAndDeletesAVnf() throws Exception {
    String token = TestVnfm.token(vnfm.uri(), "nfvo", "nfvo-secret");
    TestVnfm.Client lcm = Sol003Contract.client(vnfm.uri(), "2.0.0").token(token);
    TestVnfm.Client pkgm = new TestVnfm.Client(vnfm.uri(), "2.6.1").token(token);
    assertThat(new TestVnfm.Client(vnfm.uri(), "2.0.0").get("/vnflcm/v2/vnf_instances").status())
        .as("no token")
        .isEqualTo(401);

    // Onboard the paper's chain as a SOL004 package.
    TestVnfm.Reply created = pkgm.post("/vnfpkgm/v1/vnf_packages", "{}");
    assertThat(created.status()).isEqualTo(201);
    String pkgId = created.json().path("id").asText();
    HttpResponse<String> upload =
        HttpClient.newHttpClient()
            .send(
                HttpRequest.newBuilder(
                        vnfm.uri().resolve("vnfpkgm/v1/vnf_packages/" + pkgId + "/package_content"))
                    .header("Version", "2.6.1")
                    .header("Authorization", "Bearer " + token)
                    .header("Content-Type", "application/zip")
                    .PUT(
                        HttpRequest.BodyPublishers.ofByteArray(
                            zip(Path.of("../samples-vnfd/valid/paper-chain-sol004"))))
                    .build(),
                HttpResponse.BodyHandlers.ofString());
    assertThat(upload.statusCode()).isEqualTo(202);
    JsonNode pkg =
        poll(
            pkgm,
            "/vnfpkgm/v1/vnf_packages/" + pkgId,
            p -> !p.path("onboardingState").asText().matches("CREATED|UPLOADING|PROCESSING"),
            "onboarding");
    assertThat(pkg.path("onboardingState").asText()).as("%s", pkg).isEqualTo("ONBOARDED");
    String vnfdId = pkg.path("vnfdId").asText();

    // Subscribe to every lifecycle notification.
    TestVnfm.Reply sub =
        lcm.post(
            "/vnflcm/v2/subscriptions", Map.of("callbackUri", subscriber.baseUrl() + "/notify"));
    assertThat(sub.status()).as(sub.body()).isEqualTo(201);

    // Create and instantiate: the graph runs on the node.
    TestVnfm.Reply inst =
        lcm.post("/vnflcm/v2/vnf_instances", Map.of("vnfdId", vnfdId, "vnfInstanceName", "paper"));
    assertThat(inst.status()).as(inst.body()).isEqualTo(201);
    String id = inst.json().path("id").asText();
    assertThat(inst.header("Location")).endsWith("/vnflcm/v2/vnf_instances/" + id);
    JsonNode op = operate(lcm, id, "instantiate", "{\"flavourId\": \"default\"}");
    assertThat(op.path("operationState").asText()).as("%s", op).isEqualTo("COMPLETED");
    Node node = TestDataplane.localNode(vnfm).node();
    assertThat(node.graphs()).hasSize(1).allMatch(g -> g.startsWith(id + "."));
    String deployment = node.graphs().getFirst();
    assertThat(Objects.requireNonNull(node.graph(deployment)).shape())
        .isEqualTo("VPN -> {Monitor | FW} -> LB");
    JsonNode info = lcm.get("/vnflcm/v2/vnf_instances/" + id).json();
    assertThat(info.path("instantiationState").asText()).isEqualTo("INSTANTIATED");
    assertThat(info.path("instantiatedVnfInfo").path("vnfcResourceInfo")).hasSize(4);

    // Scale out the mergers, heal, terminate.
    op = operate(lcm, id, "scale", "{\"type\": \"SCALE_OUT\", \"aspectId\": \"merger_instances\"}");
    assertThat(op.path("operationState").asText()).isEqualTo("COMPLETED");
    assertThat(node.mergers(deployment)).isEqualTo(2);
    op = operate(lcm, id, "heal", "{\"cause\": \"e2e\"}");
    assertThat(op.path("operationState").asText()).isEqualTo("COMPLETED");
    assertThat(node.mergers(deployment)).isEqualTo(2);
    op = operate(lcm, id, "terminate", "{\"terminationType\": \"GRACEFUL\"}");
    assertThat(op.path("operationState").asText()).isEqualTo("COMPLETED");
    assertThat(node.graphs()).isEmpty();
    assertThat(lcm.delete("/vnflcm/v2/vnf_instances/" + id).status()).isEqualTo(204);
    assertThat(lcm.get("/vnflcm/v2/vnf_instances/" + id).status()).isEqualTo(404);

    // Every grant was asked of the NFVO, and every notification arrived, in order.
    for (String operation : List.of("INSTANTIATE", "SCALE", "HEAL", "TERMINATE")) {
      nfvo.verify(
          1,
          postRequestedFor(urlEqualTo("/grant/v1/grants"))
              .withRequestBody(
                  com.github.tomakehurst.wiremock.client.WireMock.matchingJsonPath(
                      "$.operation",
                      com.github.tomakehurst.wiremock.client.WireMock.equalTo(operation))));
    }
    Sol003Contract.assertValidNfvoExchanges(nfvo);
    List<String> expected = new ArrayList<>();
    expected.add("VnfIdentifierCreationNotification");
    for (String o : List.of("INSTANTIATE", "SCALE", "HEAL", "TERMINATE")) {
      for (String s : List.of("STARTING", "PROCESSING", "COMPLETED")) {
        expected.add(o + " " + s);
      }
    }
    expected.add("VnfIdentifierDeletionNotification");
    Instant deadline = Instant.now().plus(Duration.ofSeconds(30));
    List<String> got = List.of();
    while (got.size() < expected.size()) {
      assertThat(Instant.now()).as("notifications so far: %s", got).isBefore(deadline);
      Thread.sleep(20);
      got =
          Sol003Contract.assertValidNotificationsReceived(subscriber).stream()
              .map(
                  n ->
                      n.has("operation")
                          ? n.path("operation").asText() + " " + n.path("operationState").asText()
                          : n.path("notificationType").asText())
              .toList();
    }
    assertThat(got).containsExactlyElementsOf(expected);
  }
}
