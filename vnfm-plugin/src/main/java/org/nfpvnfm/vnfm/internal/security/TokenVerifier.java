package org.nfpvnfm.vnfm.internal.security;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.JWSVerifier;
import com.nimbusds.jose.crypto.factories.DefaultJWSVerifierFactory;
import com.nimbusds.jose.jwk.AsymmetricJWK;
import com.nimbusds.jose.jwk.JWK;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import java.text.ParseException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.List;
import java.util.Set;
import java.util.function.Supplier;
import org.jspecify.annotations.Nullable;

/**
 * Checks a bearer token (a signed JWT): an asymmetric algorithm, a signature by one of the issuer's
 * keys, {@code iss} the expected issuer, {@code exp} in the future and {@code nbf} not (both with
 * {@link #CLOCK_SKEW}), and {@code aud} containing the audience when one is configured. HMAC and
 * unsigned tokens are refused: the keys are public, so a shared-secret algorithm would let anyone
 * who reads them sign.
 */
final class TokenVerifier {
  /** How far the issuer's clock and this VNFM's may disagree. */
  static final Duration CLOCK_SKEW = Duration.ofSeconds(30);

  /** Tokens are a few hundred bytes; a much longer header is not parsed. */
  private static final int MAX_LENGTH = 16 * 1024;

  private static final Set<JWSAlgorithm> ACCEPTED =
      Set.of(
          JWSAlgorithm.RS256,
          JWSAlgorithm.RS384,
          JWSAlgorithm.RS512,
          JWSAlgorithm.PS256,
          JWSAlgorithm.PS384,
          JWSAlgorithm.PS512,
          JWSAlgorithm.ES256,
          JWSAlgorithm.ES384,
          JWSAlgorithm.ES512);

  /** Who a valid token was issued to. */
  record Caller(String subject, Instant expires) {}

  private final KeySource keys;
  private final Supplier<@Nullable String> issuer;
  private final String audience;
  private final Clock clock;
  private final DefaultJWSVerifierFactory verifiers = new DefaultJWSVerifierFactory();

  /**
   * @param issuer the {@code iss} tokens must have; null while it is not known yet (the built-in
   *     issuer's URI before the server listens)
   * @param audience the audience tokens must name; empty: any
   */
  TokenVerifier(KeySource keys, Supplier<@Nullable String> issuer, String audience, Clock clock) {
    this.keys = keys;
    this.issuer = issuer;
    this.audience = audience;
    this.clock = clock;
  }

  Caller verify(String token) throws TokenException {
    if (token.length() > MAX_LENGTH) {
      throw TokenException.invalid("the token is longer than " + MAX_LENGTH + " characters");
    }
    SignedJWT jwt;
    JWTClaimsSet claims;
    try {
      jwt = SignedJWT.parse(token);
      claims = jwt.getJWTClaimsSet();
    } catch (ParseException e) {
      // The parser's message may quote the token; it is not passed on.
      throw TokenException.invalid("the token is not a signed JWT");
    }
    JWSHeader header = jwt.getHeader();
    if (!ACCEPTED.contains(header.getAlgorithm())) {
      throw TokenException.invalid(
          "the token's algorithm "
              + header.getAlgorithm().getName()
              + " is not accepted (RSA or EC signatures only)");
    }
    checkSignature(jwt, keys.candidates(header));
    String expected = issuer.get();
    if (expected == null) {
      throw TokenException.unavailable("the VNFM is starting; try again");
    }
    if (!expected.equals(claims.getIssuer())) {
      throw TokenException.invalid("the token was not issued by " + expected);
    }
    Instant now = clock.instant();
    Date exp = claims.getExpirationTime();
    if (exp == null) {
      throw TokenException.invalid("the token has no expiry (exp)");
    }
    if (!now.isBefore(exp.toInstant().plus(CLOCK_SKEW))) {
      throw TokenException.invalid("the token has expired");
    }
    Date nbf = claims.getNotBeforeTime();
    if (nbf != null && now.plus(CLOCK_SKEW).isBefore(nbf.toInstant())) {
      throw TokenException.invalid("the token is not valid yet (nbf)");
    }
    if (!audience.isEmpty() && !claims.getAudience().contains(audience)) {
      throw TokenException.invalid("the token is not meant for " + audience + " (aud)");
    }
    String subject = claims.getSubject();
    return new Caller(subject == null ? "" : subject, exp.toInstant());
  }

  private void checkSignature(SignedJWT jwt, List<JWK> candidates) throws TokenException {
    if (candidates.isEmpty()) {
      throw TokenException.invalid("the token is signed with a key the issuer does not publish");
    }
    for (JWK k : candidates) {
      try {
        if (k instanceof AsymmetricJWK a) {
          JWSVerifier v = verifiers.createJWSVerifier(jwt.getHeader(), a.toPublicKey());
          if (jwt.verify(v)) {
            return;
          }
        }
      } catch (JOSEException e) {
        // A key of the wrong kind for the algorithm: not the one.
      }
    }
    throw TokenException.invalid("the token's signature is not valid");
  }
}
