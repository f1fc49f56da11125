package org.nfpvnfm.vnfm.cli;

import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Objects;
import java.util.concurrent.Callable;
import org.jspecify.annotations.Nullable;
import org.nfpvnfm.cli.LogFormat;
import org.nfpvnfm.cli.Nfp;
import org.nfpvnfm.cli.NfpSubcommand;
import org.nfpvnfm.cli.Serving;
import org.nfpvnfm.events.Topics;
import org.nfpvnfm.vnfm.Vnfm;
import org.nfpvnfm.vnfm.VnfmConfig;
import org.nfpvnfm.vnfm.internal.events.EventRelay;
import org.nfpvnfm.vnfm.internal.events.EventsPart;
import org.nfpvnfm.vnfm.internal.rest.ApiVersions;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code nfp serve [--config FILE] [--port N] [--data DIR] [--no-node]}: runs the VNFM (its
 * database, its SOL003 API, the local compute node) until interrupted, and prints where its API is.
 */
@Command(
    name = "serve",
    description = {
      "Run the VNFM: the ETSI NFV-SOL003 API for an NFVO (VNF lifecycle, packages, fault and"
          + " performance management), its database and a local DPDK compute node, until"
          + " interrupted (Ctrl-C, SIGTERM).",
      "Without --config it runs on the embedded defaults: the API on 127.0.0.1:9890, an H2"
          + " database under ./nfp-data, a node on a null virtual device (no NIC, no hugepages),"
          + " self-granting, OAuth2 with the built-in issuer. docs/vnfm.md lists the settings."
    },
    exitCodeListHeading = "%nExit codes:%n",
    exitCodeList = {
      "0:stopped when asked",
      "1:the configuration is wrong, or the VNFM could not start (the message says why)",
      "2:usage error"
    })
public final class ServeCommand implements Callable<Integer>, NfpSubcommand {
  private static final int CLOSE_TIMEOUT_SECONDS = 60;

  @Spec @Nullable CommandSpec spec;

  @Option(
      names = {"-h", "--help"},
      usageHelp = true,
      description = "Show this help and exit.")
  boolean help;

  @Option(
      names = "--config",
      paramLabel = "FILE",
      description = "A YAML configuration file over the embedded defaults (docs/vnfm.md).")
  @Nullable Path config;

  @Option(
      names = "--port",
      paramLabel = "N",
      description = "The API's port (overrides the configuration; 0 picks a free one).")
  @Nullable Integer port;

  @Option(
      names = "--data",
      paramLabel = "DIR",
      description = "Where the database and packages live (overrides the configuration).")
  @Nullable Path data;

  @Option(names = "--no-node", description = "Run without the local compute node.")
  boolean noNode;

  @Option(names = "--no-events", description = "Publish no events to Kafka (no embedded broker).")
  boolean noEvents;

  @Option(
      names = "--log-format",
      paramLabel = "FORMAT",
      description =
          "text or json (one JSON object per line); overrides logging.format (default text)."
              + " docs/observability.md.")
  @Nullable String logFormat;

  @Override
  public Object command() {
    return new ServeCommand();
  }

  @Override
  public Integer call() throws Exception {
    CommandLine cli = Objects.requireNonNull(spec).commandLine();
    PrintWriter out = cli.getOut();
    PrintWriter err = cli.getErr();
    VnfmConfig c;
    try {
      c = configuration();
    } catch (IllegalArgumentException e) {
      err.println("nfp serve: " + e.getMessage());
      err.flush();
      return Nfp.EXIT_PROBLEMS;
    }
    try {
      LogFormat.of(logFormat != null ? logFormat : c.logging().format()).install();
    } catch (IllegalArgumentException e) {
      err.println("nfp serve: --log-format: " + e.getMessage());
      err.flush();
      return Nfp.EXIT_USAGE;
    }
    Vnfm vnfm;
    try {
      vnfm = Vnfm.start(c);
    } catch (RuntimeException e) {
      err.println("nfp serve: the VNFM could not start: " + e.getMessage());
      err.flush();
      return Nfp.EXIT_PROBLEMS;
    }
    out.println("nfp serve: VNFM API at " + vnfm.uri());
    for (ApiVersions.Api api : ApiVersions.ALL) {
      out.println("  " + vnfm.uri().resolve(api.root()) + "  (Version: " + api.version() + ")");
    }
    if (c.security().enabled()) {
      out.println(
          "  OAuth2: every call needs a bearer token; the built-in issuer's token endpoint is "
              + vnfm.uri().resolve("oauth2/token")
              + " (client credentials; clients in the configuration, docs/vnfm-security.md)");
    }
    EventsPart events = vnfm.part(EventsPart.class);
    EventRelay relay = events == null ? null : events.relay();
    if (events != null && relay != null) {
      out.println(
          "  events: Kafka at "
              + relay.settings().bootstrapServers()
              + (events.broker() == null ? "" : " (embedded broker)")
              + ", topics "
              + String.join(", ", Topics.ALL)
              + " (nfp events tail, docs/events.md)");
    }
    if (c.metrics().enabled()) {
      out.println(
          "  metrics: "
              + vnfm.uri().resolve("metrics")
              + (c.metrics().requireToken() ? " (needs a token)" : "")
              + " (Prometheus, docs/observability.md)");
    }
    out.println("  data in " + c.dataDir().toAbsolutePath() + "; Ctrl-C stops");
    out.flush();
    return serveUntilStopped(vnfm, out);
  }

  private VnfmConfig configuration() {
    VnfmConfig c;
    if (config != null) {
      if (!Files.isReadable(config)) {
        throw new IllegalArgumentException("cannot read the configuration " + config);
      }
      c = VnfmConfig.load(config);
    } else {
      c = VnfmConfig.defaults(Path.of("nfp-data"));
    }
    // The overrides below rebuild the configuration from its first nine parts.
    VnfmConfig.MetricsConfig metrics = c.metrics();
    VnfmConfig.LoggingConfig logging = c.logging();
    if (data != null) {
      c =
          new VnfmConfig(
              data,
              c.http(),
              c.database(),
              c.security(),
              c.nfvo(),
              c.nodes(),
              c.notifications(),
              c.monitoring(),
              c.events());
    }
    if (port != null) {
      if (port < 0 || port > 65535) {
        throw new IllegalArgumentException("--port must be 0 to 65535 (got " + port + ")");
      }
      VnfmConfig.HttpConfig h = c.http();
      c =
          new VnfmConfig(
              c.dataDir(),
              new VnfmConfig.HttpConfig(h.host(), port, h.publicUri(), h.tls()),
              c.database(),
              c.security(),
              c.nfvo(),
              c.nodes(),
              c.notifications(),
              c.monitoring(),
              c.events());
    }
    if (noNode) {
      VnfmConfig.LocalNodeConfig l = c.nodes().local();
      c =
          new VnfmConfig(
              c.dataDir(),
              c.http(),
              c.database(),
              c.security(),
              c.nfvo(),
              new VnfmConfig.NodesConfig(
                  new VnfmConfig.LocalNodeConfig(
                      false, l.inPort(), l.outPort(), l.workers(), l.eal()),
                  c.nodes().remote()),
              c.notifications(),
              c.monitoring(),
              c.events());
    }
    if (noEvents) {
      VnfmConfig.EventsConfig e = c.events();
      c = c.withEvents(e.with(false, e.bootstrapServers(), e.embeddedPort()));
    }
    return c.withMetrics(metrics).withLogging(logging);
  }

  /** Serves until stopped (a shutdown or an interrupt); then closes the VNFM. */
  private static int serveUntilStopped(Vnfm vnfm, PrintWriter out) throws Exception {
    Serving.untilStopped(vnfm, "nfp-serve", Duration.ofSeconds(CLOSE_TIMEOUT_SECONDS));
    out.println("nfp serve: stopped");
    out.flush();
    return 0;
  }
}
