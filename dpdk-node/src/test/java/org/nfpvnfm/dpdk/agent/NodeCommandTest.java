package org.nfpvnfm.dpdk.agent;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.ServiceLoader;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.nfpvnfm.cli.Nfp;
import org.nfpvnfm.cli.NfpSubcommand;
import org.nfpvnfm.dpdk.DpdkTestSupport;
import org.nfpvnfm.dpdk.Eal;
import picocli.CommandLine;

@Timeout(value = 60, unit = TimeUnit.SECONDS)
class NodeCommandTest {
  private static final Pattern SERVING = Pattern.compile("serving (\\S+) for port");

  private final StringWriter out = new StringWriter();
  private final StringWriter err = new StringWriter();

  @Test
  void isAnNfpSubcommandFoundOnTheClassPath() {
    assertThat(ServiceLoader.load(NfpSubcommand.class).stream().map(p -> p.type().getName()))
        .contains(NodeCommand.class.getName());
    assertThat(Nfp.commandLine().getSubcommands()).containsKey("node");
  }

  @Test
  void passesTheEalOptionsInAFixedOrderWithThoseAfterTheDelimiterLast() {
    NodeCommand command = new NodeCommand();
    new CommandLine(command)
        .parseArgs(
            "--in-port=net_null0",
            "--vdev=net_null0",
            "--vdev=net_ring0",
            "-m",
            "256",
            "--no-pci",
            "--no-huge",
            "-l",
            "0-1",
            "--file-prefix",
            "nfp1",
            "--",
            "--log-level=lib.eal:debug",
            "--no-huge");

    assertThat(command.ealArguments())
        .containsExactly(
            "-l",
            "0-1",
            "--no-huge",
            "--no-pci",
            "-m",
            "256",
            "--file-prefix",
            "nfp1",
            "--vdev=net_null0",
            "--vdev=net_ring0",
            "--log-level=lib.eal:debug",
            "--no-huge");
  }

  @Test
  void refusesAListenAddressWithoutAPortBeforeStartingAnything() {
    int code = run("--in-port=net_null0", "--listen=localhost");

    assertThat(code).isEqualTo(Nfp.EXIT_USAGE);
    assertThat(err.toString())
        .contains("--listen localhost is not an address (expected: HOST:PORT");
  }

  @Test
  void refusesAnUnknownLogFormatBeforeStartingAnything() {
    int code = run("--in-port=net_null0", "--log-format=xml");

    assertThat(code).isEqualTo(Nfp.EXIT_USAGE);
    assertThat(err.toString()).contains("nfp node: --log-format: log format 'xml'");
  }

  @Test
  @Tag("integration")
  void saysWhyTheEalDidNotStart() {
    DpdkTestSupport.eal();

    int code = run("--in-port=net_null0", "--listen=127.0.0.1:0", "--no-huge");

    assertThat(code).isEqualTo(Nfp.EXIT_PROBLEMS);
    assertThat(err.toString()).startsWith("nfp node: the EAL is already running with");
  }

  @Test
  @Tag("integration")
  void servesTheAgentUntilInterruptedThenClosesTheNode() throws Exception {
    DpdkTestSupport.eal();
    String port = DpdkTestSupport.uniqueName("net_null_cmd") + ",size=64";
    List<String> args = new ArrayList<>(List.of("--in-port=" + port, "--listen=127.0.0.1:0", "--"));
    args.addAll(Eal.testArguments());
    AtomicInteger code = new AtomicInteger(-1);
    Thread serving = Thread.ofPlatform().start(() -> code.set(run(args.toArray(String[]::new))));

    URI uri = awaitServing(serving);
    try (HttpClient http = HttpClient.newHttpClient()) {
      HttpRequest get =
          HttpRequest.newBuilder(uri.resolve("node")).timeout(Duration.ofSeconds(30)).build();
      HttpResponse<String> r = http.send(get, HttpResponse.BodyHandlers.ofString());
      assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
      JsonNode node = new ObjectMapper().readTree(r.body());
      assertThat(node.at("/config/inPort").asText()).isEqualTo(port);

      serving.interrupt();
      serving.join(Duration.ofSeconds(30));

      assertThat(serving.isAlive()).isFalse();
      assertThat(code.get()).as(err.toString()).isZero();
      assertThat(out.toString()).endsWith("nfp node: stopped" + System.lineSeparator());
      assertThatThrownBy(() -> http.send(get, HttpResponse.BodyHandlers.ofString()))
          .isInstanceOf(IOException.class);
    }
  }

  private URI awaitServing(Thread serving) throws InterruptedException {
    long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
    while (System.nanoTime() < deadline) {
      Matcher m = SERVING.matcher(out.toString());
      if (m.find()) {
        return URI.create(m.group(1));
      }
      assertThat(serving.isAlive()).as("nfp node still running; stderr: %s", err).isTrue();
      Thread.sleep(10);
    }
    throw new AssertionError("nfp node did not say where it serves; out: " + out + ", err: " + err);
  }

  private int run(String... args) {
    CommandLine cli = new CommandLine(new NodeCommand().command());
    cli.setOut(new PrintWriter(out, true));
    cli.setErr(new PrintWriter(err, true));
    return cli.execute(args);
  }
}
