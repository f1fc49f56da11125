package org.nfpvnfm.vnfm.internal.lcm;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.matchingJsonPath;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.node.ObjectNode;
import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.stubbing.Scenario;
import java.net.http.HttpClient;
import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.nfpvnfm.vnfm.VnfmConfig;
import org.nfpvnfm.vnfm.internal.rest.Json;

/** Granting against an NFVO (WireMock): synchronous, asynchronous, rejected, failing, slow. */
class NfvoGranterTest {
  private final WireMockServer nfvo = new WireMockServer(options().dynamicPort());
  private final HttpClient http = HttpClient.newHttpClient();

  @BeforeEach
  void start() {
    nfvo.start();
  }

  @AfterEach
  void stop() {
    nfvo.stop();
  }

  private NfvoGranter granter(Duration timeout, VnfmConfig.ClientAuth auth) {
    return new NfvoGranter(
        new VnfmConfig.NfvoConfig("nfvo", nfvo.baseUrl(), auth, timeout, Duration.ofMillis(20)),
        http);
  }

  private NfvoGranter granter() {
    return granter(Duration.ofSeconds(5), VnfmConfig.ClientAuth.none());
  }

  private static ObjectNode request() {
    ObjectNode g = Json.MAPPER.createObjectNode();
    g.put("vnfInstanceId", "i-1").put("vnfLcmOpOccId", "o-1").put("vnfdId", "d-1");
    g.put("operation", "INSTANTIATE").put("isAutomaticInvocation", false);
    g.putObject("_links").putObject("vnfInstance").put("href", "http://vnfm/i-1");
    return g;
  }

  @Test
  void takesASynchronousGrantAndSendsTheRequestWithVersionAndAuthentication() throws Exception {
    nfvo.stubFor(
        post("/grant/v1/grants")
            .willReturn(
                aResponse()
                    .withStatus(201)
                    .withHeader("Content-Type", "application/json")
                    .withBody(
                        "{\"id\": \"g-1\", \"vnfInstanceId\": \"i-1\", \"vnfLcmOpOccId\": \"o-1\"}")));
    String id =
        granter(
                Duration.ofSeconds(5),
                new VnfmConfig.ClientAuth("basic", "vnfm", "s3cret", "", "", ""))
            .grant(request());
    assertThat(id).isEqualTo("g-1");
    nfvo.verify(
        postRequestedFor(urlEqualTo("/grant/v1/grants"))
            .withHeader("Version", equalTo("1.4.0"))
            .withHeader("Authorization", equalTo("Basic dm5mbTpzM2NyZXQ="))
            .withRequestBody(matchingJsonPath("$.vnfLcmOpOccId", equalTo("o-1"))));
  }

  @Test
  void pollsAnAsynchronousGrantUntilTheNfvoDecides() throws Exception {
    nfvo.stubFor(
        post("/grant/v1/grants")
            .willReturn(
                aResponse().withStatus(202).withHeader("Location", "/grant/v1/grants/g-2")));
    nfvo.stubFor(
        get("/grant/v1/grants/g-2")
            .inScenario("decide")
            .whenScenarioStateIs(Scenario.STARTED)
            .willReturn(aResponse().withStatus(202))
            .willSetStateTo("still"));
    nfvo.stubFor(
        get("/grant/v1/grants/g-2")
            .inScenario("decide")
            .whenScenarioStateIs("still")
            .willReturn(aResponse().withStatus(202))
            .willSetStateTo("decided"));
    nfvo.stubFor(
        get("/grant/v1/grants/g-2")
            .inScenario("decide")
            .whenScenarioStateIs("decided")
            .willReturn(
                aResponse()
                    .withStatus(200)
                    .withHeader("Content-Type", "application/json")
                    .withBody(
                        "{\"id\": \"g-2\", \"vnfInstanceId\": \"i-1\", \"vnfLcmOpOccId\": \"o-1\"}")));
    assertThat(granter().grant(request())).isEqualTo("g-2");
  }

  @Test
  void aForbiddenAnswerIsARejectionWithTheNfvosDetail() {
    nfvo.stubFor(
        post("/grant/v1/grants")
            .willReturn(
                aResponse()
                    .withStatus(403)
                    .withHeader("Content-Type", "application/problem+json")
                    .withBody("{\"status\": 403, \"detail\": \"quota exceeded in zone A\"}")));
    assertThatThrownBy(() -> granter().grant(request()))
        .isInstanceOfSatisfying(
            Granter.GrantException.class, e -> assertThat(e.rejected()).isTrue())
        .hasMessageContaining("quota exceeded in zone A");
  }

  @Test
  void anAsynchronousRejectionIsARejection() {
    nfvo.stubFor(
        post("/grant/v1/grants")
            .willReturn(
                aResponse().withStatus(202).withHeader("Location", "/grant/v1/grants/g-3")));
    nfvo.stubFor(get("/grant/v1/grants/g-3").willReturn(aResponse().withStatus(403)));
    assertThatThrownBy(() -> granter().grant(request()))
        .isInstanceOfSatisfying(
            Granter.GrantException.class, e -> assertThat(e.rejected()).isTrue());
  }

  @Test
  void aFailingNfvoIsNotARejection() {
    nfvo.stubFor(post("/grant/v1/grants").willReturn(aResponse().withStatus(503)));
    assertThatThrownBy(() -> granter().grant(request()))
        .isInstanceOfSatisfying(
            Granter.GrantException.class, e -> assertThat(e.rejected()).isFalse())
        .hasMessageContaining("503");
  }

  @Test
  void aSlowNfvoTimesOutWithinTheConfiguredTime() {
    nfvo.stubFor(
        post("/grant/v1/grants")
            .willReturn(
                aResponse().withStatus(201).withFixedDelay(3_000).withBody("{\"id\": \"late\"}")));
    long t0 = System.nanoTime();
    assertThatThrownBy(
            () -> granter(Duration.ofMillis(300), VnfmConfig.ClientAuth.none()).grant(request()))
        .isInstanceOfSatisfying(
            Granter.GrantException.class, e -> assertThat(e.rejected()).isFalse())
        .hasMessageContaining("within");
    assertThat(Duration.ofNanos(System.nanoTime() - t0)).isLessThan(Duration.ofSeconds(2));
  }

  @Test
  void anUnreachableNfvoIsNotARejection() {
    NfvoGranter granter = granter();
    nfvo.stop();
    assertThatThrownBy(() -> granter.grant(request()))
        .isInstanceOfSatisfying(
            Granter.GrantException.class, e -> assertThat(e.rejected()).isFalse())
        .hasMessageContaining("cannot be reached");
  }
}
