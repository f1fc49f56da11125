package org.nfpvnfm.events;

import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/**
 * How to reach a Kafka cluster: bootstrap servers, TLS and SASL, plus any client property to pass
 * through. Passwords never appear in {@link #toString()}.
 *
 * @param bootstrapServers {@code host:port[,host:port...]}
 * @param securityProtocol PLAINTEXT, SSL, SASL_PLAINTEXT or SASL_SSL
 * @param saslMechanism PLAIN, SCRAM-SHA-256 or SCRAM-SHA-512 (SASL protocols only)
 * @param username the SASL user
 * @param password the SASL password
 * @param trustStore a PKCS#12 trust store with the brokers' CA (SSL protocols), or none for the
 *     JDK's trusted CAs
 * @param trustStorePassword its password
 * @param keyStore a PKCS#12 key store with this client's certificate, for brokers that ask for one
 * @param keyStorePassword its password
 * @param properties further client properties, applied last (e.g. {@code client.dns.lookup})
 */
public record KafkaSettings(
    String bootstrapServers,
    String securityProtocol,
    @Nullable String saslMechanism,
    @Nullable String username,
    @Nullable String password,
    @Nullable String trustStore,
    @Nullable String trustStorePassword,
    @Nullable String keyStore,
    @Nullable String keyStorePassword,
    Map<String, String> properties) {

  private static final Set<String> PROTOCOLS =
      Set.of("PLAINTEXT", "SSL", "SASL_PLAINTEXT", "SASL_SSL");
  private static final Set<String> MECHANISMS = Set.of("PLAIN", "SCRAM-SHA-256", "SCRAM-SHA-512");

  public KafkaSettings {
    if (bootstrapServers.isBlank()) {
      throw new IllegalArgumentException("bootstrapServers must name at least one host:port");
    }
    securityProtocol = securityProtocol.toUpperCase(Locale.ROOT);
    if (!PROTOCOLS.contains(securityProtocol)) {
      throw new IllegalArgumentException(
          "securityProtocol is " + securityProtocol + " (expected one of " + PROTOCOLS + ")");
    }
    if (securityProtocol.startsWith("SASL_")) {
      if (saslMechanism == null || !MECHANISMS.contains(saslMechanism)) {
        throw new IllegalArgumentException(
            "securityProtocol "
                + securityProtocol
                + " needs saslMechanism, one of "
                + MECHANISMS
                + " (got "
                + saslMechanism
                + ")");
      }
      if (username == null || username.isEmpty() || password == null) {
        throw new IllegalArgumentException(
            "securityProtocol " + securityProtocol + " needs a username and a password");
      }
    }
    properties = Map.copyOf(properties);
  }

  /** A cluster reached without TLS or SASL, as the embedded broker is. */
  public static KafkaSettings plaintext(String bootstrapServers) {
    return new KafkaSettings(
        bootstrapServers, "PLAINTEXT", null, null, null, null, null, null, null, Map.of());
  }

  /** The client properties common to producers, consumers and admin clients. */
  public Map<String, Object> clientProperties() {
    Map<String, Object> p = new HashMap<>();
    p.put("bootstrap.servers", bootstrapServers);
    p.put("security.protocol", securityProtocol);
    if (securityProtocol.startsWith("SASL_")) {
      p.put("sasl.mechanism", saslMechanism);
      String module =
          "PLAIN".equals(saslMechanism)
              ? "org.apache.kafka.common.security.plain.PlainLoginModule"
              : "org.apache.kafka.common.security.scram.ScramLoginModule";
      p.put(
          "sasl.jaas.config",
          module
              + " required username=\""
              + quoted(username)
              + "\" password=\""
              + quoted(password)
              + "\";");
    }
    if (securityProtocol.endsWith("SSL")) {
      if (trustStore != null) {
        p.put("ssl.truststore.location", trustStore);
        p.put("ssl.truststore.type", "PKCS12");
        if (trustStorePassword != null) {
          p.put("ssl.truststore.password", trustStorePassword);
        }
      }
      if (keyStore != null) {
        p.put("ssl.keystore.location", keyStore);
        p.put("ssl.keystore.type", "PKCS12");
        if (keyStorePassword != null) {
          p.put("ssl.keystore.password", keyStorePassword);
          p.put("ssl.key.password", keyStorePassword);
        }
      }
    }
    p.putAll(properties);
    return p;
  }

  private static String quoted(@Nullable String s) {
    return s == null ? "" : s.replace("\\", "\\\\").replace("\"", "\\\"");
  }

  @Override
  public String toString() {
    return "KafkaSettings[bootstrapServers="
        + bootstrapServers
        + ", securityProtocol="
        + securityProtocol
        + (saslMechanism == null ? "" : ", saslMechanism=" + saslMechanism)
        + (username == null ? "" : ", username=" + username + ", password=***")
        + (trustStore == null ? "" : ", trustStore=" + trustStore)
        + (keyStore == null ? "" : ", keyStore=" + keyStore)
        + (properties.isEmpty() ? "" : ", properties=" + properties.keySet())
        + "]";
  }
}
