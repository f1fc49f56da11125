package org.nfpvnfm.vnfm.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nfpvnfm.cli.Nfp;
import org.nfpvnfm.vnfm.TestVnfm;
import picocli.CommandLine;

class ServeCommandTest {
  @TempDir Path dir;

  private static final class Run {
    final StringWriter out = new StringWriter();
    final StringWriter err = new StringWriter();
    volatile int exit = -1;

    Thread start(String... args) {
      CommandLine cli = Nfp.commandLine();
      cli.setOut(new PrintWriter(out, true));
      cli.setErr(new PrintWriter(err, true));
      Thread t = new Thread(() -> exit = cli.execute(args), "serve-under-test");
      t.start();
      return t;
    }
  }

  @Test
  void servesTheApiAndPrintsWhereUntilInterrupted() throws Exception {
    Run run = new Run();
    Thread t = run.start("serve", "--port", "0", "--data", dir.toString(), "--no-node");
    Pattern where = Pattern.compile("VNFM API at (http://\\S+)");
    Instant deadline = Instant.now().plus(Duration.ofSeconds(30));
    Matcher m = where.matcher(run.out.toString());
    while (!m.find()) {
      assertThat(Instant.now()).as("output so far: %s %s", run.out, run.err).isBefore(deadline);
      Thread.sleep(50);
      m = where.matcher(run.out.toString());
    }
    URI uri = URI.create(m.group(1));
    assertThat(run.out.toString()).contains("vnflcm/v2").contains("Version: 2.0.0");
    assertThat(new TestVnfm.Client(uri, "2.0.0").get("/vnflcm/v2/vnf_instances").status())
        .as("OAuth2 is on by default")
        .isEqualTo(401);
    TestVnfm.Reply r =
        new TestVnfm.Client(uri, "2.0.0")
            .token(TestVnfm.token(uri, "nfvo", "nfvo-secret"))
            .get("/vnflcm/v2/vnf_instances");
    assertThat(r.status()).isEqualTo(200);
    assertThat(Files.list(dir).map(p -> p.getFileName().toString()))
        .anyMatch(n -> n.startsWith("vnfm"));

    t.interrupt();
    t.join(Duration.ofSeconds(30));
    assertThat(t.isAlive()).isFalse();
    assertThat(run.exit).isZero();
    assertThat(run.out.toString()).contains("nfp serve: stopped");
  }

  @Test
  void aConfigurationWithAnUnknownSettingIsRefusedWithItsName() throws Exception {
    Path config = dir.resolve("vnfm.yaml");
    Files.writeString(config, "http:\n  prot: 9000\n");
    Run run = new Run();
    Thread t = run.start("serve", "--config", config.toString());
    t.join(Duration.ofSeconds(30));
    assertThat(run.exit).isEqualTo(Nfp.EXIT_PROBLEMS);
    assertThat(run.err.toString()).contains("http.prot");
  }

  @Test
  void refusesAnUnknownLogFormatBeforeStartingAnything() throws Exception {
    Run run = new Run();
    Thread t = run.start("serve", "--data", dir.toString(), "--log-format", "xml");
    t.join(Duration.ofSeconds(30));
    assertThat(run.exit).isEqualTo(Nfp.EXIT_USAGE);
    assertThat(run.err.toString()).contains("--log-format").contains("expected: text or json");
    assertThat(Files.exists(dir.resolve("vnfm.mv.db"))).isFalse();
  }

  @Test
  void keepsTheMetricsSettingsOfTheFileWhenOptionsOverrideOthers() throws Exception {
    Path config = dir.resolve("vnfm.yaml");
    Files.writeString(config, "metrics:\n  requireToken: true\nlogging:\n  format: text\n");
    Run run = new Run();
    Thread t =
        run.start(
            "serve",
            "--config",
            config.toString(),
            "--port",
            "0",
            "--data",
            dir.toString(),
            "--no-node",
            "--no-events");
    Instant deadline = Instant.now().plus(Duration.ofSeconds(30));
    while (!run.out.toString().contains("data in")) {
      assertThat(Instant.now()).as("output so far: %s %s", run.out, run.err).isBefore(deadline);
      Thread.sleep(50);
    }
    assertThat(run.out.toString())
        .containsPattern("metrics: http://\\S+/metrics \\(needs a token\\)");
    t.interrupt();
    t.join(Duration.ofSeconds(30));
    assertThat(run.exit).isZero();
  }
}
