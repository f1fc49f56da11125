package org.nfpvnfm.dpdk.agent;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.URISyntaxException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import org.glassfish.jersey.CommonProperties;
import org.glassfish.jersey.internal.inject.AbstractBinder;
import org.glassfish.jersey.jackson.JacksonFeature;
import org.glassfish.jersey.jdkhttp.JdkHttpHandlerContainer;
import org.glassfish.jersey.server.ContainerFactory;
import org.glassfish.jersey.server.ResourceConfig;
import org.glassfish.jersey.server.ServerProperties;
import org.nfpvnfm.dpdk.agent.internal.BodyLimitFilter;
import org.nfpvnfm.dpdk.agent.internal.GraphsResource;
import org.nfpvnfm.dpdk.agent.internal.JsonMapperResolver;
import org.nfpvnfm.dpdk.agent.internal.MetricsResource;
import org.nfpvnfm.dpdk.agent.internal.NodeResource;
import org.nfpvnfm.dpdk.agent.internal.NodeService;
import org.nfpvnfm.dpdk.agent.internal.ProblemMapper;
import org.nfpvnfm.dpdk.agent.internal.StatsResource;
import org.nfpvnfm.dpdk.nf.NfFactory;
import org.nfpvnfm.dpdk.node.Node;

/**
 * The compute-node agent: serves the REST API of docs/node-agent.md over one {@link Node} on the
 * JDK's HTTP server, so that a VNFM can deploy, replace and remove service graphs on it and read
 * its counters from another process or machine.
 *
 * <p>The agent does not own the node: {@link #close} stops the server and leaves the node running,
 * and whoever started the node closes it. Graphs the agent deploys get their NFs from the {@link
 * NfFactory} it was given.
 *
 * <p>Jersey's {@code JdkHttpServerFactory} is not used because it binds every interface whatever
 * host its URI names; this class binds the address it is given, and runs requests on a small pool
 * of its own that {@link #close} stops.
 */
public final class NodeAgent implements AutoCloseable {

  /** Where the API lives on the server. */
  public static final String API_PATH = "/api/v1";

  /** Where Prometheus scrapes the node's metrics: the server's root, beside the API. */
  public static final String METRICS_PATH = "/metrics";

  /** Request bodies above this many bytes are refused with 413. */
  public static final int DEFAULT_MAX_REQUEST_BYTES = 8 << 20;

  private static final System.Logger LOG = System.getLogger(NodeAgent.class.getName());

  /**
   * Requests that change graphs wait while the node drains (seconds at worst), so a few threads
   * keep {@code GET}s answered meanwhile; the node serialises the changes themselves.
   */
  private static final int THREADS = 4;

  /** How long {@link #close} lets requests in progress finish. */
  private static final int STOP_GRACE_SECONDS = 5;

  private final HttpServer server;
  private final JdkHttpHandlerContainer container;
  private final ExecutorService executor;
  private final AtomicInteger inFlight;
  private final URI uri;
  private final AtomicBoolean closed = new AtomicBoolean();

  private NodeAgent(
      HttpServer server,
      JdkHttpHandlerContainer container,
      ExecutorService executor,
      AtomicInteger inFlight,
      URI uri) {
    this.server = server;
    this.container = container;
    this.executor = executor;
    this.inFlight = inFlight;
    this.uri = uri;
  }

  /** {@link #start(Node, NfFactory, InetSocketAddress, int)} with the default request limit. */
  public static NodeAgent start(Node node, NfFactory nfs, InetSocketAddress address) {
    return start(node, nfs, address, DEFAULT_MAX_REQUEST_BYTES);
  }

  /**
   * Serves the API over {@code node} at {@code address} (port 0: any free port; {@link #uri} says
   * which).
   *
   * @param nfs makes the NFs of the graphs deployed through the API
   * @param maxRequestBytes the largest request body accepted
   * @throws UncheckedIOException when the address cannot be bound
   */
  public static NodeAgent start(
      Node node, NfFactory nfs, InetSocketAddress address, int maxRequestBytes) {
    NodeService service = new NodeService(node, nfs);
    // The metrics name the node after the address bound, known once the server listens.
    AtomicReference<String> name = new AtomicReference<>(address.toString());
    MetricsResource.Identity identity = new MetricsResource.Identity(name::get, version());
    ResourceConfig config =
        new ResourceConfig()
            // Jackson's own exception mappers would answer parse errors in text/plain; the agent
            // has one mapper, so Jackson is registered without them and nothing is discovered.
            .property(CommonProperties.FEATURE_AUTO_DISCOVERY_DISABLE, true)
            .property(ServerProperties.WADL_FEATURE_DISABLE, true)
            .register(JacksonFeature.withoutExceptionMappers())
            .register(new JsonMapperResolver())
            .register(ProblemMapper.class)
            .register(new BodyLimitFilter(maxRequestBytes))
            // Resources by class with the service injected: Jersey warns about resource
            // instances (eclipse-ee4j/jersey#3700).
            .register(
                new AbstractBinder() {
                  @Override
                  protected void configure() {
                    bind(service).to(NodeService.class);
                    bind(identity).to(MetricsResource.Identity.class);
                  }
                })
            .register(NodeResource.class)
            .register(GraphsResource.class)
            .register(StatsResource.class)
            .register(MetricsResource.class);
    JdkHttpHandlerContainer container =
        ContainerFactory.createContainer(JdkHttpHandlerContainer.class, config);
    HttpServer server;
    try {
      server = HttpServer.create(address, 0);
    } catch (IOException e) {
      throw new UncheckedIOException(
          "the node agent cannot listen on " + address + ": " + e.getMessage(), e);
    }
    ExecutorService executor = Executors.newFixedThreadPool(THREADS, threads());
    AtomicInteger inFlight = new AtomicInteger();
    server.setExecutor(executor);
    server.createContext(
        "/",
        exchange -> {
          inFlight.incrementAndGet();
          try {
            container.handle(exchange);
          } finally {
            inFlight.decrementAndGet();
          }
        });
    server.start();
    container.getApplicationHandler().onStartup(container);
    URI uri = uriOf(server.getAddress());
    name.set(uri.getHost() + ":" + uri.getPort());
    LOG.log(System.Logger.Level.INFO, "node agent listening on {0}", uri);
    return new NodeAgent(server, container, executor, inFlight, uri);
  }

  /** The API's base URI, with the port actually bound: {@code http://127.0.0.1:41234/api/v1/}. */
  public URI uri() {
    return uri;
  }

  /** The address the server is bound to. */
  public InetSocketAddress address() {
    return server.getAddress();
  }

  /**
   * Lets the requests in progress finish (a few seconds at most: a deployment that drains a graph
   * may take that long), then stops the server and its threads. The node keeps running.
   */
  @Override
  public void close() {
    if (!closed.compareAndSet(false, true)) {
      return;
    }
    // HttpServer.stop(delay) was seen to wait out its whole delay with no request in progress,
    // right after a client closed its connection (the server then holds the connection as one
    // whose request is still being read), so the agent waits for its own requests and then
    // stops at once.
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(STOP_GRACE_SECONDS);
    boolean interrupted = false;
    while (inFlight.get() > 0 && System.nanoTime() < deadline && !interrupted) {
      try {
        Thread.sleep(5);
      } catch (InterruptedException e) {
        interrupted = true;
      }
    }
    server.stop(0);
    container.getApplicationHandler().onShutdown(container);
    executor.shutdown();
    try {
      if (interrupted || !executor.awaitTermination(STOP_GRACE_SECONDS, TimeUnit.SECONDS)) {
        executor.shutdownNow();
      }
    } catch (InterruptedException e) {
      executor.shutdownNow();
      interrupted = true;
    }
    if (interrupted) {
      Thread.currentThread().interrupt();
    }
    LOG.log(System.Logger.Level.INFO, "node agent on {0} stopped", uri);
  }

  /** The software's version from the jar's manifest; {@code development} when run from classes. */
  static String version() {
    String v = NodeAgent.class.getPackage().getImplementationVersion();
    return v == null ? "development" : v;
  }

  private static ThreadFactory threads() {
    return Thread.ofPlatform().name("nfp-agent-http-", 0).daemon(true).factory();
  }

  private static URI uriOf(InetSocketAddress bound) {
    try {
      return new URI(
          "http",
          null,
          bound.getAddress().getHostAddress(),
          bound.getPort(),
          API_PATH + "/",
          null,
          null);
    } catch (URISyntaxException e) {
      throw new IllegalStateException("no URI for " + bound + ": " + e.getMessage(), e);
    }
  }
}
