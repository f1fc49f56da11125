package org.nfpvnfm.vnfm.internal.notify;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;
import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.atlassian.oai.validator.OpenApiInteractionValidator;
import com.atlassian.oai.validator.model.Request;
import com.atlassian.oai.validator.model.SimpleRequest;
import com.atlassian.oai.validator.model.SimpleResponse;
import com.atlassian.oai.validator.report.ValidationReport;
import com.github.tomakehurst.wiremock.WireMockServer;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nfpvnfm.vnfm.TestVnfm;
import org.nfpvnfm.vnfm.Vnfm;

/**
 * Requests and responses of {@code /vnflcm/v2/subscriptions} checked against ETSI's SOL003 OpenAPI
 * document, where it is at hand ({@code NFP_SOL003_DIR}, by default {@code
 * /work/shared/etsi-sol003}). The document's list response is an object where SOL003 says an array,
 * so the list is not checked.
 */
@Tag("integration")
class SubscriptionsConformanceTest {
  private static final Path SPEC =
      Path.of(
          System.getenv().getOrDefault("NFP_SOL003_DIR", "/work/shared/etsi-sol003"),
          "sol003_lifecycle_openapi.json");

  @TempDir Path dir;

  @Test
  void subscriptionRequestsAndResponsesFitSol003() {
    assumeTrue(Files.isRegularFile(SPEC), "no SOL003 OpenAPI document at " + SPEC);
    OpenApiInteractionValidator validator =
        OpenApiInteractionValidator.createForSpecificationUrl(SPEC.toUri().toString())
            .withBasePathOverride("/vnflcm/v2")
            .build();
    WireMockServer subscriber = new WireMockServer(options().dynamicPort());
    subscriber.start();
    subscriber.stubFor(get(urlEqualTo("/cb")).willReturn(aResponse().withStatus(204)));
    try (Vnfm vnfm = Vnfm.start(TestVnfm.config(dir))) {
      TestVnfm.Client api = new TestVnfm.Client(vnfm.uri(), "2.0.0");
      String request =
          ("{'callbackUri': '"
                  + subscriber.baseUrl()
                  + "/cb', 'filter': {'vnfInstanceSubscriptionFilter': {'vnfProductsFromProviders':"
                  + " [{'vnfProvider': 'Acme', 'vnfProducts': [{'vnfProductName': 'Firewall',"
                  + " 'versions': [{'vnfSoftwareVersion': '2.1', 'vnfdVersions': ['1.0']}]}]}],"
                  + " 'vnfInstanceIds': ['inst-1']}, 'notificationTypes':"
                  + " ['VnfLcmOperationOccurrenceNotification'], 'operationTypes': ['INSTANTIATE'],"
                  + " 'operationStates': ['COMPLETED']}, 'authentication': {'authType': ['BASIC'],"
                  + " 'paramsBasic': {'userName': 'nfvo', 'password': 'pw'}}, 'verbosity':"
                  + " 'SHORT'}")
              .replace('\'', '"');
      assertValid(
          validator.validateRequest(
              SimpleRequest.Builder.post("/vnflcm/v2/subscriptions")
                  .withContentType("application/json")
                  .withAccept("application/json")
                  .withHeader("Version", "2.0.0")
                  .withBody(request)
                  .build()));

      TestVnfm.Reply created = api.post("/vnflcm/v2/subscriptions", request);
      assertThat(created.status()).as(created.body()).isEqualTo(201);
      assertValid(
          validator.validateResponse(
              "/vnflcm/v2/subscriptions",
              Request.Method.POST,
              SimpleResponse.Builder.status(201)
                  .withContentType("application/json")
                  .withBody(created.body())
                  .build()));

      assertThat(
              validator
                  .validateResponse(
                      "/vnflcm/v2/subscriptions",
                      Request.Method.POST,
                      SimpleResponse.Builder.status(201)
                          .withContentType("application/json")
                          .withBody("{\"id\": \"x\"}")
                          .build())
                  .getMessages())
          .as("the validator notices a response without callbackUri, verbosity and _links")
          .isNotEmpty();

      String path = "/vnflcm/v2/subscriptions/" + created.json().path("id").asText();
      TestVnfm.Reply one = api.get(path);
      assertValid(
          validator.validateResponse(
              path,
              Request.Method.GET,
              SimpleResponse.Builder.ok()
                  .withContentType("application/json")
                  .withBody(one.body())
                  .build()));
    } finally {
      subscriber.stop();
    }
  }

  private static void assertValid(ValidationReport report) {
    assertThat(report.getMessages()).as(report.toString()).isEmpty();
  }
}
