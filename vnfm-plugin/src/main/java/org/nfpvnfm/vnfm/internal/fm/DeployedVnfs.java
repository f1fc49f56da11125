package org.nfpvnfm.vnfm.internal.fm;

import com.fasterxml.jackson.core.JsonProcessingException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import org.nfpvnfm.vnfm.internal.lcm.Placement;
import org.nfpvnfm.vnfm.internal.rest.Json;

/**
 * The instantiated VNF instances and where their graphs run, as the lifecycle records them: what
 * the fault watcher and the PM collector read the node counters for. An instance being terminated
 * loses its deployments from its placement one by one as they are removed.
 */
public final class DeployedVnfs {
  private DeployedVnfs() {}

  /** An instantiated VNF instance and its placement. */
  public record DeployedVnf(String instanceId, Placement placement) {}

  /** Every INSTANTIATED instance with a recorded placement, in creation order. */
  public static List<DeployedVnf> read(Connection c) throws SQLException {
    List<DeployedVnf> out = new ArrayList<>();
    try (PreparedStatement p =
            c.prepareStatement(
                "SELECT id, placement FROM vnf_instances WHERE instantiation_state = 'INSTANTIATED'"
                    + " AND placement IS NOT NULL ORDER BY created_at, id");
        ResultSet r = p.executeQuery()) {
      while (r.next()) {
        try {
          out.add(
              new DeployedVnf(
                  r.getString(1), Json.MAPPER.readValue(r.getString(2), Placement.class)));
        } catch (JsonProcessingException e) {
          throw new SQLException(
              "the stored placement of VNF instance " + r.getString(1) + " cannot be read", e);
        }
      }
    }
    return out;
  }

  /** Whether a VNF instance with this id exists, in any state. */
  public static boolean exists(Connection c, String instanceId) throws SQLException {
    try (PreparedStatement p = c.prepareStatement("SELECT 1 FROM vnf_instances WHERE id = ?")) {
      p.setString(1, instanceId);
      try (ResultSet r = p.executeQuery()) {
        return r.next();
      }
    }
  }
}
