package org.nfpvnfm.vnfm.internal.security;

import static org.assertj.core.api.Assertions.assertThat;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.PlainHeader;
import com.nimbusds.jose.crypto.MACSigner;
import com.nimbusds.jose.jwk.Curve;
import com.nimbusds.jose.jwk.ECKey;
import com.nimbusds.jose.jwk.gen.ECKeyGenerator;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.PlainJWT;
import com.nimbusds.jwt.SignedJWT;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.Date;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nfpvnfm.vnfm.ProblemDetails;
import org.nfpvnfm.vnfm.TestVnfm;
import org.nfpvnfm.vnfm.Vnfm;

/** Every API call needs a valid bearer token of the built-in issuer. */
@Tag("integration")
class BearerFilterTest {
  private static final String AUDIENCE = "https://vnfm.test/";
  private static final String INSTANCES = "/vnflcm/v2/vnf_instances";

  @TempDir static Path dir;
  private static Vnfm vnfm;
  private static String issuer;
  private static ECKey key;

  @BeforeAll
  static void start() {
    vnfm = Vnfm.start(SecurityTesting.withAudience(SecurityTesting.config(dir), AUDIENCE));
    issuer = vnfm.uri() + "oauth2";
    key = SecurityTesting.builtInKey(dir);
  }

  @AfterAll
  static void stop() {
    vnfm.close();
  }

  private TestVnfm.Reply get(String path, String authorization) {
    return new TestVnfm.Client(vnfm.uri(), "2.0.0")
        .send("GET", path, null, Map.of("Authorization", authorization));
  }

  private TestVnfm.Reply withToken(String token) {
    return new TestVnfm.Client(vnfm.uri(), "2.0.0").token(token).get(INSTANCES);
  }

  private String forged(JWTClaimsSet.Builder claims) {
    return SecurityTesting.sign(key, claims.audience(AUDIENCE).build());
  }

  private static void assertInvalidToken(TestVnfm.Reply r, String why) {
    assertThat(r.status()).isEqualTo(401);
    assertThat(r.header("Content-Type")).startsWith(ProblemDetails.MEDIA_TYPE);
    assertThat(r.json().path("detail").asText()).contains(why);
    assertThat(r.header("WWW-Authenticate"))
        .startsWith("Bearer realm=\"nfp-vnfm\", error=\"invalid_token\", error_description=\"")
        .contains(why);
  }

  @Test
  void refusesACallWithoutATokenWith401AndAChallenge() {
    TestVnfm.Reply r = new TestVnfm.Client(vnfm.uri(), "2.0.0").get(INSTANCES);

    assertThat(r.status()).isEqualTo(401);
    assertThat(r.header("Content-Type")).startsWith(ProblemDetails.MEDIA_TYPE);
    assertThat(r.json().path("status").asInt()).isEqualTo(401);
    assertThat(r.json().path("detail").asText()).contains("bearer token is required");
    assertThat(r.json().path("instance").asText()).isEqualTo(INSTANCES);
    assertThat(r.header("WWW-Authenticate")).isEqualTo("Bearer realm=\"nfp-vnfm\"");
  }

  @Test
  void authenticatesBeforeCheckingTheVersionHeader() {
    TestVnfm.Reply r = new TestVnfm.Client(vnfm.uri(), "").get(INSTANCES);

    assertThat(r.status()).isEqualTo(401);
  }

  @Test
  void guardsEveryApiAndUnknownPathsAlike() {
    for (String path :
        new String[] {
          "/vnflcm/v2/api_versions",
          "/vnfpkgm/v1/vnf_packages",
          "/vnffm/v1/alarms",
          "/vnfpm/v2/pm_jobs",
          "/no/such/path",
          "/oauth2/tokens",
          "/oauth2/token/x"
        }) {
      assertThat(new TestVnfm.Client(vnfm.uri(), "2.0.0").get(path).status())
          .as(path)
          .isEqualTo(401);
    }
  }

  @Test
  void servesACallWithAValidToken() {
    String token = SecurityTesting.token(vnfm.uri());
    TestVnfm.Client client = new TestVnfm.Client(vnfm.uri(), "2.0.0").token(token);

    assertThat(client.get("/vnflcm/v2/api_versions").status()).isEqualTo(200);
    // No LCM resources in this build yet: a 404 here is past authentication.
    assertThat(client.get(INSTANCES).status()).isNotEqualTo(401);
  }

  @Test
  void checksTheVersionHeaderAfterAValidToken() {
    String token = SecurityTesting.token(vnfm.uri());

    assertThat(new TestVnfm.Client(vnfm.uri(), "").token(token).get(INSTANCES).status())
        .isEqualTo(400);
  }

  @Test
  void takesTheSchemeNameInAnyCase() {
    String token = SecurityTesting.token(vnfm.uri());

    assertThat(get("/vnflcm/v2/api_versions", "bearer " + token).status()).isEqualTo(200);
    assertThat(get("/vnflcm/v2/api_versions", "BEARER " + token).status()).isEqualTo(200);
  }

  @Test
  void refusesAnExpiredToken() {
    Instant past = Instant.now().minus(Duration.ofMinutes(10));
    String token =
        forged(
            SecurityTesting.claims(issuer)
                .issueTime(Date.from(past))
                .expirationTime(Date.from(past.plus(Duration.ofMinutes(5)))));

    assertInvalidToken(withToken(token), "expired");
  }

  @Test
  void acceptsATokenThatExpiredWithinTheClockSkew() {
    String token =
        forged(
            SecurityTesting.claims(issuer)
                .expirationTime(Date.from(Instant.now().minus(Duration.ofSeconds(5)))));

    assertThat(get("/vnflcm/v2/api_versions", "Bearer " + token).status()).isEqualTo(200);
  }

  @Test
  void refusesATokenNotValidYet() {
    String token =
        forged(
            SecurityTesting.claims(issuer)
                .notBeforeTime(Date.from(Instant.now().plus(Duration.ofMinutes(2)))));

    assertInvalidToken(withToken(token), "not valid yet");
  }

  @Test
  void refusesATokenWithoutExpiry() {
    assertInvalidToken(
        withToken(forged(SecurityTesting.claims(issuer).expirationTime(null))), "exp");
  }

  @Test
  void refusesATokenSignedByAnotherKeyWithTheSameKeyId() throws JOSEException {
    ECKey other = new ECKeyGenerator(Curve.P_256).keyID(key.getKeyID()).generate();
    String token =
        SecurityTesting.sign(other, SecurityTesting.claims(issuer).audience(AUDIENCE).build());

    assertInvalidToken(withToken(token), "signature is not valid");
  }

  @Test
  void refusesATokenSignedByAnUnknownKey() throws JOSEException {
    ECKey other = new ECKeyGenerator(Curve.P_256).keyIDFromThumbprint(true).generate();
    String token =
        SecurityTesting.sign(other, SecurityTesting.claims(issuer).audience(AUDIENCE).build());

    assertInvalidToken(withToken(token), "key the issuer does not publish");
  }

  @Test
  void refusesATamperedToken() throws Exception {
    String[] parts = SecurityTesting.token(vnfm.uri()).split("\\.");
    String payload =
        new String(Base64.getUrlDecoder().decode(parts[1]), StandardCharsets.UTF_8)
            .replace("\"nfvo\"", "\"admin\"");
    String tampered =
        parts[0]
            + "."
            + Base64.getUrlEncoder()
                .withoutPadding()
                .encodeToString(payload.getBytes(StandardCharsets.UTF_8))
            + "."
            + parts[2];

    assertThat(SignedJWT.parse(tampered).getJWTClaimsSet().getSubject()).isEqualTo("admin");
    assertInvalidToken(withToken(tampered), "signature is not valid");
  }

  @Test
  void refusesATokenOfAnotherIssuer() {
    assertInvalidToken(
        withToken(forged(SecurityTesting.claims("https://elsewhere.example/oauth2"))),
        "not issued by " + issuer);
  }

  @Test
  void refusesATokenForAnotherAudience() {
    String token =
        SecurityTesting.sign(
            key, SecurityTesting.claims(issuer).audience("https://other-vnfm/").build());

    assertInvalidToken(withToken(token), "not meant for " + AUDIENCE);
  }

  @Test
  void refusesUnsignedAndHmacTokens() throws JOSEException {
    JWTClaimsSet claims = SecurityTesting.claims(issuer).audience(AUDIENCE).build();
    String unsigned = new PlainJWT(new PlainHeader(), claims).serialize();
    SignedJWT hmac = new SignedJWT(new JWSHeader(JWSAlgorithm.HS256), claims);
    hmac.sign(new MACSigner("a shared secret of at least 256 bits!!"));

    assertInvalidToken(withToken(unsigned), "not a signed JWT");
    assertInvalidToken(withToken(hmac.serialize()), "algorithm HS256 is not accepted");
  }

  @Test
  void refusesSomethingThatIsNotAJwt() {
    assertInvalidToken(withToken("not-a-jwt"), "not a signed JWT");
  }

  @Test
  void refusesOtherSchemesWithoutAnErrorCode() {
    TestVnfm.Reply r = get(INSTANCES, SecurityTesting.basic("nfvo", "whatever"));

    assertThat(r.status()).isEqualTo(401);
    assertThat(r.header("WWW-Authenticate")).isEqualTo("Bearer realm=\"nfp-vnfm\"");
  }
}
