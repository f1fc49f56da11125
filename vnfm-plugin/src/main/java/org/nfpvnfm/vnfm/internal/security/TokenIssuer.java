package org.nfpvnfm.vnfm.internal.security;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JOSEObjectType;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.ECDSASigner;
import com.nimbusds.jose.jwk.ECKey;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.function.Supplier;
import org.nfpvnfm.vnfm.VnfmConfig;

/**
 * The built-in issuer: authenticates clients by their configured secret and signs their access
 * tokens (JWTs with {@code iss}, {@code sub} the client id, {@code iat}, {@code exp}, {@code jti},
 * and {@code aud} when an audience is configured; RFC 9068's {@code typ at+jwt}).
 */
final class TokenIssuer {
  /** An issued token and how many seconds it is valid. */
  record Issued(String accessToken, long expiresIn) {
    @Override
    public String toString() {
      return "Issued[accessToken=****, expiresIn=" + expiresIn + "]";
    }
  }

  private final ECKey key;
  private final ECDSASigner signer;
  private final Supplier<String> issuer;
  private final String audience;
  private final Duration lifetime;
  private final Clock clock;

  /** Per client id, the SHA-256 of its secret: only digests of equal length are compared. */
  private final Map<String, byte[]> secrets = new HashMap<>();

  /** Compared against when the client id is unknown, so that answering takes the same time. */
  private final byte[] nobody = sha256(UUID.randomUUID().toString());

  TokenIssuer(
      ECKey key,
      Supplier<String> issuer,
      String audience,
      Duration lifetime,
      List<VnfmConfig.SecurityConfig.Client> clients,
      Clock clock) {
    this.key = key;
    try {
      this.signer = new ECDSASigner(key);
    } catch (JOSEException e) {
      throw new IllegalStateException("cannot sign with the token signing key", e);
    }
    this.issuer = issuer;
    this.audience = audience;
    this.lifetime = lifetime;
    this.clock = clock;
    clients.forEach(c -> secrets.put(c.clientId(), sha256(c.clientSecret())));
  }

  /**
   * The client id when {@code secret} is that client's secret; empty otherwise. The comparison
   * takes the same time whether the client exists or not and wherever the secrets differ.
   */
  Optional<String> authenticate(String clientId, String secret) {
    byte[] expected = secrets.getOrDefault(clientId, nobody);
    boolean equal = MessageDigest.isEqual(expected, sha256(secret));
    return equal && secrets.containsKey(clientId) ? Optional.of(clientId) : Optional.empty();
  }

  /** A new token for {@code clientId}. */
  Issued issue(String clientId) {
    Instant now = clock.instant();
    JWTClaimsSet.Builder claims =
        new JWTClaimsSet.Builder()
            .issuer(issuer.get())
            .subject(clientId)
            .claim("client_id", clientId)
            .issueTime(Date.from(now))
            .expirationTime(Date.from(now.plus(lifetime)))
            .jwtID(UUID.randomUUID().toString());
    if (!audience.isEmpty()) {
      claims.audience(audience);
    }
    SignedJWT jwt =
        new SignedJWT(
            new JWSHeader.Builder(JWSAlgorithm.ES256)
                .keyID(key.getKeyID())
                .type(new JOSEObjectType("at+jwt"))
                .build(),
            claims.build());
    try {
      jwt.sign(signer);
    } catch (JOSEException e) {
      throw new IllegalStateException("cannot sign a token: " + e.getMessage(), e);
    }
    return new Issued(jwt.serialize(), lifetime.toSeconds());
  }

  private static byte[] sha256(String s) {
    try {
      return MessageDigest.getInstance("SHA-256").digest(s.getBytes(StandardCharsets.UTF_8));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("the JDK has no SHA-256", e);
    }
  }
}
