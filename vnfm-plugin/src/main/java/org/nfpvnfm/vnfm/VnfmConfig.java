package org.nfpvnfm.vnfm;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import com.fasterxml.jackson.databind.exc.UnrecognizedPropertyException;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * The VNFM's configuration: a YAML file ({@code nfp serve --config FILE}, documented in {@code
 * docs/vnfm.md}) laid over {@link #defaults(Path)}, so a file names only what it changes. Unknown
 * keys are refused with their path, since a misspelt key silently ignored is a setting lost.
 *
 * @param dataDir where the embedded database and the onboarded packages live
 * @param http the API's listening address and TLS
 * @param database JDBC: the embedded H2 file under {@code dataDir}, or PostgreSQL
 * @param security OAuth2 on every API
 * @param nfvo the NFVO this VNFM asks for grants and fetches packages from, or none (self-granting)
 * @param nodes the compute nodes graphs are deployed on
 * @param notifications how notifications are delivered to subscribers
 * @param monitoring how often the dataplane's counters are watched for alarms and thresholds
 * @param events lifecycle events on Kafka: the embedded broker or an external cluster, or none
 * @param metrics the Prometheus endpoint {@code GET /metrics}
 * @param logging how log lines are written ({@code nfp serve})
 */
public record VnfmConfig(
    Path dataDir,
    HttpConfig http,
    DatabaseConfig database,
    SecurityConfig security,
    NfvoConfig nfvo,
    NodesConfig nodes,
    NotificationConfig notifications,
    MonitoringConfig monitoring,
    EventsConfig events,
    MetricsConfig metrics,
    LoggingConfig logging) {

  /** A configuration with the default {@link MetricsConfig} and {@link LoggingConfig}. */
  public VnfmConfig(
      Path dataDir,
      HttpConfig http,
      DatabaseConfig database,
      SecurityConfig security,
      NfvoConfig nfvo,
      NodesConfig nodes,
      NotificationConfig notifications,
      MonitoringConfig monitoring,
      EventsConfig events) {
    this(
        dataDir,
        http,
        database,
        security,
        nfvo,
        nodes,
        notifications,
        monitoring,
        events,
        MetricsConfig.defaults(),
        LoggingConfig.defaults());
  }

  /** A configuration without events (what tests and tools that embed a VNFM mostly want). */
  public VnfmConfig(
      Path dataDir,
      HttpConfig http,
      DatabaseConfig database,
      SecurityConfig security,
      NfvoConfig nfvo,
      NodesConfig nodes,
      NotificationConfig notifications,
      MonitoringConfig monitoring) {
    this(
        dataDir,
        http,
        database,
        security,
        nfvo,
        nodes,
        notifications,
        monitoring,
        EventsConfig.disabled());
  }

  /** A configuration with the default {@link MonitoringConfig} and without events. */
  public VnfmConfig(
      Path dataDir,
      HttpConfig http,
      DatabaseConfig database,
      SecurityConfig security,
      NfvoConfig nfvo,
      NodesConfig nodes,
      NotificationConfig notifications) {
    this(
        dataDir, http, database, security, nfvo, nodes, notifications, MonitoringConfig.defaults());
  }

  /** This configuration with {@code monitoring} instead of its own. */
  public VnfmConfig withMonitoring(MonitoringConfig monitoring) {
    return new VnfmConfig(
        dataDir,
        http,
        database,
        security,
        nfvo,
        nodes,
        notifications,
        monitoring,
        events,
        metrics,
        logging);
  }

  /** This configuration with {@code events} instead of its own. */
  public VnfmConfig withEvents(EventsConfig events) {
    return new VnfmConfig(
        dataDir,
        http,
        database,
        security,
        nfvo,
        nodes,
        notifications,
        monitoring,
        events,
        metrics,
        logging);
  }

  /** This configuration with {@code metrics} instead of its own. */
  public VnfmConfig withMetrics(MetricsConfig metrics) {
    return new VnfmConfig(
        dataDir,
        http,
        database,
        security,
        nfvo,
        nodes,
        notifications,
        monitoring,
        events,
        metrics,
        logging);
  }

  /** This configuration with {@code logging} instead of its own. */
  public VnfmConfig withLogging(LoggingConfig logging) {
    return new VnfmConfig(
        dataDir,
        http,
        database,
        security,
        nfvo,
        nodes,
        notifications,
        monitoring,
        events,
        metrics,
        logging);
  }

  /**
   * @param host the address the API binds (loopback unless told otherwise)
   * @param port the port (0: any free one, as tests use)
   * @param publicUri the URI the API is reached at from outside, for {@code Location} headers and
   *     links; empty: {@code http(s)://host:port}
   * @param tls the server's key store; empty: plain HTTP
   */
  public record HttpConfig(String host, int port, String publicUri, TlsConfig tls) {}

  /**
   * @param keyStore a PKCS#12 key store with the server's key and certificate; empty: no TLS
   * @param keyStorePassword its password (never logged)
   * @param trustStore a PKCS#12 trust store for calls this VNFM makes (NFVO, callbacks, nodes);
   *     empty: the JDK's default trust
   * @param trustStorePassword its password
   */
  public record TlsConfig(
      String keyStore, String keyStorePassword, String trustStore, String trustStorePassword) {
    public boolean enabled() {
      return !keyStore.isEmpty();
    }

    @Override
    public String toString() {
      return "TlsConfig[keyStore="
          + keyStore
          + ", keyStorePassword="
          + masked(keyStorePassword)
          + ", trustStore="
          + trustStore
          + ", trustStorePassword="
          + masked(trustStorePassword)
          + "]";
    }
  }

  /**
   * @param jdbcUrl empty: the embedded H2 database in {@code dataDir}
   * @param user the database user
   * @param password its password (never logged)
   * @param poolSize connections in the pool
   */
  public record DatabaseConfig(String jdbcUrl, String user, String password, int poolSize) {
    @Override
    public String toString() {
      return "DatabaseConfig[jdbcUrl="
          + URL_PASSWORD.matcher(jdbcUrl).replaceAll("$1" + MASK)
          + ", user="
          + user
          + ", password="
          + masked(password)
          + ", poolSize="
          + poolSize
          + "]";
    }
  }

  /** A password in a JDBC URL: PostgreSQL's {@code password=} parameter, H2's {@code PASSWORD=}. */
  private static final Pattern URL_PASSWORD = Pattern.compile("((?i:password)=)[^&;]*");

  /**
   * @param enabled whether every API call needs a bearer token (the token endpoint never does)
   * @param issuer the tokens' issuer ({@code iss}); empty: this VNFM's built-in issuer
   * @param jwksUri where the issuer's keys are (external issuer); empty: the built-in issuer's
   * @param audience the audience tokens must carry; empty: any
   * @param clients the clients the built-in issuer grants tokens to (client credentials)
   * @param tokenLifetime how long a built-in token is valid
   */
  public record SecurityConfig(
      boolean enabled,
      String issuer,
      String jwksUri,
      String audience,
      List<Client> clients,
      Duration tokenLifetime) {

    /**
     * @param clientId the client's id
     * @param clientSecret its secret (never logged)
     */
    public record Client(String clientId, String clientSecret) {
      @Override
      public String toString() {
        return "Client[clientId=" + clientId + ", clientSecret=" + masked(clientSecret) + "]";
      }
    }
  }

  /**
   * @param grants {@code self}: this VNFM grants its own operations (standalone); {@code nfvo}:
   *     every operation asks the NFVO at {@code uri}
   * @param uri the NFVO's API root, under which {@code /grant/v1} and {@code /vnfpkgm/v2} are
   * @param auth how this VNFM authenticates to the NFVO
   * @param grantTimeout how long an asynchronous grant may take before the operation fails
   * @param grantPollInterval how often an asynchronous grant is polled
   */
  public record NfvoConfig(
      String grants,
      String uri,
      ClientAuth auth,
      Duration grantTimeout,
      Duration grantPollInterval) {
    public boolean selfGranting() {
      return grants.equals("self");
    }
  }

  /**
   * How this VNFM authenticates when it calls someone: none, HTTP basic, or OAuth2 client
   * credentials.
   *
   * @param type {@code none}, {@code basic} or {@code oauth2}
   * @param user basic: the user name
   * @param password basic: the password (never logged)
   * @param tokenEndpoint oauth2: the token endpoint
   * @param clientId oauth2: the client id
   * @param clientSecret oauth2: the client secret (never logged)
   */
  public record ClientAuth(
      String type,
      String user,
      String password,
      String tokenEndpoint,
      String clientId,
      String clientSecret) {
    public static ClientAuth none() {
      return new ClientAuth("none", "", "", "", "", "");
    }

    @Override
    public String toString() {
      return "ClientAuth[type="
          + type
          + ", user="
          + user
          + ", password="
          + masked(password)
          + ", tokenEndpoint="
          + tokenEndpoint
          + ", clientId="
          + clientId
          + ", clientSecret="
          + masked(clientSecret)
          + "]";
    }
  }

  /**
   * @param local the compute node this VNFM runs in its own process (DPDK EAL with vdevs)
   * @param remote node agents reached over their REST API ({@code nfp node}), by name
   */
  public record NodesConfig(LocalNodeConfig local, Map<String, String> remote) {}

  /**
   * @param enabled whether to run a local node
   * @param inPort the DPDK device the node receives on (a vdev by default: no NIC needed)
   * @param outPort the device it transmits on; empty: the input port
   * @param workers worker threads (cores)
   * @param eal the EAL's arguments
   * @param poolSize mbufs in the node's packet pool: what the ports' receive queues, the rings and
   *     full copies hold at once (a {@code net_pcap} device with {@code infinite_rx=1} also keeps
   *     its whole trace in it)
   */
  public record LocalNodeConfig(
      boolean enabled, String inPort, String outPort, int workers, List<String> eal, int poolSize) {

    /** The node's packet pool by default: {@code NodeConfig.defaults}'s. */
    public static final int DEFAULT_POOL_SIZE = 8191;

    public LocalNodeConfig {
      eal = List.copyOf(eal);
      if (poolSize < 64) {
        throw new IllegalArgumentException(
            "nodes.local.poolSize: " + poolSize + " (expected: at least 64 mbufs)");
      }
    }

    /** A node with the default packet pool. */
    public LocalNodeConfig(
        boolean enabled, String inPort, String outPort, int workers, List<String> eal) {
      this(enabled, inPort, outPort, workers, eal, DEFAULT_POOL_SIZE);
    }
  }

  /**
   * @param maxAttempts how often a notification is tried before it is given up (and logged)
   * @param initialBackoff the first retry's delay, doubled each time
   * @param maxBackoff the longest delay between two tries
   * @param timeout one delivery's HTTP timeout
   */
  public record NotificationConfig(
      int maxAttempts, Duration initialBackoff, Duration maxBackoff, Duration timeout) {}

  /** What {@code toString} shows for a secret that is set. */
  private static final String MASK = "****";

  /** A secret as {@code toString} shows it: {@link #MASK} when set, so only its presence shows. */
  private static String masked(String secret) {
    return secret.isEmpty() ? "" : MASK;
  }

  /**
   * The fault and performance watch over the compute nodes' counters ({@code
   * docs/vnfm-fault-performance.md}).
   *
   * @param faultInterval how often the alarm watcher reads each node's counters
   * @param alarmQuietPeriod how long the counter that raised an alarm must stay still before the
   *     alarm is cleared
   * @param thresholdInterval how often PM thresholds are evaluated
   */
  public record MonitoringConfig(
      Duration faultInterval, Duration alarmQuietPeriod, Duration thresholdInterval) {
    public MonitoringConfig {
      for (Duration d : List.of(faultInterval, alarmQuietPeriod, thresholdInterval)) {
        if (d.isNegative() || d.isZero()) {
          throw new IllegalArgumentException(
              "monitoring intervals and periods must be positive (got " + d + ")");
        }
      }
    }

    /** A read every second; an alarm clears after a minute without a new failure. */
    public static MonitoringConfig defaults() {
      return new MonitoringConfig(
          Duration.ofSeconds(1), Duration.ofMinutes(1), Duration.ofSeconds(1));
    }
  }

  /**
   * Lifecycle events on Kafka ({@code docs/events.md}): published through an outbox in the database
   * and a relay with an idempotent producer.
   *
   * @param enabled whether events are published at all
   * @param bootstrapServers the external cluster's {@code host:port,...}; empty: the embedded
   *     broker, started by the VNFM with its log under {@code dataDir/kafka}
   * @param embeddedPort the embedded broker's port on loopback
   * @param securityProtocol PLAINTEXT, SSL, SASL_PLAINTEXT or SASL_SSL (external cluster)
   * @param saslMechanism PLAIN, SCRAM-SHA-256 or SCRAM-SHA-512, for the SASL protocols
   * @param username the SASL user
   * @param password the SASL password
   * @param trustStore a PKCS#12 trust store with the brokers' CA; empty: the JDK's CAs
   * @param trustStorePassword its password
   * @param keyStore a PKCS#12 key store with the VNFM's client certificate, if the brokers ask
   * @param keyStorePassword its password
   * @param properties further Kafka client properties, applied last
   * @param partitions partitions of each topic the VNFM creates (existing topics are left alone)
   * @param source the CloudEvents {@code source} of this VNFM's events; empty: {@code
   *     /nfp-vnfm/<host name>}
   * @param relayBatch the most events the relay publishes in one round
   * @param relayPoll how often the relay looks for events when nothing wakes it
   * @param telemetryInterval how often each deployed graph's counters are published on the
   *     telemetry topic; zero: never
   */
  public record EventsConfig(
      boolean enabled,
      String bootstrapServers,
      int embeddedPort,
      String securityProtocol,
      String saslMechanism,
      String username,
      String password,
      String trustStore,
      String trustStorePassword,
      String keyStore,
      String keyStorePassword,
      Map<String, String> properties,
      int partitions,
      String source,
      int relayBatch,
      Duration relayPoll,
      Duration telemetryInterval) {
    public EventsConfig {
      properties = Map.copyOf(properties);
      if (embeddedPort < 0 || embeddedPort > 65535) {
        throw new IllegalArgumentException(
            "events.embeddedPort must be 0 to 65535 (got " + embeddedPort + ")");
      }
      if (partitions < 1 || relayBatch < 1) {
        throw new IllegalArgumentException(
            "events.partitions and events.relayBatch must be 1 or more (got "
                + partitions
                + ", "
                + relayBatch
                + ")");
      }
      if (relayPoll.isNegative() || relayPoll.isZero()) {
        throw new IllegalArgumentException(
            "events.relayPoll must be positive (got " + relayPoll + ")");
      }
      if (telemetryInterval.isNegative()) {
        throw new IllegalArgumentException(
            "events.telemetryInterval must be zero (off) or positive (got "
                + telemetryInterval
                + ")");
      }
    }

    /** The embedded broker on port 9092, six partitions, telemetry every ten seconds. */
    public static EventsConfig defaults() {
      return new EventsConfig(
          true,
          "",
          9092,
          "PLAINTEXT",
          "",
          "",
          "",
          "",
          "",
          "",
          "",
          Map.of(),
          6,
          "",
          500,
          Duration.ofMillis(200),
          Duration.ofSeconds(10));
    }

    /** No events. */
    public static EventsConfig disabled() {
      EventsConfig d = defaults();
      return d.with(false, d.bootstrapServers(), d.embeddedPort());
    }

    /** This configuration, enabled or not, with another cluster or embedded port. */
    public EventsConfig with(boolean enabled, String bootstrapServers, int embeddedPort) {
      return new EventsConfig(
          enabled,
          bootstrapServers,
          embeddedPort,
          securityProtocol,
          saslMechanism,
          username,
          password,
          trustStore,
          trustStorePassword,
          keyStore,
          keyStorePassword,
          properties,
          partitions,
          source,
          relayBatch,
          relayPoll,
          telemetryInterval);
    }

    /** This configuration, publishing each deployed graph's telemetry every {@code interval}. */
    public EventsConfig withTelemetryInterval(Duration interval) {
      return new EventsConfig(
          enabled,
          bootstrapServers,
          embeddedPort,
          securityProtocol,
          saslMechanism,
          username,
          password,
          trustStore,
          trustStorePassword,
          keyStore,
          keyStorePassword,
          properties,
          partitions,
          source,
          relayBatch,
          relayPoll,
          interval);
    }

    /** Whether the VNFM starts its own broker. */
    public boolean embedded() {
      return bootstrapServers.isBlank();
    }

    @Override
    public String toString() {
      return "EventsConfig[enabled="
          + enabled
          + ", bootstrapServers="
          + (embedded() ? "(embedded, port " + embeddedPort + ")" : bootstrapServers)
          + ", securityProtocol="
          + securityProtocol
          + ", saslMechanism="
          + saslMechanism
          + ", username="
          + username
          + ", password="
          + masked(password)
          + ", trustStore="
          + trustStore
          + ", trustStorePassword="
          + masked(trustStorePassword)
          + ", keyStore="
          + keyStore
          + ", keyStorePassword="
          + masked(keyStorePassword)
          + ", properties="
          + properties.keySet()
          + ", partitions="
          + partitions
          + ", source="
          + source
          + ", relayBatch="
          + relayBatch
          + ", relayPoll="
          + relayPoll
          + ", telemetryInterval="
          + telemetryInterval
          + "]";
    }
  }

  /**
   * The Prometheus endpoint {@code GET /metrics} at the server's root (docs/observability.md).
   *
   * @param enabled whether it is served at all
   * @param requireToken whether it needs a bearer token like the API (when security is enabled); by
   *     default it is open, as Prometheus scrapes without one
   * @param nodeTimeout how long a scrape waits for a compute node's counters before reporting the
   *     node down ({@code nfp_vnfm_node_up 0})
   */
  public record MetricsConfig(boolean enabled, boolean requireToken, Duration nodeTimeout) {
    public MetricsConfig {
      if (nodeTimeout.isNegative() || nodeTimeout.isZero()) {
        throw new IllegalArgumentException(
            "metrics.nodeTimeout must be positive (got " + nodeTimeout + ")");
      }
    }

    /** Served, without a token, waiting two seconds at most for each node. */
    public static MetricsConfig defaults() {
      return new MetricsConfig(true, false, Duration.ofSeconds(2));
    }
  }

  /**
   * How {@code nfp serve} writes its log lines (docs/observability.md).
   *
   * @param format {@code text}: the JDK's one-record-in-two-lines format, with {@code opId=...}
   *     appended to a line logged during a lifecycle operation; {@code json}: one JSON object per
   *     line
   */
  public record LoggingConfig(String format) {
    public LoggingConfig {
      if (!format.equals("text") && !format.equals("json")) {
        throw new IllegalArgumentException(
            "logging.format must be text or json (got '" + format + "')");
      }
    }

    public static LoggingConfig defaults() {
      return new LoggingConfig("text");
    }
  }

  /** The embedded defaults: H2 in {@code dataDir}, a local node on a null vdev, self-granting. */
  public static VnfmConfig defaults(Path dataDir) {
    return new VnfmConfig(
        dataDir,
        new HttpConfig("127.0.0.1", 9890, "", new TlsConfig("", "", "", "")),
        new DatabaseConfig("", "", "", 8),
        new SecurityConfig(
            true,
            "",
            "",
            "",
            List.of(new SecurityConfig.Client("nfvo", "nfvo-secret")),
            Duration.ofHours(1)),
        new NfvoConfig("self", "", ClientAuth.none(), Duration.ofMinutes(5), Duration.ofSeconds(1)),
        new NodesConfig(
            new LocalNodeConfig(
                true,
                "net_null0,size=64",
                "",
                2,
                List.of("--no-huge", "--no-pci", "-m", "512", "--no-telemetry")),
            Map.of()),
        new NotificationConfig(
            10, Duration.ofSeconds(1), Duration.ofMinutes(5), Duration.ofSeconds(10)),
        MonitoringConfig.defaults(),
        EventsConfig.defaults(),
        MetricsConfig.defaults(),
        LoggingConfig.defaults());
  }

  /** The JDBC URL to use: the configured one, or the embedded H2 database under {@code dataDir}. */
  public String jdbcUrl() {
    if (!database.jdbcUrl().isEmpty()) {
      return database.jdbcUrl();
    }
    return "jdbc:h2:file:"
        + dataDir.toAbsolutePath().resolve("vnfm")
        + ";MODE=PostgreSQL;DATABASE_TO_LOWER=TRUE;DEFAULT_NULL_ORDERING=HIGH";
  }

  /** Where onboarded packages are kept. */
  public Path packagesDir() {
    return dataDir.resolve("packages");
  }

  private static ObjectMapper yaml() {
    return new ObjectMapper(new YAMLFactory())
        .registerModule(new JavaTimeModule())
        .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
        .disable(com.fasterxml.jackson.databind.SerializationFeature.WRITE_DURATIONS_AS_TIMESTAMPS);
  }

  /**
   * Reads {@code file} over the defaults. A malformed file or an unknown key is an {@link
   * IllegalArgumentException} naming the file and the key's path.
   */
  public static VnfmConfig load(Path file) {
    ObjectMapper m = yaml();
    JsonNode overrides;
    try {
      overrides = m.readTree(Files.readString(file));
    } catch (JsonProcessingException e) {
      // The YAML parser quotes the offending line, which may hold a password: neither its message
      // nor the exception is passed on, only where the error is.
      JsonLocation at = e.getLocation();
      throw new IllegalArgumentException(
          "the configuration "
              + file
              + " is not valid YAML"
              + (at == null
                  ? ""
                  : " (line " + at.getLineNr() + ", column " + at.getColumnNr() + ")"));
    } catch (IOException e) {
      throw new IllegalArgumentException(
          "cannot read the configuration " + file + ": " + e.getMessage(), e);
    }
    Path dataDir =
        overrides != null && overrides.hasNonNull("dataDir")
            ? Path.of(overrides.get("dataDir").asText())
            : Path.of("nfp-data");
    ObjectNode merged = m.valueToTree(defaults(dataDir));
    if (overrides != null && !overrides.isNull() && !overrides.isMissingNode()) {
      if (!overrides.isObject()) {
        throw new IllegalArgumentException(
            "the configuration " + file + " must be a mapping of settings (see docs/vnfm.md)");
      }
      merge(merged, (ObjectNode) overrides, "");
    }
    try {
      return m.treeToValue(merged, VnfmConfig.class);
    } catch (UnrecognizedPropertyException e) {
      throw new IllegalArgumentException(
          "the configuration "
              + file
              + " has an unknown setting "
              + e.getPropertyName()
              + " (at "
              + e.getPathReference()
              + ")",
          e);
    } catch (MismatchedInputException e) {
      // Jackson's message quotes the value, which may be a secret in the wrong place.
      throw new IllegalArgumentException(
          "the configuration "
              + file
              + " has a value of the wrong kind at "
              + e.getPath().stream()
                  .map(r -> r.getFieldName() != null ? r.getFieldName() : "[" + r.getIndex() + "]")
                  .collect(Collectors.joining("."))
              + (e.getTargetType() == null
                  ? ""
                  : " (expected: " + e.getTargetType().getSimpleName() + ")"));
    } catch (IOException e) {
      throw new IllegalArgumentException(
          "the configuration " + file + " is not valid: " + e.getMessage(), e);
    }
  }

  private static void merge(ObjectNode into, ObjectNode from, String path) {
    for (Map.Entry<String, JsonNode> e : from.properties()) {
      JsonNode existing = into.get(e.getKey());
      if (existing == null) {
        throw new IllegalArgumentException(
            "unknown setting " + path + e.getKey() + " (see docs/vnfm.md for the settings)");
      }
      if (existing.isObject()
          && e.getValue().isObject()
          && !e.getKey().equals("remote")
          && !e.getKey().equals("properties")) {
        merge((ObjectNode) existing, (ObjectNode) e.getValue(), path + e.getKey() + ".");
      } else {
        into.set(e.getKey(), e.getValue());
      }
    }
  }
}
