package org.nfpvnfm.events;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Map;
import org.junit.jupiter.api.Test;

class KafkaSettingsTest {

  @Test
  void givesAPlaintextClusterOnlyItsBootstrapServers() {
    Map<String, Object> p = KafkaSettings.plaintext("127.0.0.1:9092").clientProperties();
    assertThat(p)
        .containsEntry("bootstrap.servers", "127.0.0.1:9092")
        .containsEntry("security.protocol", "PLAINTEXT")
        .doesNotContainKeys("sasl.jaas.config", "ssl.truststore.location");
  }

  @Test
  void buildsTheJaasConfigurationForScramOverTlsWithQuotesEscaped() {
    KafkaSettings s =
        new KafkaSettings(
            "k1:9093,k2:9093",
            "sasl_ssl",
            "SCRAM-SHA-512",
            "vnfm",
            "pa\"ss\\word",
            "/etc/ca.p12",
            "store-secret",
            null,
            null,
            Map.of("client.dns.lookup", "use_all_dns_ips"));
    Map<String, Object> p = s.clientProperties();
    assertThat(p)
        .containsEntry("security.protocol", "SASL_SSL")
        .containsEntry("sasl.mechanism", "SCRAM-SHA-512")
        .containsEntry(
            "sasl.jaas.config",
            "org.apache.kafka.common.security.scram.ScramLoginModule required"
                + " username=\"vnfm\" password=\"pa\\\"ss\\\\word\";")
        .containsEntry("ssl.truststore.location", "/etc/ca.p12")
        .containsEntry("ssl.truststore.type", "PKCS12")
        .containsEntry("ssl.truststore.password", "store-secret")
        .containsEntry("client.dns.lookup", "use_all_dns_ips");
    assertThat(s.toString()).doesNotContain("pa\"ss", "store-secret").contains("password=***");
  }

  @Test
  void usesThePlainLoginModuleForPlain() {
    KafkaSettings s =
        new KafkaSettings(
            "k:9092", "SASL_PLAINTEXT", "PLAIN", "u", "p", null, null, null, null, Map.of());
    assertThat((String) s.clientProperties().get("sasl.jaas.config"))
        .startsWith("org.apache.kafka.common.security.plain.PlainLoginModule required");
  }

  @Test
  void refusesSaslWithoutAMechanismOrCredentialsAndUnknownProtocols() {
    assertThatThrownBy(
            () ->
                new KafkaSettings(
                    "k:9092", "SASL_SSL", null, "u", "p", null, null, null, null, Map.of()))
        .hasMessageContaining("saslMechanism");
    assertThatThrownBy(
            () ->
                new KafkaSettings(
                    "k:9092", "SASL_SSL", "PLAIN", null, null, null, null, null, null, Map.of()))
        .hasMessageContaining("username and a password");
    assertThatThrownBy(
            () ->
                new KafkaSettings(
                    "k:9092", "TLS", null, null, null, null, null, null, null, Map.of()))
        .hasMessageContaining("securityProtocol is TLS");
    assertThatThrownBy(() -> KafkaSettings.plaintext(" ")).hasMessageContaining("bootstrapServers");
  }
}
