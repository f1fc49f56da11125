package org.nfpvnfm.vnfm.internal.pm;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.UUID;
import org.jspecify.annotations.Nullable;
import org.nfpvnfm.vnfm.internal.fm.DeployedVnfs;
import org.nfpvnfm.vnfm.internal.rest.ApiException;
import org.nfpvnfm.vnfm.internal.rest.Json;
import org.nfpvnfm.vnfm.internal.store.Database;

/**
 * PM jobs as the API serves them (SOL003 §6.4.2 to §6.4.4): created over VNF instances with the
 * metrics to collect, listed, read, given a new callback, deleted; and their reports. What they
 * collect, and when, is {@link PmCollector}'s.
 */
final class PmJobs {
  /** SOL003 CreatePmJobRequest. */
  record CreatePmJobRequest(
      @Nullable String objectType,
      @Nullable List<String> objectInstanceIds,
      @Nullable List<String> subObjectInstanceIds,
      @Nullable CriteriaRequest criteria,
      @Nullable String callbackUri,
      @Nullable Authentication authentication) {}

  /** SOL003 PmJobCriteria as requested. */
  record CriteriaRequest(
      @Nullable List<String> performanceMetric,
      @Nullable List<String> performanceMetricGroup,
      @Nullable Integer collectionPeriod,
      @Nullable Integer reportingPeriod,
      @Nullable String reportingBoundary) {}

  private final Database db;
  private final CallbackCheck callbacks;
  private final PmLinks links;

  PmJobs(Database db, CallbackCheck callbacks, PmLinks links) {
    this.db = db;
    this.callbacks = callbacks;
    this.links = links;
  }

  ObjectNode create(@Nullable JsonNode body) {
    CreatePmJobRequest r = Requests.read(body, CreatePmJobRequest.class, "CreatePmJobRequest");
    String objectType = Requests.text(r.objectType(), "objectType");
    List<String> objects = Requests.texts(r.objectInstanceIds(), "objectInstanceIds");
    List<String> subObjects =
        r.subObjectInstanceIds() == null
            ? null
            : Requests.texts(r.subObjectInstanceIds(), "subObjectInstanceIds");
    CriteriaRequest c = Requests.required(r.criteria(), "criteria");
    int collection = Requests.required(c.collectionPeriod(), "criteria.collectionPeriod");
    int reporting = Requests.required(c.reportingPeriod(), "criteria.reportingPeriod");
    Instant boundary = boundary(c.reportingBoundary());
    String callbackUri = Requests.callbackUri(r.callbackUri());
    Authentication auth = Requests.authentication(r.authentication());

    checkObjects(objectType, objects);
    if (subObjects != null && objects.size() != 1) {
      throw ApiException.unprocessable(
          "subObjectInstanceIds needs exactly one objectInstanceId (got " + objects.size() + ")");
    }
    List<String> metrics = metricNames(c.performanceMetric(), "criteria.performanceMetric");
    List<String> groups =
        metricNames(c.performanceMetricGroup(), "criteria.performanceMetricGroup");
    if (metrics.isEmpty() && groups.isEmpty()) {
      throw ApiException.unprocessable(
          "criteria names no performanceMetric and no performanceMetricGroup (this VNFM measures "
              + Metrics.names()
              + " in the groups "
              + Metrics.groups()
              + ")");
    }
    for (String m : metrics) {
      if (Metrics.metric(m).isEmpty()) {
        throw ApiException.unprocessable(
            "performanceMetric " + m + " is not one this VNFM measures: " + Metrics.names());
      }
    }
    for (String g : groups) {
      if (Metrics.group(g).isEmpty()) {
        throw ApiException.unprocessable(
            "performanceMetricGroup " + g + " is not one of " + Metrics.groups());
      }
    }
    if (collection < 1 || reporting < 1) {
      throw ApiException.unprocessable(
          "collectionPeriod and reportingPeriod are in seconds and at least 1 (got "
              + collection
              + " and "
              + reporting
              + ")");
    }
    if (reporting < collection) {
      throw ApiException.unprocessable(
          "reportingPeriod ("
              + reporting
              + " s) must not be shorter than collectionPeriod ("
              + collection
              + " s)");
    }
    if (boundary != null && !boundary.isAfter(Instant.now())) {
      throw ApiException.unprocessable("reportingBoundary " + boundary + " is in the past");
    }
    callbacks.test(callbackUri, auth);
    PmJob job =
        new PmJob(
            UUID.randomUUID().toString(),
            objectType,
            objects,
            subObjects,
            new PmJob.Criteria(
                metrics.isEmpty() ? null : metrics,
                groups.isEmpty() ? null : groups,
                collection,
                reporting,
                boundary),
            callbackUri);
    db.inTransaction(
        tx -> {
          PmStore.insert(tx, job, auth);
        });
    return doc(job, List.of(), true);
  }

  /**
   * Every job, oldest first; {@code reports} only when asked for (SOL003's default excludes it).
   */
  List<ObjectNode> list(boolean withReports) {
    return db.inTransaction(
        tx -> {
          List<ObjectNode> out = new ArrayList<>();
          for (PmJob j : PmStore.jobs(tx)) {
            out.add(doc(j, withReports ? PmStore.reports(tx, j.id()) : List.of(), withReports));
          }
          return out;
        });
  }

  ObjectNode get(String id) {
    return db.inTransaction(
        tx -> {
          PmJob j = PmStore.job(tx, id, false).orElseThrow(() -> missing(id));
          return doc(j, PmStore.reports(tx, id), true);
        });
  }

  /** A new callbackUri (tested first) and/or credentials; returns the modifications made. */
  ObjectNode modify(String id, @Nullable JsonNode body) {
    Requests.Modifications m = Requests.modifications(body, "PmJobModifications");
    String uri = m.callbackUri() == null ? null : Requests.callbackUri(m.callbackUri());
    Authentication newAuth = Requests.authentication(m.authentication());
    PmJob job =
        db.inTransaction(
            tx -> {
              return PmStore.job(tx, id, false).orElseThrow(() -> missing(id));
            });
    java.util.Optional<Authentication> stored =
        db.inTransaction(
            tx -> {
              return PmStore.jobAuth(tx, id);
            });
    Authentication auth = newAuth != null ? newAuth : stored.orElse(null);
    callbacks.test(uri == null ? job.callbackUri() : uri, auth);
    db.inTransaction(
        tx -> {
          PmJob now = PmStore.job(tx, id, true).orElseThrow(() -> missing(id));
          PmStore.update(tx, uri == null ? now : now.withCallbackUri(uri), auth);
        });
    return modificationsMade(uri, newAuth);
  }

  void delete(String id) {
    boolean deleted =
        db.inTransaction(
            tx -> {
              return PmStore.deleteJob(tx, id);
            });
    if (!deleted) {
      throw missing(id);
    }
  }

  ObjectNode report(String jobId, String reportId) {
    String doc =
        db.inTransaction(
            tx -> {
              if (PmStore.job(tx, jobId, false).isEmpty()) {
                throw missing(jobId);
              }
              return PmStore.report(tx, jobId, reportId)
                  .orElseThrow(
                      () ->
                          ApiException.notFound("PM job " + jobId + " has no report " + reportId));
            });
    try {
      return (ObjectNode) Json.MAPPER.readTree(doc);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("the stored report " + reportId + " cannot be read", e);
    }
  }

  /** The response to a PATCH: what changed, never the credentials (SOL003 keeps them out). */
  static ObjectNode modificationsMade(@Nullable String uri, @Nullable Authentication auth) {
    ObjectNode out = Json.MAPPER.createObjectNode();
    if (uri != null) {
      out.put("callbackUri", uri);
    }
    if (auth != null && uri == null) {
      // Only which kinds of credentials were set: an empty answer would say nothing changed.
      ArrayNode types = out.putObject("authentication").putArray("authType");
      List<String> t = auth.authType();
      if (t != null) {
        t.forEach(types::add);
      }
    }
    return out;
  }

  private static @Nullable Instant boundary(@Nullable String text) {
    if (text == null) {
      return null;
    }
    try {
      return OffsetDateTime.parse(text).toInstant();
    } catch (DateTimeParseException e) {
      throw ApiException.badRequest(
          "criteria.reportingBoundary must be an RFC 3339 date-time (got " + text + ")");
    }
  }

  private static List<String> metricNames(@Nullable List<String> names, String attribute) {
    if (names == null) {
      return List.of();
    }
    for (String n : names) {
      if (n == null || n.isBlank()) {
        throw ApiException.badRequest(attribute + " must not hold empty or null entries");
      }
    }
    return List.copyOf(new LinkedHashSet<>(names));
  }

  /** Only VNF instances this VNFM has (in any state) can be measured. */
  void checkObjects(String objectType, List<String> objects) {
    if (!objectType.equals("Vnf")) {
      throw ApiException.unprocessable(
          "objectType " + objectType + " is not measured by this VNFM (it measures Vnf)");
    }
    List<String> unknown =
        db.inTransaction(
            tx -> {
              List<String> out = new ArrayList<>();
              for (String o : objects) {
                if (!DeployedVnfs.exists(tx, o)) {
                  out.add(o);
                }
              }
              return out;
            });
    if (!unknown.isEmpty()) {
      throw ApiException.unprocessable("no VNF instance " + String.join(", ", unknown));
    }
  }

  private static ApiException missing(String id) {
    return ApiException.notFound("no PM job " + id);
  }

  private ObjectNode doc(PmJob j, List<PmStore.ReportRef> reports, boolean withReports) {
    ObjectNode doc = Json.MAPPER.valueToTree(j);
    if (withReports) {
      ArrayNode a = doc.putArray("reports");
      for (PmStore.ReportRef r : reports) {
        a.addObject()
            .put("href", links.report(j.id(), r.id()))
            .put("readyTime", r.readyTime().toString());
      }
    }
    ObjectNode l = doc.putObject("_links");
    l.putObject("self").put("href", links.job(j.id()));
    ArrayNode objects = l.putArray("objects");
    j.objectInstanceIds().forEach(o -> objects.addObject().put("href", links.instance(o)));
    return doc;
  }
}
