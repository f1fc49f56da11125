package org.nfpvnfm.vnfm.internal.events;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import org.nfpvnfm.events.CloudEvent;
import org.nfpvnfm.events.EventCodec;
import org.nfpvnfm.vnfm.internal.store.Database;

/**
 * The event outbox: each event becomes a row of {@code event_outbox}, written in the caller's
 * transaction, as the CloudEvent it will be published as; the relay is woken once the transaction
 * commits.
 */
final class EventOutbox implements EventSink {
  private final Database db;
  private final String source;
  private final Runnable wake;
  private final Clock clock;

  EventOutbox(Database db, String source, Runnable wake, Clock clock) {
    this.db = db;
    this.source = source;
    this.wake = wake;
    this.clock = clock;
  }

  @Override
  public void emit(Connection tx, OutgoingEvent e) throws SQLException {
    // Microseconds: what both databases keep, so the stored time and the event's agree.
    Instant now = clock.instant().truncatedTo(ChronoUnit.MICROS);
    CloudEvent ce =
        new CloudEvent(
            e.id(),
            source,
            e.type().type(),
            e.subject(),
            now,
            e.type().schemaId(),
            e.key(),
            e.data());
    try (PreparedStatement p =
        tx.prepareStatement(
            "INSERT INTO event_outbox (event_id, topic, event_key, event_type, body, created_at)"
                + " VALUES (?, ?, ?, ?, ?, ?)")) {
      p.setString(1, e.id());
      p.setString(2, e.type().topic());
      p.setString(3, e.key());
      p.setString(4, e.type().type());
      p.setString(5, new String(EventCodec.encode(ce), java.nio.charset.StandardCharsets.UTF_8));
      p.setTimestamp(6, Timestamp.from(now));
      p.executeUpdate();
    }
    db.afterCommit(tx, wake);
  }
}
