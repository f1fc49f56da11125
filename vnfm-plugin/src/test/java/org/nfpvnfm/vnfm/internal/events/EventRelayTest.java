package org.nfpvnfm.vnfm.internal.events;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nfpvnfm.events.EventData;
import org.nfpvnfm.events.EventType;
import org.nfpvnfm.events.Topics;
import org.nfpvnfm.events.broker.EmbeddedKafka;
import org.nfpvnfm.vnfm.OnEachDatabase;
import org.nfpvnfm.vnfm.TestDatabase;
import org.nfpvnfm.vnfm.TestEvents;
import org.nfpvnfm.vnfm.internal.store.Database;

/** The outbox and relay against a real broker and a real database. */
@Tag("integration")
class EventRelayTest {
  private static final Duration WAIT = Duration.ofSeconds(60);

  @TempDir static Path brokerDir;

  @SuppressWarnings("NullAway.Init")
  static EmbeddedKafka broker;

  @TempDir Path dir;

  @SuppressWarnings("NullAway.Init")
  private Database db;

  @BeforeAll
  static void startBroker() {
    broker = EmbeddedKafka.start(brokerDir, 0, WAIT);
  }

  @AfterAll
  static void stopBroker() {
    broker.close();
  }

  @AfterEach
  void close() {
    db.close();
  }

  private EventRelay relay() {
    return new EventRelay(
        db, broker.settings(), 3, 50, Duration.ofMillis(50), "test-relay", Clock.systemUTC());
  }

  private static OutgoingEvent event(String key, int n) {
    return OutgoingEvent.of(
        EventType.MERGER_RECONFIGURED,
        key,
        new EventData.MergerReconfigured(key, "op-" + n, key + ".g", "local", n, n + 1));
  }

  @OnEachDatabase
  void keepsEachKeysOrderWhenManyWritersCommitAtOnce(TestDatabase database) throws Exception {
    db = database.open(dir);
    try (EventRelay relay = relay()) {
      EventOutbox outbox = new EventOutbox(db, "/test", relay::wake, Clock.systemUTC());
      relay.start();
      String run = "order-" + System.nanoTime() + "-";
      AtomicInteger seq = new AtomicInteger();
      List<Thread> writers = new ArrayList<>();
      Map<String, List<String>> committed = new HashMap<>();
      for (int w = 0; w < 4; w++) {
        String key = run + w;
        List<String> mine = new ArrayList<>();
        committed.put(key, mine);
        writers.add(
            Thread.ofPlatform()
                .start(
                    () -> {
                      for (int i = 0; i < 300; i++) {
                        OutgoingEvent e = event(key, seq.incrementAndGet());
                        db.inTransaction(
                            c -> {
                              outbox.emit(c, e);
                            });
                        mine.add(e.id());
                      }
                    }));
      }
      for (Thread t : writers) {
        t.join();
      }
      List<TestEvents.Received> got =
          TestEvents.readUntil(
              broker.settings(),
              Topics.LIFECYCLE,
              l -> l.stream().filter(r -> r.key().startsWith(run)).count() >= 1200,
              WAIT);
      Map<String, List<String>> read = new LinkedHashMap<>();
      for (TestEvents.Received r : got) {
        if (r.key().startsWith(run)
            && !read.computeIfAbsent(r.key(), k -> new ArrayList<>()).contains(r.event().id())) {
          read.get(r.key()).add(r.event().id());
        }
      }
      assertThat(read).isEqualTo(committed);
      await(() -> relay.stats().unsent() == 0, "the outbox empties");
      assertThat(relay.stats().published()).isGreaterThanOrEqualTo(1200);
    }
  }

  @OnEachDatabase
  void publishesNothingOfARolledBackTransaction(TestDatabase database) throws Exception {
    db = database.open(dir);
    try (EventRelay relay = relay()) {
      EventOutbox outbox = new EventOutbox(db, "/test", relay::wake, Clock.systemUTC());
      relay.start();
      String key = "rollback-" + System.nanoTime();
      try {
        db.inTransaction(
            (java.sql.Connection c) -> {
              outbox.emit(c, event(key, 1));
              throw new IllegalStateException("the change fails");
            });
      } catch (IllegalStateException expected) {
        // The change and its event are gone together.
      }
      OutgoingEvent kept = event(key, 2);
      db.inTransaction(
          c -> {
            outbox.emit(c, kept);
          });
      List<TestEvents.Received> got =
          TestEvents.readUntil(
              broker.settings(),
              Topics.LIFECYCLE,
              l -> l.stream().anyMatch(r -> r.event().id().equals(kept.id())),
              WAIT);
      assertThat(got.stream().filter(r -> r.key().equals(key)).map(r -> r.event().id()))
          .containsExactly(kept.id());
    }
  }

  @Test
  void setsAsideAnEventTheBrokersRefuseForGoodAndPublishesTheRest() throws Exception {
    db = TestDatabase.H2.open(dir);
    try (EventRelay relay = relay()) {
      EventOutbox outbox = new EventOutbox(db, "/test", relay::wake, Clock.systemUTC());
      String key = "too-large-" + System.nanoTime();
      // Larger than the producer's max.request.size (1 MiB): refused for good.
      OutgoingEvent huge =
          new OutgoingEvent(
              OutgoingEvent.newId(),
              EventType.MERGER_RECONFIGURED,
              key,
              key,
              org.nfpvnfm.events.EventCodec.mapper()
                  .createObjectNode()
                  .put("vnfInstanceId", key)
                  .put("padding", "x".repeat(2 << 20)));
      OutgoingEvent after = event(key, 2);
      db.inTransaction(
          c -> {
            outbox.emit(c, huge);
            outbox.emit(c, after);
          });
      relay.start();
      List<TestEvents.Received> got =
          TestEvents.readUntil(
              broker.settings(),
              Topics.LIFECYCLE,
              l -> l.stream().anyMatch(r -> r.event().id().equals(after.id())),
              WAIT);
      assertThat(got.stream().filter(r -> r.key().equals(key)).map(r -> r.event().id()))
          .containsExactly(after.id());
      await(() -> relay.stats().failedForGood() == 1, "the large event is set aside");
      String error =
          db.inTransaction(
              c -> {
                try (PreparedStatement p =
                    c.prepareStatement(
                        "SELECT last_error FROM event_outbox WHERE event_id = ?"
                            + " AND failed_at IS NOT NULL")) {
                  p.setString(1, huge.id());
                  try (ResultSet r = p.executeQuery()) {
                    return r.next() ? r.getString(1) : "";
                  }
                }
              });
      assertThat(error).contains("RecordTooLarge");
      assertThat(relay.stats().unsent()).isZero();
    }
  }

  @Test
  void aSecondVnfmsRelayOnTheSamePostgresDatabaseStandsByUntilTheFirstStops() throws Exception {
    // TestDatabase.POSTGRES skips it, saying so, under NFP_SKIP_POSTGRES=1 (PostgresServer.shared).
    org.nfpvnfm.vnfm.VnfmConfig config = TestDatabase.POSTGRES.config(dir);
    db = TestDatabase.open(config);
    try (Database other = TestDatabase.open(config)) {
      EventRelay first = relay();
      EventRelay second =
          new EventRelay(
              other,
              broker.settings(),
              3,
              50,
              Duration.ofMillis(50),
              "test-relay-2",
              Clock.systemUTC());
      first.start();
      await(() -> first.stats().connected(), "the first connects");
      second.start();
      await(second::standingBy, "the second stands by; " + second.stats());
      EventOutbox outbox = new EventOutbox(db, "/test", first::wake, Clock.systemUTC());
      String key = "standby-" + System.nanoTime();
      OutgoingEvent one = event(key, 1);
      db.inTransaction(
          c -> {
            outbox.emit(c, one);
          });
      await(() -> first.stats().published() == 1, "the first publishes");
      assertThat(second.stats().published()).isZero();

      first.close();
      await(() -> !second.standingBy(), "the second takes over");
      OutgoingEvent two = event(key, 2);
      db.inTransaction(
          c -> {
            outbox.emit(c, two);
          });
      await(() -> second.stats().published() == 1, "the second publishes");
      List<TestEvents.Received> got =
          TestEvents.readUntil(
              broker.settings(),
              Topics.LIFECYCLE,
              l -> l.stream().anyMatch(r -> r.event().id().equals(two.id())),
              WAIT);
      assertThat(got.stream().filter(r -> r.key().equals(key)).map(r -> r.event().id()))
          .containsExactly(one.id(), two.id());
      second.close();
    }
  }

  private static void await(java.util.function.BooleanSupplier done, String what)
      throws InterruptedException {
    Instant deadline = Instant.now().plus(WAIT);
    while (!done.getAsBoolean()) {
      assertThat(Instant.now()).as(what).isBefore(deadline);
      Thread.sleep(20);
    }
  }
}
