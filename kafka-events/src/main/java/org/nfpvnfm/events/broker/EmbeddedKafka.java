package org.nfpvnfm.events.broker;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.TimeUnit;
import java.util.logging.Level;
import java.util.logging.Logger;
import kafka.server.KafkaConfig;
import kafka.server.KafkaRaftServer;
import kafka.tools.StorageTool;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.common.Uuid;
import org.apache.kafka.common.utils.Time;
import org.jspecify.annotations.Nullable;
import org.nfpvnfm.events.KafkaSettings;

/**
 * A single-node Kafka cluster in this process: one KRaft node that is both broker and controller,
 * listening on loopback, keeping its log in a folder of its own. The folder is formatted the first
 * time and reused after, so a broker stopped and started again on the same folder and port has the
 * same topics and records: what a broker restart is.
 *
 * <p>Settings are those of a one-broker cluster (replication factor 1 for the internal topics), so
 * this is for one machine: the product's embedded default, and tests. Production uses an external
 * cluster.
 */
public final class EmbeddedKafka implements AutoCloseable {
  private static final System.Logger LOG = System.getLogger(EmbeddedKafka.class.getName());

  /** Kafka's own loggers, held so the levels set on them are not garbage collected. */
  private static final List<Logger> QUIETED = new ArrayList<>();

  private final Path dir;
  private final int port;
  private final KafkaRaftServer server;
  private boolean closed;

  private EmbeddedKafka(Path dir, int port, KafkaRaftServer server) {
    this.dir = dir;
    this.port = port;
    this.server = server;
  }

  /**
   * Starts a broker keeping its log under {@code dir} and listening on {@code 127.0.0.1:port} (0:
   * any free port), and waits until it answers.
   *
   * @throws IllegalStateException when the port is taken or the broker does not come up within
   *     {@code timeout}; the message says which
   */
  public static EmbeddedKafka start(Path dir, int port, Duration timeout) {
    quietKafkaLogs();
    try {
      Files.createDirectories(dir);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot create the broker's folder " + dir, e);
    }
    int brokerPort = port == 0 ? freePort() : requireFree(port);
    int controllerPort = freePort();
    Path logs = dir.resolve("log");
    Properties p = new Properties();
    p.putAll(
        Map.ofEntries(
            Map.entry("process.roles", "broker,controller"),
            Map.entry("node.id", "1"),
            Map.entry("controller.quorum.voters", "1@127.0.0.1:" + controllerPort),
            Map.entry(
                "listeners",
                "PLAINTEXT://127.0.0.1:"
                    + brokerPort
                    + ",CONTROLLER://127.0.0.1:"
                    + controllerPort),
            Map.entry("advertised.listeners", "PLAINTEXT://127.0.0.1:" + brokerPort),
            Map.entry("controller.listener.names", "CONTROLLER"),
            Map.entry("inter.broker.listener.name", "PLAINTEXT"),
            Map.entry("listener.security.protocol.map", "PLAINTEXT:PLAINTEXT,CONTROLLER:PLAINTEXT"),
            Map.entry("log.dirs", logs.toString()),
            Map.entry("num.partitions", "1"),
            Map.entry("auto.create.topics.enable", "false"),
            Map.entry("offsets.topic.replication.factor", "1"),
            Map.entry("offsets.topic.num.partitions", "3"),
            Map.entry("transaction.state.log.replication.factor", "1"),
            Map.entry("transaction.state.log.min.isr", "1"),
            Map.entry("share.coordinator.state.topic.replication.factor", "1"),
            Map.entry("share.coordinator.state.topic.min.isr", "1"),
            Map.entry("group.initial.rebalance.delay.ms", "0"),
            // The cleaner's default 128 MiB buffer is a heap cost this broker does not need.
            Map.entry("log.cleaner.dedupe.buffer.size", "2097152"),
            // Every record on disk before it is acknowledged: one broker is all the durability.
            Map.entry("log.flush.interval.messages", "1")));
    Path config = dir.resolve("server.properties");
    try (OutputStream out = Files.newOutputStream(config)) {
      p.store(out, "written by nfp's embedded broker at each start");
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write " + config, e);
    }
    format(dir, config);
    KafkaRaftServer server = new KafkaRaftServer(new KafkaConfig(p, false), Time.SYSTEM);
    try {
      server.startup();
    } catch (RuntimeException e) {
      stop(server);
      throw new IllegalStateException(
          "the embedded Kafka broker did not start on port " + brokerPort + ": " + e.getMessage(),
          e);
    }
    EmbeddedKafka k = new EmbeddedKafka(dir, brokerPort, server);
    try {
      k.awaitReady(timeout);
    } catch (RuntimeException e) {
      k.close();
      throw e;
    }
    LOG.log(
        System.Logger.Level.INFO,
        "embedded Kafka broker at " + k.bootstrapServers() + ", log in " + logs);
    return k;
  }

  private static void format(Path dir, Path config) {
    Path idFile = dir.resolve("cluster.id");
    String clusterId;
    try {
      if (Files.exists(idFile)) {
        clusterId = Files.readString(idFile).strip();
      } else {
        clusterId = Uuid.randomUuid().toString();
        Files.writeString(idFile, clusterId);
      }
    } catch (IOException e) {
      throw new UncheckedIOException("cannot keep the cluster id in " + idFile, e);
    }
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    int rc;
    try (PrintStream ps = new PrintStream(out, true, StandardCharsets.UTF_8)) {
      rc =
          StorageTool.execute(
              new String[] {
                "format", "-t", clusterId, "-c", config.toString(), "--ignore-formatted"
              },
              ps);
    } catch (Exception e) {
      throw new IllegalStateException(
          "cannot format the embedded broker's log in " + dir + ": " + e.getMessage(), e);
    }
    if (rc != 0) {
      throw new IllegalStateException(
          "cannot format the embedded broker's log in "
              + dir
              + ": "
              + out.toString(StandardCharsets.UTF_8).strip());
    }
  }

  private void awaitReady(Duration timeout) {
    long deadline = System.nanoTime() + timeout.toNanos();
    Map<String, Object> p = new java.util.HashMap<>(settings().clientProperties());
    p.put("client.id", "nfp-embedded-ready");
    try (Admin admin = Admin.create(p)) {
      while (true) {
        try {
          if (!admin.describeCluster().nodes().get(1, TimeUnit.SECONDS).isEmpty()) {
            return;
          }
        } catch (java.util.concurrent.ExecutionException
            | java.util.concurrent.TimeoutException e) {
          // Not answering yet.
        }
        if (System.nanoTime() > deadline) {
          throw new IllegalStateException(
              "the embedded Kafka broker at "
                  + bootstrapServers()
                  + " did not answer within "
                  + timeout.toSeconds()
                  + " s");
        }
        Thread.sleep(100);
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while the embedded broker started", e);
    }
  }

  private static int freePort() {
    try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      return s.getLocalPort();
    } catch (IOException e) {
      throw new UncheckedIOException("no free port on loopback", e);
    }
  }

  private static int requireFree(int port) {
    try (ServerSocket s = new ServerSocket(port, 1, InetAddress.getLoopbackAddress())) {
      s.setReuseAddress(true);
      return port;
    } catch (IOException e) {
      throw new IllegalStateException(
          "port "
              + port
              + " for the embedded Kafka broker is taken (another broker? set events.embedded.port"
              + " or configure events.bootstrapServers)",
          e);
    }
  }

  private static synchronized void quietKafkaLogs() {
    if (!QUIETED.isEmpty() || Boolean.getBoolean("nfp.kafka.verbose")) {
      return;
    }
    for (String name : List.of("kafka", "org.apache.kafka", "state.change.logger")) {
      quiet(name, Level.WARNING);
    }
    // A one-node cluster's normal start (activation of an empty metadata log) and a client's
    // "connection refused" while a broker is down are logged as warnings; neither is one here.
    quiet("org.apache.kafka.controller", Level.SEVERE);
    quiet("org.apache.kafka.clients.NetworkClient", Level.SEVERE);
  }

  private static void quiet(String name, Level level) {
    Logger l = Logger.getLogger(name);
    l.setLevel(level);
    QUIETED.add(l);
  }

  /** {@code 127.0.0.1:port}. */
  public String bootstrapServers() {
    return "127.0.0.1:" + port;
  }

  /** The settings a client reaches this broker with. */
  public KafkaSettings settings() {
    return KafkaSettings.plaintext(bootstrapServers());
  }

  public int port() {
    return port;
  }

  /** The folder the broker keeps its log and configuration in. */
  public Path dir() {
    return dir;
  }

  /** Stops the broker (its log stays in {@link #dir()}); calling it again does nothing. */
  @Override
  public synchronized void close() {
    if (closed) {
      return;
    }
    closed = true;
    stop(server);
  }

  private static void stop(@Nullable KafkaRaftServer s) {
    if (s == null) {
      return;
    }
    try {
      s.shutdown();
      s.awaitShutdown();
    } catch (RuntimeException e) {
      LOG.log(System.Logger.Level.WARNING, "the embedded broker did not stop cleanly", e);
    }
  }
}
