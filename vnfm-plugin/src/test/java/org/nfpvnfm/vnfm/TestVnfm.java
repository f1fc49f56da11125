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
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
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

  /**
   * Onboards the package in {@code folder} (zipped here) through {@code /vnfpkgm/v1} and waits
   * (bounded) until it is ONBOARDED; returns its vnfdId.
   */
  public static String onboard(URI base, @Nullable String token, Path folder) {
    try {
      Client pkgm = new Client(base, "2.6.1").token(token);
      String id = pkgm.post("/vnfpkgm/v1/vnf_packages", "{}").json().path("id").asText();
      java.io.ByteArrayOutputStream bytes = new java.io.ByteArrayOutputStream();
      try (java.util.zip.ZipOutputStream z = new java.util.zip.ZipOutputStream(bytes);
          java.util.stream.Stream<Path> files = java.nio.file.Files.walk(folder)) {
        for (Path f : files.filter(java.nio.file.Files::isRegularFile).sorted().toList()) {
          z.putNextEntry(new java.util.zip.ZipEntry(folder.relativize(f).toString()));
          z.write(java.nio.file.Files.readAllBytes(f));
          z.closeEntry();
        }
      }
      HttpRequest.Builder put =
          HttpRequest.newBuilder(base.resolve("vnfpkgm/v1/vnf_packages/" + id + "/package_content"))
              .header("Version", "2.6.1")
              .header("Content-Type", "application/zip")
              .PUT(HttpRequest.BodyPublishers.ofByteArray(bytes.toByteArray()));
      if (token != null) {
        put.header("Authorization", "Bearer " + token);
      }
      HttpResponse<String> r =
          HttpClient.newHttpClient().send(put.build(), HttpResponse.BodyHandlers.ofString());
      if (r.statusCode() != 202) {
        throw new IllegalStateException("upload answered " + r.statusCode() + ": " + r.body());
      }
      java.time.Instant deadline = java.time.Instant.now().plusSeconds(30);
      while (java.time.Instant.now().isBefore(deadline)) {
        JsonNode p = pkgm.get("/vnfpkgm/v1/vnf_packages/" + id).json();
        String state = p.path("onboardingState").asText();
        if (state.equals("ONBOARDED")) {
          return p.path("vnfdId").asText();
        }
        if (state.equals("ERROR")) {
          throw new IllegalStateException(
              "onboarding failed: " + p.path("onboardingFailureDetails"));
        }
        Thread.sleep(20);
      }
      throw new IllegalStateException("onboarding " + folder + " did not finish in 30 s");
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  /** A bearer token from the built-in issuer of the VNFM at {@code base} (client credentials). */
  public static String token(URI base, String clientId, String clientSecret) {
    try {
      HttpRequest req =
          HttpRequest.newBuilder(base.resolve("oauth2/token"))
              .header("Content-Type", "application/x-www-form-urlencoded")
              .POST(
                  HttpRequest.BodyPublishers.ofString(
                      "grant_type=client_credentials&client_id="
                          + clientId
                          + "&client_secret="
                          + clientSecret))
              .build();
      HttpResponse<String> r =
          HttpClient.newHttpClient().send(req, HttpResponse.BodyHandlers.ofString());
      if (r.statusCode() != 200) {
        throw new IllegalStateException(
            "the token endpoint answered " + r.statusCode() + ": " + r.body());
      }
      return Json.MAPPER.readTree(r.body()).path("access_token").asText();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
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

  /**
   * One request a {@link Client} sent and the reply it got, for a listener that checks every
   * exchange (e.g. {@code Sol003Contract::assertValid}).
   *
   * @param method the HTTP method
   * @param uri the absolute URI requested, with its query
   * @param requestHeaders the headers the client set (not those the HTTP stack adds)
   * @param requestBody the JSON text sent, or null when none
   * @param reply what came back
   */
  public record Exchange(
      String method,
      URI uri,
      Map<String, List<String>> requestHeaders,
      @Nullable String requestBody,
      Reply reply) {}

  /** A client of one VNFM: every request carries {@code Version} and, when set, a bearer token. */
  public static final class Client {
    private final HttpClient http =
        HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private final URI base;
    private final String version;
    private @Nullable String token;
    private @Nullable Consumer<Exchange> listener;

    public Client(URI base, String version) {
      this.base = base;
      this.version = version;
    }

    /**
     * Hands every exchange from now on to {@code listener} before the reply is returned; a listener
     * that throws (an assertion) fails the call that made the exchange.
     */
    public Client onExchange(Consumer<Exchange> listener) {
      this.listener = listener;
      return this;
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
        HttpRequest request = b.build();
        HttpResponse<String> r = http.send(request, HttpResponse.BodyHandlers.ofString());
        JsonNode node =
            r.body().isEmpty()
                ? com.fasterxml.jackson.databind.node.MissingNode.getInstance()
                : Json.MAPPER.readTree(r.body());
        Reply reply = new Reply(r.statusCode(), r, node);
        if (listener != null) {
          listener.accept(
              new Exchange(method, request.uri(), request.headers().map(), json, reply));
        }
        return reply;
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new IllegalStateException(e);
      }
    }
  }
}
