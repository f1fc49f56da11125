package org.nfpvnfm.vnfm.internal.notify;

import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.time.Duration;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;
import org.nfpvnfm.vnfm.VnfmConfig;
import org.nfpvnfm.vnfm.internal.client.OutboundAuth;
import org.nfpvnfm.vnfm.internal.rest.ApiVersions;

/**
 * HTTP to subscribers' callbacks: the test {@code GET} before a subscription is accepted and the
 * notification {@code POST}s, each with the subscription's credentials and the configured timeout.
 * Outcomes are values, not exceptions, and their text never carries a credential.
 */
final class CallbackClient {

  /**
   * What one call came to.
   *
   * @param ok whether the callback answered as required (204 for the test, any 2xx for a POST)
   * @param status the HTTP status, or 0 when there was no answer
   * @param detail what happened, for logs and problem details (no secrets)
   */
  record Outcome(boolean ok, int status, String detail) {}

  private static final String VERSION =
      ApiVersions.ALL.stream()
          .filter(a -> a.name().equals("vnflcm"))
          .findFirst()
          .orElseThrow()
          .version();

  private final HttpClient http;
  private final Duration timeout;

  CallbackClient(Duration timeout, VnfmConfig.TlsConfig tls) {
    this.timeout = timeout;
    HttpClient.Builder b =
        HttpClient.newBuilder()
            .version(HttpClient.Version.HTTP_1_1)
            .followRedirects(HttpClient.Redirect.NEVER)
            .connectTimeout(timeout);
    if (!tls.trustStore().isEmpty()) {
      b.sslContext(trust(tls));
    }
    this.http = b.build();
  }

  HttpClient http() {
    return http;
  }

  /** SOL003's test of a callback: {@code GET} with the credentials, expecting 204. */
  Outcome test(URI callback, OutboundAuth auth) throws InterruptedException {
    HttpRequest.Builder b =
        HttpRequest.newBuilder(callback)
            .timeout(timeout)
            .header("Version", VERSION)
            .header("Accept", "application/json")
            .GET();
    Outcome o = send(callback, auth, b);
    if (o.status() != 0 && o.status() != 204) {
      return new Outcome(false, o.status(), o.detail() + " (expected 204)");
    }
    return new Outcome(o.status() == 204, o.status(), o.detail());
  }

  /**
   * POSTs {@code body}; on a 401 with {@code renewable} credentials, forgets the token and tries
   * once more with a fresh one.
   */
  Outcome post(URI callback, OutboundAuth auth, boolean renewable, String body)
      throws InterruptedException {
    Outcome o = post(callback, auth, body);
    if (o.status() == 401 && renewable) {
      auth.invalidate();
      o = post(callback, auth, body);
    }
    return o;
  }

  private Outcome post(URI callback, OutboundAuth auth, String body) throws InterruptedException {
    HttpRequest.Builder b =
        HttpRequest.newBuilder(callback)
            .timeout(timeout)
            .header("Content-Type", "application/json")
            .header("Version", VERSION)
            .POST(HttpRequest.BodyPublishers.ofString(body));
    Outcome o = send(callback, auth, b);
    return new Outcome(o.status() / 100 == 2, o.status(), o.detail());
  }

  private Outcome send(URI callback, OutboundAuth auth, HttpRequest.Builder b)
      throws InterruptedException {
    try {
      auth.apply(b);
    } catch (IOException e) {
      // OutboundAuth's messages name the endpoint and the client, never the secret.
      return new Outcome(false, 0, "no token for the callback: " + e.getMessage());
    }
    try {
      HttpResponse<Void> r = http.send(b.build(), HttpResponse.BodyHandlers.discarding());
      return new Outcome(true, r.statusCode(), redact(callback) + " answered " + r.statusCode());
    } catch (HttpTimeoutException e) {
      return new Outcome(
          false, 0, redact(callback) + " did not answer within " + timeout.toMillis() + " ms");
    } catch (IOException e) {
      String why = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
      return new Outcome(false, 0, redact(callback) + " could not be reached: " + why);
    }
  }

  /** A URI as logs and messages show it: no user information, no query. */
  static String redact(URI uri) {
    String port = uri.getPort() < 0 ? "" : ":" + uri.getPort();
    String path = uri.getRawPath() == null ? "" : uri.getRawPath();
    return uri.getScheme() + "://" + uri.getHost() + port + path;
  }

  private static SSLContext trust(VnfmConfig.TlsConfig tls) {
    try (InputStream in = Files.newInputStream(Path.of(tls.trustStore()))) {
      KeyStore ks = KeyStore.getInstance("PKCS12");
      ks.load(in, tls.trustStorePassword().toCharArray());
      TrustManagerFactory tmf =
          TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
      tmf.init(ks);
      SSLContext ctx = SSLContext.getInstance("TLS");
      ctx.init(null, tmf.getTrustManagers(), null);
      return ctx;
    } catch (IOException | GeneralSecurityException e) {
      // The message names the file, never the password.
      throw new IllegalArgumentException(
          "cannot use the trust store " + tls.trustStore() + ": " + e.getMessage(), e);
    }
  }
}
