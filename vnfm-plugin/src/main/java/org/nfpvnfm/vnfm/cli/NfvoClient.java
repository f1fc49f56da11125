package org.nfpvnfm.vnfm.cli;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.ByteArrayOutputStream;
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
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.function.Consumer;
import java.util.stream.Stream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;
import org.jspecify.annotations.Nullable;
import org.nfpvnfm.vnfm.internal.rest.Json;

/**
 * What an NFVO does to a VNFM, over ETSI NFV-SOL003 HTTP: get a token from the OAuth2 issuer,
 * onboard a package, create, instantiate and terminate VNF instances, and wait for their operation
 * occurrences. Each request is reported to a listener as {@code METHOD path -> status}, so that the
 * demo shows the exchange. Every wait is bounded; an unexpected answer is an {@link
 * IllegalStateException} that quotes the VNFM's ProblemDetails.
 */
final class NfvoClient {
  private static final String LCM_VERSION = "2.0.0";
  private static final String PKGM_VERSION = "2.6.1";

  private final URI base;
  private final HttpClient http =
      HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
  private final Consumer<String> log;
  private @Nullable String token;

  /**
   * @param base the VNFM's API root, e.g. {@code http://127.0.0.1:9890/}
   * @param log told of each request and its answer
   */
  NfvoClient(URI base, Consumer<String> log) {
    this.base = base;
    this.log = log;
  }

  /** A bearer token from the VNFM's built-in issuer (client credentials grant). */
  void authenticate(String clientId, String clientSecret) {
    String form =
        "grant_type=client_credentials&client_id="
            + URLEncoder.encode(clientId, StandardCharsets.UTF_8)
            + "&client_secret="
            + URLEncoder.encode(clientSecret, StandardCharsets.UTF_8);
    HttpResponse<String> r =
        send(
            HttpRequest.newBuilder(base.resolve("oauth2/token"))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(form)),
            "POST /oauth2/token",
            200);
    token = json(r).path("access_token").asText();
    log.accept("    token: a bearer token for client " + clientId);
  }

  /**
   * Onboards the package in {@code folder} (zipped here, as an NFVO uploads a CSAR) and waits until
   * it is ONBOARDED; returns the package resource.
   */
  JsonNode onboard(Path folder, Duration timeout) throws InterruptedException {
    String id =
        json(request("POST", "/vnfpkgm/v1/vnf_packages", PKGM_VERSION, "{}", 201))
            .path("id")
            .asText();
    send(
        authorized(base.resolve("vnfpkgm/v1/vnf_packages/" + id + "/package_content"))
            .header("Version", PKGM_VERSION)
            .header("Content-Type", "application/zip")
            .PUT(HttpRequest.BodyPublishers.ofByteArray(zip(folder))),
        "PUT /vnfpkgm/v1/vnf_packages/" + id + "/package_content",
        202);
    Instant deadline = Instant.now().plus(timeout);
    while (true) {
      JsonNode p = json(get("/vnfpkgm/v1/vnf_packages/" + id, PKGM_VERSION, false));
      switch (p.path("onboardingState").asText()) {
        case "ONBOARDED" -> {
          log.accept("    GET /vnfpkgm/v1/vnf_packages/" + id + " -> ONBOARDED");
          return p;
        }
        case "ERROR" ->
            throw new IllegalStateException(
                "onboarding failed: " + p.path("onboardingFailureDetails"));
        default -> {
          if (Instant.now().isAfter(deadline)) {
            throw new IllegalStateException(
                "package " + id + " not onboarded after " + timeout.toSeconds() + " s: " + p);
          }
          Thread.sleep(50);
        }
      }
    }
  }

  /** Creates a VNF instance of {@code vnfdId}; returns its id. */
  String create(String vnfdId, String name) {
    String body =
        Json.MAPPER
            .createObjectNode()
            .put("vnfdId", vnfdId)
            .put("vnfInstanceName", name)
            .put("vnfInstanceDescription", "created by nfp demo")
            .toString();
    return json(request("POST", "/vnflcm/v2/vnf_instances", LCM_VERSION, body, 201))
        .path("id")
        .asText();
  }

  /**
   * Starts {@code operation} ({@code instantiate}, {@code terminate}) on {@code instance} with
   * {@code body} and returns the operation occurrence's id (from the {@code Location} header).
   */
  String start(String instance, String operation, JsonNode body) {
    HttpResponse<String> r =
        request(
            "POST",
            "/vnflcm/v2/vnf_instances/" + instance + "/" + operation,
            LCM_VERSION,
            body.toString(),
            202);
    String location =
        r.headers()
            .firstValue("Location")
            .orElseThrow(() -> new IllegalStateException("202 without a Location header"));
    return location.substring(location.lastIndexOf('/') + 1);
  }

  /**
   * Waits until operation occurrence {@code opId} is COMPLETED, telling {@code progress} of each
   * state it passes; a FAILED_TEMP, FAILED or ROLLED_BACK occurrence is an exception quoting its
   * error.
   */
  JsonNode await(String opId, Duration timeout, Consumer<String> progress)
      throws InterruptedException {
    Instant deadline = Instant.now().plus(timeout);
    String seen = "";
    while (true) {
      JsonNode o = json(get("/vnflcm/v2/vnf_lcm_op_occs/" + opId, LCM_VERSION, false));
      String state = o.path("operationState").asText();
      if (!state.equals(seen)) {
        progress.accept(state);
        seen = state;
      }
      switch (state) {
        case "COMPLETED" -> {
          return o;
        }
        case "FAILED_TEMP", "FAILED", "ROLLED_BACK" ->
            throw new IllegalStateException(
                o.path("operation").asText()
                    + " "
                    + opId
                    + " is "
                    + state
                    + ": "
                    + o.path("error"));
        default -> {
          if (Instant.now().isAfter(deadline)) {
            throw new IllegalStateException(
                "operation " + opId + " still " + state + " after " + timeout.toSeconds() + " s");
          }
          Thread.sleep(50);
        }
      }
    }
  }

  /** The VNF instance resource. */
  JsonNode instance(String id) {
    return json(get("/vnflcm/v2/vnf_instances/" + id, LCM_VERSION, true));
  }

  /** Deletes a NOT_INSTANTIATED VNF instance. */
  void delete(String id) {
    send(
        authorized(base.resolve("vnflcm/v2/vnf_instances/" + id))
            .header("Version", LCM_VERSION)
            .DELETE(),
        "DELETE /vnflcm/v2/vnf_instances/" + id,
        204);
  }

  private HttpResponse<String> get(String path, String version, boolean report) {
    HttpRequest.Builder b =
        authorized(base.resolve(path.substring(1))).header("Version", version).GET();
    return report ? send(b, "GET " + path, 200) : sendQuietly(b, "GET " + path, 200);
  }

  private HttpResponse<String> request(
      String method, String path, String version, String body, int expected) {
    return send(
        authorized(base.resolve(path.substring(1)))
            .header("Version", version)
            .header("Content-Type", "application/json")
            .method(method, HttpRequest.BodyPublishers.ofString(body)),
        method + " " + path,
        expected);
  }

  private HttpRequest.Builder authorized(URI uri) {
    HttpRequest.Builder b = HttpRequest.newBuilder(uri).timeout(Duration.ofSeconds(30));
    if (token != null) {
      b.header("Authorization", "Bearer " + token);
    }
    return b;
  }

  private HttpResponse<String> send(HttpRequest.Builder b, String what, int expected) {
    HttpResponse<String> r = sendQuietly(b, what, expected);
    log.accept("    " + what + " -> " + r.statusCode());
    return r;
  }

  private HttpResponse<String> sendQuietly(HttpRequest.Builder b, String what, int expected) {
    HttpResponse<String> r;
    try {
      r = http.send(b.build(), HttpResponse.BodyHandlers.ofString());
    } catch (IOException e) {
      throw new UncheckedIOException(what + ": " + e.getMessage(), e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(what + ": interrupted", e);
    }
    if (r.statusCode() != expected) {
      throw new IllegalStateException(
          what + " answered " + r.statusCode() + " (expected " + expected + "): " + r.body());
    }
    return r;
  }

  private static JsonNode json(HttpResponse<String> r) {
    try {
      return Json.MAPPER.readTree(r.body());
    } catch (IOException e) {
      throw new IllegalStateException("not JSON: " + r.body(), e);
    }
  }

  /** The files under {@code folder} as a zip, paths relative to it, in a stable order. */
  static byte[] zip(Path folder) {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    try (ZipOutputStream z = new ZipOutputStream(bytes);
        Stream<Path> walk = Files.walk(folder)) {
      List<Path> files = walk.filter(Files::isRegularFile).sorted().toList();
      for (Path f : files) {
        z.putNextEntry(new ZipEntry(folder.relativize(f).toString().replace('\\', '/')));
        z.write(Files.readAllBytes(f));
        z.closeEntry();
      }
    } catch (IOException e) {
      throw new UncheckedIOException("cannot zip " + folder, e);
    }
    return bytes.toByteArray();
  }
}
