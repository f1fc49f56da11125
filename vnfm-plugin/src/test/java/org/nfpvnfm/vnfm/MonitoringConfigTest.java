package org.nfpvnfm.vnfm;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The {@code monitoring} settings: read from YAML over their defaults, refused when not positive.
 */
class MonitoringConfigTest {
  @TempDir Path dir;

  private VnfmConfig load(String yaml) throws Exception {
    Path file = dir.resolve("vnfm.yaml");
    Files.writeString(file, yaml);
    return VnfmConfig.load(file);
  }

  @Test
  void readsTheSettingsAFileNamesAndKeepsTheOthersDefaults() throws Exception {
    VnfmConfig c = load("monitoring:\n  faultInterval: PT0.5S\n  alarmQuietPeriod: PT2M\n");
    assertThat(c.monitoring())
        .isEqualTo(
            new VnfmConfig.MonitoringConfig(
                Duration.ofMillis(500), Duration.ofMinutes(2), Duration.ofSeconds(1)));
    assertThat(load("http:\n  port: 0\n").monitoring())
        .isEqualTo(VnfmConfig.MonitoringConfig.defaults());
  }

  @Test
  void refusesAPeriodThatIsNotPositiveAndAnUnknownSetting() {
    assertThatThrownBy(() -> load("monitoring:\n  alarmQuietPeriod: PT0S\n"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("must be positive");
    assertThatThrownBy(() -> load("monitoring:\n  pollInterval: PT1S\n"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("monitoring.pollInterval");
  }

  @Test
  void aCopyWithTheOldConstructorKeepsTheDefaultsAndWithMonitoringReplacesThem() {
    VnfmConfig d = VnfmConfig.defaults(dir);
    VnfmConfig.MonitoringConfig m =
        new VnfmConfig.MonitoringConfig(
            Duration.ofSeconds(2), Duration.ofSeconds(30), Duration.ofSeconds(5));
    assertThat(d.withMonitoring(m).monitoring()).isEqualTo(m);
    assertThat(d.withMonitoring(m).http()).isEqualTo(d.http());
    assertThat(
            new VnfmConfig(
                    d.dataDir(),
                    d.http(),
                    d.database(),
                    d.security(),
                    d.nfvo(),
                    d.nodes(),
                    d.notifications())
                .monitoring())
        .isEqualTo(VnfmConfig.MonitoringConfig.defaults());
  }
}
