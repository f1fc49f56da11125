package org.nfpvnfm.events.cli;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.Callable;
import org.jspecify.annotations.Nullable;
import org.nfpvnfm.cli.Nfp;
import org.nfpvnfm.cli.NfpSubcommand;
import org.nfpvnfm.cli.Serving;
import org.nfpvnfm.events.Topics;
import org.nfpvnfm.events.broker.EmbeddedKafka;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code nfp kafka [--port N] [--data DIR] [--partitions N]}: runs the embedded Kafka broker as a
 * process of its own, with the product's topics, until stopped.
 */
@Command(
    name = "kafka",
    description = {
      "Run the embedded Kafka broker (one KRaft node, on 127.0.0.1) on its own, with the"
          + " event topics created, until interrupted (Ctrl-C, SIGTERM).",
      "A VNFM configured with its bootstrap servers publishes to it, and nfp events tail reads"
          + " from it, across restarts of either: the broker keeps its log under --data."
    },
    exitCodeListHeading = "%nExit codes:%n",
    exitCodeList = {
      "0:stopped when asked",
      "1:the broker could not start (port taken, folder not writable) or the topics could not"
          + " be created",
      "2:usage error"
    })
public final class KafkaCommand implements Callable<Integer>, NfpSubcommand {
  private static final Duration START_TIMEOUT = Duration.ofSeconds(60);
  private static final Duration TOPICS_TIMEOUT = Duration.ofSeconds(30);
  private static final Duration CLOSE_TIMEOUT = Duration.ofSeconds(30);

  @Spec @Nullable CommandSpec spec;

  @Option(
      names = {"-h", "--help"},
      usageHelp = true,
      description = "Show this help and exit.")
  boolean help;

  @Option(
      names = "--port",
      paramLabel = "N",
      description =
          "The broker's port on 127.0.0.1 (default: ${DEFAULT-VALUE}; 0 picks a free one).")
  int port = 9092;

  @Option(
      names = "--data",
      paramLabel = "DIR",
      description = "Where the broker keeps its log (default: ${DEFAULT-VALUE}).")
  Path data = Path.of("nfp-data", "kafka");

  @Option(
      names = "--partitions",
      paramLabel = "N",
      description =
          "Partitions of each topic it creates (default: ${DEFAULT-VALUE}); topics that exist"
              + " are left as they are.")
  int partitions = 6;

  @Override
  public Object command() {
    return new KafkaCommand();
  }

  @Override
  public Integer call() throws Exception {
    CommandLine cli = Objects.requireNonNull(spec).commandLine();
    PrintWriter out = cli.getOut();
    PrintWriter err = cli.getErr();
    if (port < 0 || port > 65535) {
      throw new CommandLine.ParameterException(cli, "--port must be 0 to 65535 (got " + port + ")");
    }
    if (partitions < 1) {
      throw new CommandLine.ParameterException(
          cli, "--partitions must be 1 or more (got " + partitions + ")");
    }
    EmbeddedKafka kafka;
    try {
      kafka = EmbeddedKafka.start(data, port, START_TIMEOUT);
    } catch (RuntimeException e) {
      err.println("nfp kafka: the broker could not start: " + e.getMessage());
      err.flush();
      return Nfp.EXIT_PROBLEMS;
    }
    List<String> created;
    try {
      created = Topics.ensure(kafka.settings(), partitions, TOPICS_TIMEOUT);
    } catch (RuntimeException | java.util.concurrent.TimeoutException e) {
      kafka.close();
      err.println("nfp kafka: the topics could not be created: " + e.getMessage());
      err.flush();
      return Nfp.EXIT_PROBLEMS;
    }
    out.println("nfp kafka: broker at " + kafka.bootstrapServers());
    for (String topic : Topics.ALL) {
      out.println(
          "  "
              + topic
              + (created.contains(topic)
                  ? " (created, " + partitions + " partitions)"
                  : " (existed already)"));
    }
    out.println("  log in " + kafka.dir().toAbsolutePath() + "; Ctrl-C stops");
    out.flush();
    Serving.untilStopped(kafka, "nfp-kafka", CLOSE_TIMEOUT);
    out.println("nfp kafka: stopped");
    out.flush();
    return 0;
  }
}
