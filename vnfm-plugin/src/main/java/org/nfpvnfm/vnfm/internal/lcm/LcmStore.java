package org.nfpvnfm.vnfm.internal.lcm;

import com.fasterxml.jackson.core.JsonProcessingException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import org.jspecify.annotations.Nullable;
import org.nfpvnfm.vnfm.internal.rest.Json;

/**
 * The lifecycle's rows: VNF instances and operation occurrences, each a JSON document with the
 * columns that are queried. Every method works in the caller's transaction; {@code forUpdate} reads
 * lock the row until it ends, which is how two requests on one instance are serialised.
 */
final class LcmStore {
  private static final com.fasterxml.jackson.databind.ObjectWriter STORED =
      Json.MAPPER
          .writer()
          .without(com.fasterxml.jackson.databind.SerializationFeature.INDENT_OUTPUT);

  private LcmStore() {}

  static void insert(Connection c, VnfInstance i) throws SQLException {
    try (PreparedStatement p =
        c.prepareStatement(
            "INSERT INTO vnf_instances (id, vnfd_id, instantiation_state, created_at, doc)"
                + " VALUES (?, ?, ?, ?, ?)")) {
      p.setString(1, i.id());
      p.setString(2, i.vnfdId());
      p.setString(3, i.instantiationState());
      p.setTimestamp(4, new Timestamp(System.currentTimeMillis()));
      p.setString(5, json(i));
      p.executeUpdate();
    }
  }

  static void update(Connection c, VnfInstance i) throws SQLException {
    try (PreparedStatement p =
        c.prepareStatement(
            "UPDATE vnf_instances SET vnfd_id = ?, instantiation_state = ?, doc = ? WHERE id = ?")) {
      p.setString(1, i.vnfdId());
      p.setString(2, i.instantiationState());
      p.setString(3, json(i));
      p.setString(4, i.id());
      if (p.executeUpdate() != 1) {
        throw new SQLException("VNF instance " + i.id() + " vanished during an update");
      }
    }
  }

  static void delete(Connection c, String id) throws SQLException {
    try (PreparedStatement p = c.prepareStatement("DELETE FROM vnf_instances WHERE id = ?")) {
      p.setString(1, id);
      p.executeUpdate();
    }
  }

  static Optional<VnfInstance> instance(Connection c, String id, boolean forUpdate)
      throws SQLException {
    try (PreparedStatement p =
        c.prepareStatement(
            "SELECT doc FROM vnf_instances WHERE id = ?" + (forUpdate ? " FOR UPDATE" : ""))) {
      p.setString(1, id);
      try (ResultSet r = p.executeQuery()) {
        return r.next() ? Optional.of(read(r.getString(1), VnfInstance.class)) : Optional.empty();
      }
    }
  }

  static List<VnfInstance> instances(Connection c) throws SQLException {
    List<VnfInstance> out = new ArrayList<>();
    try (PreparedStatement p =
            c.prepareStatement("SELECT doc FROM vnf_instances ORDER BY created_at, id");
        ResultSet r = p.executeQuery()) {
      while (r.next()) {
        out.add(read(r.getString(1), VnfInstance.class));
      }
    }
    return out;
  }

  static Optional<Placement> placement(Connection c, String instanceId) throws SQLException {
    try (PreparedStatement p =
        c.prepareStatement("SELECT placement FROM vnf_instances WHERE id = ?")) {
      p.setString(1, instanceId);
      try (ResultSet r = p.executeQuery()) {
        if (!r.next() || r.getString(1) == null) {
          return Optional.empty();
        }
        return Optional.of(read(r.getString(1), Placement.class));
      }
    }
  }

  static void setPlacement(Connection c, String instanceId, @Nullable Placement placement)
      throws SQLException {
    try (PreparedStatement p =
        c.prepareStatement("UPDATE vnf_instances SET placement = ? WHERE id = ?")) {
      p.setString(1, placement == null ? null : json(placement));
      p.setString(2, instanceId);
      p.executeUpdate();
    }
  }

  static void insert(Connection c, VnfLcmOpOcc o) throws SQLException {
    try (PreparedStatement p =
        c.prepareStatement(
            "INSERT INTO vnf_lcm_op_occs (id, vnf_instance_id, operation, operation_state,"
                + " start_time, doc) VALUES (?, ?, ?, ?, ?, ?)")) {
      p.setString(1, o.id());
      p.setString(2, o.vnfInstanceId());
      p.setString(3, o.operation());
      p.setString(4, o.operationState());
      p.setTimestamp(5, Timestamp.from(o.startTime()));
      p.setString(6, json(o));
      p.executeUpdate();
    }
  }

  static void update(Connection c, VnfLcmOpOcc o) throws SQLException {
    try (PreparedStatement p =
        c.prepareStatement(
            "UPDATE vnf_lcm_op_occs SET operation_state = ?, doc = ? WHERE id = ?")) {
      p.setString(1, o.operationState());
      p.setString(2, json(o));
      p.setString(3, o.id());
      if (p.executeUpdate() != 1) {
        throw new SQLException("operation occurrence " + o.id() + " vanished during an update");
      }
    }
  }

  static Optional<VnfLcmOpOcc> opOcc(Connection c, String id, boolean forUpdate)
      throws SQLException {
    try (PreparedStatement p =
        c.prepareStatement(
            "SELECT doc FROM vnf_lcm_op_occs WHERE id = ?" + (forUpdate ? " FOR UPDATE" : ""))) {
      p.setString(1, id);
      try (ResultSet r = p.executeQuery()) {
        return r.next() ? Optional.of(read(r.getString(1), VnfLcmOpOcc.class)) : Optional.empty();
      }
    }
  }

  static List<VnfLcmOpOcc> opOccs(Connection c) throws SQLException {
    return opOccs(c, "SELECT doc FROM vnf_lcm_op_occs ORDER BY start_time, id", List.of());
  }

  /** The occurrences in any of {@code states}, oldest first. */
  static List<VnfLcmOpOcc> opOccsIn(Connection c, Collection<String> states) throws SQLException {
    String marks = String.join(", ", states.stream().map(s -> "?").toList());
    return opOccs(
        c,
        "SELECT doc FROM vnf_lcm_op_occs WHERE operation_state IN ("
            + marks
            + ") ORDER BY start_time, id",
        List.copyOf(states));
  }

  /** The instance's occurrence that is not final yet, if any. */
  static Optional<VnfLcmOpOcc> active(Connection c, String instanceId) throws SQLException {
    List<String> args = new ArrayList<>();
    args.add(instanceId);
    args.addAll(OperationState.FINAL);
    List<VnfLcmOpOcc> found =
        opOccs(
            c,
            "SELECT doc FROM vnf_lcm_op_occs WHERE vnf_instance_id = ? AND operation_state NOT IN"
                + " (?, ?, ?) ORDER BY start_time",
            args);
    return found.isEmpty() ? Optional.empty() : Optional.of(found.getFirst());
  }

  static void deleteOpOccs(Connection c, String instanceId) throws SQLException {
    try (PreparedStatement p =
        c.prepareStatement("DELETE FROM vnf_lcm_op_occs WHERE vnf_instance_id = ?")) {
      p.setString(1, instanceId);
      p.executeUpdate();
    }
  }

  private static List<VnfLcmOpOcc> opOccs(Connection c, String sql, List<String> args)
      throws SQLException {
    List<VnfLcmOpOcc> out = new ArrayList<>();
    try (PreparedStatement p = c.prepareStatement(sql)) {
      for (int i = 0; i < args.size(); i++) {
        p.setString(i + 1, args.get(i));
      }
      try (ResultSet r = p.executeQuery()) {
        while (r.next()) {
          out.add(read(r.getString(1), VnfLcmOpOcc.class));
        }
      }
    }
    return out;
  }

  private static String json(Object o) throws SQLException {
    try {
      return STORED.writeValueAsString(o);
    } catch (JsonProcessingException e) {
      throw new SQLException("cannot store " + o.getClass().getSimpleName(), e);
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
