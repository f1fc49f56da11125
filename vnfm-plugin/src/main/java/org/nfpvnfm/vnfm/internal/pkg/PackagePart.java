package org.nfpvnfm.vnfm.internal.pkg;

import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;
import org.glassfish.jersey.internal.inject.AbstractBinder;
import org.glassfish.jersey.media.multipart.MultiPartFeature;
import org.glassfish.jersey.server.ResourceConfig;
import org.jspecify.annotations.Nullable;
import org.nfpvnfm.vnfm.VnfmConfig;
import org.nfpvnfm.vnfm.internal.client.OutboundAuth;
import org.nfpvnfm.vnfm.internal.events.EventSink;
import org.nfpvnfm.vnfm.internal.rest.ApiPart;
import org.nfpvnfm.vnfm.internal.store.Database;

/**
 * VNF package management: {@code /vnfpkgm/v1/vnf_packages} (onboarding on this VNFM, as Tacker does
 * for a standalone VNFM) and the {@link PackageCatalog} the lifecycle reads, which falls back to
 * the NFVO's onboarded packages when an NFVO is configured. Onboarding runs on one background
 * thread, so two packages of one VNFD are decided one after the other; onboarding a stop
 * interrupted is picked up again by {@link #start}.
 */
public final class PackagePart implements ApiPart {
  private static final System.Logger LOG = System.getLogger(PackagePart.class.getName());

  private final ExecutorService onboarding;
  private final VnfPackageService service;
  private final LocalFirstCatalog catalog;

  public PackagePart(VnfmConfig config, Database db) {
    this(config, db, EventSink.none());
  }

  /**
   * @param events told of each package onboarded, enabled, disabled or deleted
   */
  public PackagePart(VnfmConfig config, Database db, EventSink events) {
    PackageFiles files = new PackageFiles(config.packagesDir());
    PackageValidator validator = new PackageValidator();
    this.onboarding =
        Executors.newSingleThreadExecutor(
            Thread.ofPlatform().name("vnf-package-onboarding").daemon().factory());
    this.service =
        new VnfPackageService(db, files, validator, onboarding, config.http().publicUri(), events);
    NfvoPackages nfvo = null;
    if (!config.nfvo().uri().isEmpty()) {
      HttpClient http = client(config.http().tls());
      nfvo =
          new NfvoPackages(
              URI.create(config.nfvo().uri()),
              http,
              OutboundAuth.of(config.nfvo().auth(), http),
              db,
              files,
              validator,
              service::limits);
    }
    this.catalog = new LocalFirstCatalog(service, nfvo);
  }

  /** The packages the lifecycle instantiates from. */
  public PackageCatalog catalog() {
    return catalog;
  }

  /** The limits in force ({@link PackageLimits#DEFAULT} unless changed). */
  public PackageLimits limits() {
    return service.limits();
  }

  /** Changes the limits, for embedding code and tests; takes effect with the next request. */
  public void limits(PackageLimits limits) {
    service.limits(limits);
  }

  @Override
  public void register(ResourceConfig config) {
    config.register(MultiPartFeature.class);
    config.register(
        new AbstractBinder() {
          @Override
          protected void configure() {
            bind(service).to(VnfPackageService.class);
          }
        });
    config.register(VnfPackagesResource.class);
  }

  @Override
  public void start() {
    service.recover();
  }

  @Override
  public void close() {
    onboarding.shutdownNow();
    try {
      if (!onboarding.awaitTermination(10, TimeUnit.SECONDS)) {
        LOG.log(
            System.Logger.Level.WARNING,
            "package onboarding did not stop within 10 s; it is redone at the next start");
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  private static HttpClient client(VnfmConfig.TlsConfig tls) {
    HttpClient.Builder b =
        HttpClient.newBuilder()
            .connectTimeout(PackageLimits.DEFAULT.nfvoTimeout())
            .followRedirects(HttpClient.Redirect.NEVER);
    SSLContext ssl = trust(tls);
    if (ssl != null) {
      b.sslContext(ssl);
    }
    return b.build();
  }

  /** The configured trust store for calls this VNFM makes, or none (the JDK's default trust). */
  private static @Nullable SSLContext trust(VnfmConfig.TlsConfig tls) {
    if (tls.trustStore().isEmpty()) {
      return null;
    }
    Path file = Path.of(tls.trustStore());
    try (InputStream in = Files.newInputStream(file)) {
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
          "cannot use the trust store " + file + ": " + e.getMessage(), e);
    }
  }
}
