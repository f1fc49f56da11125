package org.nfpvnfm.vnfm.internal.fm;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectWriter;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.nfpvnfm.vnfm.internal.rest.Json;

/**
 * The alarms' rows: the SOL003 document, and beside it what the watcher needs to decide (the
 * condition an active alarm stands for, the counter's last value and when it last rose), so that a
 * restarted VNFM neither raises an active alarm twice nor forgets its quiet period. Every method
 * works in the caller's transaction.
 */
final class AlarmStore {
  private static final ObjectWriter STORED =
      Json.MAPPER.writer().without(SerializationFeature.INDENT_OUTPUT);

  private AlarmStore() {}

  /**
   * An active alarm as the watcher sees it.
   *
   * @param id the alarm's id
   * @param condition what raised it ({@link FaultWatcher}'s key)
   * @param managedObjectId the VNF instance
   * @param lastCount the counter's value when last read
   * @param lastRise when the counter last rose
   */
  record Active(
      String id, String condition, String managedObjectId, long lastCount, Instant lastRise) {}

  static void insert(Connection c, Alarm a, String condition, long count) throws SQLException {
    try (PreparedStatement p =
        c.prepareStatement(
            "INSERT INTO vnf_alarms (id, managed_object_id, condition_key, active, raised_at,"
                + " last_count, last_rise_at, doc) VALUES (?, ?, ?, TRUE, ?, ?, ?, ?)")) {
      p.setString(1, a.id());
      p.setString(2, a.managedObjectId());
      p.setString(3, condition);
      p.setTimestamp(4, Timestamp.from(a.alarmRaisedTime()));
      p.setLong(5, count);
      p.setTimestamp(6, Timestamp.from(a.alarmRaisedTime()));
      p.setString(7, json(a));
      p.executeUpdate();
    }
  }

  static List<Active> active(Connection c) throws SQLException {
    List<Active> out = new ArrayList<>();
    try (PreparedStatement p =
            c.prepareStatement(
                "SELECT id, condition_key, managed_object_id, last_count, last_rise_at"
                    + " FROM vnf_alarms WHERE active = TRUE ORDER BY raised_at, id");
        ResultSet r = p.executeQuery()) {
      while (r.next()) {
        out.add(
            new Active(
                r.getString(1),
                r.getString(2),
                r.getString(3),
                r.getLong(4),
                r.getTimestamp(5).toInstant()));
      }
    }
    return out;
  }

  /** Records the counter's value, and when {@code rose}, that it rose at {@code at}. */
  static void observed(Connection c, String id, long count, boolean rose, Instant at)
      throws SQLException {
    try (PreparedStatement p =
        c.prepareStatement(
            rose
                ? "UPDATE vnf_alarms SET last_count = ?, last_rise_at = ? WHERE id = ?"
                : "UPDATE vnf_alarms SET last_count = ? WHERE id = ?")) {
      p.setLong(1, count);
      if (rose) {
        p.setTimestamp(2, Timestamp.from(at));
        p.setString(3, id);
      } else {
        p.setString(2, id);
      }
      p.executeUpdate();
    }
  }

  static Optional<Alarm> get(Connection c, String id, boolean forUpdate) throws SQLException {
    try (PreparedStatement p =
        c.prepareStatement(
            "SELECT doc FROM vnf_alarms WHERE id = ?" + (forUpdate ? " FOR UPDATE" : ""))) {
      p.setString(1, id);
      try (ResultSet r = p.executeQuery()) {
        return r.next() ? Optional.of(read(r.getString(1))) : Optional.empty();
      }
    }
  }

  /** Stores {@code a}'s document; a cleared alarm is no longer active. */
  static void update(Connection c, Alarm a) throws SQLException {
    try (PreparedStatement p =
        c.prepareStatement(
            "UPDATE vnf_alarms SET doc = ?, active = ?, cleared_at = ? WHERE id = ?")) {
      p.setString(1, json(a));
      p.setBoolean(2, a.alarmClearedTime() == null);
      p.setTimestamp(3, a.alarmClearedTime() == null ? null : Timestamp.from(a.alarmClearedTime()));
      p.setString(4, a.id());
      if (p.executeUpdate() != 1) {
        throw new SQLException("alarm " + a.id() + " vanished during an update");
      }
    }
  }

  /** Every alarm, oldest first. */
  static List<Alarm> all(Connection c) throws SQLException {
    List<Alarm> out = new ArrayList<>();
    try (PreparedStatement p =
            c.prepareStatement("SELECT doc FROM vnf_alarms ORDER BY raised_at, id");
        ResultSet r = p.executeQuery()) {
      while (r.next()) {
        out.add(read(r.getString(1)));
      }
    }
    return out;
  }

  /** Forgets alarms cleared before {@code before}; returns how many. */
  static int pruneCleared(Connection c, Instant before) throws SQLException {
    try (PreparedStatement p =
        c.prepareStatement("DELETE FROM vnf_alarms WHERE active = FALSE AND cleared_at < ?")) {
      p.setTimestamp(1, Timestamp.from(before));
      return p.executeUpdate();
    }
  }

  private static String json(Alarm a) throws SQLException {
    try {
      return STORED.writeValueAsString(a);
    } catch (JsonProcessingException e) {
      throw new SQLException("cannot store alarm " + a.id(), e);
    }
  }

  private static Alarm read(String doc) throws SQLException {
    try {
      return Json.MAPPER.readValue(doc, Alarm.class);
    } catch (JsonProcessingException e) {
      throw new SQLException("a stored alarm cannot be read", e);
    }
  }
}
