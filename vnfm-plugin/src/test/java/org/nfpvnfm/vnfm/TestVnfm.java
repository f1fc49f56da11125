package org.nfpvnfm.vnfm;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.jspecify.annotations.Nullable;
import org.nfpvnfm.vnfm.internal.rest.Json;

/**
 * Test support: VNFM configurations for tests (a free port, a temporary data folder, no local node,
 * no security unless asked) and a small HTTP client that speaks the VNFM's API.
 */
public final class TestVnfm {
  private TestVnfm() {}

  /** The embedded defaults, on a free loopback port, in {@code dir}, without a node or security. */
  public static VnfmConfig config(Path dir) {
    VnfmConfig d = VnfmConfig.defaults(dir);
    return new VnfmConfig(
        dir,
        new VnfmConfig.HttpConfig("127.0.0.1", 0, "", d.http().tls()),
        d.database(),
        new VnfmConfig.SecurityConfig(
            false, "", "", "", d.security().clients(), d.security().tokenLifetime()),
        d.nfvo(),
        new VnfmConfig.NodesConfig(
            new VnfmConfig.LocalNodeConfig(false, "", "", 2, d.nodes().local().eal()), Map.of()),
        new VnfmConfig.NotificationConfig(
            5, Duration.ofMillis(50), Duration.ofMillis(400), Duration.ofSeconds(5)));
  }

  /** A response: status, headers and the body parsed as JSON (a missing node when empty). */
  public record Reply(int status, HttpResponse<String> raw, JsonNode json) {
    public @Nullable String header(String name) {
      return raw.headers().firstValue(name).orElse(null);
    }

    public String body() {
      return raw.body();
    }
  }

  /** A client of one VNFM: every request carries {@code Version} and, when set, a bearer token. */
  public static final class Client {
    private final HttpClient http =
        HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private final URI base;
    private final String version;
    private @Nullable String token;

    public Client(URI base, String version) {
      this.base = base;
      this.version = version;
    }

    public Client token(@Nullable String bearer) {
      this.token = bearer;
      return this;
    }

    public Reply get(String path) {
      return send("GET", path, null, Map.of());
    }

    public Reply post(String path, @Nullable Object body) {
      return send("POST", path, body, Map.of());
    }

    public Reply patch(String path, Object body) {
      return send("PATCH", path, body, Map.of("Content-Type", "application/merge-patch+json"));
    }

    public Reply delete(String path) {
      return send("DELETE", path, null, Map.of());
    }

    /**
     * Sends a request; {@code body} is JSON text when a String, else serialised. Headers given
     * override the defaults (an empty value removes one).
     */
    public Reply send(
        String method, String path, @Nullable Object body, Map<String, String> headers) {
      try {
        HttpRequest.Builder b =
            HttpRequest.newBuilder(base.resolve(path.startsWith("/") ? path.substring(1) : path))
                .timeout(Duration.ofSeconds(30));
        String json =
            body == null
                ? null
                : body instanceof String s ? s : Json.MAPPER.writeValueAsString(body);
        b.method(
            method,
            json == null
                ? HttpRequest.BodyPublishers.noBody()
                : HttpRequest.BodyPublishers.ofString(json));
        b.header("Accept", "application/json");
        if (json != null) {
          b.header("Content-Type", "application/json");
        }
        if (!version.isEmpty()) {
          b.header("Version", version);
        }
        if (token != null) {
          b.header("Authorization", "Bearer " + token);
        }
        headers.forEach(
            (k, v) -> {
              if (!v.isEmpty()) {
                b.setHeader(k, v);
              }
            });
        HttpResponse<String> r = http.send(b.build(), HttpResponse.BodyHandlers.ofString());
        JsonNode node =
            r.body().isEmpty()
                ? com.fasterxml.jackson.databind.node.MissingNode.getInstance()
                : Json.MAPPER.readTree(r.body());
        return new Reply(r.statusCode(), r, node);
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new IllegalStateException(e);
      }
    }
  }
}
