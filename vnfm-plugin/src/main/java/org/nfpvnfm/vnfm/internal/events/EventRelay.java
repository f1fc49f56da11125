package org.nfpvnfm.vnfm.internal.events;

import java.nio.charset.StandardCharsets;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicLong;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.errors.RecordTooLargeException;
import org.apache.kafka.common.errors.RetriableException;
import org.jspecify.annotations.Nullable;
import org.nfpvnfm.events.EventPublisher;
import org.nfpvnfm.events.KafkaSettings;
import org.nfpvnfm.events.Topics;
import org.nfpvnfm.vnfm.internal.store.Database;
import org.nfpvnfm.vnfm.internal.store.StoreException;

/**
 * Publishes the outbox's events to Kafka, oldest first, and records each one the brokers have
 * acknowledged ({@code acks=all}) by deleting its row. One thread, in rounds: read up to {@code
 * batch} rows in {@code seq} order, send them all, wait until each is acknowledged or has failed,
 * delete the acknowledged ones.
 *
 * <p><b>Order.</b> The producer never gives up on a record by itself (its delivery timeout is
 * unbounded): while the brokers are away, a round waits, rows pile up in the outbox, and the round
 * completes when they are back. A send refused at once (no metadata within {@code max.block.ms})
 * ends the round there, so nothing after it is sent. Together with the idempotent producer, what
 * reaches a partition is always a prefix, in order, of the rows for it; the rest is sent again in
 * the next round.
 *
 * <p><b>Duplicates.</b> A crash (or a stop) between the brokers' acknowledgement and the row's
 * update means the row is sent again when the relay next runs: delivery is at least once, and
 * consumers drop the second copy by the event's id.
 *
 * <p>One relay per database publishes: on PostgreSQL it holds an advisory lock, and a second VNFM's
 * relay on the same database stands by until it can take it (a second publisher would keep each
 * copy in order but not the two copies together).
 *
 * <p>A record the brokers refuse for good (larger than they accept) is marked failed with its error
 * rather than blocking everything behind it, and logged; it stays in the outbox for an operator.
 */
public final class EventRelay implements AutoCloseable {
  private static final System.Logger LOG = System.getLogger(EventRelay.class.getName());

  private static final Duration MIN_BACKOFF = Duration.ofMillis(250);
  private static final Duration MAX_BACKOFF = Duration.ofSeconds(15);
  private static final Duration TOPICS_TIMEOUT = Duration.ofSeconds(10);
  private static final Duration STANDBY = Duration.ofSeconds(5);
  private static final Duration LEASE_CHECK = Duration.ofSeconds(10);
  private static final String LOCK = "nfp-vnfm.event-relay";

  /**
   * What the relay has done and what waits.
   *
   * @param published events published since the relay started
   * @param failedForGood events the brokers refused for good since it started
   * @param unsent events in the outbox not yet published
   * @param oldestUnsent the age of the oldest of them; zero when there is none
   * @param connected whether the last round that ended reached the brokers (a round waiting for
   *     brokers that went away has not ended: {@code oldestUnsent} grows meanwhile)
   * @param lastError the last error while publishing, if the last round failed
   */
  public record Stats(
      long published,
      long failedForGood,
      long unsent,
      Duration oldestUnsent,
      boolean connected,
      @Nullable String lastError) {}

  private record Row(long seq, String id, String topic, String key, byte[] body) {}

  private final Database db;
  private final KafkaSettings settings;
  private final int partitions;
  private final int batch;
  private final Duration poll;
  private final String clientId;
  private final Clock clock;
  private final Thread thread;
  private final Object signal = new Object();
  private final AtomicLong published = new AtomicLong();
  private final AtomicLong failedForGood = new AtomicLong();

  private volatile boolean stopping;
  private volatile boolean connected;
  private volatile @Nullable String lastError;
  private boolean woken;
  private @Nullable EventPublisher publisher;
  private boolean topicsReady;
  private Database.@Nullable Lease lease;
  private volatile boolean standingBy;
  private long leaseCheckedAt;

  public EventRelay(
      Database db,
      KafkaSettings settings,
      int partitions,
      int batch,
      Duration poll,
      String clientId,
      Clock clock) {
    this.db = db;
    this.settings = settings;
    this.partitions = partitions;
    this.batch = batch;
    this.poll = poll;
    this.clientId = clientId;
    this.clock = clock;
    this.thread = Thread.ofPlatform().name("nfp-event-relay").daemon().unstarted(this::run);
  }

  public void start() {
    thread.start();
  }

  /** New rows have been committed: look now rather than at the next poll. */
  public void wake() {
    synchronized (signal) {
      woken = true;
      signal.notifyAll();
    }
  }

  /** The cluster the relay publishes to. */
  public KafkaSettings settings() {
    return settings;
  }

  public Stats stats() {
    long unsent = 0;
    Duration oldest = Duration.ZERO;
    try {
      long[] counts = new long[2];
      db.inTransaction(
          c -> {
            try (PreparedStatement p =
                    c.prepareStatement(
                        "SELECT COUNT(*), MIN(created_at) FROM event_outbox"
                            + " WHERE failed_at IS NULL");
                ResultSet r = p.executeQuery()) {
              r.next();
              counts[0] = r.getLong(1);
              Timestamp t = r.getTimestamp(2);
              counts[1] = t == null ? -1 : t.getTime();
            }
          });
      unsent = counts[0];
      if (counts[1] >= 0) {
        oldest = Duration.ofMillis(Math.max(0, clock.millis() - counts[1]));
      }
    } catch (StoreException e) {
      // The figures that do not need the database are still worth having.
    }
    return new Stats(published.get(), failedForGood.get(), unsent, oldest, connected, lastError);
  }

  private void run() {
    Duration backoff = MIN_BACKOFF;
    while (!stopping) {
      try {
        if (!holdLease()) {
          sleep(STANDBY);
          continue;
        }
        if (!topicsReady) {
          List<String> created = Topics.ensure(settings, partitions, TOPICS_TIMEOUT);
          topicsReady = true;
          connected = true;
          if (!created.isEmpty()) {
            LOG.log(System.Logger.Level.INFO, "created the event topics " + created);
          }
        }
        if (publisher == null) {
          publisher =
              EventPublisher.create(settings, clientId, Duration.ofMillis(Integer.MAX_VALUE));
        }
        List<Row> rows = fetch();
        if (rows.isEmpty()) {
          awaitWork();
          continue;
        }
        String error = publish(publisher, rows);
        if (error == null) {
          if (!connected) {
            LOG.log(
                System.Logger.Level.INFO, "publishing events to " + settings.bootstrapServers());
          }
          connected = true;
          lastError = null;
          backoff = MIN_BACKOFF;
        } else {
          backoff = failed(error, backoff);
        }
      } catch (StoreException e) {
        backoff = failed("the database: " + e.getMessage(), backoff);
      } catch (TimeoutException | RuntimeException e) {
        backoff = failed(e.toString(), backoff);
      } catch (InterruptedException e) {
        break;
      }
    }
    EventPublisher p = publisher;
    if (p != null) {
      p.close();
    }
    Database.Lease l = lease;
    if (l != null) {
      l.close();
    }
  }

  /** Whether this relay holds the database's publishing lock (taking it if it is free). */
  private boolean holdLease() {
    long now = System.nanoTime();
    if (lease != null) {
      if (now - leaseCheckedAt < LEASE_CHECK.toNanos()) {
        return true;
      }
      leaseCheckedAt = now;
      if (lease.held()) {
        return true;
      }
      LOG.log(System.Logger.Level.WARNING, "lost the database session that held the relay's lock");
      lease.close();
      lease = null;
    }
    lease = db.tryExclusive(LOCK);
    leaseCheckedAt = now;
    if (lease == null) {
      if (!standingBy) {
        LOG.log(
            System.Logger.Level.INFO,
            "another VNFM publishes this database's events; this relay stands by");
      }
      standingBy = true;
      return false;
    }
    if (standingBy) {
      LOG.log(System.Logger.Level.INFO, "this relay now publishes the database's events");
    }
    standingBy = false;
    return true;
  }

  /** Whether this relay is waiting for another VNFM's relay to let go of the database. */
  public boolean standingBy() {
    return standingBy;
  }

  private Duration failed(String error, Duration backoff) {
    if (connected || !error.equals(lastError)) {
      LOG.log(
          System.Logger.Level.WARNING,
          "events wait in the outbox: cannot publish to "
              + settings.bootstrapServers()
              + " ("
              + error
              + "); retrying");
    }
    connected = false;
    lastError = error;
    sleep(backoff);
    return backoff.multipliedBy(2).compareTo(MAX_BACKOFF) > 0
        ? MAX_BACKOFF
        : backoff.multipliedBy(2);
  }

  private List<Row> fetch() {
    return db.inTransaction(
        c -> {
          List<Row> rows = new ArrayList<>();
          try (PreparedStatement p =
              c.prepareStatement(
                  "SELECT seq, event_id, topic, event_key, body FROM event_outbox"
                      + " WHERE failed_at IS NULL ORDER BY seq LIMIT ?")) {
            p.setInt(1, batch);
            try (ResultSet r = p.executeQuery()) {
              while (r.next()) {
                rows.add(
                    new Row(
                        r.getLong(1),
                        r.getString(2),
                        r.getString(3),
                        r.getString(4),
                        r.getString(5).getBytes(StandardCharsets.UTF_8)));
              }
            }
          }
          return rows;
        });
  }

  /** One round; null when every row was published, else the first error. */
  private @Nullable String publish(EventPublisher p, List<Row> rows) throws InterruptedException {
    List<CompletableFuture<RecordMetadata>> sent = new ArrayList<>(rows.size());
    for (Row r : rows) {
      CompletableFuture<RecordMetadata> f = p.publish(r.topic(), r.key(), r.body());
      sent.add(f);
      if (f.isCompletedExceptionally()) {
        // Refused before it was queued (no metadata, producer closed): nothing after it may go
        // out ahead of it.
        break;
      }
    }
    CompletableFuture<Void> all =
        CompletableFuture.allOf(sent.toArray(CompletableFuture[]::new)).exceptionally(x -> null);
    while (!stopping) {
      try {
        all.get(200, TimeUnit.MILLISECONDS);
        break;
      } catch (TimeoutException e) {
        // Still waiting for the brokers: they are away, or slow.
      } catch (ExecutionException e) {
        break;
      }
    }
    List<Long> ok = new ArrayList<>();
    List<Row> dead = new ArrayList<>();
    List<String> deadErrors = new ArrayList<>();
    String error = null;
    boolean resetProducer = false;
    for (int i = 0; i < sent.size(); i++) {
      CompletableFuture<RecordMetadata> f = sent.get(i);
      if (!f.isDone()) {
        error = error == null ? "stopped while waiting for the brokers" : error;
        continue;
      }
      Throwable x = cause(f);
      if (x == null) {
        ok.add(rows.get(i).seq());
      } else if (x instanceof RecordTooLargeException) {
        dead.add(rows.get(i));
        deadErrors.add(x.toString());
      } else {
        error = error == null ? x.toString() : error;
        resetProducer |=
            !(x instanceof RetriableException)
                && !(x instanceof org.apache.kafka.common.errors.TimeoutException);
      }
    }
    if (sent.size() < rows.size() && error == null) {
      error = "a send was refused";
    }
    record(ok, dead, deadErrors);
    published.addAndGet(ok.size());
    if (resetProducer) {
      // A producer in a fatal state fails every later send; a new one starts clean, and the rows
      // it did not send are still in the outbox.
      p.close();
      publisher = null;
    }
    return error;
  }

  private static @Nullable Throwable cause(CompletableFuture<RecordMetadata> f) {
    try {
      f.getNow(null);
      return null;
    } catch (java.util.concurrent.CompletionException e) {
      return e.getCause() == null ? e : e.getCause();
    } catch (java.util.concurrent.CancellationException e) {
      return e;
    }
  }

  private void record(List<Long> ok, List<Row> dead, List<String> errors) {
    if (ok.isEmpty() && dead.isEmpty()) {
      return;
    }
    Timestamp now = Timestamp.from(clock.instant());
    db.inTransaction(
        c -> {
          try (PreparedStatement p = c.prepareStatement("DELETE FROM event_outbox WHERE seq = ?")) {
            for (long seq : ok) {
              p.setLong(1, seq);
              p.addBatch();
            }
            p.executeBatch();
          }
          try (PreparedStatement p =
              c.prepareStatement(
                  "UPDATE event_outbox SET failed_at = ?, last_error = ? WHERE seq = ?")) {
            for (int i = 0; i < dead.size(); i++) {
              String e = errors.get(i);
              p.setTimestamp(1, now);
              p.setString(2, e.length() > 1000 ? e.substring(0, 1000) : e);
              p.setLong(3, dead.get(i).seq());
              p.addBatch();
            }
            p.executeBatch();
          }
        });
    for (int i = 0; i < dead.size(); i++) {
      failedForGood.incrementAndGet();
      LOG.log(
          System.Logger.Level.ERROR,
          "event "
              + dead.get(i).id()
              + " was refused by the brokers for good and will not be published: "
              + errors.get(i));
    }
  }

  private void awaitWork() throws InterruptedException {
    synchronized (signal) {
      if (!woken && !stopping) {
        signal.wait(Math.max(1, poll.toMillis()));
      }
      woken = false;
    }
  }

  private void sleep(Duration d) {
    long until = System.nanoTime() + d.toNanos();
    synchronized (signal) {
      long left;
      while (!stopping && (left = until - System.nanoTime()) > 0) {
        try {
          TimeUnit.NANOSECONDS.timedWait(signal, left);
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
          return;
        }
      }
    }
  }

  /**
   * Stops the relay: a round in progress is abandoned (what the brokers acknowledged by then is
   * recorded); what is left is published when a relay next runs on this database.
   */
  @Override
  public void close() {
    stopping = true;
    synchronized (signal) {
      signal.notifyAll();
    }
    try {
      thread.join(Duration.ofSeconds(15));
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
