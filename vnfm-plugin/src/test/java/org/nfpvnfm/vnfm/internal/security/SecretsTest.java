package org.nfpvnfm.vnfm.internal.security;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Date;
import java.util.List;
import java.util.Map;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.logging.Logger;
import java.util.logging.SimpleFormatter;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nfpvnfm.vnfm.TestVnfm;
import org.nfpvnfm.vnfm.Vnfm;
import org.nfpvnfm.vnfm.VnfmConfig;

/** Secrets and tokens stay out of the configuration's text, the logs and the answers. */
class SecretsTest {
  @TempDir Path dir;

  @Test
  void masksEverySecretInTheConfigurationsText() {
    VnfmConfig d = SecurityTesting.config(dir);
    VnfmConfig c =
        new VnfmConfig(
            dir,
            new VnfmConfig.HttpConfig(
                "0.0.0.0",
                9890,
                "",
                new VnfmConfig.TlsConfig("ks.p12", "ks-secret-1", "ts.p12", "ts-secret-2")),
            new VnfmConfig.DatabaseConfig(
                "jdbc:postgresql://db/vnfm?user=vnfm&password=db-secret-3&ssl=true",
                "vnfm",
                "db-secret-4",
                4),
            new VnfmConfig.SecurityConfig(
                true,
                "",
                "",
                "",
                List.of(new VnfmConfig.SecurityConfig.Client("nfvo", "client-secret-5")),
                Duration.ofMinutes(5)),
            new VnfmConfig.NfvoConfig(
                "nfvo",
                "https://nfvo/",
                new VnfmConfig.ClientAuth(
                    "oauth2", "user", "nfvo-secret-6", "https://nfvo/token", "vnfm", "secret-7"),
                Duration.ofMinutes(1),
                Duration.ofSeconds(1)),
            d.nodes(),
            d.notifications());

    String text = c.toString();

    assertThat(text)
        .doesNotContain(
            "ks-secret-1",
            "ts-secret-2",
            "db-secret-3",
            "db-secret-4",
            "client-secret-5",
            "nfvo-secret-6",
            "secret-7")
        .contains("****", "nfvo", "ks.p12", "jdbc:postgresql://db/vnfm?user=vnfm&password=****")
        .contains("ssl=true", "https://nfvo/token");
    assertThat(new VnfmConfig.TlsConfig("ks.p12", "", "", "").toString())
        .as("an unset secret shows as unset")
        .doesNotContain("****");
  }

  @Test
  void aMalformedConfigurationFileIsReportedWithoutItsSecrets() throws Exception {
    Path file = dir.resolve("vnfm.yaml");
    Files.writeString(
        file,
        "security:\n  clients:\n    - clientId: nfvo\n      clientSecret: \"yaml-secret-8\n  x: [\n");

    assertThatThrownBy(() -> VnfmConfig.load(file))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining(file.toString())
        .hasMessageContaining("line 4")
        .satisfies(e -> assertThat(text(e)).doesNotContain("yaml-secret-8"));
  }

  @Test
  void aValueOfTheWrongKindIsReportedWithoutTheValue() throws Exception {
    Path file = dir.resolve("vnfm.yaml");
    Files.writeString(file, "security:\n  clients: \"nfvo:yaml-secret-9\"\n");

    assertThatThrownBy(() -> VnfmConfig.load(file))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("security.clients")
        .satisfies(e -> assertThat(text(e)).doesNotContain("yaml-secret-9"));
  }

  @Test
  void aRunLogsNoSecretAndNoToken() throws Exception {
    String wrong = "wrong-secret-4c1d";
    List<LogRecord> records = new ArrayList<>();
    Handler capture =
        new Handler() {
          @Override
          public void publish(LogRecord r) {
            synchronized (records) {
              records.add(r);
            }
          }

          @Override
          public void flush() {}

          @Override
          public void close() {}
        };
    capture.setLevel(Level.ALL);
    Logger root = Logger.getLogger("");
    Level before = root.getLevel();
    root.addHandler(capture);
    root.setLevel(Level.ALL);
    List<String> secrets = new ArrayList<>();
    try (Vnfm vnfm = Vnfm.start(SecurityTesting.config(dir))) {
      SecurityTesting.tokenRequest(
          vnfm.uri(),
          "grant_type=client_credentials",
          Map.of("Authorization", SecurityTesting.basic(SecurityTesting.CLIENT, wrong)));
      SecurityTesting.tokenRequest(
          vnfm.uri(),
          SecurityTesting.form(
              Map.of(
                  "grant_type",
                  "client_credentials",
                  "client_id",
                  wrong,
                  "client_secret",
                  SecurityTesting.SECRET)),
          Map.of());
      String token = SecurityTesting.token(vnfm.uri());
      Instant past = Instant.now().minus(Duration.ofHours(1));
      String expired =
          SecurityTesting.sign(
              SecurityTesting.builtInKey(dir),
              SecurityTesting.claims(vnfm.uri() + "oauth2")
                  .issueTime(Date.from(past))
                  .expirationTime(Date.from(past.plusSeconds(60)))
                  .build());
      TestVnfm.Client client = new TestVnfm.Client(vnfm.uri(), "2.0.0");
      assertThat(client.token(token).get("/vnflcm/v2/api_versions").status()).isEqualTo(200);
      assertThat(client.token(expired).get("/vnflcm/v2/vnf_instances").status()).isEqualTo(401);
      assertThat(client.token(token + "x").get("/vnflcm/v2/vnf_instances").status()).isEqualTo(401);
      secrets.addAll(
          List.of(
              SecurityTesting.SECRET,
              wrong,
              token,
              token.substring(token.lastIndexOf('.') + 1),
              expired.substring(expired.lastIndexOf('.') + 1),
              basicOf(SecurityTesting.CLIENT, wrong),
              basicOf(SecurityTesting.CLIENT, SecurityTesting.SECRET),
              SecurityTesting.builtInKey(dir).getD().toString()));
    } finally {
      root.removeHandler(capture);
      root.setLevel(before);
    }

    SimpleFormatter f = new SimpleFormatter();
    List<String> lines;
    synchronized (records) {
      lines = records.stream().map(f::format).toList();
    }
    assertThat(lines).as("the run logged").isNotEmpty();
    assertThat(lines).anyMatch(l -> l.contains("refused a token request"));
    assertThat(lines).anyMatch(l -> l.contains("refused a token for GET /vnflcm/v2/vnf_instances"));
    for (String line : lines) {
      assertThat(line).doesNotContain(secrets);
    }
  }

  private static String basicOf(String id, String secret) {
    return Base64.getEncoder().encodeToString((id + ":" + secret).getBytes(StandardCharsets.UTF_8));
  }

  private static String text(Throwable e) {
    StringWriter w = new StringWriter();
    e.printStackTrace(new PrintWriter(w));
    return w.toString();
  }
}
