package org.nfpvnfm.vnfm.cli;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.Callable;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;
import org.HdrHistogram.Histogram;
import org.HdrHistogram.Recorder;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.jspecify.annotations.Nullable;
import org.nfpvnfm.cli.NfpSubcommand;
import org.nfpvnfm.events.CloudEvent;
import org.nfpvnfm.events.EventCodec;
import org.nfpvnfm.events.EventType;
import org.nfpvnfm.events.KafkaSettings;
import org.nfpvnfm.events.Topics;
import org.nfpvnfm.vnfm.VnfmConfig;
import org.nfpvnfm.vnfm.internal.events.EventRelay;
import org.nfpvnfm.vnfm.internal.events.EventsPart;
import org.nfpvnfm.vnfm.internal.events.OutgoingEvent;
import org.nfpvnfm.vnfm.internal.rest.Json;
import org.nfpvnfm.vnfm.internal.store.Database;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code nfp events-bench}: events through the VNFM's own outbox and relay to a broker and on to a
 * consumer. Writer threads commit transactions that each store one operation-occurrence event (a
 * SOL003 notification's size) in the outbox, as the lifecycle does; the relay publishes them; a
 * consumer reads them back. For each rate it prints the events per second that reached the consumer
 * and the delay from each event's commit-time stamp to the consumer (p50, p99, max).
 */
@Command(
    name = "events-bench",
    description = {
      "Benchmark lifecycle events: transactions writing to the outbox, the relay publishing to"
          + " Kafka, a consumer reading back; events per second and state-change-to-consumer delay.",
      "Without --bootstrap-servers it starts an embedded broker in a temporary folder; without"
          + " --jdbc-url the embedded H2 database there."
    })
public final class EventsBenchCommand implements Callable<Integer>, NfpSubcommand {
  private static final int INSTANCES = 64;
  private static final Duration WARMUP = Duration.ofSeconds(2);

  @Spec @Nullable CommandSpec spec;

  @Option(
      names = {"-h", "--help"},
      usageHelp = true,
      description = "Show this help and exit.")
  boolean help;

  @Option(names = "--seconds", description = "Seconds per measurement. Default: ${DEFAULT-VALUE}.")
  int seconds = 10;

  @Option(
      names = "--writers",
      description = "Threads committing transactions. Default: ${DEFAULT-VALUE}.")
  int writers = 2;

  @Option(
      names = "--rates",
      split = ",",
      paramLabel = "N",
      description =
          "Events per second to offer, one measurement each; 0 means as fast as the writers can."
              + " Default: 0,5000,1000,100.")
  List<Integer> rates = List.of(0, 5000, 1000, 100);

  @Option(
      names = "--bootstrap-servers",
      paramLabel = "HOST:PORT",
      description = "An external Kafka cluster (PLAINTEXT) instead of the embedded broker.")
  @Nullable String bootstrap;

  @Option(
      names = "--jdbc-url",
      paramLabel = "URL",
      description = "The outbox's database (e.g. PostgreSQL) instead of the embedded H2.")
  @Nullable String jdbcUrl;

  @Option(names = "--db-user", description = "The database user, with --jdbc-url.")
  String dbUser = "";

  @Option(
      names = "--db-password-env",
      paramLabel = "VAR",
      description = "The environment variable holding the database password.")
  @Nullable String dbPasswordEnv;

  @Option(names = "--out", paramLabel = "FILE", description = "Also write the results as Markdown.")
  @Nullable Path out;

  @Override
  public Object command() {
    return new EventsBenchCommand();
  }

  /** One measurement. */
  record Result(int offered, long written, long consumed, double seconds, Histogram delay) {
    String row() {
      return String.format(
          Locale.ROOT,
          "| %s | %.0f | %.0f | %.2f | %.2f | %.2f | %.2f |",
          offered == 0 ? "as fast as possible" : offered + "/s",
          written / seconds,
          consumed / seconds,
          delay.getValueAtPercentile(50) / 1000.0,
          delay.getValueAtPercentile(90) / 1000.0,
          delay.getValueAtPercentile(99) / 1000.0,
          delay.getMaxValue() / 1000.0);
    }
  }

  @Override
  public Integer call() throws Exception {
    CommandLine cli = Objects.requireNonNull(spec).commandLine();
    PrintWriter stdout = cli.getOut();
    if (seconds < 1 || writers < 1 || rates.isEmpty() || rates.stream().anyMatch(r -> r < 0)) {
      throw new CommandLine.ParameterException(
          cli, "--seconds and --writers must be at least 1, and --rates 0 or more");
    }
    Path tmp = Files.createTempDirectory("nfp-events-bench");
    VnfmConfig d = VnfmConfig.defaults(tmp);
    VnfmConfig.EventsConfig e = d.events();
    VnfmConfig config =
        d.withEvents(
            new VnfmConfig.EventsConfig(
                true,
                bootstrap == null ? "" : bootstrap,
                0,
                "PLAINTEXT",
                "",
                "",
                "",
                "",
                "",
                "",
                "",
                Map.of(),
                e.partitions(),
                "/nfp-vnfm/events-bench",
                e.relayBatch(),
                e.relayPoll(),
                Duration.ZERO));
    String password =
        dbPasswordEnv == null ? "" : Objects.toString(System.getenv(dbPasswordEnv), "");
    Database db =
        Database.open(
            new VnfmConfig.DatabaseConfig(
                jdbcUrl == null ? config.jdbcUrl() : jdbcUrl, dbUser, password, writers + 4));
    EventsPart events = new EventsPart(config, db);
    try {
      events.start();
      EventRelay relay = Objects.requireNonNull(events.relay());
      stdout.printf(
          "nfp events-bench: %s, outbox in %s, %d writers, %d s per measurement%n",
          relay.settings().bootstrapServers() + (bootstrap == null ? " (embedded broker)" : ""),
          jdbcUrl == null ? "H2 (embedded)" : "the given database",
          writers,
          seconds);
      stdout.flush();
      List<Result> results = new ArrayList<>();
      try (Reader reader = new Reader(relay.settings())) {
        reader.awaitAssignment(Duration.ofSeconds(60));
        for (int rate : rates) {
          Result r = measure(db, events, relay, reader, rate);
          results.add(r);
          stdout.println(r.row());
          stdout.flush();
        }
      }
      String table = table(results);
      stdout.println();
      stdout.print(table);
      if (out != null) {
        Files.writeString(out, table);
      }
      return 0;
    } finally {
      events.close();
      db.close();
      LoadCommand.deleteTree(tmp);
    }
  }

  private long writtenTotal;

  private Result measure(Database db, EventsPart events, EventRelay relay, Reader reader, int rate)
      throws InterruptedException {
    ObjectNode data = sampleNotification();
    AtomicBoolean stop = new AtomicBoolean();
    AtomicLong written = new AtomicLong();
    long perWriterNanos = rate == 0 ? 0 : (long) (1e9 * writers / rate);
    List<Thread> threads = new ArrayList<>();
    for (int w = 0; w < writers; w++) {
      int writer = w;
      threads.add(
          Thread.ofPlatform()
              .name("events-bench-writer-" + w)
              .start(() -> write(db, events, data, writer, perWriterNanos, stop, written)));
    }
    Thread.sleep(WARMUP.toMillis());
    Instant from = Instant.now().truncatedTo(ChronoUnit.MICROS);
    Instant to = from.plusSeconds(seconds);
    reader.window(from, to);
    long before = written.get();
    Thread.sleep(Duration.between(Instant.now(), to).toMillis());
    long inWindow = written.get() - before;
    stop.set(true);
    for (Thread t : threads) {
      t.join();
    }
    writtenTotal += written.get();
    // Everything written is read back before the result is taken and the next one starts.
    reader.awaitSeen(writtenTotal, Duration.ofSeconds(120));
    Reader.Window w = reader.endWindow();
    return new Result(rate, inWindow, w.arrived(), seconds, w.delay());
  }

  private void write(
      Database db,
      EventsPart events,
      ObjectNode data,
      int writer,
      long perWriterNanos,
      AtomicBoolean stop,
      AtomicLong written) {
    long next = System.nanoTime();
    long n = 0;
    while (!stop.get()) {
      if (perWriterNanos > 0) {
        long wait = next - System.nanoTime();
        if (wait > 0) {
          LockSupport.parkNanos(wait);
          continue;
        }
        next += perWriterNanos;
      }
      String key = "vnf-" + ((writer + n * writers) % INSTANCES);
      n++;
      ObjectNode body = data.deepCopy();
      body.put("id", OutgoingEvent.newId());
      body.put("vnfInstanceId", key);
      OutgoingEvent e =
          new OutgoingEvent(
              body.path("id").asText(), EventType.OPERATION_STATE_CHANGED, key, key, body);
      db.inTransaction(
          c -> {
            events.sink().emit(c, e);
          });
      written.incrementAndGet();
    }
  }

  /** A VnfLcmOperationOccurrenceNotification of the size the lifecycle publishes. */
  private static ObjectNode sampleNotification() {
    ObjectNode n = Json.MAPPER.createObjectNode();
    n.put("notificationType", "VnfLcmOperationOccurrenceNotification");
    n.put("timeStamp", Instant.now().toString());
    n.put("notificationStatus", "RESULT");
    n.put("operationState", "COMPLETED");
    n.put("operation", "INSTANTIATE");
    n.put("isAutomaticInvocation", false);
    n.put("vnfLcmOpOccId", "00000000-0000-0000-0000-000000000000");
    var vnfcs = n.putArray("affectedVnfcs");
    for (String nf : List.of("VPN", "Monitor", "FW", "LB")) {
      ObjectNode v = vnfcs.addObject();
      v.put("id", "vnf.graph/" + nf);
      v.put("vduId", nf);
      v.put("changeType", "ADDED");
      ObjectNode r = v.putObject("computeResource");
      r.put("resourceId", "local/vnf.graph/" + nf);
      r.put("vimLevelResourceType", "nfp.nf-runtime");
    }
    ObjectNode links = n.putObject("_links");
    links.putObject("vnfInstance").put("href", "http://127.0.0.1:9890/vnflcm/v2/vnf_instances/x");
    links
        .putObject("vnfLcmOpOcc")
        .put("href", "http://127.0.0.1:9890/vnflcm/v2/vnf_lcm_op_occs/00000000-0000-0000-0000");
    return n;
  }

  private String table(List<Result> results) {
    StringBuilder b = new StringBuilder();
    b.append(
        "| offered | committed per s | consumed per s | delay p50 [ms] | p90 [ms] | p99 [ms] |"
            + " max [ms] |\n"
            + "| --- | ---: | ---: | ---: | ---: | ---: | ---: |\n");
    results.forEach(r -> b.append(r.row()).append('\n'));
    b.append('\n')
        .append(
            String.format(
                Locale.ROOT,
                "%d writers, %d s each after %d s of warm-up. Committed: transactions per second;"
                    + " consumed: events the consumer received per second in the window; delay:"
                    + " from the event's time (stamped in its transaction) to the consumer, for"
                    + " the events stamped in the window (offered beyond what the relay"
                    + " publishes, the backlog grows and so does the delay). %s; %d cores, %s, JDK"
                    + " %s;"
                    + " `./nfp events-bench --seconds %d --writers %d --rates %s`.%n",
                writers,
                seconds,
                WARMUP.toSeconds(),
                (bootstrap == null ? "embedded broker" : "broker " + bootstrap)
                    + (jdbcUrl == null ? ", H2" : ", " + jdbcUrl.replaceAll("\\?.*", "")),
                Runtime.getRuntime().availableProcessors(),
                LoadCommand.cpuModel(),
                Runtime.version(),
                seconds,
                writers,
                String.join(",", rates.stream().map(String::valueOf).toList())));
    return b.toString();
  }

  /**
   * Reads the lifecycle topic from the end on its own thread, counting this benchmark's events and
   * recording, for those stamped inside the current window, their delay.
   */
  private static final class Reader implements AutoCloseable {
    /** Events stamped in the window (all read back), those that arrived in it, their delays. */
    record Window(long stamped, long arrived, Histogram delay) {}

    private final KafkaConsumer<String, byte[]> consumer;
    private final Thread thread;
    private final AtomicBoolean stop = new AtomicBoolean();
    private final AtomicLong seen = new AtomicLong();
    private final AtomicLong inWindow = new AtomicLong();
    private final AtomicLong arrived = new AtomicLong();
    private final Recorder delays = new Recorder(3);
    private volatile boolean assigned;
    private volatile Instant from = Instant.MAX;
    private volatile Instant to = Instant.MAX;

    Reader(KafkaSettings settings) {
      Map<String, Object> p = new HashMap<>(settings.clientProperties());
      p.put("group.id", "nfp-events-bench-" + System.nanoTime());
      p.put("auto.offset.reset", "latest");
      p.put("enable.auto.commit", "false");
      p.put("fetch.max.wait.ms", "10");
      this.consumer = new KafkaConsumer<>(p, new StringDeserializer(), new ByteArrayDeserializer());
      consumer.subscribe(List.of(Topics.LIFECYCLE));
      this.thread = Thread.ofPlatform().name("events-bench-reader").start(this::run);
    }

    private void run() {
      while (!stop.get()) {
        for (ConsumerRecord<String, byte[]> r : consumer.poll(Duration.ofMillis(50))) {
          CloudEvent e = EventCodec.decode(r.value());
          if (!e.source().equals("/nfp-vnfm/events-bench")) {
            continue;
          }
          seen.incrementAndGet();
          Instant now = Instant.now();
          if (!now.isBefore(from) && now.isBefore(to)) {
            arrived.incrementAndGet();
          }
          if (!e.time().isBefore(from) && e.time().isBefore(to)) {
            inWindow.incrementAndGet();
            delays.recordValue(Math.max(0, micros(now) - micros(e.time())));
          }
        }
        assigned = assigned || !consumer.assignment().isEmpty();
      }
      consumer.close(Duration.ofSeconds(5));
    }

    private static long micros(Instant i) {
      return i.getEpochSecond() * 1_000_000 + i.getNano() / 1000;
    }

    void awaitAssignment(Duration timeout) throws InterruptedException {
      long deadline = System.nanoTime() + timeout.toNanos();
      while (!assigned) {
        if (System.nanoTime() > deadline) {
          throw new IllegalStateException(
              "the benchmark's consumer got no partition of " + Topics.LIFECYCLE);
        }
        Thread.sleep(20);
      }
    }

    void window(Instant from, Instant to) {
      delays.reset();
      inWindow.set(0);
      arrived.set(0);
      this.to = to;
      this.from = from;
    }

    void awaitSeen(long total, Duration timeout) throws InterruptedException {
      long deadline = System.nanoTime() + timeout.toNanos();
      while (seen.get() < total) {
        if (System.nanoTime() > deadline) {
          throw new IllegalStateException(
              "only " + seen.get() + " of " + total + " events reached the consumer");
        }
        Thread.sleep(10);
      }
    }

    Window endWindow() {
      Window w = new Window(inWindow.get(), arrived.get(), delays.getIntervalHistogram());
      from = Instant.MAX;
      to = Instant.MAX;
      return w;
    }

    @Override
    public void close() throws InterruptedException {
      stop.set(true);
      thread.join(Duration.ofSeconds(10));
    }
  }
}
