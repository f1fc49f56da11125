package org.nfpvnfm.vnfm.internal.security;

import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.jwk.JWK;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.KeyType;
import com.nimbusds.jose.jwk.KeyUse;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.text.ParseException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.locks.ReentrantLock;
import org.jspecify.annotations.Nullable;

/**
 * An external issuer's public keys, fetched from its JWK set URI and cached. A token naming a
 * {@code kid} the cache lacks makes one fetch (the issuer may have rotated its keys), at most one
 * per {@code minRefetch} so that tokens with made-up key ids cannot flood the issuer; the cache is
 * also renewed after {@code maxAge}, keeping the old keys when the issuer cannot be reached.
 */
final class RemoteKeys implements KeySource {
  private static final System.Logger LOG = System.getLogger(RemoteKeys.class.getName());

  /** A JWK set is a few kilobytes; a longer answer is not one. */
  private static final int MAX_BYTES = 512 * 1024;

  private static final Duration TIMEOUT = Duration.ofSeconds(10);

  private final HttpClient http;
  private final URI uri;
  private final Clock clock;
  private final Duration minRefetch;
  private final Duration maxAge;
  private final ReentrantLock lock = new ReentrantLock();
  private @Nullable JWKSet keys;
  private Instant fetched = Instant.MIN;
  private Instant tried = Instant.MIN;
  private int fetches;

  RemoteKeys(HttpClient http, URI uri, Clock clock, Duration minRefetch, Duration maxAge) {
    this.http = http;
    this.uri = uri;
    this.clock = clock;
    this.minRefetch = minRefetch;
    this.maxAge = maxAge;
  }

  @Override
  public List<JWK> candidates(JWSHeader header) throws TokenException {
    lock.lock();
    try {
      Instant now = clock.instant();
      JWKSet known = keys;
      if (known == null || !now.isBefore(fetched.plus(maxAge))) {
        known = refresh(now);
      }
      List<JWK> found = KeySource.select(known, header);
      if (found.isEmpty() && header.getKeyID() != null && !now.isBefore(tried.plus(minRefetch))) {
        found = KeySource.select(refresh(now), header);
      }
      return found;
    } finally {
      lock.unlock();
    }
  }

  /** How many times the keys were fetched, for tests. */
  int fetches() {
    lock.lock();
    try {
      return fetches;
    } finally {
      lock.unlock();
    }
  }

  /** The fetched keys, or the cached ones when fetching fails; 503 when there are none. */
  private JWKSet refresh(Instant now) throws TokenException {
    tried = now;
    fetches++;
    try {
      JWKSet fresh = fetch();
      keys = fresh;
      fetched = now;
      return fresh;
    } catch (IOException e) {
      LOG.log(
          System.Logger.Level.WARNING,
          "cannot fetch the token issuer's keys from "
              + uri
              + ": "
              + (e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage())
              + (keys == null ? "" : "; the keys fetched before are used"));
      if (keys == null) {
        throw TokenException.unavailable(
            "the token issuer's keys cannot be fetched now; try again later");
      }
      return keys;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw TokenException.unavailable("interrupted while fetching the token issuer's keys");
    }
  }

  private JWKSet fetch() throws IOException, InterruptedException {
    HttpResponse<byte[]> r =
        http.send(
            HttpRequest.newBuilder(uri)
                .timeout(TIMEOUT)
                .header("Accept", "application/jwk-set+json, application/json")
                .GET()
                .build(),
            HttpResponse.BodyHandlers.ofByteArray());
    if (r.statusCode() != 200) {
      throw new IOException("it answered " + r.statusCode());
    }
    if (r.body().length > MAX_BYTES) {
      throw new IOException("its answer exceeds " + MAX_BYTES + " bytes");
    }
    JWKSet set;
    try {
      set = JWKSet.parse(new String(r.body(), StandardCharsets.UTF_8));
    } catch (ParseException e) {
      throw new IOException("its answer is not a JWK set (" + e.getMessage() + ")");
    }
    // Public signature keys only: a private key published by mistake is not used as such, and
    // HMAC keys (oct) would let anyone who fetched them forge tokens.
    List<JWK> usable =
        set.getKeys().stream()
            .filter(k -> k.getKeyType() == KeyType.RSA || k.getKeyType() == KeyType.EC)
            .filter(k -> k.getKeyUse() == null || KeyUse.SIGNATURE.equals(k.getKeyUse()))
            .map(JWK::toPublicJWK)
            .toList();
    LOG.log(
        System.Logger.Level.DEBUG,
        () -> "fetched " + usable.size() + " signature key(s) of the token issuer from " + uri);
    return new JWKSet(usable);
  }
}
