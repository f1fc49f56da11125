package org.nfpvnfm.events.cli;

import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Function;
import org.apache.kafka.common.KafkaException;
import org.jspecify.annotations.Nullable;
import org.nfpvnfm.cli.Nfp;
import org.nfpvnfm.events.CloudEvent;
import org.nfpvnfm.events.Event;
import org.nfpvnfm.events.EventCodec;
import org.nfpvnfm.events.EventConsumer;
import org.nfpvnfm.events.EventType;
import org.nfpvnfm.events.KafkaSettings;
import org.nfpvnfm.events.MalformedRecord;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code nfp events tail}: prints the product's events as they are published, one line each (or one
 * CloudEvent in JSON with {@code --json}), until stopped, {@code --count} events, or {@code
 * --timeout} without one.
 */
@Command(
    name = "tail",
    description = {
      "Print the VNFM's events (CloudEvents on Kafka) as they are published: one line per event"
          + " (time, type, subject, what happened), or each event as one JSON line with --json.",
      "It reads every topic (nfp.vnf.lifecycle, nfp.vnf.packages, nfp.vnf.telemetry) without"
          + " joining a consumer group of the VNFM's: it commits nothing and slows nothing down."
          + " Records that are not events are reported on stderr and skipped.",
      "It runs until stopped (Ctrl-C), until --count events were printed, or until --timeout"
          + " passed without an event to print."
    },
    exitCodeListHeading = "%nExit codes:%n",
    exitCodeList = {
      "0:stopped when asked, after --count events, or after --timeout without an event",
      "1:no broker answered within the connection timeout, the cluster refused this client,"
          + " a file or variable named by an option is missing, or --timeout passed before --count"
          + " events",
      "2:usage error (an unknown --type lists the types)"
    })
public final class TailCommand implements Callable<Integer> {
  static final Duration DEFAULT_CONNECT_TIMEOUT = Duration.ofSeconds(10);
  private static final Duration MIN_CONNECT_TIMEOUT = Duration.ofSeconds(1);
  private static final Duration MAX_CONNECT_TIMEOUT = Duration.ofSeconds(30);
  private static final Duration POLL = Duration.ofMillis(250);

  @Spec @Nullable CommandSpec spec;

  @Option(
      names = {"-h", "--help"},
      usageHelp = true,
      description = "Show this help and exit.")
  boolean help;

  @Option(
      names = "--bootstrap-servers",
      paramLabel = "HOST:PORT[,...]",
      description =
          "The Kafka cluster (default: ${DEFAULT-VALUE}, the broker the VNFM embeds, or nfp"
              + " kafka's).")
  String bootstrapServers = "127.0.0.1:9092";

  @Option(
      names = "--type",
      paramLabel = "TYPE",
      converter = EventTypeConverter.class,
      description =
          "Only events of this type, e.g. vnf.operation.state_changed.v1 or its full type"
              + " org.nfpvnfm.vnf.operation.state_changed.v1 (repeatable).")
  List<EventType> types = new ArrayList<>();

  @Option(
      names = "--instance",
      paramLabel = "ID",
      description =
          "Only events about this VNF instance (their subject or key is the instance's id).")
  @Nullable String instance;

  @Option(
      names = "--from-beginning",
      description =
          "Start at the oldest event the topics keep, instead of the events published from now.")
  boolean fromBeginning;

  @Option(names = "--count", paramLabel = "N", description = "Stop after N events.")
  @Nullable Integer count;

  @Option(
      names = "--timeout",
      paramLabel = "DURATION",
      converter = DurationConverter.class,
      description =
          "Stop after this long without an event to print (e.g. 30s, 5m; default: never). Also"
              + " how long to wait for a broker to answer at the start (between 1 s and 30 s;"
              + " 10 s without --timeout).")
  @Nullable Duration timeout;

  @Option(names = "--json", description = "Print each event as one line of CloudEvents JSON.")
  boolean json;

  @Option(
      names = "--security-protocol",
      paramLabel = "PROTOCOL",
      description = "PLAINTEXT (default), SSL, SASL_PLAINTEXT or SASL_SSL.")
  String securityProtocol = "PLAINTEXT";

  @Option(
      names = "--sasl-mechanism",
      paramLabel = "MECHANISM",
      description = "PLAIN, SCRAM-SHA-256 or SCRAM-SHA-512 (with a SASL protocol).")
  @Nullable String saslMechanism;

  @Option(names = "--username", paramLabel = "USER", description = "The SASL user.")
  @Nullable String username;

  @Option(
      names = "--password-env",
      paramLabel = "VAR",
      description =
          "The environment variable that holds the SASL password (never the password itself on"
              + " the command line, where other users of the machine can read it).")
  @Nullable String passwordEnv;

  @Option(
      names = "--truststore",
      paramLabel = "FILE",
      description =
          "A PKCS#12 trust store with the brokers' CA (SSL protocols); default: the JDK's CAs.")
  @Nullable Path truststore;

  @Option(
      names = "--truststore-password-env",
      paramLabel = "VAR",
      description = "The environment variable that holds the trust store's password, if any.")
  @Nullable String truststorePasswordEnv;

  /**
   * Where {@code --password-env} and {@code --truststore-password-env} are read (tests swap it).
   */
  Function<String, @Nullable String> environment = System::getenv;

  @Override
  public Integer call() {
    CommandLine cli = Objects.requireNonNull(spec).commandLine();
    PrintWriter out = cli.getOut();
    PrintWriter err = cli.getErr();
    if (count != null && count < 1) {
      throw new CommandLine.ParameterException(
          cli, "--count must be 1 or more (got " + count + ")");
    }
    KafkaSettings settings;
    try {
      settings = settings(cli);
    } catch (MissingInput e) {
      return fail(err, e.getMessage());
    }
    ClientLogs.quiet();
    Duration connectTimeout = connectTimeout();
    EventConsumer consumer;
    try {
      consumer =
          EventConsumer.builder(settings)
              .types(types)
              .fromBeginning(fromBeginning)
              .clientId("nfp-events-tail")
              .onMalformed(m -> malformed(err, m))
              .property("default.api.timeout.ms", (int) connectTimeout.toMillis())
              .build();
    } catch (KafkaException e) {
      return fail(err, "cannot read from " + bootstrapServers + ": " + message(e));
    }
    try (consumer) {
      List<String> missing;
      try {
        missing = consumer.missingTopics(connectTimeout);
      } catch (org.apache.kafka.common.errors.TimeoutException e) {
        return fail(
            err,
            "no Kafka broker answered at "
                + bootstrapServers
                + " within "
                + seconds(connectTimeout)
                + " (is nfp serve or nfp kafka running there? --bootstrap-servers names"
                + " another cluster)");
      } catch (KafkaException e) {
        return fail(err, bootstrapServers + " refused this client: " + message(e));
      }
      if (!missing.isEmpty()) {
        err.println(
            "nfp events tail: "
                + String.join(", ", missing)
                + (missing.size() == 1 ? " does" : " do")
                + " not exist yet; reading "
                + (missing.size() == 1 ? "it" : "them")
                + " once created");
      }
      err.println(
          "nfp events tail: reading "
              + String.join(", ", consumer.topics())
              + " at "
              + bootstrapServers
              + (fromBeginning ? " from the beginning" : " from now")
              + "; Ctrl-C stops");
      err.flush();
      return follow(consumer, out, err);
    }
  }

  private int follow(EventConsumer consumer, PrintWriter out, PrintWriter err) {
    CountDownLatch done = new CountDownLatch(1);
    AtomicBoolean stopping = new AtomicBoolean();
    Thread hook =
        new Thread(
            () -> {
              stopping.set(true);
              consumer.wakeup();
              try {
                // Let the loop close the consumer, so that it leaves its group at once.
                done.await(5, TimeUnit.SECONDS);
              } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
              }
            },
            "nfp-events-tail-shutdown");
    Runtime.getRuntime().addShutdownHook(hook);
    int printed = 0;
    try {
      long idleLimit = timeout == null ? Long.MAX_VALUE : timeout.toNanos();
      long lastEvent = System.nanoTime();
      boolean timedOut = false;
      while (!stopping.get() && !Thread.currentThread().isInterrupted()) {
        List<Event> events;
        try {
          events = consumer.poll(POLL);
        } catch (KafkaException e) {
          return fail(err, "stopped reading from " + bootstrapServers + ": " + message(e));
        }
        for (Event e : events) {
          if (!concernsInstance(e.cloudEvent())) {
            continue;
          }
          out.println(json ? EventCodec.toJson(e.cloudEvent()).toString() : EventLines.line(e));
          out.flush();
          if (out.checkError()) {
            // Whoever read the output has gone (| head, a closed pipe): nothing left to do.
            return 0;
          }
          printed++;
          lastEvent = System.nanoTime();
          if (count != null && printed >= count) {
            return 0;
          }
        }
        if (System.nanoTime() - lastEvent >= idleLimit) {
          timedOut = true;
          break;
        }
      }
      if (timedOut && count != null && timeout != null) {
        return fail(
            err,
            printed
                + " of "
                + count
                + " events, then none for "
                + seconds(timeout)
                + (printed == 0 ? "" : " after the last"));
      }
      return 0;
    } finally {
      done.countDown();
      try {
        Runtime.getRuntime().removeShutdownHook(hook);
      } catch (IllegalStateException e) {
        // The JVM is shutting down: the hook is what stopped the loop.
      }
    }
  }

  private boolean concernsInstance(CloudEvent e) {
    return instance == null || instance.equals(e.partitionkey()) || instance.equals(e.subject());
  }

  private static void malformed(PrintWriter err, MalformedRecord m) {
    err.println(
        "nfp events tail: skipped a record that is not an event at "
            + m.position()
            + ": "
            + m.reason());
    err.flush();
  }

  private KafkaSettings settings(CommandLine cli) throws MissingInput {
    if (username != null && passwordEnv == null) {
      throw new CommandLine.ParameterException(
          cli, "--username needs --password-env VAR, the variable that holds the password");
    }
    String password = passwordEnv == null ? null : variable(passwordEnv, "--password-env");
    String trustStorePassword =
        truststorePasswordEnv == null
            ? null
            : variable(truststorePasswordEnv, "--truststore-password-env");
    if (truststore != null && !Files.isReadable(truststore)) {
      throw new MissingInput("cannot read the trust store " + truststore + " (--truststore)");
    }
    try {
      return new KafkaSettings(
          bootstrapServers,
          securityProtocol,
          saslMechanism,
          username,
          password,
          truststore == null ? null : truststore.toAbsolutePath().toString(),
          trustStorePassword,
          null,
          null,
          Map.of());
    } catch (IllegalArgumentException e) {
      throw new CommandLine.ParameterException(cli, optionNames(e.getMessage()));
    }
  }

  /** KafkaSettings' messages name its fields; an operator knows the options. */
  private static String optionNames(@Nullable String message) {
    return String.valueOf(message)
        .replace("bootstrapServers", "--bootstrap-servers")
        .replace("securityProtocol", "--security-protocol")
        .replace("saslMechanism", "--sasl-mechanism")
        .replace("a username and a password", "--username and --password-env");
  }

  private String variable(String name, String option) throws MissingInput {
    String v = environment.apply(name);
    if (v == null) {
      throw new MissingInput("the environment variable " + name + " (" + option + ") is not set");
    }
    return v;
  }

  private Duration connectTimeout() {
    if (timeout == null) {
      return DEFAULT_CONNECT_TIMEOUT;
    }
    Duration t = timeout.compareTo(MIN_CONNECT_TIMEOUT) < 0 ? MIN_CONNECT_TIMEOUT : timeout;
    return t.compareTo(MAX_CONNECT_TIMEOUT) > 0 ? MAX_CONNECT_TIMEOUT : t;
  }

  private static String seconds(Duration d) {
    return d.toMillis() % 1000 == 0 ? d.toSeconds() + " s" : d.toMillis() + " ms";
  }

  private static String message(KafkaException e) {
    String m = e.getMessage();
    Throwable cause = e.getCause();
    if (cause != null && cause.getMessage() != null && !cause.getMessage().equals(m)) {
      m = m + " (" + cause.getMessage() + ")";
    }
    return String.valueOf(m);
  }

  private static int fail(PrintWriter err, @Nullable String message) {
    err.println("nfp events tail: " + message);
    err.flush();
    return Nfp.EXIT_PROBLEMS;
  }

  /** An input the options name (a variable, a file) is not there: exit 1, not a usage error. */
  private static final class MissingInput extends Exception {
    private static final long serialVersionUID = 1L;

    MissingInput(String message) {
      super(message);
    }
  }
}
