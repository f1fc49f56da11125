package org.nfpvnfm.vnfm.internal.notify;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;
import org.jspecify.annotations.Nullable;
import org.nfpvnfm.vnfm.VnfmConfig;
import org.nfpvnfm.vnfm.internal.client.OutboundAuth;
import org.nfpvnfm.vnfm.internal.store.Database;

/**
 * Delivers the outbox ({@code lccn_deliveries}): per subscription, the oldest pending row is sent,
 * and only once it is delivered or given up does the next one go, so a subscriber sees its
 * notifications in the order they were published; subscriptions do not wait for each other.
 *
 * <p>A failed attempt is retried after {@code initialBackoff}, doubled each time up to {@code
 * maxBackoff}; after {@code maxAttempts} the row is marked FAILED and kept. A delivered row is
 * deleted. Rows are only changed after the subscriber answered, so a stop or a crash between the
 * two sends that notification again on the next start (at least once; the {@code id} is the same).
 *
 * <p>One thread finds the work and each attempt runs on a virtual thread. The thread polls every
 * {@link #POLL}; {@link #wake} (called by {@link OutboxNotifier#publish}, before the publisher's
 * commit) makes it poll every {@link #BURST_POLL} for {@link #BURST}, so a committed notification
 * leaves within milliseconds without a hook into the publisher's commit.
 */
final class Dispatcher implements AutoCloseable {
  private static final System.Logger LOG = System.getLogger(Dispatcher.class.getName());

  static final Duration POLL = Duration.ofMillis(250);
  static final Duration BURST_POLL = Duration.ofMillis(5);
  static final Duration BURST = Duration.ofSeconds(1);

  private record Head(long seq, String subscriptionId, Instant nextAttemptAt) {}

  private record Row(long seq, String notificationId, String type, String body, int attempts) {}

  private final Database db;
  private final CallbackClient client;
  private final VnfmConfig.NotificationConfig config;
  private final Set<String> inFlight = ConcurrentHashMap.newKeySet();
  private final Map<String, OutboundAuth> auths = new ConcurrentHashMap<>();
  private final ExecutorService workers =
      Executors.newThreadPerTaskExecutor(Thread.ofVirtual().name("vnfm-notify-", 0).factory());
  private final AtomicLong delivered = new AtomicLong();
  private final AtomicLong failedAttempts = new AtomicLong();
  private final AtomicLong givenUp = new AtomicLong();
  private volatile boolean running;
  private volatile long burstUntilNanos;
  private volatile @Nullable Thread loop;

  Dispatcher(Database db, CallbackClient client, VnfmConfig.NotificationConfig config) {
    this.db = db;
    this.client = client;
    this.config = config;
  }

  /** Notifications delivered, attempts that failed, and notifications given up, since start. */
  NotificationPart.DeliveryCounts counts() {
    return new NotificationPart.DeliveryCounts(
        delivered.get(), failedAttempts.get(), givenUp.get());
  }

  /** Resumes every pending row now (whatever its back-off was) and starts delivering. */
  synchronized void start() {
    if (running) {
      return;
    }
    int pending =
        db.inTransaction(
            c -> {
              try (PreparedStatement p =
                  c.prepareStatement(
                      "UPDATE lccn_deliveries SET next_attempt_at = ? WHERE state = 'PENDING'")) {
                p.setObject(1, OffsetDateTime.now(ZoneOffset.UTC));
                return p.executeUpdate();
              }
            });
    if (pending > 0) {
      LOG.log(System.Logger.Level.INFO, "resuming " + pending + " pending notification(s)");
    }
    running = true;
    Thread t = Thread.ofPlatform().daemon().name("vnfm-notify-dispatcher").unstarted(this::run);
    loop = t;
    t.start();
  }

  /** New rows may be committed soon: poll briefly at a fast pace. */
  void wake() {
    burstUntilNanos = System.nanoTime() + BURST.toNanos();
    nudge();
  }

  private void nudge() {
    Thread t = loop;
    if (t != null) {
      LockSupport.unpark(t);
    }
  }

  /** The authenticator of a subscription, kept so that an OAuth2 token is reused. */
  OutboundAuth auth(Subscription s) {
    return auths.computeIfAbsent(s.id(), id -> s.credentials().outbound(client.http()));
  }

  /** Keeps {@code auth} (the one the callback test used) for subscription {@code id}. */
  void remember(String id, OutboundAuth auth) {
    auths.put(id, auth);
  }

  /** Forgets a deleted subscription's authenticator. */
  void forget(String id) {
    auths.remove(id);
  }

  private void run() {
    while (running) {
      long waitNanos;
      try {
        waitNanos = round();
      } catch (RuntimeException e) {
        LOG.log(
            System.Logger.Level.WARNING,
            "notification dispatcher: cannot read the outbox, trying again: " + e.getMessage());
        waitNanos = POLL.toNanos();
      }
      if (running) {
        LockSupport.parkNanos(this, waitNanos);
      }
    }
  }

  /** Starts the attempts that are due; returns how long to wait before the next round. */
  private long round() {
    List<Head> heads = db.inTransaction(Dispatcher::heads);
    Instant now = Instant.now();
    long wait = System.nanoTime() - burstUntilNanos < 0 ? BURST_POLL.toNanos() : POLL.toNanos();
    for (Head h : heads) {
      if (inFlight.contains(h.subscriptionId())) {
        continue;
      }
      if (h.nextAttemptAt().isAfter(now)) {
        wait = Math.min(wait, Duration.between(now, h.nextAttemptAt()).toNanos());
        continue;
      }
      inFlight.add(h.subscriptionId());
      try {
        workers.execute(() -> attempt(h));
      } catch (RuntimeException e) {
        inFlight.remove(h.subscriptionId());
        throw e;
      }
    }
    return Math.max(wait, TimeUnit.MILLISECONDS.toNanos(1));
  }

  /** The oldest pending row of each subscription. */
  private static List<Head> heads(Connection c) throws SQLException {
    List<Head> out = new ArrayList<>();
    try (PreparedStatement p =
            c.prepareStatement(
                "SELECT d.seq, d.subscription_id, d.next_attempt_at FROM lccn_deliveries d"
                    + " WHERE d.state = 'PENDING' AND d.seq = (SELECT MIN(x.seq) FROM"
                    + " lccn_deliveries x WHERE x.subscription_id = d.subscription_id"
                    + " AND x.state = 'PENDING')");
        ResultSet r = p.executeQuery()) {
      while (r.next()) {
        out.add(
            new Head(
                r.getLong(1), r.getString(2), r.getObject(3, OffsetDateTime.class).toInstant()));
      }
    }
    return out;
  }

  private void attempt(Head h) {
    try {
      record Work(Row row, @Nullable Subscription subscription) {}
      Optional<Work> work =
          db.inTransaction(
              c -> {
                Optional<Row> row = row(c, h.seq());
                if (row.isEmpty()) {
                  return Optional.<Work>empty();
                }
                return Optional.of(
                    new Work(row.get(), Subscription.byId(c, h.subscriptionId()).orElse(null)));
              });
      if (work.isEmpty()) {
        return;
      }
      Row row = work.get().row();
      Subscription s = work.get().subscription();
      if (s == null) {
        // Published while the subscription was being deleted: nobody to send it to.
        db.inTransaction((Connection c) -> dropAll(c, h.subscriptionId()));
        return;
      }
      CallbackClient.Outcome o =
          client.post(s.callbackUri(), auth(s), s.credentials().renewable(), row.body());
      if (o.ok()) {
        db.inTransaction((Connection c) -> delete(c, row.seq()));
        delivered.incrementAndGet();
      } else {
        failedAttempts.incrementAndGet();
        failed(s, row, o);
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    } catch (RuntimeException e) {
      LOG.log(
          System.Logger.Level.WARNING,
          "notification to subscription "
              + h.subscriptionId()
              + " not attempted, will try again: "
              + e.getMessage());
    } finally {
      inFlight.remove(h.subscriptionId());
      nudge();
    }
  }

  private void failed(Subscription s, Row row, CallbackClient.Outcome o) {
    int attempts = row.attempts() + 1;
    String error = o.detail().length() > 1000 ? o.detail().substring(0, 1000) : o.detail();
    String what =
        row.type()
            + " "
            + row.notificationId()
            + " to subscription "
            + s.id()
            + " at "
            + CallbackClient.redact(s.callbackUri());
    if (attempts >= config.maxAttempts()) {
      db.inTransaction(
          c -> {
            try (PreparedStatement p =
                c.prepareStatement(
                    "UPDATE lccn_deliveries SET state = 'FAILED', attempts = ?, last_error = ?"
                        + " WHERE seq = ? AND state = 'PENDING'")) {
              p.setInt(1, attempts);
              p.setString(2, error);
              p.setLong(3, row.seq());
              p.executeUpdate();
            }
          });
      givenUp.incrementAndGet();
      LOG.log(
          System.Logger.Level.WARNING,
          "gave up " + what + " after " + attempts + " attempt(s); the last: " + error);
      return;
    }
    Duration delay = backoff(config, attempts);
    db.inTransaction(
        c -> {
          try (PreparedStatement p =
              c.prepareStatement(
                  "UPDATE lccn_deliveries SET attempts = ?, last_error = ?, next_attempt_at = ?"
                      + " WHERE seq = ? AND state = 'PENDING'")) {
            p.setInt(1, attempts);
            p.setString(2, error);
            p.setObject(3, OffsetDateTime.now(ZoneOffset.UTC).plus(delay));
            p.setLong(4, row.seq());
            p.executeUpdate();
          }
        });
    LOG.log(
        System.Logger.Level.INFO,
        "attempt "
            + attempts
            + "/"
            + config.maxAttempts()
            + " of "
            + what
            + " failed ("
            + error
            + "); next in "
            + delay.toMillis()
            + " ms");
  }

  /** The delay after the {@code attempts}-th failure: initialBackoff doubled, up to maxBackoff. */
  static Duration backoff(VnfmConfig.NotificationConfig config, int attempts) {
    Duration d = config.initialBackoff();
    for (int i = 1; i < attempts && d.compareTo(config.maxBackoff()) < 0; i++) {
      d = d.multipliedBy(2);
    }
    return d.compareTo(config.maxBackoff()) > 0 ? config.maxBackoff() : d;
  }

  /**
   * The row {@code seq} if it is still due: the head the loop saw may have been delivered, given up
   * or put back since (the loop reads heads while attempts finish).
   */
  private static Optional<Row> row(Connection c, long seq) throws SQLException {
    try (PreparedStatement p =
        c.prepareStatement(
            "SELECT notification_id, notification_type, body, attempts FROM lccn_deliveries"
                + " WHERE seq = ? AND state = 'PENDING' AND next_attempt_at <= ?")) {
      p.setLong(1, seq);
      p.setObject(2, OffsetDateTime.now(ZoneOffset.UTC));
      try (ResultSet r = p.executeQuery()) {
        if (!r.next()) {
          return Optional.empty();
        }
        return Optional.of(
            new Row(seq, r.getString(1), r.getString(2), r.getString(3), r.getInt(4)));
      }
    }
  }

  private static void delete(Connection c, long seq) throws SQLException {
    try (PreparedStatement p = c.prepareStatement("DELETE FROM lccn_deliveries WHERE seq = ?")) {
      p.setLong(1, seq);
      p.executeUpdate();
    }
  }

  private static void dropAll(Connection c, String subscriptionId) throws SQLException {
    try (PreparedStatement p =
        c.prepareStatement("DELETE FROM lccn_deliveries WHERE subscription_id = ?")) {
      p.setString(1, subscriptionId);
      p.executeUpdate();
    }
  }

  /**
   * Stops finding work and waits for the attempts under way (each bounded by the timeout), so their
   * outcome is recorded; rows not yet delivered stay for the next start.
   */
  @Override
  public void close() {
    Thread t;
    synchronized (this) {
      running = false;
      t = loop;
      loop = null;
    }
    if (t != null) {
      LockSupport.unpark(t);
      try {
        t.join(Duration.ofSeconds(10));
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }
    workers.shutdown();
    try {
      // One call's timeout and a little: longer, and an attempt is interrupted without its outcome
      // recorded, so it is sent again after the next start (at least once, never lost).
      Duration limit = config.timeout().plusSeconds(2);
      if (!workers.awaitTermination(limit.toMillis(), TimeUnit.MILLISECONDS)) {
        workers.shutdownNow();
      }
    } catch (InterruptedException e) {
      workers.shutdownNow();
      Thread.currentThread().interrupt();
    }
  }
}
