package org.nfpvnfm.vnfm.internal.notify;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathMatching;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.github.tomakehurst.wiremock.WireMockServer;
import java.io.IOException;
import java.net.ServerSocket;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.nfpvnfm.vnfm.ProblemDetails;
import org.nfpvnfm.vnfm.TestVnfm;
import org.nfpvnfm.vnfm.Vnfm;

/** {@code /vnflcm/v2/subscriptions} on a real VNFM, with WireMock as the subscriber. */
@Tag("integration")
class SubscriptionsApiTest {
  private static final String PATH = "/vnflcm/v2/subscriptions";

  @TempDir Path dir;
  private WireMockServer subscriber;
  private Vnfm vnfm;
  private TestVnfm.Client api;

  @BeforeEach
  void start() {
    subscriber = new WireMockServer(options().dynamicPort());
    subscriber.start();
    subscriber.stubFor(get(urlPathMatching("/cb.*")).willReturn(aResponse().withStatus(204)));
    vnfm = Vnfm.start(TestVnfm.config(dir));
    api = new TestVnfm.Client(vnfm.uri(), "2.0.0");
  }

  @AfterEach
  void stop() {
    vnfm.close();
    subscriber.stop();
  }

  private String callback(String path) {
    return subscriber.baseUrl() + path;
  }

  private TestVnfm.Reply subscribe(String json) {
    return api.post(PATH, json.replace('\'', '"'));
  }

  private List<JsonNode> all() {
    TestVnfm.Reply r = api.get(PATH);
    assertThat(r.status()).isEqualTo(200);
    List<JsonNode> out = new ArrayList<>();
    r.json().forEach(out::add);
    return out;
  }

  @Test
  void createsASubscriptionOnceTheCallbackAnswers204() {
    TestVnfm.Reply r =
        subscribe(
            "{'callbackUri': '"
                + callback("/cb")
                + "', 'filter': {'notificationTypes': ['VnfIdentifierCreationNotification']}}");

    assertThat(r.status()).as(r.body()).isEqualTo(201);
    String id = r.json().path("id").asText();
    String location = vnfm.uri() + "vnflcm/v2/subscriptions/" + id;
    assertThat(r.header("Location")).isEqualTo(location);
    assertThat(r.header("Version")).isEqualTo("2.0.0");
    assertThat(r.json().path("callbackUri").asText()).isEqualTo(callback("/cb"));
    assertThat(r.json().path("verbosity").asText()).isEqualTo("FULL");
    assertThat(r.json().at("/filter/notificationTypes/0").asText())
        .isEqualTo("VnfIdentifierCreationNotification");
    assertThat(r.json().at("/_links/self/href").asText()).isEqualTo(location);
    subscriber.verify(
        1, getRequestedFor(urlEqualTo("/cb")).withHeader("Version", equalTo("2.0.0")));

    TestVnfm.Reply one = api.get(PATH + "/" + id);
    assertThat(one.status()).isEqualTo(200);
    assertThat(one.json()).isEqualTo(r.json());
    assertThat(all()).containsExactly(r.json());
  }

  @ParameterizedTest
  @ValueSource(ints = {200, 404, 500})
  void refusesACallbackThatDoesNotAnswer204AndStoresNothing(int status) {
    subscriber.stubFor(get(urlEqualTo("/bad")).willReturn(aResponse().withStatus(status)));

    TestVnfm.Reply r = subscribe("{'callbackUri': '" + callback("/bad") + "'}");

    assertThat(r.status()).isEqualTo(422);
    assertThat(r.header("Content-Type")).startsWith(ProblemDetails.MEDIA_TYPE);
    assertThat(r.json().path("detail").asText())
        .contains("answered " + status)
        .contains("expected 204");
    assertThat(all()).isEmpty();
  }

  @Test
  void refusesAnUnreachableCallbackAndStoresNothing() throws IOException {
    int closed;
    try (ServerSocket s = new ServerSocket(0)) {
      closed = s.getLocalPort();
    }
    TestVnfm.Reply r = subscribe("{'callbackUri': 'http://127.0.0.1:" + closed + "/cb'}");

    assertThat(r.status()).isEqualTo(422);
    assertThat(r.json().path("detail").asText()).contains("could not be reached");
    assertThat(all()).isEmpty();
  }

  @Test
  void answersAnIdenticalSubscriptionWith303ToTheExistingOne() {
    String body =
        "{'callbackUri': '"
            + callback("/cb")
            + "', 'filter': {'vnfInstanceSubscriptionFilter': {'vnfdIds': ['vnfd-1']}}}";
    TestVnfm.Reply first = subscribe(body);
    TestVnfm.Reply second = subscribe(body);
    TestVnfm.Reply otherFilter =
        subscribe(
            "{'callbackUri': '"
                + callback("/cb")
                + "', 'filter': {'vnfInstanceSubscriptionFilter': {'vnfdIds': ['vnfd-2']}}}");

    assertThat(first.status()).isEqualTo(201);
    assertThat(second.status()).isEqualTo(303);
    assertThat(second.header("Location")).isEqualTo(first.header("Location"));
    assertThat(otherFilter.status()).isEqualTo(201);
    assertThat(all()).hasSize(2);
  }

  @Test
  void deletesASubscription() {
    TestVnfm.Reply r = subscribe("{'callbackUri': '" + callback("/cb") + "'}");
    String id = r.json().path("id").asText();

    assertThat(api.delete(PATH + "/" + id).status()).isEqualTo(204);

    assertThat(api.get(PATH + "/" + id).status()).isEqualTo(404);
    assertThat(api.delete(PATH + "/" + id).status()).isEqualTo(404);
    assertThat(all()).isEmpty();
  }

  @Test
  void answers404ProblemDetailsForAnUnknownSubscription() {
    TestVnfm.Reply r = api.get(PATH + "/no-such-id");
    assertThat(r.status()).isEqualTo(404);
    assertThat(r.header("Content-Type")).startsWith(ProblemDetails.MEDIA_TYPE);
    assertThat(r.json().path("detail").asText()).contains("no-such-id");
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "{}",
        "{'callbackUri': ''}",
        "{'callbackUri': 'not a uri'}",
        "{'callbackUri': 'ftp://127.0.0.1/cb'}",
        "{'callbackUri': '/relative/cb'}",
        "{'callbackUri': 'http://user:pw@127.0.0.1/cb'}",
        "{'callbackUri': 'CB', 'filter': {'vnfInstanceSubscriptionFilter': {'vnfdIds': 'x'}}}",
        "{'callbackUri': 'CB', 'filter': {'vnfInstanceSubscriptionFilter': {'vnfdIds': ['a'],"
            + " 'vnfProductsFromProviders': [{'vnfProvider': 'Acme'}]}}}",
        "{'callbackUri': 'CB', 'filter': {'notificationTypes': ['NoSuchNotification']}}",
        "{'callbackUri': 'CB', 'filter': {'operationStates': ['DONE']}}",
        "{'callbackUri': 'CB', 'filter': {'noSuchAttribute': 1}}",
        "{'callbackUri': 'CB', 'filter': []}",
        "{'callbackUri': 'CB', 'verbosity': 'LOUD'}",
        "{'callbackUri': 'CB', 'authentication': {'authType': ['KERBEROS']}}",
        "{'callbackUri': 'CB', 'authentication': {'authType': []}}",
        "{'callbackUri': 'CB', 'authentication': {'authType': ['BASIC']}}",
        "{'callbackUri': 'CB', 'authentication': {'authType': ['BASIC'], 'paramsBasic':"
            + " {'userName': 'u'}}}",
        "{'callbackUri': 'CB', 'authentication': {'authType': ['OAUTH2_CLIENT_CREDENTIALS'],"
            + " 'paramsOauth2ClientCredentials': {'clientId': 'c', 'clientPassword': 'p'}}}",
        "{'callbackUri': 'CB', 'authentication': {'authType': ['BASIC'],"
            + " 'paramsOauth2ClientCredentials': {'clientId': 'c'}, 'paramsBasic':"
            + " {'userName': 'u', 'password': 'p'}}}",
        "{'callbackUri': 'CB',",
        "[]"
      })
  void refusesAMalformedRequestWith400BeforeCallingBack(String body) {
    TestVnfm.Reply r = subscribe(body.replace("CB", callback("/cb")));

    assertThat(r.status()).as(r.body()).isEqualTo(400);
    assertThat(r.header("Content-Type")).startsWith(ProblemDetails.MEDIA_TYPE);
    assertThat(r.json().path("status").asInt()).isEqualTo(400);
    assertThat(r.json().path("detail").asText()).isNotBlank();
    assertThat(subscriber.getAllServeEvents()).isEmpty();
    assertThat(all()).isEmpty();
  }

  @Test
  void refusesTlsCertAuthenticationWith422() {
    TestVnfm.Reply r =
        subscribe(
            "{'callbackUri': '"
                + callback("/cb")
                + "', 'authentication': {'authType': ['TLS_CERT']}}");

    assertThat(r.status()).isEqualTo(422);
    assertThat(r.json().path("detail").asText()).contains("TLS_CERT").contains("not supported");
    assertThat(all()).isEmpty();
  }

  @Test
  void filtersTheListWithSol013Expressions() {
    String a = subscribe("{'callbackUri': '" + callback("/cb/a") + "'}").json().path("id").asText();
    String b =
        subscribe(
                "{'callbackUri': '"
                    + callback("/cb/b")
                    + "', 'verbosity': 'SHORT', 'filter': {'notificationTypes':"
                    + " ['VnfIdentifierCreationNotification']}}")
            .json()
            .path("id")
            .asText();

    assertThat(ids("(eq,callbackUri," + callback("/cb/a") + ")")).containsExactly(a);
    assertThat(ids("(eq,filter/notificationTypes,VnfIdentifierCreationNotification)"))
        .containsExactly(b);
    assertThat(ids("(neq,verbosity,SHORT)")).containsExactly(a);
    assertThat(ids("(cont,callbackUri,/cb/);(eq,verbosity,SHORT)")).containsExactly(b);
    assertThat(ids("(in,id," + a + "," + b + ")")).containsExactly(a, b);

    TestVnfm.Reply bad = api.get(PATH + "?filter=" + enc("(eq,callbackUri"));
    assertThat(bad.status()).isEqualTo(400);
    assertThat(bad.json().path("detail").asText()).contains("malformed");
  }

  private List<String> ids(String filter) {
    TestVnfm.Reply r = api.get(PATH + "?filter=" + enc(filter));
    assertThat(r.status()).as(r.body()).isEqualTo(200);
    List<String> out = new ArrayList<>();
    r.json().forEach(s -> out.add(s.path("id").asText()));
    return out;
  }

  private static String enc(String s) {
    return URLEncoder.encode(s, StandardCharsets.UTF_8);
  }

  @Test
  void pagesALongListWithALinkToTheNextPage() {
    int total = SubscriptionService.PAGE_SIZE + 3;
    Set<String> created = new HashSet<>();
    for (int i = 0; i < total; i++) {
      TestVnfm.Reply r = subscribe("{'callbackUri': '" + callback("/cb/" + i) + "'}");
      assertThat(r.status()).isEqualTo(201);
      created.add(r.json().path("id").asText());
    }

    TestVnfm.Reply first = api.get(PATH + "?filter=" + enc("(cont,callbackUri,/cb/)"));
    assertThat(first.status()).isEqualTo(200);
    assertThat(first.json().size()).isEqualTo(SubscriptionService.PAGE_SIZE);
    String link = first.header("Link");
    assertThat(link).isNotNull();
    Matcher m = Pattern.compile("<([^>]+)>; rel=\"next\"").matcher(link);
    assertThat(m.matches()).as(link).isTrue();
    String next = m.group(1);
    assertThat(next)
        .startsWith(vnfm.uri() + "vnflcm/v2/subscriptions?")
        .contains("nextpage_opaque_marker=")
        .contains("filter=");

    TestVnfm.Reply second = api.get(next.substring(vnfm.uri().toString().length() - 1));
    assertThat(second.status()).isEqualTo(200);
    assertThat(second.json().size()).isEqualTo(3);
    assertThat(second.header("Link")).isNull();

    Set<String> listed = new HashSet<>();
    first.json().forEach(s -> listed.add(s.path("id").asText()));
    second.json().forEach(s -> listed.add(s.path("id").asText()));
    assertThat(listed).isEqualTo(created);

    assertThat(api.get(PATH + "?nextpage_opaque_marker=bogus").status()).isEqualTo(400);
  }

  @Test
  void neverReturnsTheCredentials() {
    TestVnfm.Reply basic =
        subscribe(
            "{'callbackUri': '"
                + callback("/cb/basic")
                + "', 'authentication': {'authType': ['BASIC'], 'paramsBasic': {'userName':"
                + " 'nfvo', 'password': 's3cret-basic-pw'}}}");
    assertThat(basic.status()).as(basic.body()).isEqualTo(201);
    String id = basic.json().path("id").asText();

    for (TestVnfm.Reply r : List.of(basic, api.get(PATH + "/" + id), api.get(PATH))) {
      assertThat(r.body()).doesNotContain("s3cret-basic-pw").doesNotContain("authentication");
    }
    assertThat(
            api.send(
                    "GET",
                    PATH
                        + "?filter="
                        + enc("(eq,authentication/paramsBasic/password,s3cret-basic-pw)"),
                    null,
                    Map.of())
                .json()
                .size())
        .as("the credentials cannot be probed with a filter either")
        .isZero();
  }
}
