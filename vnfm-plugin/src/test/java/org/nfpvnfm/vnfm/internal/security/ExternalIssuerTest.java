package org.nfpvnfm.vnfm.internal.security;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;
import static org.assertj.core.api.Assertions.assertThat;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.jwk.gen.RSAKeyGenerator;
import java.net.ServerSocket;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nfpvnfm.vnfm.TestVnfm;
import org.nfpvnfm.vnfm.Vnfm;
import org.nfpvnfm.vnfm.VnfmConfig;

/**
 * An external issuer (WireMock stands in for it, publishing a JWK set): the VNFM accepts the tokens
 * that issuer signs and refuses others.
 */
@Tag("integration")
class ExternalIssuerTest {
  private static final String ISSUER = "https://idp.example/realms/nfv";

  @TempDir static Path dir;
  private static WireMockServer idp;
  private static RSAKey key;
  private static Vnfm vnfm;

  @BeforeAll
  static void start() throws Exception {
    key = new RSAKeyGenerator(2048).keyIDFromThumbprint(true).generate();
    idp = new WireMockServer(options().dynamicPort().bindAddress("127.0.0.1"));
    idp.start();
    idp.stubFor(
        get(urlEqualTo("/jwks"))
            .willReturn(
                aResponse()
                    .withHeader("Content-Type", "application/jwk-set+json")
                    .withBody(new JWKSet(key.toPublicJWK()).toString())));
    vnfm = Vnfm.start(external(SecurityTesting.config(dir), idp.baseUrl() + "/jwks"));
  }

  @AfterAll
  static void stop() {
    vnfm.close();
    idp.stop();
  }

  private static VnfmConfig external(VnfmConfig c, String jwksUri) {
    return SecurityTesting.withSecurity(
        c,
        new VnfmConfig.SecurityConfig(
            true, ISSUER, jwksUri, "", List.of(), c.security().tokenLifetime()));
  }

  private static int status(Vnfm v, String token) {
    return new TestVnfm.Client(v.uri(), "").token(token).get("/vnflcm/v2/api_versions").status();
  }

  @Test
  void acceptsATokenSignedWithThePublishedKey() {
    assertThat(status(vnfm, SecurityTesting.sign(key, SecurityTesting.claims(ISSUER).build())))
        .isEqualTo(200);
  }

  @Test
  void refusesATokenSignedWithAnotherKey() throws Exception {
    RSAKey other = new RSAKeyGenerator(2048).keyIDFromThumbprint(true).generate();

    TestVnfm.Reply r =
        new TestVnfm.Client(vnfm.uri(), "")
            .token(SecurityTesting.sign(other, SecurityTesting.claims(ISSUER).build()))
            .get("/vnflcm/v2/api_versions");

    assertThat(r.status()).isEqualTo(401);
    assertThat(r.header("WWW-Authenticate")).contains("error=\"invalid_token\"");
  }

  @Test
  void refusesATokenOfAnotherIssuerSignedWithThePublishedKey() {
    assertThat(
            status(
                vnfm,
                SecurityTesting.sign(key, SecurityTesting.claims(vnfm.uri() + "oauth2").build())))
        .isEqualTo(401);
  }

  @Test
  void servesNoBuiltInTokenEndpoint() {
    SecurityTesting.Answer a =
        SecurityTesting.tokenRequest(
            vnfm.uri(),
            "grant_type=client_credentials",
            Map.of("Authorization", SecurityTesting.basic("nfvo", "nfvo-secret")));

    assertThat(a.status()).isEqualTo(401);
    assertThat(a.json().has("access_token")).isFalse();
  }

  @Test
  void answers503WhileTheIssuersKeysCannotBeFetched(@TempDir Path other) throws Exception {
    int closed;
    try (ServerSocket s = new ServerSocket(0)) {
      closed = s.getLocalPort();
    }
    try (Vnfm cut =
        Vnfm.start(
            external(SecurityTesting.config(other), "http://127.0.0.1:" + closed + "/jwks"))) {
      TestVnfm.Reply r =
          new TestVnfm.Client(cut.uri(), "")
              .token(SecurityTesting.sign(key, SecurityTesting.claims(ISSUER).build()))
              .get("/vnflcm/v2/api_versions");

      assertThat(r.status()).isEqualTo(503);
      assertThat(r.json().path("detail").asText()).contains("keys cannot be fetched");
    }
  }
}
