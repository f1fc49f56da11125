package org.nfpvnfm.vnfm.internal.client;

import java.io.IOException;
import java.io.InputStream;
import java.net.http.HttpClient;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.time.Duration;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;
import org.nfpvnfm.vnfm.VnfmConfig;

/**
 * The HTTP clients for the calls this VNFM makes (NFVO, subscribers' callbacks, nodes, an external
 * issuer's keys): HTTP/1.1, a bounded connect time, no redirects followed (a redirect could carry
 * credentials elsewhere), and TLS trusting {@code http.tls.trustStore} when one is configured, the
 * JDK's default trust otherwise. Host names are verified against the server's certificate.
 */
public final class HttpClients {
  /** How long opening a connection may take. */
  public static final Duration CONNECT_TIMEOUT = Duration.ofSeconds(10);

  private HttpClients() {}

  /** A client with {@code tls}'s trust. */
  public static HttpClient create(VnfmConfig.TlsConfig tls) {
    return builder(tls).build();
  }

  /** A builder with {@code tls}'s trust, for callers that set more (an executor, a timeout). */
  public static HttpClient.Builder builder(VnfmConfig.TlsConfig tls) {
    HttpClient.Builder b =
        HttpClient.newBuilder()
            .version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(CONNECT_TIMEOUT)
            .followRedirects(HttpClient.Redirect.NEVER);
    if (!tls.trustStore().isEmpty()) {
      b.sslContext(trusting(tls));
    }
    return b;
  }

  /**
   * A TLS context that trusts the certificates of the PKCS#12 trust store {@code tls.trustStore()}.
   * An {@link IllegalArgumentException} names the file, never the password.
   */
  public static SSLContext trusting(VnfmConfig.TlsConfig tls) {
    Path file = Path.of(tls.trustStore());
    try (InputStream in = Files.newInputStream(file)) {
      KeyStore ks = KeyStore.getInstance("PKCS12");
      // No password: the store's certificates are read without checking its integrity.
      ks.load(
          in, tls.trustStorePassword().isEmpty() ? null : tls.trustStorePassword().toCharArray());
      if (ks.size() == 0) {
        throw new IllegalArgumentException("the trust store " + file + " holds no certificate");
      }
      TrustManagerFactory tmf =
          TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
      tmf.init(ks);
      SSLContext ctx = SSLContext.getInstance("TLS");
      ctx.init(null, tmf.getTrustManagers(), null);
      return ctx;
    } catch (IOException | GeneralSecurityException e) {
      throw new IllegalArgumentException(
          "cannot use the trust store " + file + " (http.tls.trustStore): " + e.getMessage(), e);
    }
  }
}
