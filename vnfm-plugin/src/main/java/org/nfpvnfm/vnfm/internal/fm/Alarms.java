package org.nfpvnfm.vnfm.internal.fm;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.net.URI;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;
import org.nfpvnfm.vnfm.internal.rest.ApiException;
import org.nfpvnfm.vnfm.internal.rest.Json;
import org.nfpvnfm.vnfm.internal.store.Database;

/**
 * The alarms as the API serves them (SOL003 §7.4.2, §7.4.3): listed, read, and acknowledged or
 * unacknowledged by the NFVO. Raising and clearing is {@link FaultWatcher}'s.
 */
public final class Alarms {
  static final String ROOT = "vnffm/v1/";

  private final Database db;
  private final Supplier<URI> base;

  /** {@code base} is read at each use: the port of a VNFM on port 0 is known once it listens. */
  public Alarms(Database db, Supplier<URI> base) {
    this.db = db;
    this.base = base;
  }

  /** Every stored alarm, active and cleared, oldest first. */
  public List<ObjectNode> list() {
    return db
        .inTransaction(
            c -> {
              return AlarmStore.all(c);
            })
        .stream()
        .map(this::doc)
        .toList();
  }

  public ObjectNode get(String id) {
    return doc(
        db.inTransaction(
                c -> {
                  return AlarmStore.get(c, id, false);
                })
            .orElseThrow(() -> missing(id)));
  }

  /**
   * Applies an AlarmModifications ({@code {"ackState": "ACKNOWLEDGED"}} or {@code UNACKNOWLEDGED});
   * 409 when the alarm is in that state already. Returns the modifications made.
   */
  public ObjectNode modify(String id, JsonNode body) {
    if (!body.isObject()) {
      throw ApiException.badRequest(
          "the request body must be an AlarmModifications object (got " + body.getNodeType() + ")");
    }
    for (Map.Entry<String, JsonNode> e : body.properties()) {
      if (!e.getKey().equals("ackState")) {
        throw ApiException.badRequest(
            "AlarmModifications has only ackState; " + e.getKey() + " cannot be modified");
      }
    }
    JsonNode v = body.get("ackState");
    if (v == null || v.isNull()) {
      throw ApiException.badRequest("the request has no ackState, which is required");
    }
    String state = v.asText();
    if (!v.isTextual()
        || !(state.equals(Alarm.ACKNOWLEDGED) || state.equals(Alarm.UNACKNOWLEDGED))) {
      throw ApiException.badRequest(
          "ackState must be ACKNOWLEDGED or UNACKNOWLEDGED (got " + v + ")");
    }
    db.inTransaction(
        c -> {
          Alarm a = AlarmStore.get(c, id, true).orElseThrow(() -> missing(id));
          if (a.ackState().equals(state)) {
            throw ApiException.conflict("alarm " + id + " is " + state + " already");
          }
          AlarmStore.update(c, a.acknowledged(state, Instant.now()));
        });
    return Json.MAPPER.createObjectNode().put("ackState", state);
  }

  private static ApiException missing(String id) {
    return ApiException.notFound("no alarm " + id);
  }

  private String root() {
    String b = base.get().toString();
    return b.endsWith("/") ? b : b + "/";
  }

  /** The alarm's document with its links: self, and the VNF instance it is about. */
  ObjectNode doc(Alarm a) {
    ObjectNode doc = Json.MAPPER.valueToTree(a);
    ObjectNode links = doc.putObject("_links");
    links.putObject("self").put("href", root() + ROOT + "alarms/" + a.id());
    links
        .putObject("objectInstance")
        .put("href", root() + "vnflcm/v2/vnf_instances/" + a.managedObjectId());
    return doc;
  }
}
