package org.nfpvnfm.vnfm.internal.security;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import javax.net.ssl.SSLHandshakeException;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nfpvnfm.vnfm.Vnfm;
import org.nfpvnfm.vnfm.VnfmConfig;
import org.nfpvnfm.vnfm.internal.client.HttpClients;

/**
 * The API over HTTPS with a PKCS#12 key store made by the JDK's keytool, reached by a client of
 * {@link HttpClients} that trusts the certificate through a trust store.
 */
@Tag("integration")
class TlsTest {
  private static final String STORE_PASSWORD = "store-pw-5c2e91";
  private static final String TRUST_PASSWORD = "trust-pw-0b7d44";

  @TempDir static Path dir;
  private static Path keyStore;
  private static Path trustStore;
  private static Vnfm vnfm;

  @BeforeAll
  static void start() throws Exception {
    keyStore = dir.resolve("vnfm.p12");
    trustStore = dir.resolve("trust.p12");
    Path cert = dir.resolve("vnfm.pem");
    Map<String, String> files =
        Map.of(
            "{ks}", keyStore.toString(), "{ts}", trustStore.toString(), "{pem}", cert.toString());
    keytool(
        "-genkeypair -alias vnfm -keyalg EC -groupname secp256r1 -dname CN=localhost"
            + " -ext SAN=ip:127.0.0.1,dns:localhost -validity 2"
            + " -storetype PKCS12 -keystore {ks} -storepass "
            + STORE_PASSWORD,
        files);
    keytool(
        "-exportcert -rfc -alias vnfm -keystore {ks} -storepass " + STORE_PASSWORD + " -file {pem}",
        files);
    keytool(
        "-importcert -noprompt -alias vnfm -file {pem} -storetype PKCS12 -keystore {ts}"
            + " -storepass "
            + TRUST_PASSWORD,
        files);
    VnfmConfig c = SecurityTesting.config(dir.resolve("data"));
    vnfm =
        Vnfm.start(
            SecurityTesting.withHttp(
                c,
                new VnfmConfig.HttpConfig(
                    "127.0.0.1",
                    0,
                    "",
                    new VnfmConfig.TlsConfig(keyStore.toString(), STORE_PASSWORD, "", ""))));
  }

  @AfterAll
  static void stop() {
    vnfm.close();
  }

  /**
   * Runs the keytool beside this JVM's java with {@code options} (split at spaces, each of {@code
   * files}' placeholders replaced by its path, so paths may hold spaces).
   */
  private static void keytool(String options, Map<String, String> files)
      throws IOException, InterruptedException {
    Path java = Path.of(ProcessHandle.current().info().command().orElseThrow());
    List<String> command = new ArrayList<>();
    command.add(java.resolveSibling("keytool").toString());
    for (String o : options.split(" ")) {
      command.add(files.getOrDefault(o, o));
    }
    Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
    String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertThat(p.waitFor(60, TimeUnit.SECONDS)).as("keytool finishes").isTrue();
    assertThat(p.exitValue()).as("keytool %s: %s", command.get(1), out).isZero();
  }

  private static VnfmConfig.TlsConfig trusting() {
    return new VnfmConfig.TlsConfig("", "", trustStore.toString(), TRUST_PASSWORD);
  }

  private static HttpResponse<String> get(HttpClient http, URI uri, String token)
      throws IOException, InterruptedException {
    return http.send(
        HttpRequest.newBuilder(uri)
            .timeout(Duration.ofSeconds(10))
            .header("Authorization", "Bearer " + token)
            .GET()
            .build(),
        HttpResponse.BodyHandlers.ofString());
  }

  @Test
  void servesTheApiOverHttpsToAClientThatTrustsItsCertificate() throws Exception {
    assertThat(vnfm.uri().getScheme()).isEqualTo("https");
    try (HttpClient http = HttpClients.create(trusting())) {

      SecurityTesting.Answer token =
          SecurityTesting.tokenRequest(
              http,
              vnfm.uri(),
              "grant_type=client_credentials",
              Map.of(
                  "Authorization",
                  SecurityTesting.basic(SecurityTesting.CLIENT, SecurityTesting.SECRET)));
      String accessToken = token.json().path("access_token").asText();
      HttpResponse<String> r = get(http, vnfm.uri().resolve("vnflcm/v2/api_versions"), accessToken);

      assertThat(token.status()).isEqualTo(200);
      assertThat(SecurityTesting.issuerOf(accessToken)).isEqualTo(vnfm.uri() + "oauth2");
      assertThat(r.statusCode()).isEqualTo(200);
      assertThat(r.version()).isEqualTo(HttpClient.Version.HTTP_1_1);
    }
  }

  @Test
  void refusesAPlainHttpRequestOnTheHttpsPort() {
    URI plain = URI.create("http://127.0.0.1:" + vnfm.uri().getPort() + "/vnflcm/v2/api_versions");

    try (HttpClient http = HttpClients.create(trusting())) {
      assertThatThrownBy(() -> get(http, plain, "x")).isInstanceOf(IOException.class);
    }
  }

  @Test
  void isRefusedByAClientWithTheDefaultTrust() {
    try (HttpClient untrusting = HttpClients.create(new VnfmConfig.TlsConfig("", "", "", ""))) {
      assertThatThrownBy(() -> get(untrusting, vnfm.uri().resolve("vnflcm/v2/api_versions"), "x"))
          .isInstanceOf(SSLHandshakeException.class);
    }
  }

  @Test
  void namesTheTrustStoreButNotItsPasswordWhenItCannotBeRead() {
    VnfmConfig.TlsConfig wrong =
        new VnfmConfig.TlsConfig("", "", trustStore.toString(), "wrong-pw-91aa");

    assertThatThrownBy(() -> HttpClients.create(wrong))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining(trustStore.toString())
        .satisfies(e -> assertThat(e.getMessage()).doesNotContain("wrong-pw-91aa"));
  }

  @Test
  void refusesToStartWithAWrongKeyStorePasswordWithoutQuotingIt(@TempDir Path other) {
    VnfmConfig c =
        SecurityTesting.withHttp(
            SecurityTesting.config(other),
            new VnfmConfig.HttpConfig(
                "127.0.0.1",
                0,
                "",
                new VnfmConfig.TlsConfig(keyStore.toString(), "not-the-pw-3e3e", "", "")));

    assertThatThrownBy(() -> Vnfm.start(c))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining(keyStore.toString())
        .satisfies(e -> assertThat(e.getMessage()).doesNotContain("not-the-pw-3e3e"));
  }
}
