package org.nfpvnfm.vnfm.internal.pkg;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.jspecify.annotations.Nullable;
import org.nfpvnfm.vnfm.internal.rest.Json;

/**
 * The package tables of migration V2: {@code vnf_packages} (this VNFM's packages) and {@code
 * nfvo_vnf_packages} (packages fetched from the NFVO). Every method runs in the caller's
 * transaction.
 */
final class PackageStore {

  /**
   * One row of {@code vnf_packages}.
   *
   * @param id the package's id
   * @param onboarding its onboarding state
   * @param operational its operational state
   * @param vnfdId the VNFD's id, only while ONBOARDED
   * @param doc the stored VnfPkgInfo, without {@code usageState} and {@code _links} (computed on
   *     read)
   * @param layout where things are in its zip, once onboarded
   */
  record PackageRow(
      String id,
      OnboardingState onboarding,
      OperationalState operational,
      @Nullable String vnfdId,
      ObjectNode doc,
      @Nullable PackageLayout layout) {}

  /**
   * One row of {@code nfvo_vnf_packages}.
   *
   * @param vnfdId the VNFD's id
   * @param vnfPkgId the NFVO's package id
   * @param folder the folder under {@code packagesDir/nfvo} that holds its zip
   * @param doc the VnfPkgInfo the NFVO sent
   */
  record FetchedRow(String vnfdId, String vnfPkgId, String folder, ObjectNode doc) {}

  private static final String COLUMNS =
      "id, onboarding_state, operational_state, vnfd_id, doc, layout";

  void insert(Connection c, PackageRow row) throws SQLException {
    try (PreparedStatement p =
        c.prepareStatement(
            "INSERT INTO vnf_packages ("
                + COLUMNS
                + ", created_at) VALUES (?, ?, ?, ?, ?, ?, ?)")) {
      bind(p, row);
      p.setObject(7, OffsetDateTime.now(ZoneOffset.UTC));
      p.executeUpdate();
    }
  }

  void update(Connection c, PackageRow row) throws SQLException {
    try (PreparedStatement p =
        c.prepareStatement(
            "UPDATE vnf_packages SET id = ?, onboarding_state = ?, operational_state = ?,"
                + " vnfd_id = ?, doc = ?, layout = ? WHERE id = ?")) {
      bind(p, row);
      p.setString(7, row.id());
      p.executeUpdate();
    }
  }

  private static void bind(PreparedStatement p, PackageRow row) throws SQLException {
    p.setString(1, row.id());
    p.setString(2, row.onboarding().name());
    p.setString(3, row.operational().name());
    p.setString(4, row.vnfdId());
    p.setString(5, write(row.doc()));
    p.setString(6, row.layout() == null ? null : write(row.layout()));
  }

  /** The package {@code id}, locked for the rest of the transaction when {@code lock}. */
  Optional<PackageRow> find(Connection c, String id, boolean lock) throws SQLException {
    try (PreparedStatement p =
        c.prepareStatement(
            "SELECT "
                + COLUMNS
                + " FROM vnf_packages WHERE id = ?"
                + (lock ? " FOR UPDATE" : ""))) {
      p.setString(1, id);
      try (ResultSet r = p.executeQuery()) {
        return r.next() ? Optional.of(row(r)) : Optional.empty();
      }
    }
  }

  /** Every package, oldest first. */
  List<PackageRow> all(Connection c) throws SQLException {
    return query(c, "SELECT " + COLUMNS + " FROM vnf_packages ORDER BY created_at, id", null);
  }

  /** The packages in {@code state}. */
  List<PackageRow> inState(Connection c, OnboardingState state) throws SQLException {
    return query(
        c,
        "SELECT " + COLUMNS + " FROM vnf_packages WHERE onboarding_state = ? ORDER BY created_at",
        state.name());
  }

  /** The onboarded package of {@code vnfdId}. */
  Optional<PackageRow> onboarded(Connection c, String vnfdId) throws SQLException {
    List<PackageRow> rows =
        query(c, "SELECT " + COLUMNS + " FROM vnf_packages WHERE vnfd_id = ?", vnfdId);
    return rows.isEmpty() ? Optional.empty() : Optional.of(rows.getFirst());
  }

  boolean delete(Connection c, String id) throws SQLException {
    try (PreparedStatement p = c.prepareStatement("DELETE FROM vnf_packages WHERE id = ?")) {
      p.setString(1, id);
      return p.executeUpdate() == 1;
    }
  }

  /** Whether a VNF instance was created from {@code vnfdId} (the lifecycle's table, V1). */
  boolean inUse(Connection c, String vnfdId) throws SQLException {
    try (PreparedStatement p =
        c.prepareStatement("SELECT 1 FROM vnf_instances WHERE vnfd_id = ? LIMIT 1")) {
      p.setString(1, vnfdId);
      try (ResultSet r = p.executeQuery()) {
        return r.next();
      }
    }
  }

  /** The VNFD ids some VNF instance was created from. */
  Set<String> vnfdIdsInUse(Connection c) throws SQLException {
    Set<String> out = new HashSet<>();
    try (PreparedStatement p = c.prepareStatement("SELECT DISTINCT vnfd_id FROM vnf_instances");
        ResultSet r = p.executeQuery()) {
      while (r.next()) {
        out.add(r.getString(1));
      }
    }
    return out;
  }

  Optional<FetchedRow> fetched(Connection c, String vnfdId) throws SQLException {
    try (PreparedStatement p =
        c.prepareStatement(
            "SELECT vnfd_id, vnf_pkg_id, folder, doc FROM nfvo_vnf_packages WHERE vnfd_id = ?")) {
      p.setString(1, vnfdId);
      try (ResultSet r = p.executeQuery()) {
        if (!r.next()) {
          return Optional.empty();
        }
        return Optional.of(
            new FetchedRow(
                r.getString(1), r.getString(2), r.getString(3), readDoc(r.getString(4))));
      }
    }
  }

  /** Stores a fetched package, replacing the one kept for its VNFD before. */
  void saveFetched(Connection c, FetchedRow row) throws SQLException {
    try (PreparedStatement del =
        c.prepareStatement("DELETE FROM nfvo_vnf_packages WHERE vnfd_id = ?")) {
      del.setString(1, row.vnfdId());
      del.executeUpdate();
    }
    try (PreparedStatement p =
        c.prepareStatement(
            "INSERT INTO nfvo_vnf_packages (vnfd_id, vnf_pkg_id, folder, fetched_at, doc)"
                + " VALUES (?, ?, ?, ?, ?)")) {
      p.setString(1, row.vnfdId());
      p.setString(2, row.vnfPkgId());
      p.setString(3, row.folder());
      p.setObject(4, OffsetDateTime.now(ZoneOffset.UTC));
      p.setString(5, write(row.doc()));
      p.executeUpdate();
    }
  }

  /** The folders of every fetched package, to tell kept folders from leftovers. */
  Set<String> fetchedFolders(Connection c) throws SQLException {
    Set<String> out = new HashSet<>();
    try (PreparedStatement p = c.prepareStatement("SELECT folder FROM nfvo_vnf_packages");
        ResultSet r = p.executeQuery()) {
      while (r.next()) {
        out.add(r.getString(1));
      }
    }
    return out;
  }

  private static List<PackageRow> query(Connection c, String sql, @Nullable String arg)
      throws SQLException {
    List<PackageRow> out = new ArrayList<>();
    try (PreparedStatement p = c.prepareStatement(sql)) {
      if (arg != null) {
        p.setString(1, arg);
      }
      try (ResultSet r = p.executeQuery()) {
        while (r.next()) {
          out.add(row(r));
        }
      }
    }
    return out;
  }

  private static PackageRow row(ResultSet r) throws SQLException {
    String layout = r.getString(6);
    return new PackageRow(
        r.getString(1),
        OnboardingState.valueOf(r.getString(2)),
        OperationalState.valueOf(r.getString(3)),
        r.getString(4),
        readDoc(r.getString(5)),
        layout == null ? null : read(layout, PackageLayout.class));
  }

  private static ObjectNode readDoc(String json) throws SQLException {
    if (!(read(json, com.fasterxml.jackson.databind.JsonNode.class) instanceof ObjectNode o)) {
      throw new SQLException("a stored package document is not a JSON object");
    }
    return o;
  }

  private static <T> T read(String json, Class<T> type) throws SQLException {
    try {
      return Json.MAPPER.readValue(json, type);
    } catch (JsonProcessingException e) {
      throw new SQLException("a stored package document is not valid JSON: " + e.getMessage(), e);
    }
  }

  private static String write(Object value) throws SQLException {
    try {
      return Json.MAPPER.writeValueAsString(value);
    } catch (JsonProcessingException e) {
      throw new SQLException("cannot write a package document: " + e.getMessage(), e);
    }
  }
}
