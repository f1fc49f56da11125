package org.nfpvnfm.vnfm.internal.pkg;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.net.ConnectException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpConnectTimeoutException;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Supplier;
import org.nfpvnfm.vnfm.internal.client.OutboundAuth;
import org.nfpvnfm.vnfm.internal.pkg.PackageCatalog.OnboardedPackage;
import org.nfpvnfm.vnfm.internal.pkg.PackageStore.FetchedRow;
import org.nfpvnfm.vnfm.internal.rest.ApiException;
import org.nfpvnfm.vnfm.internal.rest.Json;
import org.nfpvnfm.vnfm.internal.store.Database;

/**
 * Packages onboarded on the NFVO, read through its SOL003 VNF package management interface ({@code
 * {nfvo}/vnfpkgm/v2/onboarded_vnf_packages/{vnfdId}}, {@code Version: 2.1.0}): the VnfPkgInfo is
 * asked for on every lookup (the NFVO decides whether the package still exists and is enabled), the
 * content only when this VNFM does not hold that package id yet. A fetched content is validated
 * like an upload and kept under {@code packagesDir/nfvo/}.
 *
 * <p>Failures, classified by what the lifecycle's caller can do: the NFVO has no such package →
 * empty; it cannot be reached, answers 5xx or something unusable → 502; it is too slow → 504; its
 * package is not valid → 422 with the diagnostics.
 */
final class NfvoPackages {
  private static final System.Logger LOG = System.getLogger(NfvoPackages.class.getName());

  /** The SOL003 VNF package management version this VNFM speaks to the NFVO. */
  static final String VERSION = "2.1.0";

  /** A VnfPkgInfo is a few kilobytes; an answer far larger is not one. */
  private static final long MAX_INFO_BYTES = 4L * 1024 * 1024;

  private final URI base;
  private final HttpClient http;
  private final OutboundAuth auth;
  private final Database db;
  private final PackageStore store = new PackageStore();
  private final PackageFiles files;
  private final PackageValidator validator;
  private final Supplier<PackageLimits> limits;
  private final ConcurrentHashMap<String, Object> locks = new ConcurrentHashMap<>();

  NfvoPackages(
      URI base,
      HttpClient http,
      OutboundAuth auth,
      Database db,
      PackageFiles files,
      PackageValidator validator,
      Supplier<PackageLimits> limits) {
    String b = base.toString();
    this.base = URI.create(b.endsWith("/") ? b : b + "/");
    this.http = http;
    this.auth = auth;
    this.db = db;
    this.files = files;
    this.validator = validator;
    this.limits = limits;
  }

  /** The NFVO's onboarded package of {@code vnfdId}, fetched when not held yet. */
  Optional<OnboardedPackage> byVnfdId(String vnfdId) {
    synchronized (locks.computeIfAbsent(vnfdId, k -> new Object())) {
      URI info = base.resolve("vnfpkgm/v2/onboarded_vnf_packages/" + segment(vnfdId));
      HttpResponse<String> r =
          send(
              HttpRequest.newBuilder(info).header("Accept", "application/json").GET(),
              HttpResponse.BodyHandlers.limiting(
                  HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8), MAX_INFO_BYTES),
              limits.get().nfvoTimeout());
      if (r.statusCode() == 404) {
        return Optional.empty();
      }
      expectOk(r.statusCode(), info);
      ObjectNode pkg = parseInfo(r.body(), info);
      String pkgId = pkg.path("id").asText("");
      Optional<FetchedRow> held =
          db.inTransaction(
              c -> {
                return store.fetched(c, vnfdId);
              });
      Path zip;
      if (held.isPresent()
          && held.get().vnfPkgId().equals(pkgId)
          && Files.exists(content(held.get().folder()))) {
        zip = content(held.get().folder());
      } else {
        String folder = UUID.randomUUID().toString();
        zip = fetchContent(info, folder);
        FetchedRow row = new FetchedRow(vnfdId, pkgId, folder, pkg);
        db.inTransaction(
            c -> {
              store.saveFetched(c, row);
            });
        held.ifPresent(old -> forget(old.folder()));
        LOG.log(
            System.Logger.Level.INFO,
            "fetched VNF package " + pkgId + " (VNFD " + vnfdId + ") from the NFVO");
      }
      return Optional.of(
          new OnboardedPackage(
              pkgId,
              vnfdId,
              pkg.path("vnfProvider").asText(""),
              pkg.path("vnfProductName").asText(""),
              pkg.path("vnfSoftwareVersion").asText(""),
              pkg.path("vnfdVersion").asText(""),
              pkg.path("operationalState").asText("").equals("ENABLED"),
              zip));
    }
  }

  private Path content(String folder) {
    return files.nfvoFolder(folder).resolve(PackageFiles.CONTENT);
  }

  private void forget(String folder) {
    try {
      PackageFiles.deleteTree(files.nfvoFolder(folder));
    } catch (IOException e) {
      LOG.log(System.Logger.Level.WARNING, "cannot remove an old fetched package: " + e);
    }
  }

  private static ObjectNode parseInfo(String body, URI from) {
    JsonNode node;
    try {
      node = Json.MAPPER.readTree(body);
    } catch (IOException e) {
      throw new ApiException(502, "the NFVO's answer to GET " + from + " is not JSON");
    }
    if (!(node instanceof ObjectNode o) || o.path("id").asText("").isBlank()) {
      throw new ApiException(
          502, "the NFVO's answer to GET " + from + " is not a VnfPkgInfo with an id");
    }
    String onboarding = o.path("onboardingState").asText("ONBOARDED");
    if (!onboarding.equals("ONBOARDED")) {
      throw new ApiException(
          502, "the NFVO's package at " + from + " is " + onboarding + ", not ONBOARDED");
    }
    return o;
  }

  /** Downloads, checks and keeps the content; returns the kept zip. */
  private Path fetchContent(URI info, String folder) {
    URI uri = URI.create(info + "/package_content");
    Path dir = files.nfvoFolder(folder);
    PackageLimits l = limits.get();
    try {
      Files.createDirectories(dir);
      Path temp = Files.createTempFile(dir, "fetch-", ".part");
      HttpResponse<Path> r;
      try {
        r =
            send(
                HttpRequest.newBuilder(uri).header("Accept", "application/zip").GET(),
                HttpResponse.BodyHandlers.limiting(
                    HttpResponse.BodyHandlers.ofFile(temp), l.maxPackageBytes()),
                l.nfvoContentTimeout());
      } catch (ApiException e) {
        Files.deleteIfExists(temp);
        throw e;
      }
      if (r.statusCode() != 200) {
        Files.deleteIfExists(temp);
        expectOk(r.statusCode(), uri);
      }
      Path zip = dir.resolve(PackageFiles.CONTENT);
      PackageFiles.moveInto(temp, zip);
      PackageValidator.Validation v = validator.validate(zip);
      if (v instanceof PackageValidator.Invalid bad) {
        throw ApiException.unprocessable(
            "the NFVO's package at " + uri + " cannot be used: " + bad.detail());
      }
      return zip;
    } catch (IOException e) {
      forget(folder);
      throw new ApiException(
          502, "the VNFM could not store the NFVO's package from " + uri + ": " + e.getMessage());
    } catch (RuntimeException e) {
      forget(folder);
      throw e;
    }
  }

  /**
   * Sends a request with the NFVO's authentication (renewed once after a 401), waiting at most
   * {@code timeout} for all of it.
   */
  private <T> HttpResponse<T> send(
      HttpRequest.Builder request, HttpResponse.BodyHandler<T> body, Duration timeout) {
    PackageLimits l = limits.get();
    request.header("Version", VERSION).timeout(l.nfvoTimeout());
    URI uri = request.build().uri();
    try {
      auth.apply(request);
      HttpResponse<T> r = await(http.sendAsync(request.build(), body), timeout, uri);
      if (r.statusCode() == 401) {
        auth.invalidate();
        auth.apply(request);
        r = await(http.sendAsync(request.build(), body), timeout, uri);
      }
      return r;
    } catch (HttpConnectTimeoutException | ConnectException e) {
      throw unreachable(uri, e);
    } catch (HttpTimeoutException e) {
      throw tooSlow(uri, l.nfvoTimeout());
    } catch (IOException e) {
      throw unreachable(uri, e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new ApiException(503, "the VNFM is stopping; GET " + uri + " was not completed");
    }
  }

  private static <T> HttpResponse<T> await(
      CompletableFuture<HttpResponse<T>> f, Duration timeout, URI uri)
      throws IOException, InterruptedException {
    try {
      return f.get(timeout.toMillis(), TimeUnit.MILLISECONDS);
    } catch (TimeoutException e) {
      f.cancel(true);
      throw tooSlow(uri, timeout);
    } catch (InterruptedException e) {
      f.cancel(true);
      throw e;
    } catch (ExecutionException e) {
      if (e.getCause() instanceof IOException io) {
        throw io;
      }
      throw new IOException(String.valueOf(e.getCause()), e.getCause());
    }
  }

  private static void expectOk(int status, URI uri) {
    if (status == 200) {
      return;
    }
    throw new ApiException(
        502,
        "the NFVO answered "
            + status
            + " to GET "
            + uri
            + (status >= 500 ? " (a failure on its side)" : " (expected 200)"));
  }

  private static ApiException unreachable(URI uri, IOException e) {
    String why = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
    return new ApiException(502, "the NFVO could not be reached for GET " + uri + ": " + why);
  }

  private static ApiException tooSlow(URI uri, Duration timeout) {
    return new ApiException(
        504, "the NFVO did not answer GET " + uri + " within " + timeout.toMillis() + " ms");
  }

  /** {@code s} as one path segment: unreserved characters kept, the rest percent-encoded. */
  static String segment(String s) {
    if (s.chars().allMatch(c -> c == '.')) {
      return "%2E".repeat(s.length());
    }
    StringBuilder b = new StringBuilder();
    for (byte x : s.getBytes(StandardCharsets.UTF_8)) {
      char c = (char) (x & 0xff);
      if ((c >= 'a' && c <= 'z')
          || (c >= 'A' && c <= 'Z')
          || (c >= '0' && c <= '9')
          || c == '-'
          || c == '.'
          || c == '_'
          || c == '~') {
        b.append(c);
      } else {
        b.append('%').append(String.format("%02X", x & 0xff));
      }
    }
    return b.toString();
  }
}
