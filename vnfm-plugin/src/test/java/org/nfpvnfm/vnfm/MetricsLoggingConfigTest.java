package org.nfpvnfm.vnfm;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The {@code metrics} and {@code logging} settings: read from YAML over their defaults. */
class MetricsLoggingConfigTest {
  @TempDir Path dir;

  private VnfmConfig load(String yaml) throws Exception {
    Path file = dir.resolve("vnfm.yaml");
    Files.writeString(file, yaml);
    return VnfmConfig.load(file);
  }

  @Test
  void servesMetricsWithoutATokenAndLogsTextByDefault() throws Exception {
    VnfmConfig c = load("http:\n  port: 0\n");
    assertThat(c.metrics())
        .isEqualTo(new VnfmConfig.MetricsConfig(true, false, Duration.ofSeconds(2)));
    assertThat(c.logging().format()).isEqualTo("text");
  }

  @Test
  void readsTheSettingsAFileNames() throws Exception {
    VnfmConfig c =
        load("metrics:\n  requireToken: true\n  nodeTimeout: PT0.5S\nlogging:\n  format: json\n");
    assertThat(c.metrics())
        .isEqualTo(new VnfmConfig.MetricsConfig(true, true, Duration.ofMillis(500)));
    assertThat(c.logging().format()).isEqualTo("json");
    assertThat(load("metrics:\n  enabled: false\n").metrics().enabled()).isFalse();
  }

  @Test
  void refusesAnUnknownFormatANonPositiveTimeoutAndAnUnknownSetting() {
    assertThatThrownBy(() -> load("logging:\n  format: xml\n"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("logging.format must be text or json");
    assertThatThrownBy(() -> load("metrics:\n  nodeTimeout: PT0S\n"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("metrics.nodeTimeout must be positive");
    assertThatThrownBy(() -> load("metrics:\n  path: /prom\n"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("metrics.path");
  }

  @Test
  void theNineSettingConstructorKeepsTheDefaultsAndTheWithersReplaceThem() {
    VnfmConfig d = VnfmConfig.defaults(dir);
    VnfmConfig nine =
        new VnfmConfig(
            d.dataDir(),
            d.http(),
            d.database(),
            d.security(),
            d.nfvo(),
            d.nodes(),
            d.notifications(),
            d.monitoring(),
            d.events());
    assertThat(nine).isEqualTo(d);
    VnfmConfig.MetricsConfig off =
        new VnfmConfig.MetricsConfig(false, false, Duration.ofSeconds(1));
    VnfmConfig json = d.withMetrics(off).withLogging(new VnfmConfig.LoggingConfig("json"));
    assertThat(json.metrics()).isEqualTo(off);
    assertThat(json.logging().format()).isEqualTo("json");
    assertThat(json.withEvents(d.events()).metrics()).isEqualTo(off);
  }
}
