package org.nfpvnfm.vnfm.internal.security;

import com.nimbusds.jose.jwk.ECKey;
import com.nimbusds.jose.jwk.JWKSet;
import jakarta.ws.rs.Priorities;
import java.net.InetAddress;
import java.net.URI;
import java.net.UnknownHostException;
import java.net.http.HttpClient;
import java.time.Clock;
import java.time.Duration;
import java.util.HashSet;
import java.util.Set;
import java.util.function.Supplier;
import org.glassfish.jersey.internal.inject.AbstractBinder;
import org.glassfish.jersey.server.ResourceConfig;
import org.jspecify.annotations.Nullable;
import org.nfpvnfm.vnfm.VnfmConfig;
import org.nfpvnfm.vnfm.internal.client.HttpClients;
import org.nfpvnfm.vnfm.internal.rest.ApiPart;

/**
 * OAuth2 on the VNFM's API ({@code security} in the configuration): when enabled, every API call
 * needs a bearer token ({@link BearerFilter}). Tokens come from the built-in issuer ({@code POST
 * /oauth2/token}, {@link TokenResource}), whose key is kept in the data folder, or, when {@code
 * security.jwksUri} is set, from an external issuer whose keys are fetched from there. See {@code
 * docs/vnfm-security.md}.
 */
public final class SecurityPart implements ApiPart {
  private static final System.Logger LOG = System.getLogger(SecurityPart.class.getName());

  /** An external issuer's keys are fetched again for an unknown key id at most this often. */
  static final Duration MIN_REFETCH = Duration.ofSeconds(10);

  /** An external issuer's keys are renewed this often, so that withdrawn keys stop working. */
  static final Duration MAX_KEY_AGE = Duration.ofHours(1);

  private final VnfmConfig config;
  private final Supplier<@Nullable URI> published;
  private final Clock clock;

  /** The client fetching an external issuer's keys, closed with the part. */
  private @Nullable HttpClient http;

  /**
   * @param published the VNFM's published URI once its server listens (null before): the built-in
   *     issuer is named after it unless {@code security.issuer} is set
   */
  public SecurityPart(VnfmConfig config, Supplier<@Nullable URI> published) {
    this(config, published, Clock.systemUTC());
  }

  SecurityPart(VnfmConfig config, Supplier<@Nullable URI> published, Clock clock) {
    this.config = config;
    this.published = published;
    this.clock = clock;
  }

  @Override
  public void register(ResourceConfig rc) {
    VnfmConfig.SecurityConfig s = config.security();
    if (!s.enabled()) {
      LOG.log(
          System.Logger.Level.WARNING,
          "security is disabled: every API call is served without a token (security.enabled)");
      return;
    }
    check(s);
    warnIfPlainHttp();
    TokenVerifier verifier;
    Set<String> open = new HashSet<>();
    if (s.jwksUri().isEmpty()) {
      ECKey key = SigningKey.loadOrCreate(config.dataDir());
      Supplier<@Nullable String> issuer = this::issuer;
      TokenIssuer tokens =
          new TokenIssuer(
              key,
              () -> {
                String i = issuer.get();
                if (i == null) {
                  throw new IllegalStateException("the VNFM's URI is not known yet");
                }
                return i;
              },
              s.audience(),
              s.tokenLifetime(),
              s.clients(),
              clock);
      JWKSet publicKeys = new JWKSet(key.toPublicJWK());
      TokenResource.PublicKeys jwks = new TokenResource.PublicKeys(publicKeys.toJSONObject(true));
      rc.register(TokenResource.class)
          .register(
              new AbstractBinder() {
                @Override
                protected void configure() {
                  bind(tokens).to(TokenIssuer.class);
                  bind(jwks).to(TokenResource.PublicKeys.class);
                }
              });
      open.add("oauth2/token");
      open.add("oauth2/jwks");
      verifier = new TokenVerifier(KeySource.of(publicKeys), issuer, s.audience(), clock);
      warnIfDefaultSecret(s);
    } else {
      HttpClient client = HttpClients.create(config.http().tls());
      http = client;
      RemoteKeys keys =
          new RemoteKeys(client, URI.create(s.jwksUri()), clock, MIN_REFETCH, MAX_KEY_AGE);
      verifier = new TokenVerifier(keys, s::issuer, s.audience(), clock);
      LOG.log(
          System.Logger.Level.INFO,
          "API calls need tokens of the issuer " + s.issuer() + " (keys at " + s.jwksUri() + ")");
    }
    if (config.metrics().enabled() && !config.metrics().requireToken()) {
      // Prometheus scrapes without a token (metrics.requireToken turns this off).
      open.add("metrics");
    }
    rc.register(new BearerFilter(verifier, Set.copyOf(open)), Priorities.AUTHENTICATION);
  }

  @Override
  public void close() {
    if (http != null) {
      http.close();
    }
  }

  /**
   * The {@code iss} of the tokens accepted: {@code security.issuer}, or the built-in issuer's URI
   * (the VNFM's published URI and {@code oauth2}); null while the server is not listening yet.
   */
  public @Nullable String issuer() {
    String configured = config.security().issuer();
    if (!configured.isEmpty()) {
      return configured;
    }
    URI base = published.get();
    if (base == null) {
      return null;
    }
    String b = base.toString();
    return b + (b.endsWith("/") ? "" : "/") + "oauth2";
  }

  private static void check(VnfmConfig.SecurityConfig s) {
    if (!s.jwksUri().isEmpty()) {
      URI jwks;
      try {
        jwks = URI.create(s.jwksUri());
      } catch (IllegalArgumentException e) {
        throw new IllegalArgumentException("security.jwksUri is not a URI: " + e.getMessage(), e);
      }
      if (!"https".equals(jwks.getScheme()) && !"http".equals(jwks.getScheme())) {
        throw new IllegalArgumentException(
            "security.jwksUri must be an http(s) URI, not " + s.jwksUri());
      }
      if (s.issuer().isEmpty()) {
        throw new IllegalArgumentException(
            "security.jwksUri names an external issuer: security.issuer must be set to the"
                + " issuer its tokens carry (iss)");
      }
      return;
    }
    if (s.tokenLifetime().isNegative() || s.tokenLifetime().isZero()) {
      throw new IllegalArgumentException(
          "security.tokenLifetime must be positive, not " + s.tokenLifetime());
    }
    Set<String> ids = new HashSet<>();
    for (VnfmConfig.SecurityConfig.Client c : s.clients()) {
      if (c.clientId().isEmpty() || !ids.add(c.clientId())) {
        throw new IllegalArgumentException(
            "security.clients: each client needs an id of its own (empty or repeated: '"
                + c.clientId()
                + "')");
      }
      if (c.clientSecret().isEmpty()) {
        throw new IllegalArgumentException(
            "security.clients: the client " + c.clientId() + " has no secret");
      }
    }
    if (ids.isEmpty()) {
      LOG.log(
          System.Logger.Level.WARNING,
          "security.clients is empty: the built-in issuer grants no token, and no API call is"
              + " served");
    }
  }

  private void warnIfDefaultSecret(VnfmConfig.SecurityConfig s) {
    var defaults = VnfmConfig.defaults(config.dataDir()).security().clients();
    for (VnfmConfig.SecurityConfig.Client c : s.clients()) {
      if (defaults.contains(c)) {
        LOG.log(
            System.Logger.Level.WARNING,
            "the client "
                + c.clientId()
                + " has the embedded default secret; set security.clients for anything but a"
                + " trial");
      }
    }
  }

  private void warnIfPlainHttp() {
    if (config.http().tls().enabled()) {
      return;
    }
    boolean loopback;
    try {
      loopback = InetAddress.getByName(config.http().host()).isLoopbackAddress();
    } catch (UnknownHostException e) {
      loopback = false;
    }
    if (!loopback) {
      LOG.log(
          System.Logger.Level.WARNING,
          "bearer tokens and client secrets travel in clear over plain HTTP on "
              + config.http().host()
              + "; configure http.tls.keyStore");
    }
  }
}
