package org.nfpvnfm.vnfm.internal.pm;

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
import org.jspecify.annotations.Nullable;
import org.nfpvnfm.vnfm.internal.rest.Json;

/**
 * The rows of PM jobs, their reports and thresholds: each a JSON document, the callback's
 * credentials apart (never served), a threshold's state apart (the VNFM's own). Every method works
 * in the caller's transaction.
 */
final class PmStore {
  private static final ObjectWriter STORED =
      Json.MAPPER.writer().without(SerializationFeature.INDENT_OUTPUT);

  private PmStore() {}

  /** A stored report's id and when it was made. */
  record ReportRef(String id, Instant readyTime) {}

  // ---- PM jobs --------------------------------------------------------------------------------

  static void insert(Connection c, PmJob j, @Nullable Authentication auth) throws SQLException {
    try (PreparedStatement p =
        c.prepareStatement("INSERT INTO pm_jobs (id, created_at, doc, auth) VALUES (?, ?, ?, ?)")) {
      p.setString(1, j.id());
      p.setTimestamp(2, Timestamp.from(Instant.now()));
      p.setString(3, json(j));
      p.setString(4, auth == null ? null : json(auth));
      p.executeUpdate();
    }
  }

  static void update(Connection c, PmJob j, @Nullable Authentication auth) throws SQLException {
    try (PreparedStatement p =
        c.prepareStatement("UPDATE pm_jobs SET doc = ?, auth = ? WHERE id = ?")) {
      p.setString(1, json(j));
      p.setString(2, auth == null ? null : json(auth));
      p.setString(3, j.id());
      p.executeUpdate();
    }
  }

  static Optional<PmJob> job(Connection c, String id, boolean forUpdate) throws SQLException {
    return one(
        c,
        "SELECT doc FROM pm_jobs WHERE id = ?" + (forUpdate ? " FOR UPDATE" : ""),
        id,
        PmJob.class);
  }

  static List<PmJob> jobs(Connection c) throws SQLException {
    return all(c, "SELECT doc FROM pm_jobs ORDER BY created_at, id", PmJob.class);
  }

  static Optional<Authentication> jobAuth(Connection c, String id) throws SQLException {
    return one(c, "SELECT auth FROM pm_jobs WHERE id = ?", id, Authentication.class);
  }

  /** Deletes the job and its reports; whether there was one. */
  static boolean deleteJob(Connection c, String id) throws SQLException {
    try (PreparedStatement p = c.prepareStatement("DELETE FROM pm_reports WHERE pm_job_id = ?")) {
      p.setString(1, id);
      p.executeUpdate();
    }
    try (PreparedStatement p = c.prepareStatement("DELETE FROM pm_jobs WHERE id = ?")) {
      p.setString(1, id);
      return p.executeUpdate() == 1;
    }
  }

  // ---- reports --------------------------------------------------------------------------------

  static void insertReport(Connection c, String jobId, String reportId, Instant at, String doc)
      throws SQLException {
    try (PreparedStatement p =
        c.prepareStatement(
            "INSERT INTO pm_reports (id, pm_job_id, ready_at, doc) VALUES (?, ?, ?, ?)")) {
      p.setString(1, reportId);
      p.setString(2, jobId);
      p.setTimestamp(3, Timestamp.from(at));
      p.setString(4, doc);
      p.executeUpdate();
    }
  }

  /** The job's reports, oldest first. */
  static List<ReportRef> reports(Connection c, String jobId) throws SQLException {
    List<ReportRef> out = new ArrayList<>();
    try (PreparedStatement p =
        c.prepareStatement(
            "SELECT id, ready_at FROM pm_reports WHERE pm_job_id = ? ORDER BY ready_at, id")) {
      p.setString(1, jobId);
      try (ResultSet r = p.executeQuery()) {
        while (r.next()) {
          out.add(new ReportRef(r.getString(1), r.getTimestamp(2).toInstant()));
        }
      }
    }
    return out;
  }

  static Optional<String> report(Connection c, String jobId, String reportId) throws SQLException {
    try (PreparedStatement p =
        c.prepareStatement("SELECT doc FROM pm_reports WHERE id = ? AND pm_job_id = ?")) {
      p.setString(1, reportId);
      p.setString(2, jobId);
      try (ResultSet r = p.executeQuery()) {
        return r.next() ? Optional.of(r.getString(1)) : Optional.empty();
      }
    }
  }

  /** Deletes all but the newest {@code keep} reports of the job. */
  static void pruneReports(Connection c, String jobId, int keep) throws SQLException {
    List<ReportRef> all = reports(c, jobId);
    for (ReportRef r : all.subList(0, Math.max(0, all.size() - keep))) {
      try (PreparedStatement p = c.prepareStatement("DELETE FROM pm_reports WHERE id = ?")) {
        p.setString(1, r.id());
        p.executeUpdate();
      }
    }
  }

  // ---- thresholds -----------------------------------------------------------------------------

  static void insert(Connection c, Threshold t, @Nullable Authentication auth) throws SQLException {
    try (PreparedStatement p =
        c.prepareStatement(
            "INSERT INTO pm_thresholds (id, created_at, doc, auth, state) VALUES (?, ?, ?, ?, ?)")) {
      p.setString(1, t.id());
      p.setTimestamp(2, Timestamp.from(Instant.now()));
      p.setString(3, json(t));
      p.setString(4, auth == null ? null : json(auth));
      p.setString(5, json(Threshold.State.initial()));
      p.executeUpdate();
    }
  }

  static void update(Connection c, Threshold t, @Nullable Authentication auth) throws SQLException {
    try (PreparedStatement p =
        c.prepareStatement("UPDATE pm_thresholds SET doc = ?, auth = ? WHERE id = ?")) {
      p.setString(1, json(t));
      p.setString(2, auth == null ? null : json(auth));
      p.setString(3, t.id());
      p.executeUpdate();
    }
  }

  static Optional<Threshold> threshold(Connection c, String id, boolean forUpdate)
      throws SQLException {
    return one(
        c,
        "SELECT doc FROM pm_thresholds WHERE id = ?" + (forUpdate ? " FOR UPDATE" : ""),
        id,
        Threshold.class);
  }

  static List<Threshold> thresholds(Connection c) throws SQLException {
    return all(c, "SELECT doc FROM pm_thresholds ORDER BY created_at, id", Threshold.class);
  }

  static Optional<Authentication> thresholdAuth(Connection c, String id) throws SQLException {
    return one(c, "SELECT auth FROM pm_thresholds WHERE id = ?", id, Authentication.class);
  }

  static Threshold.State state(Connection c, String id) throws SQLException {
    return one(c, "SELECT state FROM pm_thresholds WHERE id = ?", id, Threshold.State.class)
        .orElse(Threshold.State.initial());
  }

  static void setState(Connection c, String id, Threshold.State state) throws SQLException {
    try (PreparedStatement p =
        c.prepareStatement("UPDATE pm_thresholds SET state = ? WHERE id = ?")) {
      p.setString(1, json(state));
      p.setString(2, id);
      p.executeUpdate();
    }
  }

  static boolean deleteThreshold(Connection c, String id) throws SQLException {
    try (PreparedStatement p = c.prepareStatement("DELETE FROM pm_thresholds WHERE id = ?")) {
      p.setString(1, id);
      return p.executeUpdate() == 1;
    }
  }

  // ---- documents ------------------------------------------------------------------------------

  private static <T> Optional<T> one(Connection c, String sql, String id, Class<T> type)
      throws SQLException {
    try (PreparedStatement p = c.prepareStatement(sql)) {
      p.setString(1, id);
      try (ResultSet r = p.executeQuery()) {
        if (!r.next() || r.getString(1) == null) {
          return Optional.empty();
        }
        return Optional.of(read(r.getString(1), type));
      }
    }
  }

  private static <T> List<T> all(Connection c, String sql, Class<T> type) throws SQLException {
    List<T> out = new ArrayList<>();
    try (PreparedStatement p = c.prepareStatement(sql);
        ResultSet r = p.executeQuery()) {
      while (r.next()) {
        out.add(read(r.getString(1), type));
      }
    }
    return out;
  }

  static String json(Object o) throws SQLException {
    try {
      return STORED.writeValueAsString(o);
    } catch (JsonProcessingException e) {
      throw new SQLException("cannot store a " + o.getClass().getSimpleName(), e);
    }
  }

  private static <T> T read(String doc, Class<T> type) throws SQLException {
    try {
      return Json.MAPPER.readValue(doc, type);
    } catch (JsonProcessingException e) {
      throw new SQLException("a stored " + type.getSimpleName() + " cannot be read", e);
    }
  }
}
