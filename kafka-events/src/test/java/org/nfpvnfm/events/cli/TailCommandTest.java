package org.nfpvnfm.events.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.logging.Handler;
import java.util.logging.LogRecord;
import java.util.logging.Logger;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nfpvnfm.events.CloudEvent;
import org.nfpvnfm.events.EventCodec;
import org.nfpvnfm.events.EventExamples;
import org.nfpvnfm.events.EventPublisher;
import org.nfpvnfm.events.EventType;
import org.nfpvnfm.events.Topics;
import org.nfpvnfm.events.broker.EmbeddedKafka;
import picocli.CommandLine;

/** {@code nfp events tail} against a real broker, run through picocli as {@code nfp} runs it. */
@Tag("integration")
class TailCommandTest {
  private static final Duration RUN_LIMIT = Duration.ofSeconds(90);

  @TempDir static Path dir;

  @SuppressWarnings("NullAway.Init")
  static EmbeddedKafka kafka;

  @BeforeAll
  static void startBroker() throws Exception {
    kafka = EmbeddedKafka.start(dir, 0, Duration.ofSeconds(60));
    Topics.ensure(kafka.settings(), 2, Duration.ofSeconds(30));
  }

  @AfterAll
  static void stopBroker() {
    kafka.close();
  }

  record Run(int exit, String out, String err, Duration took) {
    List<String> lines() {
      return out.isEmpty() ? List.of() : Arrays.asList(out.split("\n"));
    }
  }

  /** Runs {@code nfp events ARGS} with these environment variables; fails after RUN_LIMIT. */
  static Run events(Map<String, String> env, String... args) throws Exception {
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    CommandLine.IFactory factory =
        new CommandLine.IFactory() {
          @Override
          public <K> K create(Class<K> cls) throws Exception {
            K made = CommandLine.defaultFactory().create(cls);
            if (made instanceof TailCommand tail) {
              tail.environment = env::get;
            }
            return made;
          }
        };
    CommandLine cli = new CommandLine(new EventsCommand(), factory);
    cli.setOut(new PrintWriter(out, true));
    cli.setErr(new PrintWriter(err, true));
    ExecutorService runner = Executors.newSingleThreadExecutor();
    try {
      long start = System.nanoTime();
      Future<Integer> exit = runner.submit(() -> cli.execute(args));
      int code = exit.get(RUN_LIMIT.toSeconds(), TimeUnit.SECONDS);
      return new Run(
          code,
          out.toString().replace("\r\n", "\n"),
          err.toString(),
          Duration.ofNanos(System.nanoTime() - start));
    } finally {
      runner.shutdownNow();
      assertThat(runner.awaitTermination(30, TimeUnit.SECONDS)).isTrue();
    }
  }

  static Run tail(String... args) throws Exception {
    List<String> a =
        new ArrayList<>(List.of("tail", "--bootstrap-servers", kafka.bootstrapServers()));
    a.addAll(List.of(args));
    return events(Map.of(), a.toArray(String[]::new));
  }

  static String instance() {
    return "vnf-" + Long.toHexString(System.nanoTime());
  }

  static List<CloudEvent> publish(String instance, EventType... types) throws Exception {
    List<CloudEvent> events = new ArrayList<>();
    try (EventPublisher p =
        EventPublisher.create(kafka.settings(), "test", Duration.ofSeconds(30))) {
      int n = 0;
      for (EventType t : types) {
        CloudEvent e = EventExamples.event(instance + "-" + n++, t, instance);
        p.publish(t.topic(), e).get(30, TimeUnit.SECONDS);
        events.add(e);
      }
    }
    return events;
  }

  @Test
  void printsOneReadableLinePerEventOfTheInstanceAskedFor() throws Exception {
    String instance = instance();
    publish(instance(), EventType.GRAPH_COMPILED);
    publish(
        instance,
        EventType.OPERATION_STATE_CHANGED,
        EventType.GRAPH_COMPILED,
        EventType.GRAPH_DEPLOYED);

    Run r = tail("--from-beginning", "--instance", instance, "--count", "3", "--timeout", "20s");

    assertThat(r.exit()).as(r.err()).isZero();
    assertThat(r.lines())
        .containsExactly(
            "2026-11-24T10:00:05.500Z  vnf.operation.state_changed.v1  "
                + instance
                + "  INSTANTIATE FAILED_TEMP occurrence "
                + EventExamples.OP_OCC
                + ": compute node node-1 did not answer within 30 s",
            "2026-11-24T10:00:05.500Z  graph.compiled.v1               "
                + instance
                + "  graph edge parallel: VPN -> {Monitor | FW} -> LB",
            "2026-11-24T10:00:05.500Z  graph.deployed.v1               "
                + instance
                + "  graph edge on node node-1: 4 NFs, 1 merger, deployment dep-7");
    assertThat(r.err())
        .contains(
            "nfp events tail: reading nfp.vnf.lifecycle, nfp.vnf.packages, nfp.vnf.telemetry at "
                + kafka.bootstrapServers()
                + " from the beginning");
  }

  @Test
  void printsEachEventAsOneLineOfCloudEventsJson() throws Exception {
    String instance = instance();
    List<CloudEvent> published =
        publish(instance, EventType.ALARM_RAISED, EventType.GRAPH_TELEMETRY);

    Run r =
        tail(
            "--from-beginning",
            "--instance",
            instance,
            "--count",
            "2",
            "--timeout",
            "20s",
            "--json");

    assertThat(r.exit()).as(r.err()).isZero();
    assertThat(r.lines())
        .containsExactlyInAnyOrder(
            EventCodec.toJson(published.get(0)).toString(),
            EventCodec.toJson(published.get(1)).toString());
    for (String line : r.lines()) {
      assertThat(EventCodec.decode(line.getBytes(StandardCharsets.UTF_8)).partitionkey())
          .isEqualTo(instance);
    }
  }

  @Test
  void printsOnlyTheTypesAskedForByShortOrFullName() throws Exception {
    String instance = instance();
    publish(
        instance,
        EventType.GRAPH_COMPILED,
        EventType.GRAPH_DEPLOYED,
        EventType.ALARM_RAISED,
        EventType.ALARM_CLEARED);

    Run r =
        tail(
            "--from-beginning",
            "--instance",
            instance,
            "--type",
            "graph.deployed.v1",
            "--type",
            "org.nfpvnfm.alarm.raised.v1",
            "--count",
            "2",
            "--timeout",
            "20s");

    assertThat(r.exit()).as(r.err()).isZero();
    assertThat(r.lines()).hasSize(2);
    assertThat(r.lines().get(0)).contains("  graph.deployed.v1  ");
    assertThat(r.lines().get(1))
        .contains("  alarm.raised.v1  ")
        .endsWith("MAJOR nf-runtime-failed (alarm alarm-3)");
  }

  @Test
  void failsWhenTheTimeoutPassesBeforeTheCountAndSaysHowManyCame() throws Exception {
    String instance = instance();
    publish(instance, EventType.GRAPH_COMPILED, EventType.GRAPH_DEPLOYED);

    Run r = tail("--from-beginning", "--instance", instance, "--count", "5", "--timeout", "2s");

    assertThat(r.exit()).isEqualTo(1);
    assertThat(r.lines()).hasSize(2);
    assertThat(r.err())
        .contains("nfp events tail: 2 of 5 events, then none for 2 s after the last");
  }

  @Test
  void stopsQuietlyAfterTheTimeoutWithoutAnEventWhenNoCountWasAsked() throws Exception {
    Run r = tail("--instance", instance(), "--timeout", "2s");

    assertThat(r.exit()).as(r.err()).isZero();
    assertThat(r.out()).isEmpty();
    assertThat(r.took()).isGreaterThanOrEqualTo(Duration.ofSeconds(2));
  }

  @Test
  void reportsARecordThatIsNotAnEventOnStderrAndGoesOn() throws Exception {
    String instance = instance();
    try (KafkaProducer<String, byte[]> p =
        new KafkaProducer<>(
            new HashMap<>(kafka.settings().clientProperties()),
            new StringSerializer(),
            new ByteArraySerializer())) {
      p.send(
              new ProducerRecord<>(
                  Topics.LIFECYCLE, instance, "not an event".getBytes(StandardCharsets.UTF_8)))
          .get(30, TimeUnit.SECONDS);
    }
    publish(instance, EventType.GRAPH_UNDEPLOYED);

    Run r = tail("--from-beginning", "--instance", instance, "--count", "1", "--timeout", "20s");

    assertThat(r.exit()).as(r.err()).isZero();
    assertThat(r.lines()).singleElement().asString().contains("graph.undeployed.v1");
    assertThat(r.err())
        .containsPattern(
            "nfp events tail: skipped a record that is not an event at nfp\\.vnf\\.lifecycle/\\d+@\\d+:"
                + " not a CloudEvent: not JSON: ");
  }

  @Test
  void saysWithinTheTimeoutThatNoBrokerAnswersAndExitsOne() throws Exception {
    int port;
    try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      port = s.getLocalPort();
    }
    List<LogRecord> clientLog = new CopyOnWriteArrayList<>();
    Handler capture =
        new Handler() {
          @Override
          public void publish(LogRecord r) {
            if (r.getLoggerName() != null
                && r.getLoggerName().startsWith("org.apache.kafka.clients")) {
              clientLog.add(r);
            }
          }

          @Override
          public void flush() {}

          @Override
          public void close() {}
        };
    Logger root = Logger.getLogger("");
    root.addHandler(capture);
    Run r;
    try {
      r = events(Map.of(), "tail", "--bootstrap-servers", "127.0.0.1:" + port, "--timeout", "2s");
    } finally {
      root.removeHandler(capture);
    }
    assertThat(clientLog)
        .as("the Kafka client's own log, which the command's one line replaces")
        .extracting(LogRecord::getMessage)
        .isEmpty();

    assertThat(r.exit()).isEqualTo(1);
    assertThat(r.out()).isEmpty();
    assertThat(r.err())
        .startsWith(
            "nfp events tail: no Kafka broker answered at 127.0.0.1:"
                + port
                + " within 2 s (is nfp serve or nfp kafka running there?")
        .doesNotContain("Exception", "\tat ");
    assertThat(r.took()).isLessThan(Duration.ofSeconds(10));
  }

  @Test
  void anUnknownTypeIsAUsageErrorThatListsTheTypes() throws Exception {
    Run r = tail("--type", "vnf.exploded.v1");

    assertThat(r.exit()).isEqualTo(2);
    assertThat(r.err()).contains("'vnf.exploded.v1' is not an event type; the types are: ");
    for (EventType t : EventType.values()) {
      assertThat(r.err()).contains(t.shortName());
    }
  }

  @Test
  void readsThePasswordFromTheEnvironmentVariableItNames() throws Exception {
    Run unset =
        tail(
            "--security-protocol",
            "SASL_PLAINTEXT",
            "--sasl-mechanism",
            "PLAIN",
            "--username",
            "ops",
            "--password-env",
            "NFP_TEST_KAFKA_PASSWORD");
    assertThat(unset.exit()).isEqualTo(1);
    assertThat(unset.err())
        .contains(
            "nfp events tail: the environment variable NFP_TEST_KAFKA_PASSWORD (--password-env)"
                + " is not set");

    Run noVariable = tail("--security-protocol", "SASL_PLAINTEXT", "--username", "ops");
    assertThat(noVariable.exit()).isEqualTo(2);
    assertThat(noVariable.err()).contains("--username needs --password-env VAR");

    Run noMechanism =
        events(
            Map.of("PW", "secret"),
            "tail",
            "--security-protocol",
            "SASL_SSL",
            "--username",
            "ops",
            "--password-env",
            "PW");
    assertThat(noMechanism.exit()).isEqualTo(2);
    assertThat(noMechanism.err())
        .contains("--security-protocol SASL_SSL needs --sasl-mechanism")
        .doesNotContain("secret");
  }

  @Test
  void refusesATrustStoreItCannotRead() throws Exception {
    Run r =
        tail("--security-protocol", "SSL", "--truststore", dir.resolve("absent.p12").toString());

    assertThat(r.exit()).isEqualTo(1);
    assertThat(r.err()).contains("cannot read the trust store").contains("absent.p12");
  }

  @Test
  void refusesACountBelowOneAndADurationItCannotRead() throws Exception {
    Run count = tail("--count", "0");
    assertThat(count.exit()).isEqualTo(2);
    assertThat(count.err()).contains("--count must be 1 or more (got 0)");

    Run timeout = tail("--timeout", "soon");
    assertThat(timeout.exit()).isEqualTo(2);
    assertThat(timeout.err()).contains("'soon' is not a duration");
  }

  @Test
  void eventsAloneIsAUsageError() throws Exception {
    Run r = events(Map.of());

    assertThat(r.exit()).isEqualTo(2);
    assertThat(r.err()).contains("nfp events: a subcommand is required.").contains("tail");
  }
}
