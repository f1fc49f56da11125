package org.nfpvnfm.vnfm.internal.security;

import com.fasterxml.jackson.databind.JsonNode;
import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JOSEObjectType;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.JWSSigner;
import com.nimbusds.jose.crypto.ECDSASigner;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jose.jwk.ECKey;
import com.nimbusds.jose.jwk.JWK;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.text.ParseException;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.Date;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Collectors;
import org.jspecify.annotations.Nullable;
import org.nfpvnfm.vnfm.TestVnfm;
import org.nfpvnfm.vnfm.VnfmConfig;
import org.nfpvnfm.vnfm.internal.rest.Json;

/** Test support: VNFM configurations with security on, token requests, and forged tokens. */
final class SecurityTesting {
  private SecurityTesting() {}

  static final String CLIENT = "nfvo";
  static final String SECRET = "s3cret-of-the-nfvo-7f1c";

  /** A client whose secret needs form-encoding inside HTTP basic (RFC 6749 §2.3.1). */
  static final String ODD_CLIENT = "odd client";

  static final String ODD_SECRET = "p@ss:w+rd/%&=";

  static final Duration LIFETIME = Duration.ofMinutes(10);

  /** The tests' plain-HTTP client. */
  static final HttpClient HTTP = HttpClient.newHttpClient();

  /** The built-in issuer, security on, two clients, a 10-minute lifetime, no audience. */
  static VnfmConfig config(Path dir) {
    return withSecurity(
        TestVnfm.config(dir),
        new VnfmConfig.SecurityConfig(
            true,
            "",
            "",
            "",
            List.of(
                new VnfmConfig.SecurityConfig.Client(CLIENT, SECRET),
                new VnfmConfig.SecurityConfig.Client(ODD_CLIENT, ODD_SECRET)),
            LIFETIME));
  }

  static VnfmConfig withSecurity(VnfmConfig c, VnfmConfig.SecurityConfig s) {
    return new VnfmConfig(
        c.dataDir(), c.http(), c.database(), s, c.nfvo(), c.nodes(), c.notifications());
  }

  static VnfmConfig withAudience(VnfmConfig c, String audience) {
    VnfmConfig.SecurityConfig s = c.security();
    return withSecurity(
        c,
        new VnfmConfig.SecurityConfig(
            s.enabled(), s.issuer(), s.jwksUri(), audience, s.clients(), s.tokenLifetime()));
  }

  static VnfmConfig withHttp(VnfmConfig c, VnfmConfig.HttpConfig http) {
    return new VnfmConfig(
        c.dataDir(), http, c.database(), c.security(), c.nfvo(), c.nodes(), c.notifications());
  }

  /** A raw HTTP exchange's outcome. */
  record Answer(int status, HttpResponse<String> raw, JsonNode json) {
    @Nullable String header(String name) {
      return raw.headers().firstValue(name).orElse(null);
    }
  }

  static String basic(String id, String secret) {
    return "Basic "
        + Base64.getEncoder().encodeToString((id + ":" + secret).getBytes(StandardCharsets.UTF_8));
  }

  static String form(Map<String, String> params) {
    return params.entrySet().stream()
        .map(
            e ->
                URLEncoder.encode(e.getKey(), StandardCharsets.UTF_8)
                    + "="
                    + URLEncoder.encode(e.getValue(), StandardCharsets.UTF_8))
        .collect(Collectors.joining("&"));
  }

  /** {@code POST /oauth2/token} with {@code body} as a form and the given headers. */
  static Answer tokenRequest(HttpClient http, URI base, String body, Map<String, String> headers) {
    HttpRequest.Builder b =
        HttpRequest.newBuilder(base.resolve("oauth2/token"))
            .timeout(Duration.ofSeconds(10))
            .header("Content-Type", "application/x-www-form-urlencoded")
            .POST(HttpRequest.BodyPublishers.ofString(body));
    headers.forEach(b::setHeader);
    return send(http, b.build());
  }

  static Answer tokenRequest(URI base, String body, Map<String, String> headers) {
    return tokenRequest(HTTP, base, body, headers);
  }

  /** A token of the built-in issuer for {@link #CLIENT}, by HTTP basic. */
  static String token(URI base) {
    Answer a =
        tokenRequest(
            base, "grant_type=client_credentials", Map.of("Authorization", basic(CLIENT, SECRET)));
    if (a.status() != 200) {
      throw new AssertionError("no token: " + a.status() + " " + a.raw().body());
    }
    return a.json().path("access_token").asText();
  }

  static Answer send(HttpClient http, HttpRequest request) {
    try {
      HttpResponse<String> r = http.send(request, HttpResponse.BodyHandlers.ofString());
      JsonNode json =
          r.body().isEmpty()
              ? com.fasterxml.jackson.databind.node.MissingNode.getInstance()
              : Json.MAPPER.readTree(r.body());
      return new Answer(r.statusCode(), r, json);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  /** The built-in issuer's private key, read from the data folder as the VNFM keeps it. */
  static ECKey builtInKey(Path dataDir) {
    try {
      return ECKey.parse(Files.readString(dataDir.resolve(SigningKey.FILE)));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (ParseException e) {
      throw new IllegalStateException(e);
    }
  }

  /** Claims as the built-in issuer writes them: issued now, valid for 5 minutes. */
  static JWTClaimsSet.Builder claims(String issuer) {
    Instant now = Instant.now();
    return new JWTClaimsSet.Builder()
        .issuer(issuer)
        .subject(CLIENT)
        .issueTime(Date.from(now))
        .expirationTime(Date.from(now.plus(Duration.ofMinutes(5))))
        .jwtID(UUID.randomUUID().toString());
  }

  static String issuerOf(String token) {
    try {
      return SignedJWT.parse(token).getJWTClaimsSet().getIssuer();
    } catch (ParseException e) {
      throw new IllegalStateException(e);
    }
  }

  /** {@code claims} signed with {@code key} (EC: ES256, RSA: RS256), naming its key id. */
  static String sign(JWK key, JWTClaimsSet claims) {
    try {
      JWSAlgorithm alg;
      JWSSigner signer;
      if (key instanceof ECKey ec) {
        alg = JWSAlgorithm.ES256;
        signer = new ECDSASigner(ec);
      } else {
        alg = JWSAlgorithm.RS256;
        signer = new RSASSASigner((RSAKey) key);
      }
      SignedJWT jwt =
          new SignedJWT(
              new JWSHeader.Builder(alg)
                  .keyID(key.getKeyID())
                  .type(new JOSEObjectType("at+jwt"))
                  .build(),
              claims);
      jwt.sign(signer);
      return jwt.serialize();
    } catch (JOSEException e) {
      throw new IllegalStateException(e);
    }
  }
}
