package org.nfpvnfm.vnfm.internal.security;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.jwk.JWK;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.OctetSequenceKey;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.jwk.gen.OctetSequenceKeyGenerator;
import com.nimbusds.jose.jwk.gen.RSAKeyGenerator;
import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** An external issuer's keys: cached, fetched again for an unknown key id, at most so often. */
class RemoteKeysTest {
  private static final Duration MIN_REFETCH = Duration.ofSeconds(10);
  private static final Duration MAX_AGE = Duration.ofHours(1);
  private static RSAKey k1;
  private static RSAKey k2;

  private WireMockServer idp;
  private Instant now = Instant.parse("2026-01-01T00:00:00Z");
  private RemoteKeys keys;

  @BeforeAll
  static void keys() throws Exception {
    k1 = new RSAKeyGenerator(2048).keyID("k1").generate();
    k2 = new RSAKeyGenerator(2048).keyID("k2").generate();
  }

  @BeforeEach
  void start() {
    idp = new WireMockServer(options().dynamicPort().bindAddress("127.0.0.1"));
    idp.start();
    Clock clock =
        new Clock() {
          @Override
          public ZoneOffset getZone() {
            return ZoneOffset.UTC;
          }

          @Override
          public Clock withZone(java.time.ZoneId zone) {
            return this;
          }

          @Override
          public Instant instant() {
            return now;
          }
        };
    keys =
        new RemoteKeys(
            SecurityTesting.HTTP, URI.create(idp.baseUrl() + "/jwks"), clock, MIN_REFETCH, MAX_AGE);
  }

  @AfterEach
  void stop() {
    idp.stop();
  }

  private void publish(JWK... published) {
    idp.stubFor(
        get(urlEqualTo("/jwks"))
            .willReturn(aResponse().withBody(new JWKSet(java.util.List.of(published)).toString())));
  }

  private static JWSHeader header(String kid) {
    return new JWSHeader.Builder(JWSAlgorithm.RS256).keyID(kid).build();
  }

  private int fetched() {
    return idp.countRequestsMatching(getRequestedFor(urlEqualTo("/jwks")).build()).getCount();
  }

  @Test
  void fetchesOnceAndKeepsTheKeys() throws Exception {
    publish(k1.toPublicJWK());

    assertThat(keys.candidates(header("k1"))).extracting(JWK::getKeyID).containsExactly("k1");
    now = now.plusSeconds(60);
    assertThat(keys.candidates(header("k1"))).hasSize(1);
    assertThat(fetched()).isEqualTo(1);
  }

  @Test
  void fetchesAgainOnceForAnUnknownKeyIdAtMostEveryMinimumInterval() throws Exception {
    publish(k1.toPublicJWK());
    assertThat(keys.candidates(header("k1"))).hasSize(1);
    publish(k1.toPublicJWK(), k2.toPublicJWK());

    now = now.plusSeconds(1);
    assertThat(keys.candidates(header("k2"))).as("too soon to fetch again").isEmpty();
    assertThat(fetched()).isEqualTo(1);

    now = now.plus(MIN_REFETCH);
    assertThat(keys.candidates(header("k2"))).extracting(JWK::getKeyID).containsExactly("k2");
    assertThat(fetched()).isEqualTo(2);

    now = now.plusSeconds(1);
    assertThat(keys.candidates(header("made-up"))).isEmpty();
    assertThat(fetched()).isEqualTo(2);
  }

  @Test
  void renewsTheKeysAfterTheirMaximumAge() throws Exception {
    publish(k1.toPublicJWK(), k2.toPublicJWK());
    assertThat(keys.candidates(header("k2"))).hasSize(1);
    publish(k1.toPublicJWK());

    now = now.plus(MAX_AGE);

    assertThat(keys.candidates(header("k2"))).as("k2 was withdrawn").isEmpty();
  }

  @Test
  void keepsTheKeysItHasWhenTheIssuerFails() throws Exception {
    publish(k1.toPublicJWK());
    assertThat(keys.candidates(header("k1"))).hasSize(1);
    idp.stubFor(get(urlEqualTo("/jwks")).willReturn(aResponse().withStatus(500)));

    now = now.plus(MAX_AGE);

    assertThat(keys.candidates(header("k1"))).hasSize(1);
    assertThat(fetched()).isEqualTo(2);
  }

  @Test
  void answers503WhenItNeverHadKeys() {
    idp.stubFor(get(urlEqualTo("/jwks")).willReturn(aResponse().withBody("not a JWK set")));

    assertThatThrownBy(() -> keys.candidates(header("k1")))
        .isInstanceOfSatisfying(TokenException.class, e -> assertThat(e.status()).isEqualTo(503));
  }

  @Test
  void usesOnlyThePublicPartsOfSignatureKeys() throws Exception {
    OctetSequenceKey hmac = new OctetSequenceKeyGenerator(256).keyID("k1").generate();
    publish(k1, hmac);

    assertThat(keys.candidates(header("k1")))
        .singleElement()
        .satisfies(
            k -> {
              assertThat(k).isInstanceOf(RSAKey.class);
              assertThat(k.isPrivate()).isFalse();
            });
    assertThat(keys.candidates(new JWSHeader.Builder(JWSAlgorithm.HS256).keyID("k1").build()))
        .isEmpty();
  }
}
