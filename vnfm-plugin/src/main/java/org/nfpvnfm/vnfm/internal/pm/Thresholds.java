package org.nfpvnfm.vnfm.internal.pm;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.jspecify.annotations.Nullable;
import org.nfpvnfm.vnfm.internal.rest.ApiException;
import org.nfpvnfm.vnfm.internal.rest.Json;
import org.nfpvnfm.vnfm.internal.store.Database;

/**
 * Thresholds as the API serves them (SOL003 §6.4.5, §6.4.6): one metric of one VNF instance, a
 * SIMPLE threshold with hysteresis. {@link PmCollector} evaluates them; the crossings it recorded
 * are served in the VNFM's own attribute {@code nfpCrossings} (the latest {@value
 * PmCollector#KEPT_CROSSINGS}, oldest first).
 */
final class Thresholds {
  /** SOL003 CreateThresholdRequest. */
  record CreateThresholdRequest(
      @Nullable String objectType,
      @Nullable String objectInstanceId,
      @Nullable List<String> subObjectInstanceIds,
      @Nullable CriteriaRequest criteria,
      @Nullable String callbackUri,
      @Nullable Authentication authentication) {}

  /** SOL003 ThresholdCriteria as requested. */
  record CriteriaRequest(
      @Nullable String performanceMetric,
      @Nullable String thresholdType,
      @Nullable SimpleRequest simpleThresholdDetails) {}

  record SimpleRequest(@Nullable Double thresholdValue, @Nullable Double hysteresis) {}

  private final Database db;
  private final CallbackCheck callbacks;
  private final PmJobs jobs;
  private final PmLinks links;

  Thresholds(Database db, CallbackCheck callbacks, PmJobs jobs, PmLinks links) {
    this.db = db;
    this.callbacks = callbacks;
    this.jobs = jobs;
    this.links = links;
  }

  ObjectNode create(@Nullable JsonNode body) {
    CreateThresholdRequest r =
        Requests.read(body, CreateThresholdRequest.class, "CreateThresholdRequest");
    String objectType = Requests.text(r.objectType(), "objectType");
    String object = Requests.text(r.objectInstanceId(), "objectInstanceId");
    List<String> subObjects =
        r.subObjectInstanceIds() == null
            ? null
            : Requests.texts(r.subObjectInstanceIds(), "subObjectInstanceIds");
    CriteriaRequest c = Requests.required(r.criteria(), "criteria");
    String metric = Requests.text(c.performanceMetric(), "criteria.performanceMetric");
    String type = Requests.text(c.thresholdType(), "criteria.thresholdType");
    if (!type.equals("SIMPLE")) {
      throw ApiException.badRequest("criteria.thresholdType must be SIMPLE (got " + type + ")");
    }
    SimpleRequest s =
        Requests.required(c.simpleThresholdDetails(), "criteria.simpleThresholdDetails");
    double value =
        Requests.required(s.thresholdValue(), "criteria.simpleThresholdDetails.thresholdValue");
    double hysteresis =
        Requests.required(s.hysteresis(), "criteria.simpleThresholdDetails.hysteresis");
    if (!Double.isFinite(value) || !Double.isFinite(hysteresis) || hysteresis < 0) {
      throw ApiException.badRequest(
          "thresholdValue must be a number and hysteresis a number of at least 0 (got "
              + value
              + " and "
              + hysteresis
              + ")");
    }
    String callbackUri = Requests.callbackUri(r.callbackUri());
    Authentication auth = Requests.authentication(r.authentication());
    jobs.checkObjects(objectType, List.of(object));
    if (Metrics.metric(metric).isEmpty()) {
      throw ApiException.unprocessable(
          "performanceMetric "
              + metric
              + " is not one this VNFM measures: "
              + Metrics.names()
              + (Metrics.group(metric).isEmpty() ? "" : " (" + metric + " is a group)"));
    }
    callbacks.test(callbackUri, auth);
    Threshold t =
        new Threshold(
            UUID.randomUUID().toString(),
            objectType,
            object,
            subObjects,
            new Threshold.Criteria(metric, type, new Threshold.Simple(value, hysteresis)),
            callbackUri);
    db.inTransaction(
        tx -> {
          PmStore.insert(tx, t, auth);
        });
    return doc(t, Threshold.State.initial());
  }

  List<ObjectNode> list() {
    return db.inTransaction(
        tx -> {
          List<ObjectNode> out = new ArrayList<>();
          for (Threshold t : PmStore.thresholds(tx)) {
            out.add(doc(t, PmStore.state(tx, t.id())));
          }
          return out;
        });
  }

  ObjectNode get(String id) {
    return db.inTransaction(
        tx -> {
          Threshold t = PmStore.threshold(tx, id, false).orElseThrow(() -> missing(id));
          return doc(t, PmStore.state(tx, id));
        });
  }

  ObjectNode modify(String id, @Nullable JsonNode body) {
    Requests.Modifications m = Requests.modifications(body, "ThresholdModifications");
    String uri = m.callbackUri() == null ? null : Requests.callbackUri(m.callbackUri());
    Authentication newAuth = Requests.authentication(m.authentication());
    Threshold t =
        db.inTransaction(
            tx -> {
              return PmStore.threshold(tx, id, false).orElseThrow(() -> missing(id));
            });
    java.util.Optional<Authentication> stored =
        db.inTransaction(
            tx -> {
              return PmStore.thresholdAuth(tx, id);
            });
    Authentication auth = newAuth != null ? newAuth : stored.orElse(null);
    callbacks.test(uri == null ? t.callbackUri() : uri, auth);
    db.inTransaction(
        tx -> {
          Threshold now = PmStore.threshold(tx, id, true).orElseThrow(() -> missing(id));
          PmStore.update(tx, uri == null ? now : now.withCallbackUri(uri), auth);
        });
    return PmJobs.modificationsMade(uri, newAuth);
  }

  void delete(String id) {
    boolean deleted =
        db.inTransaction(
            tx -> {
              return PmStore.deleteThreshold(tx, id);
            });
    if (!deleted) {
      throw missing(id);
    }
  }

  private static ApiException missing(String id) {
    return ApiException.notFound("no threshold " + id);
  }

  private ObjectNode doc(Threshold t, Threshold.State state) {
    ObjectNode doc = Json.MAPPER.valueToTree(t);
    doc.set("nfpCrossings", Json.MAPPER.valueToTree(state.crossings()));
    ObjectNode l = doc.putObject("_links");
    l.putObject("self").put("href", links.threshold(t.id()));
    l.putObject("object").put("href", links.instance(t.objectInstanceId()));
    return doc;
  }
}
