package org.nfpvnfm.vnfm.internal.events;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.time.Clock;
import java.time.Duration;
import org.glassfish.jersey.server.ResourceConfig;
import org.jspecify.annotations.Nullable;
import org.nfpvnfm.events.KafkaSettings;
import org.nfpvnfm.events.broker.EmbeddedKafka;
import org.nfpvnfm.vnfm.VnfmConfig;
import org.nfpvnfm.vnfm.internal.rest.ApiPart;
import org.nfpvnfm.vnfm.internal.store.Database;

/**
 * Lifecycle events: the outbox the other parts emit to, the relay that publishes it, and, when no
 * external cluster is configured, the embedded Kafka broker (started here, before the API listens,
 * so a broker that cannot start stops the VNFM's start with the reason).
 */
public final class EventsPart implements ApiPart {
  private static final System.Logger LOG = System.getLogger(EventsPart.class.getName());

  private final @Nullable EmbeddedKafka broker;
  private final @Nullable EventRelay relay;
  private final EventSink sink;

  public EventsPart(VnfmConfig config, Database db) {
    VnfmConfig.EventsConfig e = config.events();
    if (!e.enabled()) {
      this.broker = null;
      this.relay = null;
      this.sink = EventSink.none();
      return;
    }
    KafkaSettings settings;
    if (e.embedded()) {
      this.broker =
          EmbeddedKafka.start(
              config.dataDir().resolve("kafka"), e.embeddedPort(), Duration.ofSeconds(60));
      settings = broker.settings();
    } else {
      this.broker = null;
      settings = settings(e);
    }
    this.relay =
        new EventRelay(
            db,
            settings,
            e.partitions(),
            e.relayBatch(),
            e.relayPoll(),
            "nfp-vnfm-relay",
            Clock.systemUTC());
    this.sink = new EventOutbox(db, source(e), relay::wake, Clock.systemUTC());
  }

  static KafkaSettings settings(VnfmConfig.EventsConfig e) {
    return new KafkaSettings(
        e.bootstrapServers(),
        e.securityProtocol(),
        blankToNull(e.saslMechanism()),
        blankToNull(e.username()),
        blankToNull(e.password()),
        blankToNull(e.trustStore()),
        blankToNull(e.trustStorePassword()),
        blankToNull(e.keyStore()),
        blankToNull(e.keyStorePassword()),
        e.properties());
  }

  private static @Nullable String blankToNull(String s) {
    return s.isBlank() ? null : s;
  }

  private static String source(VnfmConfig.EventsConfig e) {
    if (!e.source().isBlank()) {
      return e.source();
    }
    String host;
    try {
      host = InetAddress.getLocalHost().getHostName();
    } catch (UnknownHostException x) {
      host = "localhost";
    }
    return "/nfp-vnfm/" + host;
  }

  /** Where the other parts emit their events (nowhere when events are off). */
  public EventSink sink() {
    return sink;
  }

  /** The relay, when events are on. */
  public @Nullable EventRelay relay() {
    return relay;
  }

  /** The embedded broker, when this VNFM runs one. */
  public @Nullable EmbeddedKafka broker() {
    return broker;
  }

  @Override
  public void register(ResourceConfig config) {}

  @Override
  public void start() {
    if (relay != null) {
      relay.start();
      LOG.log(
          System.Logger.Level.INFO,
          "events to Kafka at "
              + relay.settings().bootstrapServers()
              + (broker == null ? "" : " (embedded broker)"));
    }
  }

  @Override
  public void close() {
    if (relay != null) {
      relay.close();
    }
    if (broker != null) {
      broker.close();
    }
  }
}
