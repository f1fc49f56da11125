package org.nfpvnfm.vnfm;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicReference;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import org.glassfish.jersey.jackson.JacksonFeature;
import org.glassfish.jersey.jdkhttp.JdkHttpServerFactory;
import org.glassfish.jersey.server.ResourceConfig;
import org.jspecify.annotations.Nullable;
import org.nfpvnfm.vnfm.internal.client.HttpClients;
import org.nfpvnfm.vnfm.internal.events.EventsPart;
import org.nfpvnfm.vnfm.internal.fm.AlarmEvents;
import org.nfpvnfm.vnfm.internal.fm.AlarmListener;
import org.nfpvnfm.vnfm.internal.fm.FmPart;
import org.nfpvnfm.vnfm.internal.lcm.LcmPart;
import org.nfpvnfm.vnfm.internal.metrics.MetricsPart;
import org.nfpvnfm.vnfm.internal.nodes.ComputeNodes;
import org.nfpvnfm.vnfm.internal.notify.LifecycleEvents;
import org.nfpvnfm.vnfm.internal.notify.NotificationPart;
import org.nfpvnfm.vnfm.internal.notify.Notifier;
import org.nfpvnfm.vnfm.internal.pkg.PackageCatalog;
import org.nfpvnfm.vnfm.internal.pkg.PackagePart;
import org.nfpvnfm.vnfm.internal.pm.PmListener;
import org.nfpvnfm.vnfm.internal.pm.PmPart;
import org.nfpvnfm.vnfm.internal.pm.TelemetryPublisher;
import org.nfpvnfm.vnfm.internal.rest.ApiPart;
import org.nfpvnfm.vnfm.internal.rest.ApiVersionsResource;
import org.nfpvnfm.vnfm.internal.rest.Json;
import org.nfpvnfm.vnfm.internal.rest.ProblemMapper;
import org.nfpvnfm.vnfm.internal.rest.VersionFilter;
import org.nfpvnfm.vnfm.internal.security.SecurityPart;
import org.nfpvnfm.vnfm.internal.store.Database;

/**
 * The VNFM: its database, its API parts (lifecycle, packages, subscriptions, fault and performance
 * management, security) on one HTTP(S) server, and the compute nodes it drives. {@link #start}
 * brings everything up in that order, {@link #close} takes it down in reverse; work in flight is
 * stored, and a later start with the same database repairs or resumes it.
 */
public final class Vnfm implements AutoCloseable {
  private static final System.Logger LOG = System.getLogger(Vnfm.class.getName());

  private boolean closed;

  private final VnfmConfig config;
  private final Database db;
  private final List<ApiPart> parts;
  private final HttpServer server;
  private final ExecutorService requests;
  private final URI uri;

  private Vnfm(
      VnfmConfig config,
      Database db,
      List<ApiPart> parts,
      HttpServer server,
      ExecutorService requests,
      URI uri) {
    this.config = config;
    this.db = db;
    this.parts = parts;
    this.server = server;
    this.requests = requests;
    this.uri = uri;
  }

  /** Starts a VNFM with {@code config}. */
  public static Vnfm start(VnfmConfig config) {
    try {
      Files.createDirectories(config.dataDir());
    } catch (IOException e) {
      throw new UncheckedIOException("cannot create the data folder " + config.dataDir(), e);
    }
    Database db =
        Database.open(
            new VnfmConfig.DatabaseConfig(
                config.jdbcUrl(),
                config.database().user(),
                config.database().password(),
                config.database().poolSize()));
    List<ApiPart> parts = new ArrayList<>();
    ExecutorService requests = Executors.newVirtualThreadPerTaskExecutor();
    AtomicReference<URI> published = new AtomicReference<>();
    try {
      URI base = baseUri(config);
      HttpClient http = HttpClients.create(config.http().tls());
      // Parts are added here in dependency order; each registers its own resources.
      EventsPart events = new EventsPart(config, db);
      parts.add(events);
      parts.add(new SecurityPart(config, published::get));
      PackagePart packages = new PackagePart(config, db, events.sink());
      parts.add(packages);
      NotificationPart notifications = new NotificationPart(config, db);
      parts.add(notifications);
      LcmPart lcm =
          new LcmPart(
              config,
              db,
              Notifier.all(notifications.notifier(), new LifecycleEvents(events.sink())),
              events.sink(),
              packages.catalog(),
              ComputeNodes.start(config, http),
              http,
              published::get);
      parts.add(lcm);
      parts.add(
          new FmPart(
              config,
              db,
              lcm.nodes(),
              AlarmListener.all(AlarmListener.logging(), new AlarmEvents(events.sink())),
              published::get));
      parts.add(new PmPart(config, db, lcm.nodes(), http, PmListener.logging(), published::get));
      if (config.events().enabled()) {
        parts.add(
            new TelemetryPublisher(
                db,
                lcm.nodes(),
                events.sink(),
                config.events().telemetryInterval(),
                java.time.Clock.systemUTC()));
      }
      if (config.metrics().enabled()) {
        parts.add(new MetricsPart(config, db, lcm, notifications, events, version()));
      }
      ResourceConfig rc =
          new ResourceConfig()
              // Jackson's own exception mappers would answer malformed JSON in text/plain
              // (they are more specific than ProblemMapper's Throwable); ProblemMapper answers it.
              .register(JacksonFeature.withoutExceptionMappers())
              .register(Json.class)
              .register(ProblemMapper.class)
              .register(VersionFilter.class)
              .register(ApiVersionsResource.class);
      parts.forEach(p -> p.register(rc));
      SSLContext tls = config.http().tls().enabled() ? serverTls(config.http().tls()) : null;
      HttpServer server = JdkHttpServerFactory.createHttpServer(base, rc, tls, false);
      server.setExecutor(requests);
      server.start();
      URI actual =
          URI.create(
              base.getScheme()
                  + "://"
                  + base.getHost()
                  + ":"
                  + server.getAddress().getPort()
                  + "/");
      published.set(
          config.http().publicUri().isEmpty() ? actual : URI.create(config.http().publicUri()));
      parts.forEach(ApiPart::start);
      LOG.log(System.Logger.Level.INFO, "VNFM API at " + published.get());
      return new Vnfm(config, db, parts, server, requests, published.get());
    } catch (RuntimeException e) {
      parts.reversed().forEach(ApiPart::close);
      requests.shutdownNow();
      db.close();
      throw e;
    }
  }

  /** The software's version from the jar's manifest; {@code development} when run from classes. */
  static String version() {
    String v = Vnfm.class.getPackage().getImplementationVersion();
    return v == null ? "development" : v;
  }

  private static URI baseUri(VnfmConfig config) {
    String scheme = config.http().tls().enabled() ? "https" : "http";
    return URI.create(scheme + "://" + config.http().host() + ":" + config.http().port() + "/");
  }

  private static SSLContext serverTls(VnfmConfig.TlsConfig tls) {
    try (InputStream in = Files.newInputStream(Path.of(tls.keyStore()))) {
      char[] password = tls.keyStorePassword().toCharArray();
      KeyStore ks = KeyStore.getInstance("PKCS12");
      ks.load(in, password);
      KeyManagerFactory kmf =
          KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
      kmf.init(ks, password);
      SSLContext ctx = SSLContext.getInstance("TLS");
      ctx.init(kmf.getKeyManagers(), null, null);
      return ctx;
    } catch (IOException | GeneralSecurityException e) {
      // The message names the file, never the password.
      throw new IllegalArgumentException(
          "cannot use the key store " + tls.keyStore() + ": " + e.getMessage(), e);
    }
  }

  /** Where the API is: {@code http(s)://host:port/}. */
  public URI uri() {
    return uri;
  }

  public VnfmConfig config() {
    return config;
  }

  /** The database, for tests and tools that inspect the state. */
  public Database database() {
    return db;
  }

  /** The VNF packages the lifecycle instantiates from (this VNFM's, else the NFVO's). */
  public PackageCatalog packageCatalog() {
    PackagePart p = part(PackagePart.class);
    if (p == null) {
      throw new IllegalStateException("this VNFM has no package part");
    }
    return p.catalog();
  }

  /** One of this VNFM's parts by type, for embedding code and tests. */
  public <T> @Nullable T part(Class<T> type) {
    for (ApiPart p : parts) {
      if (type.isInstance(p)) {
        return type.cast(p);
      }
    }
    return null;
  }

  @Override
  public synchronized void close() {
    if (closed) {
      return;
    }
    closed = true;
    server.stop(0);
    parts.reversed().forEach(ApiPart::close);
    requests.shutdownNow();
    db.close();
  }
}
