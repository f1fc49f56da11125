package org.nfpvnfm.events.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.io.Writer;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nfpvnfm.events.EventConsumer;
import org.nfpvnfm.events.KafkaSettings;
import org.nfpvnfm.events.Topics;
import picocli.CommandLine;

/** {@code nfp kafka} run on a thread, as the process would run it, and stopped by an interrupt. */
@Tag("integration")
class KafkaCommandTest {
  private static final Pattern ADDRESS = Pattern.compile("broker at (127\\.0\\.0\\.1:\\d+)");

  @TempDir Path dir;

  /** Output that lets a test wait for a line without sleeping. */
  static final class Output extends Writer {
    private final StringWriter text = new StringWriter();
    private final String awaited;
    private final CountDownLatch seen = new CountDownLatch(1);

    Output(String awaited) {
      this.awaited = awaited;
    }

    @Override
    public synchronized void write(char[] chars, int off, int len) {
      text.write(chars, off, len);
      if (text.toString().contains(awaited)) {
        seen.countDown();
      }
    }

    @Override
    public void flush() {}

    @Override
    public void close() {}

    boolean await(Duration d) throws InterruptedException {
      return seen.await(d.toMillis(), TimeUnit.MILLISECONDS);
    }

    @Override
    public synchronized String toString() {
      return text.toString();
    }
  }

  /** A running {@code nfp kafka}: its thread, output and exit code. */
  record Running(Thread thread, Output out, StringWriter err, AtomicInteger exit) {
    int stop() throws InterruptedException {
      thread.interrupt();
      thread.join(Duration.ofSeconds(60));
      assertThat(thread.isAlive()).as("nfp kafka stopped within 60 s").isFalse();
      return exit.get();
    }
  }

  static Running start(String... args) {
    Output out = new Output("Ctrl-C stops");
    StringWriter err = new StringWriter();
    CommandLine cli = new CommandLine(new KafkaCommand());
    cli.setOut(new PrintWriter(out, true));
    cli.setErr(new PrintWriter(err, true));
    AtomicInteger exit = new AtomicInteger(-1);
    Thread t = new Thread(() -> exit.set(cli.execute(args)), "nfp-kafka-test");
    t.start();
    return new Running(t, out, err, exit);
  }

  @Test
  void runsABrokerWithTheTopicsUntilStoppedAndKeepsThemForTheNextRun() throws Exception {
    Running first = start("--port", "0", "--data", dir.toString(), "--partitions", "2");
    assertThat(first.out().await(Duration.ofSeconds(90))).as(first.err().toString()).isTrue();
    Matcher m = ADDRESS.matcher(first.out().toString());
    assertThat(m.find()).isTrue();
    String address = m.group(1);
    assertThat(first.out().toString())
        .contains("  nfp.vnf.lifecycle (created, 2 partitions)")
        .contains("  nfp.vnf.packages (created, 2 partitions)")
        .contains("  nfp.vnf.telemetry (created, 2 partitions)")
        .contains("log in " + dir.toAbsolutePath());
    try (EventConsumer c = EventConsumer.builder(KafkaSettings.plaintext(address)).build()) {
      assertThat(c.missingTopics(Duration.ofSeconds(30))).isEmpty();
    }
    assertThat(first.stop()).isZero();
    assertThat(first.out().toString()).endsWith("nfp kafka: stopped" + System.lineSeparator());

    int port = Integer.parseInt(address.substring(address.indexOf(':') + 1));
    Running second = start("--port", String.valueOf(port), "--data", dir.toString());
    assertThat(second.out().await(Duration.ofSeconds(90))).as(second.err().toString()).isTrue();
    for (String topic : Topics.ALL) {
      assertThat(second.out().toString()).contains("  " + topic + " (existed already)");
    }
    assertThat(second.stop()).isZero();
  }

  @Test
  void saysThePortIsTakenAndExitsOne() throws Exception {
    try (ServerSocket taken = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      Running r = start("--port", String.valueOf(taken.getLocalPort()), "--data", dir.toString());
      r.thread().join(Duration.ofSeconds(60));
      if (r.thread().isAlive()) {
        r.stop(); // it should not have started; leave no broker behind
      }
      assertThat(r.exit().get()).isEqualTo(1);
      assertThat(r.err().toString())
          .startsWith("nfp kafka: the broker could not start: port " + taken.getLocalPort());
    }
  }

  @Test
  void refusesAPortOutOfRangeAndNoPartitions() {
    for (List<String> args : List.of(List.of("--port", "70000"), List.of("--partitions", "0"))) {
      StringWriter err = new StringWriter();
      CommandLine cli = new CommandLine(new KafkaCommand());
      cli.setErr(new PrintWriter(err, true));
      assertThat(cli.execute(args.toArray(String[]::new))).isEqualTo(2);
      assertThat(err.toString()).contains(args.getFirst() + " must be");
    }
  }
}
