package org.nfpvnfm.vnfm.internal.security;

import static org.assertj.core.api.Assertions.assertThat;
import static org.nfpvnfm.vnfm.internal.security.SecurityTesting.CLIENT;
import static org.nfpvnfm.vnfm.internal.security.SecurityTesting.ODD_CLIENT;
import static org.nfpvnfm.vnfm.internal.security.SecurityTesting.ODD_SECRET;
import static org.nfpvnfm.vnfm.internal.security.SecurityTesting.SECRET;
import static org.nfpvnfm.vnfm.internal.security.SecurityTesting.basic;
import static org.nfpvnfm.vnfm.internal.security.SecurityTesting.form;
import static org.nfpvnfm.vnfm.internal.security.SecurityTesting.tokenRequest;

import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.crypto.ECDSAVerifier;
import com.nimbusds.jose.jwk.ECKey;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpRequest;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nfpvnfm.vnfm.Vnfm;
import org.nfpvnfm.vnfm.internal.security.SecurityTesting.Answer;

/** The built-in issuer's {@code POST /oauth2/token} and {@code GET /oauth2/jwks}, over HTTP. */
@Tag("integration")
class TokenEndpointTest {
  private static final String AUDIENCE = "https://vnfm.test/";

  @TempDir static Path dir;
  private static Vnfm vnfm;
  private static URI base;

  @BeforeAll
  static void start() {
    vnfm = Vnfm.start(SecurityTesting.withAudience(SecurityTesting.config(dir), AUDIENCE));
    base = vnfm.uri();
  }

  @AfterAll
  static void stop() {
    vnfm.close();
  }

  private Answer withBasic(String id, String secret, String body) {
    return tokenRequest(base, body, Map.of("Authorization", basic(id, secret)));
  }

  @Test
  void issuesATokenToAClientAuthenticatedWithHttpBasic() throws Exception {
    Answer a = withBasic(CLIENT, SECRET, "grant_type=client_credentials");

    assertThat(a.status()).isEqualTo(200);
    assertThat(a.header("Content-Type")).startsWith("application/json");
    assertThat(a.header("Cache-Control")).isEqualTo("no-store");
    assertThat(a.json().path("token_type").asText()).isEqualTo("Bearer");
    assertThat(a.json().path("expires_in").asLong())
        .isEqualTo(SecurityTesting.LIFETIME.toSeconds());
    SignedJWT jwt = SignedJWT.parse(a.json().path("access_token").asText());
    JWTClaimsSet claims = jwt.getJWTClaimsSet();
    assertThat(jwt.getHeader().getAlgorithm()).isEqualTo(JWSAlgorithm.ES256);
    assertThat(claims.getIssuer()).isEqualTo(base + "oauth2");
    assertThat(claims.getSubject()).isEqualTo(CLIENT);
    assertThat(claims.getAudience()).containsExactly(AUDIENCE);
    assertThat(claims.getJWTID()).isNotBlank();
    assertThat(claims.getExpirationTime().getTime() - claims.getIssueTime().getTime())
        .isEqualTo(SecurityTesting.LIFETIME.toMillis());
  }

  @Test
  void issuesATokenToAClientAuthenticatedWithFormFields() throws Exception {
    Answer a =
        tokenRequest(
            base,
            form(
                Map.of(
                    "grant_type", "client_credentials",
                    "client_id", CLIENT,
                    "client_secret", SECRET)),
            Map.of());

    assertThat(a.status()).isEqualTo(200);
    assertThat(
            SignedJWT.parse(a.json().path("access_token").asText()).getJWTClaimsSet().getSubject())
        .isEqualTo(CLIENT);
  }

  @Test
  void decodesFormEncodedHttpBasicCredentials() throws Exception {
    Answer a =
        withBasic(
            URLEncoder.encode(ODD_CLIENT, StandardCharsets.UTF_8),
            URLEncoder.encode(ODD_SECRET, StandardCharsets.UTF_8),
            "grant_type=client_credentials");

    assertThat(a.status()).isEqualTo(200);
    assertThat(
            SignedJWT.parse(a.json().path("access_token").asText()).getJWTClaimsSet().getSubject())
        .isEqualTo(ODD_CLIENT);
  }

  @Test
  void givesEachTokenItsOwnId() throws Exception {
    String first =
        withBasic(CLIENT, SECRET, "grant_type=client_credentials")
            .json()
            .path("access_token")
            .asText();
    String second =
        withBasic(CLIENT, SECRET, "grant_type=client_credentials")
            .json()
            .path("access_token")
            .asText();

    assertThat(SignedJWT.parse(first).getJWTClaimsSet().getJWTID())
        .isNotEqualTo(SignedJWT.parse(second).getJWTClaimsSet().getJWTID());
  }

  @Test
  void signsTokensWithTheKeyItPublishes() throws Exception {
    Answer keys =
        SecurityTesting.send(
            SecurityTesting.HTTP,
            HttpRequest.newBuilder(base.resolve("oauth2/jwks")).GET().build());
    JWKSet set = JWKSet.parse(keys.raw().body());
    SignedJWT jwt =
        SignedJWT.parse(
            withBasic(CLIENT, SECRET, "grant_type=client_credentials")
                .json()
                .path("access_token")
                .asText());

    assertThat(keys.status()).isEqualTo(200);
    assertThat(set.getKeys()).hasSize(1);
    ECKey key = (ECKey) set.getKeys().getFirst();
    assertThat(key.isPrivate()).as("the published key has no private part").isFalse();
    assertThat(keys.raw().body()).doesNotContain("\"d\"");
    assertThat(key.getKeyID()).isEqualTo(jwt.getHeader().getKeyID());
    assertThat(jwt.verify(new ECDSAVerifier(key))).isTrue();
  }

  @Test
  void refusesAWrongSecretWith401InvalidClient() {
    Answer a = withBasic(CLIENT, "not-the-secret", "grant_type=client_credentials");

    assertThat(a.status()).isEqualTo(401);
    assertThat(a.json().path("error").asText()).isEqualTo("invalid_client");
    assertThat(a.json().path("error_description").asText()).isNotBlank();
    assertThat(a.header("WWW-Authenticate")).isEqualTo("Basic realm=\"nfp-vnfm\"");
    assertThat(a.raw().body()).doesNotContain("not-the-secret");
  }

  @Test
  void refusesAWrongSecretInTheFormWith401InvalidClient() {
    Answer a =
        tokenRequest(
            base,
            form(
                Map.of(
                    "grant_type",
                    "client_credentials",
                    "client_id",
                    CLIENT,
                    "client_secret",
                    SECRET + "x")),
            Map.of());

    assertThat(a.status()).isEqualTo(401);
    assertThat(a.json().path("error").asText()).isEqualTo("invalid_client");
    assertThat(a.header("WWW-Authenticate")).startsWith("Basic");
  }

  @Test
  void refusesAnUnknownClientLikeAWrongSecret() {
    Answer unknown = withBasic("nobody", SECRET, "grant_type=client_credentials");
    Answer wrong = withBasic(CLIENT, "wrong", "grant_type=client_credentials");

    assertThat(unknown.status()).isEqualTo(401);
    assertThat(unknown.json()).isEqualTo(wrong.json());
  }

  @Test
  void refusesARequestWithoutClientCredentials() {
    Answer a = tokenRequest(base, "grant_type=client_credentials", Map.of());

    assertThat(a.status()).isEqualTo(401);
    assertThat(a.json().path("error").asText()).isEqualTo("invalid_client");
  }

  @Test
  void refusesAnUnsupportedGrantTypeWith400() {
    Answer a = withBasic(CLIENT, SECRET, "grant_type=password&username=u&password=p");

    assertThat(a.status()).isEqualTo(400);
    assertThat(a.json().path("error").asText()).isEqualTo("unsupported_grant_type");
    assertThat(a.json().path("error_description").asText()).contains("'password'");
  }

  @Test
  void refusesAMissingGrantTypeWith400InvalidRequest() {
    Answer a = withBasic(CLIENT, SECRET, "scope=all");

    assertThat(a.status()).isEqualTo(400);
    assertThat(a.json().path("error").asText()).isEqualTo("invalid_request");
    assertThat(a.json().path("error_description").asText()).contains("grant_type");
  }

  @Test
  void refusesARepeatedParameter() {
    Answer a =
        withBasic(CLIENT, SECRET, "grant_type=client_credentials&grant_type=client_credentials");

    assertThat(a.status()).isEqualTo(400);
    assertThat(a.json().path("error").asText()).isEqualTo("invalid_request");
  }

  @Test
  void refusesTwoAuthenticationMethodsAtOnce() {
    Answer a =
        withBasic(
            CLIENT,
            SECRET,
            form(Map.of("grant_type", "client_credentials", "client_secret", SECRET)));

    assertThat(a.status()).isEqualTo(400);
    assertThat(a.json().path("error").asText()).isEqualTo("invalid_request");
  }

  @Test
  void refusesABodyThatIsNotAForm() {
    Answer a =
        tokenRequest(
            base,
            "{\"grant_type\":\"client_credentials\"}",
            Map.of("Content-Type", "application/json", "Authorization", basic(CLIENT, SECRET)));

    assertThat(a.status()).isEqualTo(400);
    assertThat(a.json().path("error").asText()).isEqualTo("invalid_request");
    assertThat(a.json().path("error_description").asText())
        .contains("application/x-www-form-urlencoded");
  }

  @Test
  void needsNoVersionHeaderAndNoToken() {
    Answer a = withBasic(CLIENT, SECRET, "grant_type=client_credentials");

    assertThat(a.status()).isEqualTo(200);
    assertThat(a.header("Version")).isNull();
  }
}
