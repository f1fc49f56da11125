package org.nfpvnfm.vnfm.internal.notify;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;
import static org.assertj.core.api.Assertions.assertThat;

import com.github.tomakehurst.wiremock.WireMockServer;
import java.nio.file.Path;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nfpvnfm.vnfm.TestVnfm;
import org.nfpvnfm.vnfm.Vnfm;
import org.nfpvnfm.vnfm.contract.Sol003Contract;

/**
 * Requests and responses of {@code /vnflcm/v2/subscriptions} with every attribute SOL003 gives a
 * subscription, each exchange checked against ETSI's lifecycle document by {@link Sol003Contract}.
 */
@Tag("integration")
class SubscriptionsConformanceTest {
  @TempDir Path dir;

  @Test
  void subscriptionRequestsAndResponsesFitSol003() {
    WireMockServer subscriber = new WireMockServer(options().dynamicPort());
    subscriber.start();
    subscriber.stubFor(get(urlEqualTo("/cb")).willReturn(aResponse().withStatus(204)));
    try (Vnfm vnfm = Vnfm.start(TestVnfm.config(dir))) {
      TestVnfm.Client api = Sol003Contract.client(vnfm.uri(), "2.0.0");
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
      TestVnfm.Reply created = api.post("/vnflcm/v2/subscriptions", request);
      assertThat(created.status()).as(created.body()).isEqualTo(201);
      String path = "/vnflcm/v2/subscriptions/" + created.json().path("id").asText();
      assertThat(api.get(path).status()).isEqualTo(200);
      assertThat(api.get("/vnflcm/v2/subscriptions").json()).hasSize(1);
      assertThat(api.delete(path).status()).isEqualTo(204);
    } finally {
      subscriber.stop();
    }
  }
}
