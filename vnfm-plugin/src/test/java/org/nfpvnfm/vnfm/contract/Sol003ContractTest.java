package org.nfpvnfm.vnfm.contract;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.any;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.github.tomakehurst.wiremock.WireMockServer;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nfpvnfm.vnfm.TestVnfm;
import org.nfpvnfm.vnfm.Vnfm;
import org.nfpvnfm.vnfm.internal.rest.Json;

/**
 * The contract's own tests: hand-written exchanges, valid and invalid, for each check it offers. An
 * invalid example must fail for the reason it was written for, so each asserts the message.
 */
class Sol003ContractTest {
  private static final String ID = "9f6b5e0c-4a4e-4a5b-9d0e-6a3c1f2b7d10";
  private static final String VNFD = "b1bb0ce7-ebca-4fa7-95ed-4840d70a1177";
  private static final String OCC = "2c3e4f5a-6b7c-4d8e-9f0a-1b2c3d4e5f60";
  private static final String SUB = "7d1e2f3a-4b5c-4d6e-8f90-a1b2c3d4e5f6";
  private static final String BASE = "http://127.0.0.1:9999/vnflcm/v2";

  static Map<String, List<String>> requestHeaders(@Nullable String contentType) {
    return contentType == null
        ? Map.of("Version", List.of("2.0.0"), "Accept", List.of("application/json"))
        : Map.of(
            "Version",
            List.of("2.0.0"),
            "Accept",
            List.of("application/json"),
            "Content-Type",
            List.of(contentType));
  }

  static Map<String, List<String>> responseHeaders(@Nullable String contentType, String... more) {
    var m = new java.util.TreeMap<String, List<String>>(String.CASE_INSENSITIVE_ORDER);
    m.put("Version", List.of("2.0.0"));
    if (contentType != null) {
      m.put("Content-Type", List.of(contentType));
    }
    for (int i = 0; i + 1 < more.length; i += 2) {
      m.put(more[i], List.of(more[i + 1]));
    }
    return m;
  }

  static ObjectNode json(String text) {
    try {
      return (ObjectNode) Json.MAPPER.readTree(text);
    } catch (java.io.IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
  }

  static ObjectNode vnfInstance() {
    return json(
        """
        {"id": "%s", "vnfdId": "%s", "vnfProvider": "NFP", "vnfProductName": "firewall",
         "vnfSoftwareVersion": "1.0", "vnfdVersion": "1.0", "vnfInstanceName": "fw-1",
         "instantiationState": "NOT_INSTANTIATED", "metadata": {"owner": "test"},
         "_links": {"self": {"href": "%s/vnf_instances/%s"},
                    "instantiate": {"href": "%s/vnf_instances/%s/instantiate"}}}
        """
            .formatted(ID, VNFD, BASE, ID, BASE, ID));
  }

  static ObjectNode instantiatedVnfInstance() {
    ObjectNode vi = vnfInstance();
    vi.put("instantiationState", "INSTANTIATED");
    vi.set(
        "instantiatedVnfInfo",
        json(
            """
            {"flavourId": "default", "vnfState": "STARTED",
             "scaleStatus": [{"aspectId": "workers", "scaleLevel": 0}],
             "extCpInfo": [{"id": "cp-1", "cpdId": "ext-cp", "cpConfigId": "cfg-1",
                            "associatedVnfcCpId": "vnfc-cp-1",
                            "cpProtocolInfo": [{"layerProtocol": "IP_OVER_ETHERNET",
                              "ipOverEthernet": {"macAddress": "fa:16:3e:00:00:01",
                                "ipAddresses": [{"type": "IPV4", "addresses": ["10.0.0.5"],
                                                 "isDynamic": false}]}}]}],
             "vnfcResourceInfo": [{"id": "vnfc-1", "vduId": "fw",
               "computeResource": {"resourceId": "node-1", "vimLevelResourceType": "dpdk"},
               "vnfcCpInfo": [{"id": "vnfc-cp-1", "cpdId": "fw-cp", "vnfExtCpId": "cp-1"}]}]}
            """));
    return vi;
  }

  static ObjectNode opOcc() {
    return json(
        """
        {"id": "%s", "operationState": "STARTING", "stateEnteredTime": "2025-03-01T10:00:00.123456Z",
         "startTime": "2025-03-01T10:00:00Z", "vnfInstanceId": "%s", "operation": "INSTANTIATE",
         "isAutomaticInvocation": false, "isCancelPending": false,
         "operationParams": {"flavourId": "default"},
         "_links": {"self": {"href": "%s/vnf_lcm_op_occs/%s"},
                    "vnfInstance": {"href": "%s/vnf_instances/%s"}}}
        """
            .formatted(OCC, ID, BASE, OCC, BASE, ID));
  }

  static ObjectNode problem(int status) {
    return json(
        """
        {"type": "about:blank", "title": "Error", "status": %d,
         "detail": "the value refused and what was expected", "instance": "/vnflcm/v2/vnf_instances"}
        """
            .formatted(status));
  }

  static void exchange(
      String method,
      String path,
      @Nullable JsonNode requestBody,
      @Nullable String requestType,
      int status,
      @Nullable JsonNode responseBody,
      @Nullable String responseType,
      String... responseHeaders) {
    Sol003Contract.assertValid(
        method,
        URI.create(path),
        requestHeaders(requestType),
        requestBody == null ? null : requestBody.toString(),
        status,
        responseHeaders(responseType, responseHeaders),
        responseBody == null ? null : responseBody.toString());
  }

  @Nested
  class Responses {
    @Test
    void acceptsAVnfInstance() {
      assertThatCode(
              () ->
                  exchange(
                      "GET",
                      "/vnflcm/v2/vnf_instances/" + ID,
                      null,
                      null,
                      200,
                      vnfInstance(),
                      "application/json"))
          .doesNotThrowAnyException();
    }

    @Test
    void acceptsAnInstantiatedVnfInstanceWithItsAddresses() {
      assertThatCode(
              () ->
                  exchange(
                      "GET",
                      "/vnflcm/v2/vnf_instances/" + ID,
                      null,
                      null,
                      200,
                      instantiatedVnfInstance(),
                      "application/json"))
          .doesNotThrowAnyException();
    }

    @Test
    void refusesAVnfInstanceWithoutVnfdId() {
      ObjectNode vi = vnfInstance();
      vi.remove("vnfdId");
      assertThatThrownBy(
              () ->
                  exchange(
                      "GET",
                      "/vnflcm/v2/vnf_instances/" + ID,
                      null,
                      null,
                      200,
                      vi,
                      "application/json"))
          .isInstanceOf(AssertionError.class)
          .hasMessageContaining("vnfdId")
          .hasMessageContaining("GET /vnflcm/v2/vnf_instances/" + ID + " -> 200");
    }

    @Test
    void refusesAnAttributeTheDocumentDoesNotDeclare() {
      ObjectNode vi = vnfInstance();
      vi.put("vnfPkgId", "not in SOL003 v3");
      assertThatThrownBy(
              () ->
                  exchange(
                      "GET",
                      "/vnflcm/v2/vnf_instances/" + ID,
                      null,
                      null,
                      200,
                      vi,
                      "application/json"))
          .isInstanceOf(AssertionError.class)
          .hasMessageContaining("vnfPkgId");
    }

    @Test
    void refusesAnUnknownInstantiationState() {
      ObjectNode vi = vnfInstance();
      vi.put("instantiationState", "BUILDING");
      assertThatThrownBy(
              () ->
                  exchange(
                      "GET",
                      "/vnflcm/v2/vnf_instances/" + ID,
                      null,
                      null,
                      200,
                      vi,
                      "application/json"))
          .isInstanceOf(AssertionError.class)
          .hasMessageContaining("BUILDING");
    }

    @Test
    void acceptsAnOperationOccurrenceThatChangedNoInformation() {
      assertThatCode(
              () ->
                  exchange(
                      "GET",
                      "/vnflcm/v2/vnf_lcm_op_occs/" + OCC,
                      null,
                      null,
                      200,
                      opOcc(),
                      "application/json"))
          .doesNotThrowAnyException();
    }

    @Test
    void refusesAnOperationOccurrenceWithBothKindsOfChangedInformation() {
      ObjectNode occ = opOcc();
      occ.set("changedInfo", json("{\"vnfInstanceName\": \"renamed\"}"));
      occ.set("modificationsTriggeredByVnfPkgChange", json("{\"vnfdId\": \"" + VNFD + "\"}"));
      assertThatThrownBy(
              () ->
                  exchange(
                      "GET",
                      "/vnflcm/v2/vnf_lcm_op_occs/" + OCC,
                      null,
                      null,
                      200,
                      occ,
                      "application/json"))
          .isInstanceOf(AssertionError.class)
          .hasMessageContaining("oneOf");
    }

    @Test
    void acceptsAProblemDetailsAsProblemJson() {
      assertThatCode(
              () ->
                  exchange(
                      "POST",
                      "/vnflcm/v2/vnf_instances",
                      json("{}"),
                      "application/json",
                      400,
                      problem(400),
                      "application/problem+json"))
          .doesNotThrowAnyException();
    }

    @Test
    void refusesAProblemDetailsWithoutDetail() {
      ObjectNode p = problem(404);
      p.remove("detail");
      assertThatThrownBy(
              () ->
                  exchange(
                      "GET",
                      "/vnflcm/v2/vnf_instances/" + ID,
                      null,
                      null,
                      404,
                      p,
                      "application/problem+json"))
          .isInstanceOf(AssertionError.class)
          .hasMessageContaining("detail");
    }

    @Test
    void refusesAStatusTheDocumentDoesNotDeclare() {
      assertThatThrownBy(
              () ->
                  exchange(
                      "GET",
                      "/vnflcm/v2/vnf_instances/" + ID,
                      null,
                      null,
                      418,
                      problem(418),
                      "application/problem+json"))
          .isInstanceOf(AssertionError.class)
          .hasMessageContaining("418");
    }

    @Test
    void refusesAnErrorAnsweredAsHtml() {
      assertThatThrownBy(
              () ->
                  Sol003Contract.assertValid(
                      "GET",
                      URI.create("/vnflcm/v2/vnf_instances/" + ID),
                      requestHeaders(null),
                      null,
                      404,
                      responseHeaders("text/html"),
                      "<html>Not Found</html>"))
          .isInstanceOf(AssertionError.class)
          .hasMessageContaining("text/html");
    }

    @Test
    void acceptsAnEmptyAcceptedAnswerToInstantiate() {
      assertThatCode(
              () ->
                  exchange(
                      "POST",
                      "/vnflcm/v2/vnf_instances/" + ID + "/instantiate",
                      json("{\"flavourId\": \"default\"}"),
                      "application/json",
                      202,
                      null,
                      null,
                      "Location",
                      BASE + "/vnf_lcm_op_occs/" + OCC))
          .doesNotThrowAnyException();
    }

    @Test
    void refusesABodyOnANoContentAnswer() {
      assertThatThrownBy(
              () ->
                  exchange(
                      "DELETE",
                      "/vnflcm/v2/vnf_instances/" + ID,
                      null,
                      null,
                      204,
                      vnfInstance(),
                      "application/json"))
          .isInstanceOf(AssertionError.class)
          .hasMessageContaining("No response body is expected");
    }

    @Test
    void acceptsAnEmptyNoContentAnswerToDelete() {
      assertThatCode(
              () ->
                  exchange("DELETE", "/vnflcm/v2/vnf_instances/" + ID, null, null, 204, null, null))
          .doesNotThrowAnyException();
    }
  }

  /** The VNFM's exchanges with a WireMock NFVO: its requests and the stubbed answers. */
  @Nested
  @Tag("integration")
  class NfvoExchanges {
    private final WireMockServer nfvo = new WireMockServer(wireMockConfig().dynamicPort());
    private final HttpClient http = HttpClient.newHttpClient();

    @BeforeEach
    void start() {
      nfvo.start();
    }

    @AfterEach
    void stop() {
      nfvo.stop();
    }

    private void stubGrant(JsonNode grant) {
      nfvo.stubFor(
          post("/grant/v1/grants")
              .willReturn(
                  aResponse()
                      .withStatus(201)
                      .withHeader("Content-Type", "application/json")
                      .withHeader("Version", "1.4.0")
                      .withHeader("Location", nfvo.baseUrl() + "/grant/v1/grants/g-1")
                      .withBody(grant.toString())));
    }

    private static ObjectNode grant() {
      return json(
          """
          {"id": "g-1", "vnfInstanceId": "%s", "vnfLcmOpOccId": "%s",
           "_links": {"self": {"href": "http://nfvo/grant/v1/grants/g-1"},
                      "vnfLcmOpOcc": {"href": "%s/vnf_lcm_op_occs/%s"},
                      "vnfInstance": {"href": "%s/vnf_instances/%s"}}}
          """
              .formatted(ID, OCC, BASE, OCC, BASE, ID));
    }

    private int askForAGrant(JsonNode body, String version) throws Exception {
      HttpRequest.Builder b =
          HttpRequest.newBuilder(URI.create(nfvo.baseUrl() + "/grant/v1/grants"))
              .header("Accept", "application/json")
              .header("Content-Type", "application/json")
              .POST(HttpRequest.BodyPublishers.ofString(body.toString()));
      if (!version.isEmpty()) {
        b.header("Version", version);
      }
      return http.send(b.build(), HttpResponse.BodyHandlers.ofString()).statusCode();
    }

    @Test
    void acceptsAGrantRequestAnsweredWithAGrant() throws Exception {
      stubGrant(grant());
      assertThat(askForAGrant(Grants.grantRequest(), "1.4.0")).isEqualTo(201);
      assertThatCode(() -> Sol003Contract.assertValidNfvoExchanges(nfvo))
          .doesNotThrowAnyException();
    }

    @Test
    void refusesAGrantRequestWithoutVersionEvenWhenTheNfvoTookIt() throws Exception {
      stubGrant(grant());
      assertThat(askForAGrant(Grants.grantRequest(), "")).isEqualTo(201);
      assertThatThrownBy(() -> Sol003Contract.assertValidNfvoExchanges(nfvo))
          .isInstanceOf(AssertionError.class)
          .hasMessageContaining("POST /grant/v1/grants -> 201")
          .hasMessageContaining("Version");
    }

    @Test
    void refusesAStubbedGrantThatNoNfvoWouldSend() throws Exception {
      ObjectNode g = grant();
      g.remove("_links");
      stubGrant(g);
      assertThat(askForAGrant(Grants.grantRequest(), "1.4.0")).isEqualTo(201);
      assertThatThrownBy(() -> Sol003Contract.assertValidNfvoExchanges(nfvo))
          .isInstanceOf(AssertionError.class)
          .hasMessageContaining("_links");
    }
  }

  /** The VNFM's own answers, through the validating client, on a real server on loopback. */
  @Nested
  @Tag("integration")
  class ServedByTheVnfm {
    @TempDir Path dir;
    private Vnfm vnfm;

    @BeforeEach
    void start() {
      vnfm = Vnfm.start(TestVnfm.config(dir));
    }

    @AfterEach
    void stop() {
      vnfm.close();
    }

    @Test
    void servesTheLifecycleApiVersions() {
      TestVnfm.Reply r = Sol003Contract.client(vnfm.uri(), "2.0.0").get("/vnflcm/v2/api_versions");
      assertThat(r.status()).isEqualTo(200);
      assertThat(r.json().path("uriPrefix").asText()).isEqualTo("/vnflcm/v2");
    }

    @Test
    void servesTheFaultManagementApiVersions() {
      TestVnfm.Reply r = Sol003Contract.client(vnfm.uri(), "1.3.0").get("/vnffm/v1/api_versions");
      assertThat(r.status()).isEqualTo(200);
      assertThat(r.json().path("apiVersions").get(0).path("version").asText()).isEqualTo("1.3.0");
    }

    @Test
    void servesTheApiVersionsOutsideTheMajorVersionAndInBothSpellings() {
      assertThat(Sol003Contract.client(vnfm.uri(), "2.0.0").get("/vnflcm/api_versions").status())
          .isEqualTo(200);
      assertThat(Sol003Contract.client(vnfm.uri(), "2.1.0").get("/vnfpm/v2/api-versions").status())
          .isEqualTo(200);
      assertThat(Sol003Contract.client(vnfm.uri(), "2.1.0").get("/vnfpm/v2/api_versions").status())
          .isEqualTo(200);
    }

    @Test
    void refusesAMissingVersionWithAProblemDetailsTheDocumentDeclares() {
      TestVnfm.Reply r = Sol003Contract.client(vnfm.uri(), "").get("/vnflcm/v2/vnf_instances");
      assertThat(r.status()).isEqualTo(400);
      assertThat(r.header("Content-Type")).startsWith("application/problem+json");
    }

    @Test
    void refusesAnUnsupportedVersionWithAProblemDetailsTheDocumentDeclares() {
      TestVnfm.Reply r = Sol003Contract.client(vnfm.uri(), "3.0.0").get("/vnflcm/v2/vnf_instances");
      assertThat(r.status()).isEqualTo(406);
      assertThat(r.json().path("status").asInt()).isEqualTo(406);
    }

    @Test
    void reportsThatTheVnfmAnswersApiVersionsWithoutTheVersionTheDocumentRequires() {
      // SOL013 lets a client read api_versions before it knows a version; the documents declare
      // Version as required there too. The VNFM is lenient (docs/sol003-conformance.md), so
      // tests send it.
      assertThatThrownBy(() -> Sol003Contract.client(vnfm.uri(), "").get("/vnflcm/v2/api_versions"))
          .isInstanceOf(AssertionError.class)
          .hasMessageContaining("Header parameter 'Version' is required");
    }

    @Test
    void refusesToCheckAPathNoDocumentDescribes() {
      TestVnfm.Client client = new TestVnfm.Client(vnfm.uri(), "2.0.0");
      assertThatThrownBy(
              () -> client.onExchange(Sol003Contract::assertValid).get("/vnflcm/v2/no_such_thing"))
          .isInstanceOf(AssertionError.class)
          .hasMessageContaining("No API path found");
    }
  }

  @Nested
  class Formats {
    @Test
    void checksEtsisIpAndMacFormats() {
      ObjectNode vi = instantiatedVnfInstance();
      ObjectNode ip =
          (ObjectNode) vi.at("/instantiatedVnfInfo/extCpInfo/0/cpProtocolInfo/0/ipOverEthernet");
      ip.put("macAddress", "fa-16-3e-00-00-01");
      ((com.fasterxml.jackson.databind.node.ArrayNode) ip.at("/ipAddresses/0/addresses"))
          .add("2001:db8::5");
      assertThatCode(
              () ->
                  exchange(
                      "GET",
                      "/vnflcm/v2/vnf_instances/" + ID,
                      null,
                      null,
                      200,
                      vi,
                      "application/json"))
          .doesNotThrowAnyException();
      ip.put("macAddress", "fa:16:3e:00:00");
      ((com.fasterxml.jackson.databind.node.ArrayNode) ip.at("/ipAddresses/0/addresses"))
          .add("10.0.0.300");
      assertThatThrownBy(
              () ->
                  exchange(
                      "GET",
                      "/vnflcm/v2/vnf_instances/" + ID,
                      null,
                      null,
                      200,
                      vi,
                      "application/json"))
          .isInstanceOf(AssertionError.class)
          .hasMessageContaining("\"fa:16:3e:00:00\" is not a MAC address")
          .hasMessageContaining("\"10.0.0.300\" is not an IPv4 or IPv6 address");
    }

    @Test
    void checksEtsisUriFormatInBodiesAndHeaders() {
      ObjectNode p = problem(404);
      p.put("instance", "/vnflcm/v2/vnf instances/x");
      assertThatThrownBy(
              () ->
                  exchange(
                      "GET",
                      "/vnflcm/v2/vnf_instances/" + ID,
                      null,
                      null,
                      404,
                      p,
                      "application/problem+json"))
          .isInstanceOf(AssertionError.class)
          .hasMessageContaining("is not a valid URI");
      assertThatThrownBy(
              () ->
                  exchange(
                      "POST",
                      "/vnflcm/v2/vnf_instances/" + ID + "/instantiate",
                      json("{\"flavourId\": \"default\"}"),
                      "application/json",
                      202,
                      null,
                      null,
                      "Location",
                      "op occ " + OCC))
          .isInstanceOf(AssertionError.class)
          .hasMessageContaining("validation.response.header.schema.format")
          .hasMessageContaining("is not a valid URI");
    }

    @Test
    void stillChecksIpOverEthernetWhereEtsisOneOfIsIgnored() {
      ObjectNode vi = instantiatedVnfInstance();
      ObjectNode ip =
          (ObjectNode) vi.at("/instantiatedVnfInfo/extCpInfo/0/cpProtocolInfo/0/ipOverEthernet");
      ip.remove("macAddress");
      ip.remove("ipAddresses");
      assertThatThrownBy(
              () ->
                  exchange(
                      "GET",
                      "/vnflcm/v2/vnf_instances/" + ID,
                      null,
                      null,
                      200,
                      vi,
                      "application/json"))
          .isInstanceOf(AssertionError.class)
          .hasMessageContaining("anyOf");
    }
  }

  @Nested
  class Requests {
    @Test
    void acceptsACreateVnfRequestAnsweredWithTheInstance() {
      assertThatCode(
              () ->
                  exchange(
                      "POST",
                      "/vnflcm/v2/vnf_instances",
                      json("{\"vnfdId\": \"" + VNFD + "\", \"vnfInstanceName\": \"fw-1\"}"),
                      "application/json",
                      201,
                      vnfInstance(),
                      "application/json",
                      "Location",
                      BASE + "/vnf_instances/" + ID))
          .doesNotThrowAnyException();
    }

    @Test
    void refusesACreateVnfRequestWithoutVnfdIdThatTheVnfmAccepted() {
      assertThatThrownBy(
              () ->
                  exchange(
                      "POST",
                      "/vnflcm/v2/vnf_instances",
                      json("{\"vnfInstanceName\": \"fw-1\"}"),
                      "application/json",
                      201,
                      vnfInstance(),
                      "application/json"))
          .isInstanceOf(AssertionError.class)
          .hasMessageContaining("vnfdId");
    }

    @Test
    void letsAnInvalidRequestThroughWhenTheVnfmRefusedIt() {
      assertThatCode(
              () ->
                  exchange(
                      "POST",
                      "/vnflcm/v2/vnf_instances",
                      json("{\"vnfInstanceName\": \"fw-1\"}"),
                      "application/json",
                      400,
                      problem(400),
                      "application/problem+json"))
          .doesNotThrowAnyException();
    }

    @Test
    void refusesARequestWithoutVersionThatTheVnfmAccepted() {
      assertThatThrownBy(
              () ->
                  Sol003Contract.assertValid(
                      "GET",
                      URI.create("/vnflcm/v2/vnf_instances"),
                      Map.of("Accept", List.of("application/json")),
                      null,
                      200,
                      responseHeaders("application/json"),
                      "[]"))
          .isInstanceOf(AssertionError.class)
          .hasMessageContaining("Version");
    }

    @Test
    void acceptsAnInstantiateRequestWithFixedAddresses() {
      JsonNode body =
          json(
              """
              {"flavourId": "default",
               "extVirtualLinks": [{"id": "ext-1", "resourceId": "net-1",
                 "extCps": [{"cpdId": "ext-cp", "cpConfig": {"cfg-1": {"cpProtocolData": [
                   {"layerProtocol": "IP_OVER_ETHERNET",
                    "ipOverEthernet": {"ipAddresses": [
                      {"type": "IPV4", "fixedAddresses": ["10.0.0.5"]}]}}]}}}]}]}
              """);
      assertThatCode(
              () ->
                  exchange(
                      "POST",
                      "/vnflcm/v2/vnf_instances/" + ID + "/instantiate",
                      body,
                      "application/json",
                      202,
                      null,
                      null,
                      "Location",
                      BASE + "/vnf_lcm_op_occs/" + OCC))
          .doesNotThrowAnyException();
    }

    @Test
    void acceptsAMergePatchAnsweredWithAnEmptyAccepted() {
      assertThatCode(
              () ->
                  exchange(
                      "PATCH",
                      "/vnflcm/v2/vnf_instances/" + ID,
                      json("{\"vnfInstanceName\": \"renamed\", \"metadata\": {\"owner\": null}}"),
                      "application/merge-patch+json",
                      202,
                      null,
                      null,
                      "Location",
                      BASE + "/vnf_lcm_op_occs/" + OCC))
          .doesNotThrowAnyException();
    }

    @Test
    void refusesAMergePatchOfAnAttributeThatCannotBeModified() {
      assertThatThrownBy(
              () ->
                  exchange(
                      "PATCH",
                      "/vnflcm/v2/vnf_instances/" + ID,
                      json("{\"instantiationState\": \"INSTANTIATED\"}"),
                      "application/merge-patch+json",
                      202,
                      null,
                      null))
          .isInstanceOf(AssertionError.class)
          .hasMessageContaining("instantiationState");
    }

    @Test
    void acceptsTheDeclaredQueryParameters() {
      assertThatCode(
              () ->
                  exchange(
                      "GET",
                      "/vnflcm/v2/vnf_instances?filter=(eq,vnfdId," + VNFD + ")&exclude_default",
                      null,
                      null,
                      200,
                      Json.MAPPER.createArrayNode().add(vnfInstance()),
                      "application/json"))
          .doesNotThrowAnyException();
    }

    @Test
    void refusesAQueryParameterTheDocumentDoesNotDeclare() {
      assertThatThrownBy(
              () ->
                  exchange(
                      "GET",
                      "/vnflcm/v2/vnf_instances?limit=5",
                      null,
                      null,
                      200,
                      Json.MAPPER.createArrayNode(),
                      "application/json"))
          .isInstanceOf(AssertionError.class)
          .hasMessageContaining("limit");
    }
  }

  @Nested
  class Paths {
    @Test
    void refusesAPathOutsideEveryDocument() {
      assertThatThrownBy(
              () ->
                  exchange("GET", "/vnflcm/v1/vnf_instances", null, null, 404, problem(404), null))
          .isInstanceOf(AssertionError.class)
          .hasMessageContaining("no SOL003 document describes /vnflcm/v1/vnf_instances");
    }

    @Test
    void refusesAPathInsideADocumentsBaseThatItDoesNotDeclare() {
      assertThatThrownBy(
              () ->
                  exchange(
                      "GET",
                      "/vnflcm/v2/no_such_thing",
                      null,
                      null,
                      404,
                      problem(404),
                      "application/problem+json"))
          .isInstanceOf(AssertionError.class)
          .hasMessageContaining("No API path found");
    }

    @Test
    void refusesAMethodTheDocumentDoesNotDeclareUnlessRefusedWith405() {
      assertThatThrownBy(
              () ->
                  exchange(
                      "PUT",
                      "/vnflcm/v2/vnf_instances/" + ID,
                      vnfInstance(),
                      "application/json",
                      200,
                      vnfInstance(),
                      "application/json"))
          .isInstanceOf(AssertionError.class)
          .hasMessageContaining("PUT operation not allowed");
      assertThatCode(
              () ->
                  exchange(
                      "PUT",
                      "/vnflcm/v2/vnf_instances/" + ID,
                      vnfInstance(),
                      "application/json",
                      405,
                      problem(405),
                      "application/problem+json"))
          .doesNotThrowAnyException();
    }

    @Test
    void checksEachApiAgainstItsOwnDocument() {
      String versions = "{\"uriPrefix\": \"%s\", \"apiVersions\": [{\"version\": \"%s\"}]}";
      for (String[] api :
          new String[][] {
            {"/vnflcm/v2", "2.0.0"},
            {"/vnffm/v1", "1.3.0"},
            {"/vnfpm/v2", "2.1.0"},
            {"/vnfind/v1", "1.3.0"},
            {"/grant/v1", "1.4.0"},
            {"/vnfpkgm/v2", "2.1.0"}
          }) {
        assertThatCode(
                () ->
                    exchange(
                        "GET",
                        api[0] + "/api_versions",
                        null,
                        null,
                        200,
                        json(versions.formatted(api[0], api[1])),
                        "application/json"))
            .as(api[0])
            .doesNotThrowAnyException();
      }
      assertThatThrownBy(
              () ->
                  exchange(
                      "GET",
                      "/vnffm/v1/vnf_instances",
                      null,
                      null,
                      200,
                      Json.MAPPER.createArrayNode(),
                      "application/json"))
          .isInstanceOf(AssertionError.class)
          .hasMessageContaining("No API path found");
    }

    @Test
    void knowsTheVersionsOfTheDocuments() {
      assertThat(Sol003Contract.version(Sol003Contract.Api.LIFECYCLE)).isEqualTo("2.0.0");
      assertThat(Sol003Contract.version(Sol003Contract.Api.GRANTING)).isEqualTo("1.4.0");
      assertThat(Sol003Contract.version(Sol003Contract.Api.PACKAGES)).isEqualTo("2.1.0");
    }
  }

  @Nested
  class Notifications {
    static ObjectNode opOccNotification() {
      return json(
          """
          {"id": "n-1", "notificationType": "VnfLcmOperationOccurrenceNotification",
           "subscriptionId": "%s", "timeStamp": "2025-03-01T10:00:01.5Z",
           "notificationStatus": "START", "operationState": "STARTING",
           "vnfInstanceId": "%s", "operation": "INSTANTIATE", "isAutomaticInvocation": false,
           "verbosity": "FULL", "vnfLcmOpOccId": "%s",
           "_links": {"vnfInstance": {"href": "%s/vnf_instances/%s"},
                      "subscription": {"href": "%s/subscriptions/%s"},
                      "vnfLcmOpOcc": {"href": "%s/vnf_lcm_op_occs/%s"}}}
          """
              .formatted(SUB, ID, OCC, BASE, ID, BASE, SUB, BASE, OCC));
    }

    @Test
    void acceptsAnOperationOccurrenceNotification() {
      assertThatCode(() -> Sol003Contract.assertValidNotification(opOccNotification()))
          .doesNotThrowAnyException();
    }

    @Test
    void acceptsAResultWithTheAffectedVnfcsAndAnError() {
      ObjectNode n = opOccNotification();
      n.put("notificationStatus", "RESULT");
      n.put("operationState", "FAILED_TEMP");
      n.set(
          "affectedVnfcs",
          json("""
                  {"a": [{"id": "vnfc-1", "vduId": "fw", "changeType": "ADDED",
                          "computeResource": {"resourceId": "node-1"}}]}
                  """)
              .get("a"));
      n.set("error", problem(500));
      assertThatCode(() -> Sol003Contract.assertValidNotification(n)).doesNotThrowAnyException();
    }

    @Test
    void refusesAnOperationOccurrenceNotificationWithoutItsOccurrence() {
      ObjectNode n = opOccNotification();
      n.remove("vnfLcmOpOccId");
      assertThatThrownBy(() -> Sol003Contract.assertValidNotification(n))
          .isInstanceOf(AssertionError.class)
          .hasMessageContaining("vnfLcmOpOccId");
    }

    @Test
    void refusesAnUnknownOperationState() {
      ObjectNode n = opOccNotification();
      n.put("operationState", "RUNNING");
      assertThatThrownBy(() -> Sol003Contract.assertValidNotification(n))
          .isInstanceOf(AssertionError.class)
          .hasMessageContaining("RUNNING");
    }

    @Test
    void refusesANotificationWithoutLinks() {
      ObjectNode n = opOccNotification();
      ((ObjectNode) n.get("_links")).remove("subscription");
      assertThatThrownBy(() -> Sol003Contract.assertValidNotification(n))
          .isInstanceOf(AssertionError.class)
          .hasMessageContaining("subscription");
    }

    @Test
    void acceptsIdentifierCreationAndDeletionNotifications() {
      for (String type :
          List.of("VnfIdentifierCreationNotification", "VnfIdentifierDeletionNotification")) {
        ObjectNode n =
            json(
                """
                {"id": "n-2", "notificationType": "%s", "subscriptionId": "%s",
                 "timeStamp": "2025-03-01T10:00:00+01:00", "vnfInstanceId": "%s",
                 "_links": {"vnfInstance": {"href": "%s/vnf_instances/%s"},
                            "subscription": {"href": "%s/subscriptions/%s"}}}
                """
                    .formatted(type, SUB, ID, BASE, ID, BASE, SUB));
        assertThatCode(() -> Sol003Contract.assertValidNotification(n))
            .as(type)
            .doesNotThrowAnyException();
        n.put("operationState", "COMPLETED");
        assertThatThrownBy(() -> Sol003Contract.assertValidNotification(n))
            .as(type + " with an operation state")
            .isInstanceOf(AssertionError.class)
            .hasMessageContaining("operationState");
      }
    }

    @Test
    @Tag("integration")
    void checksEveryNotificationASubscriberReceived() throws Exception {
      WireMockServer subscriber = new WireMockServer(wireMockConfig().dynamicPort());
      subscriber.start();
      try {
        subscriber.stubFor(any(urlEqualTo("/callback")).willReturn(aResponse().withStatus(204)));
        HttpClient http = HttpClient.newHttpClient();
        URI callback = URI.create(subscriber.baseUrl() + "/callback");
        http.send(
            HttpRequest.newBuilder(callback).GET().build(), HttpResponse.BodyHandlers.ofString());
        ObjectNode start = opOccNotification();
        ObjectNode result = opOccNotification();
        result.put("notificationStatus", "RESULT").put("operationState", "COMPLETED");
        for (JsonNode n : List.of(start, result)) {
          http.send(
              HttpRequest.newBuilder(callback)
                  .header("Content-Type", "application/json")
                  .POST(HttpRequest.BodyPublishers.ofString(n.toString()))
                  .build(),
              HttpResponse.BodyHandlers.ofString());
        }
        assertThat(Sol003Contract.assertValidNotificationsReceived(subscriber))
            .containsExactly(start, result);

        result.remove("_links");
        http.send(
            HttpRequest.newBuilder(callback)
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(result.toString()))
                .build(),
            HttpResponse.BodyHandlers.ofString());
        assertThatThrownBy(() -> Sol003Contract.assertValidNotificationsReceived(subscriber))
            .isInstanceOf(AssertionError.class)
            .hasMessageContaining("_links");
      } finally {
        subscriber.stop();
      }
    }

    @Test
    void refusesANotificationOfAnotherType() {
      ObjectNode n = opOccNotification();
      n.put("notificationType", "VnfLcmOperationNotification");
      assertThatThrownBy(() -> Sol003Contract.assertValidNotification(n))
          .isInstanceOf(AssertionError.class)
          .hasMessageContaining("VnfLcmOperationNotification");
    }
  }

  @Nested
  class Grants {
    static ObjectNode grantRequest() {
      return json(
          """
          {"vnfInstanceId": "%s", "vnfLcmOpOccId": "%s", "vnfdId": "%s", "flavourId": "default",
           "operation": "INSTANTIATE", "isAutomaticInvocation": false,
           "addResources": [{"id": "r-1", "type": "COMPUTE", "vduId": "fw",
                             "resourceTemplateId": "fw"}],
           "_links": {"vnfLcmOpOcc": {"href": "%s/vnf_lcm_op_occs/%s"},
                      "vnfInstance": {"href": "%s/vnf_instances/%s"}}}
          """
              .formatted(ID, OCC, VNFD, BASE, OCC, BASE, ID));
    }

    @Test
    void acceptsAGrantRequest() {
      assertThatCode(() -> Sol003Contract.assertValidGrantRequest(grantRequest()))
          .doesNotThrowAnyException();
    }

    @Test
    void refusesAGrantRequestWithoutTheOperation() {
      ObjectNode g = grantRequest();
      g.remove("operation");
      assertThatThrownBy(() -> Sol003Contract.assertValidGrantRequest(g))
          .isInstanceOf(AssertionError.class)
          .hasMessageContaining("operation");
    }

    @Test
    void refusesAGrantRequestForAnOperationThatIsNotGranted() {
      ObjectNode g = grantRequest();
      g.put("operation", "MODIFY_INFO");
      assertThatThrownBy(() -> Sol003Contract.assertValidGrantRequest(g))
          .isInstanceOf(AssertionError.class)
          .hasMessageContaining("MODIFY_INFO");
    }
  }
}
