package org.nfpvnfm.vnfm.internal.client;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import org.jspecify.annotations.Nullable;
import org.nfpvnfm.vnfm.VnfmConfig;
import org.nfpvnfm.vnfm.internal.rest.Json;

/**
 * How the VNFM authenticates when it calls someone else (the NFVO, a subscriber's callback, a
 * node): nothing, HTTP basic, or an OAuth2 bearer token got with the client-credentials grant (RFC
 * 6749 §4.4) and kept until shortly before it expires. Secrets are never logged, and never in an
 * exception's message.
 */
public abstract sealed class OutboundAuth {

  /** Adds the credentials to {@code request}; may fetch a token first. */
  public abstract void apply(HttpRequest.Builder request) throws IOException, InterruptedException;

  /** Forgets a cached token, after the server refused it (401), so the next call gets a new one. */
  public void invalidate() {}

  /** No credentials. */
  public static OutboundAuth none() {
    return None.INSTANCE;
  }

  /** HTTP basic with {@code user} and {@code password}. */
  public static OutboundAuth basic(String user, String password) {
    return new Basic(user, password);
  }

  /** OAuth2 client credentials against {@code tokenEndpoint}. */
  public static OutboundAuth oauth2(
      HttpClient http, URI tokenEndpoint, String clientId, String clientSecret) {
    return new ClientCredentials(http, tokenEndpoint, clientId, clientSecret);
  }

  /** The authentication a configuration names. */
  public static OutboundAuth of(VnfmConfig.ClientAuth config, HttpClient http) {
    return switch (config.type()) {
      case "none", "" -> none();
      case "basic" -> basic(config.user(), config.password());
      case "oauth2" ->
          oauth2(
              http, URI.create(config.tokenEndpoint()), config.clientId(), config.clientSecret());
      default ->
          throw new IllegalArgumentException(
              "unknown authentication type '"
                  + config.type()
                  + "' (expected none, basic or oauth2)");
    };
  }

  private static final class None extends OutboundAuth {
    static final None INSTANCE = new None();

    @Override
    public void apply(HttpRequest.Builder request) {}

    @Override
    public String toString() {
      return "none";
    }
  }

  private static final class Basic extends OutboundAuth {
    private final String header;
    private final String user;

    Basic(String user, String password) {
      this.user = user;
      this.header =
          "Basic "
              + Base64.getEncoder()
                  .encodeToString((user + ":" + password).getBytes(StandardCharsets.UTF_8));
    }

    @Override
    public void apply(HttpRequest.Builder request) {
      request.setHeader("Authorization", header);
    }

    @Override
    public String toString() {
      return "basic (user " + user + ")";
    }
  }

  private static final class ClientCredentials extends OutboundAuth {
    /** A token is renewed this long before it expires, so a request never carries a stale one. */
    private static final Duration MARGIN = Duration.ofSeconds(30);

    private final HttpClient http;
    private final URI endpoint;
    private final String clientId;
    private final String clientSecret;
    private @Nullable String token;
    private Instant expires = Instant.MIN;

    ClientCredentials(HttpClient http, URI endpoint, String clientId, String clientSecret) {
      this.http = http;
      this.endpoint = endpoint;
      this.clientId = clientId;
      this.clientSecret = clientSecret;
    }

    @Override
    public synchronized void apply(HttpRequest.Builder request)
        throws IOException, InterruptedException {
      if (token == null || Instant.now().isAfter(expires.minus(MARGIN))) {
        fetch();
      }
      request.setHeader("Authorization", "Bearer " + token);
    }

    @Override
    public synchronized void invalidate() {
      token = null;
    }

    private void fetch() throws IOException, InterruptedException {
      String form =
          "grant_type=client_credentials&client_id="
              + URLEncoder.encode(clientId, StandardCharsets.UTF_8)
              + "&client_secret="
              + URLEncoder.encode(clientSecret, StandardCharsets.UTF_8);
      HttpRequest req =
          HttpRequest.newBuilder(endpoint)
              .timeout(Duration.ofSeconds(10))
              .header("Content-Type", "application/x-www-form-urlencoded")
              .header("Accept", "application/json")
              .POST(HttpRequest.BodyPublishers.ofString(form))
              .build();
      HttpResponse<String> resp = http.send(req, HttpResponse.BodyHandlers.ofString());
      if (resp.statusCode() != 200) {
        throw new IOException(
            "the token endpoint "
                + endpoint
                + " answered "
                + resp.statusCode()
                + " for client "
                + clientId);
      }
      JsonNode body = Json.MAPPER.readTree(resp.body());
      JsonNode access = body.get("access_token");
      if (access == null || !access.isTextual()) {
        throw new IOException("the token endpoint " + endpoint + " sent no access_token");
      }
      token = access.asText();
      long seconds = body.path("expires_in").asLong(300);
      expires = Instant.now().plusSeconds(seconds);
    }

    @Override
    public String toString() {
      return "oauth2 client credentials (client " + clientId + " at " + endpoint + ")";
    }
  }
}
