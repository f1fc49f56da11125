package org.nfpvnfm.vnfm;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The {@code events} block of the VNFM's configuration file. */
class EventsConfigTest {
  @TempDir Path dir;

  @Test
  void publishesToTheEmbeddedBrokerByDefault() {
    VnfmConfig.EventsConfig e = VnfmConfig.defaults(dir).events();
    assertThat(e.enabled()).isTrue();
    assertThat(e.embedded()).isTrue();
    assertThat(e.embeddedPort()).isEqualTo(9092);
    assertThat(e.telemetryInterval()).isEqualTo(Duration.ofSeconds(10));
  }

  @Test
  void readsAnExternalClusterWithSaslAndTlsAndNeverShowsItsPasswords() throws Exception {
    Path f = dir.resolve("vnfm.yaml");
    Files.writeString(
        f,
        """
        events:
          bootstrapServers: kafka-1.example.net:9093,kafka-2.example.net:9093
          securityProtocol: SASL_SSL
          saslMechanism: SCRAM-SHA-512
          username: vnfm
          password: s3cret-kafka
          trustStore: /etc/nfp/kafka-ca.p12
          trustStorePassword: s3cret-store
          partitions: 12
          properties:
            client.dns.lookup: use_all_dns_ips
          telemetryInterval: PT0S
        """);
    VnfmConfig.EventsConfig e = VnfmConfig.load(f).events();
    assertThat(e.embedded()).isFalse();
    assertThat(e.bootstrapServers()).isEqualTo("kafka-1.example.net:9093,kafka-2.example.net:9093");
    assertThat(e.partitions()).isEqualTo(12);
    assertThat(e.properties()).containsEntry("client.dns.lookup", "use_all_dns_ips");
    assertThat(e.telemetryInterval()).isZero();
    assertThat(e.relayBatch()).as("a default kept").isEqualTo(500);
    assertThat(e.toString()).doesNotContain("s3cret").contains("username=vnfm");
    assertThat(VnfmConfig.load(f).toString()).doesNotContain("s3cret");
  }

  @Test
  void refusesAnUnknownEventsSettingWithItsPath() throws Exception {
    Path f = dir.resolve("vnfm.yaml");
    Files.writeString(f, "events:\n  bootstrapServer: kafka:9092\n");
    assertThatThrownBy(() -> VnfmConfig.load(f))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("events.bootstrapServer");
  }

  @Test
  void refusesValuesOutOfRange() throws Exception {
    Path f = dir.resolve("vnfm.yaml");
    Files.writeString(f, "events:\n  partitions: 0\n");
    assertThatThrownBy(() -> VnfmConfig.load(f))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("partitions");
  }
}
