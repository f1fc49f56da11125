package org.nfpvnfm.vnfm.internal.lcm;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.net.URI;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import org.jspecify.annotations.Nullable;
import org.nfpvnfm.vnfm.internal.events.EventSink;
import org.nfpvnfm.vnfm.internal.notify.Notifications;
import org.nfpvnfm.vnfm.internal.notify.Notifier;
import org.nfpvnfm.vnfm.internal.pkg.PackageCatalog;
import org.nfpvnfm.vnfm.internal.rest.ApiException;
import org.nfpvnfm.vnfm.internal.rest.Json;
import org.nfpvnfm.vnfm.internal.store.Database;

/**
 * The VNF lifecycle (SOL003 §5): VNF instances, and the operations on them as occurrences that move
 * through ETSI's state machine. A request is checked and recorded in one transaction with its first
 * notification, answered, and then run by {@link Operations} in the background:
 *
 * <pre>
 *   STARTING --grant--> PROCESSING --done--> COMPLETED
 *      |                    |
 *      | rejected           | failed, or cancelled
 *      v                    v
 *   ROLLED_BACK <------ FAILED_TEMP --fail--> FAILED
 *          ^   rollback /  ^   | retry
 *          +- ROLLING_BACK  +---+ (back to PROCESSING)
 * </pre>
 *
 * An instance has at most one occurrence that is not final (409 for a second). After a crash,
 * {@link #repair()} moves what was in flight as ETSI expects: STARTING to ROLLED_BACK, PROCESSING
 * and ROLLING_BACK to FAILED_TEMP, each with its notification, so nothing stays pending.
 */
public final class Lifecycle implements AutoCloseable {
  private static final System.Logger LOG = System.getLogger(Lifecycle.class.getName());

  /** The one scaling aspect: merger instances per parallel block, {@code 1 + scaleLevel}. */
  public static final String MERGER_ASPECT = "merger_instances";

  /** The highest merger aspect level: eight mergers per block. */
  public static final int MAX_MERGER_LEVEL = 7;

  private final Database db;
  private final Notifier notifier;
  private final PackageCatalog catalog;
  private final Links links;
  private final Supplier<URI> base;
  private final Operations operations;
  private final ExecutorService runner = Executors.newVirtualThreadPerTaskExecutor();

  public Lifecycle(
      Database db,
      Notifier notifier,
      PackageCatalog catalog,
      Granter granter,
      org.nfpvnfm.vnfm.internal.nodes.ComputeNodes nodes,
      Supplier<URI> base) {
    this(db, notifier, EventSink.none(), catalog, granter, nodes, base);
  }

  /**
   * @param notifier told of each instance created or deleted and each occurrence's state change
   * @param events told of what the operations do on the nodes (graphs, NF runtimes, mergers)
   */
  public Lifecycle(
      Database db,
      Notifier notifier,
      EventSink events,
      PackageCatalog catalog,
      Granter granter,
      org.nfpvnfm.vnfm.internal.nodes.ComputeNodes nodes,
      Supplier<URI> base) {
    this.db = db;
    this.notifier = notifier;
    this.catalog = catalog;
    this.base = base;
    this.links = new Links(base);
    this.operations = new Operations(this, db, events, catalog, granter, nodes, links);
  }

  Links links() {
    return links;
  }

  /** What the operations run by this process did, for the metrics. */
  public OperationRuns operationRuns() {
    return operations.runs();
  }

  // ---- VNF instances ----------------------------------------------------------------------

  /**
   * Creates a NOT_INSTANTIATED instance of an onboarded, enabled package's VNFD and announces it
   * (VnfIdentifierCreationNotification). An unknown or disabled VNFD is a 422.
   */
  public ObjectNode create(JsonNode request) {
    String vnfdId = requiredText(request, "vnfdId");
    PackageCatalog.OnboardedPackage pkg =
        catalog
            .byVnfdId(vnfdId)
            .orElseThrow(
                () ->
                    ApiException.unprocessable(
                        "no onboarded VNF package has vnfdId " + vnfdId + " (onboard it first)"));
    if (!pkg.enabled()) {
      throw ApiException.unprocessable(
          "the VNF package " + pkg.vnfPkgId() + " of vnfdId " + vnfdId + " is DISABLED");
    }
    JsonNode metadata = request.get("metadata");
    if (metadata != null && !metadata.isObject() && !metadata.isNull()) {
      throw ApiException.badRequest("metadata must be an object");
    }
    VnfInstance i =
        new VnfInstance(
            UUID.randomUUID().toString(),
            optionalText(request, "vnfInstanceName"),
            optionalText(request, "vnfInstanceDescription"),
            vnfdId,
            pkg.vnfProvider(),
            pkg.vnfProductName(),
            pkg.vnfSoftwareVersion(),
            pkg.vnfdVersion(),
            pkg.vnfPkgId(),
            null,
            null,
            VnfInstance.NOT_INSTANTIATED,
            null,
            metadata == null || metadata.isNull() ? null : metadata,
            null);
    db.inTransaction(
        c -> {
          LcmStore.insert(c, i);
          notifier.publish(c, subject(i), Notifications.created(base.get(), i.id()));
        });
    return links.instanceDoc(i);
  }

  public ObjectNode get(String id) {
    return links.instanceDoc(
        db.inTransaction(
            c -> {
              return instanceOr404(c, id, false);
            }));
  }

  public List<ObjectNode> list() {
    return db
        .inTransaction(
            c -> {
              return LcmStore.instances(c);
            })
        .stream()
        .map(links::instanceDoc)
        .toList();
  }

  /**
   * Deletes a NOT_INSTANTIATED instance and announces it (VnfIdentifierDeletionNotification); 409
   * while it is instantiated or an operation on it is not final.
   */
  public void delete(String id) {
    db.inTransaction(
        c -> {
          VnfInstance i = instanceOr404(c, id, true);
          if (!i.instantiationState().equals(VnfInstance.NOT_INSTANTIATED)) {
            throw ApiException.conflict(
                "VNF instance " + id + " is INSTANTIATED: terminate it before deleting it");
          }
          Optional<VnfLcmOpOcc> active = LcmStore.active(c, id);
          if (active.isPresent()) {
            throw busy(id, active.get());
          }
          LcmStore.delete(c, id);
          notifier.publish(c, subject(i), Notifications.deleted(base.get(), id));
        });
  }

  // ---- operations ----------------------------------------------------------------------------

  /**
   * Starts {@code operation} on instance {@code id} with {@code params} (the request body): checks
   * the instance's state and the request, records the occurrence in STARTING with its notification,
   * and hands it to the background. Returns the occurrence's document.
   */
  public ObjectNode start(String id, String operation, JsonNode params) {
    VnfLcmOpOcc o =
        db.inTransaction(
            c -> {
              VnfInstance i = instanceOr404(c, id, true);
              Optional<VnfLcmOpOcc> active = LcmStore.active(c, id);
              if (active.isPresent()) {
                throw busy(id, active.get());
              }
              operations.check(i, operation, params);
              Instant now = Instant.now();
              VnfLcmOpOcc occ =
                  new VnfLcmOpOcc(
                      UUID.randomUUID().toString(),
                      OperationState.STARTING,
                      now,
                      now,
                      id,
                      null,
                      operation,
                      false,
                      params,
                      false,
                      null,
                      null,
                      null,
                      null,
                      null,
                      List.of());
              LcmStore.insert(c, occ);
              announce(c, i, occ);
              return occ;
            });
    submit(o.id());
    return links.opOccDoc(o);
  }

  public ObjectNode opOcc(String id) {
    return links.opOccDoc(
        db.inTransaction(
            c -> {
              return opOccOr404(c, id, false);
            }));
  }

  /** The steps the VNFM took for occurrence {@code id}, oldest first, each with its time. */
  public List<String> steps(String id) {
    return db.inTransaction(
            c -> {
              return opOccOr404(c, id, false);
            })
        .steps();
  }

  public List<ObjectNode> opOccs() {
    return db
        .inTransaction(
            c -> {
              return LcmStore.opOccs(c);
            })
        .stream()
        .map(links::opOccDoc)
        .toList();
  }

  /** Retries a FAILED_TEMP occurrence: back to PROCESSING, run again. */
  public void retry(String opId) {
    transition(opId, "retry", OperationState.PROCESSING);
    submit(opId);
  }

  /** Rolls a FAILED_TEMP occurrence back: ROLLING_BACK, then undone in the background. */
  public void rollback(String opId) {
    db.inTransaction(
        c -> {
          VnfLcmOpOcc o = opOccOr404(c, opId, true);
          if (o.operationState().equals(OperationState.FAILED_TEMP)
              && !operations.canRollBack(o.operation())) {
            throw ApiException.conflict(
                "a " + o.operation() + " cannot be rolled back: retry it, or fail it");
          }
        });
    transition(opId, "rollback", OperationState.ROLLING_BACK);
    submit(opId);
  }

  /** Marks a FAILED_TEMP occurrence FAILED: given up, as it stands. Returns its document. */
  public ObjectNode fail(String opId) {
    return links.opOccDoc(transition(opId, "fail", OperationState.FAILED));
  }

  /**
   * Asks a running occurrence to stop ({@code cancelMode} GRACEFUL or FORCEFUL): a STARTING one is
   * rolled back, a PROCESSING or ROLLING_BACK one goes to FAILED_TEMP at its next step.
   */
  public void cancel(String opId, String cancelMode) {
    if (!cancelMode.equals("GRACEFUL") && !cancelMode.equals("FORCEFUL")) {
      throw ApiException.badRequest(
          "cancelMode must be GRACEFUL or FORCEFUL (got " + cancelMode + ")");
    }
    db.inTransaction(
        c -> {
          VnfLcmOpOcc o = opOccOr404(c, opId, true);
          String s = o.operationState();
          if (!s.equals(OperationState.STARTING)
              && !s.equals(OperationState.PROCESSING)
              && !s.equals(OperationState.ROLLING_BACK)) {
            throw ApiException.conflict(
                "operation occurrence "
                    + opId
                    + " is "
                    + s
                    + ": only STARTING, PROCESSING or"
                    + " ROLLING_BACK ones can be cancelled");
          }
          if (o.isCancelPending()) {
            throw ApiException.conflict("operation occurrence " + opId + " is being cancelled");
          }
          LcmStore.update(
              c, o.withCancel(cancelMode).step("cancel requested (" + cancelMode + ")"));
        });
  }

  private VnfLcmOpOcc transition(String opId, String task, String to) {
    return db.inTransaction(
        c -> {
          VnfLcmOpOcc o = opOccOr404(c, opId, true);
          if (!o.operationState().equals(OperationState.FAILED_TEMP)) {
            throw ApiException.conflict(
                "operation occurrence "
                    + opId
                    + " is "
                    + o.operationState()
                    + ": "
                    + task
                    + " needs FAILED_TEMP");
          }
          VnfLcmOpOcc next = o.enter(to).step(task + " requested");
          LcmStore.update(c, next);
          VnfInstance i = LcmStore.instance(c, o.vnfInstanceId(), false).orElse(null);
          if (i != null) {
            announce(c, i, next);
          }
          return next;
        });
  }

  /**
   * Moves occurrences a crash left in flight: STARTING to ROLLED_BACK, PROCESSING and ROLLING_BACK
   * to FAILED_TEMP, each announced. Returns how many it moved.
   */
  public int repair() {
    return db.inTransaction(
        c -> {
          List<VnfLcmOpOcc> stuck =
              LcmStore.opOccsIn(
                  c,
                  List.of(
                      OperationState.STARTING,
                      OperationState.PROCESSING,
                      OperationState.ROLLING_BACK));
          for (VnfLcmOpOcc o : stuck) {
            String to =
                o.operationState().equals(OperationState.STARTING)
                    ? OperationState.ROLLED_BACK
                    : OperationState.FAILED_TEMP;
            VnfLcmOpOcc next =
                o.enter(to)
                    .withError(
                        Operations.problem(
                            "the VNFM stopped while the operation was "
                                + o.operationState()
                                + "; it was moved to "
                                + to
                                + " when the VNFM started again"))
                    .step("VNFM restarted: " + o.operationState() + " -> " + to);
            LcmStore.update(c, next);
            VnfInstance i = LcmStore.instance(c, o.vnfInstanceId(), false).orElse(null);
            if (i != null) {
              announce(c, i, next);
            }
            LOG.log(
                System.Logger.Level.WARNING,
                "operation occurrence "
                    + o.id()
                    + " ("
                    + o.operation()
                    + ") was "
                    + o.operationState()
                    + " at start-up; now "
                    + to);
          }
          return stuck.size();
        });
  }

  private void submit(String opId) {
    runner.execute(() -> operations.run(opId));
  }

  // ---- shared with Operations ---------------------------------------------------------------

  /** Publishes the VnfLcmOperationOccurrenceNotification for {@code o}'s current state. */
  void announce(Connection c, VnfInstance i, VnfLcmOpOcc o) throws SQLException {
    ObjectNode n =
        Notifications.opOcc(
            base.get(),
            o.operationState(),
            o.operation(),
            i.id(),
            o.id(),
            o.isAutomaticInvocation(),
            o.error() == null ? null : Json.MAPPER.valueToTree(o.error()));
    if (!OperationState.STARTING.equals(o.operationState())) {
      if (o.resourceChanges() instanceof ObjectNode rc) {
        for (String k :
            List.of("affectedVnfcs", "affectedVirtualLinks", "affectedVirtualStorages")) {
          if (rc.has(k)) {
            n.set(k, rc.get(k));
          }
        }
      }
      if (o.changedInfo() != null) {
        n.set("changedInfo", o.changedInfo());
      }
      if (o.changedExtConnectivity() != null) {
        n.set("changedExtConnectivity", o.changedExtConnectivity());
      }
    }
    notifier.publish(c, subject(i), n);
  }

  static Notifier.Subject subject(VnfInstance i) {
    return new Notifier.Subject(
        i.id(),
        i.vnfInstanceName(),
        i.vnfdId(),
        i.vnfProvider(),
        i.vnfProductName(),
        i.vnfSoftwareVersion(),
        i.vnfdVersion());
  }

  static VnfInstance instanceOr404(Connection c, String id, boolean forUpdate) throws SQLException {
    return LcmStore.instance(c, id, forUpdate)
        .orElseThrow(() -> ApiException.notFound("no VNF instance " + id));
  }

  static VnfLcmOpOcc opOccOr404(Connection c, String id, boolean forUpdate) throws SQLException {
    return LcmStore.opOcc(c, id, forUpdate)
        .orElseThrow(() -> ApiException.notFound("no VNF LCM operation occurrence " + id));
  }

  private ApiException busy(String id, VnfLcmOpOcc active) {
    return ApiException.conflict(
        "VNF instance "
            + id
            + " has an operation in progress: "
            + active.operation()
            + " "
            + links.opOccUri(active.id())
            + " is "
            + active.operationState()
            + (active.operationState().equals(OperationState.FAILED_TEMP)
                ? " (retry, roll back or fail it first)"
                : ""));
  }

  static String requiredText(JsonNode body, String field) {
    JsonNode v = body.get(field);
    if (v == null || v.isNull()) {
      throw ApiException.badRequest("the request has no " + field + ", which is required");
    }
    if (!v.isTextual() || v.asText().isBlank()) {
      throw ApiException.badRequest(field + " must be a non-empty string (got " + v + ")");
    }
    return v.asText();
  }

  static @Nullable String optionalText(JsonNode body, String field) {
    JsonNode v = body.get(field);
    if (v == null || v.isNull()) {
      return null;
    }
    if (!v.isTextual()) {
      throw ApiException.badRequest(field + " must be a string (got " + v + ")");
    }
    return v.asText();
  }

  /** Waits for running operations to reach a step boundary, for a clean shutdown. */
  @Override
  public void close() {
    runner.shutdown();
    try {
      if (!runner.awaitTermination(30, TimeUnit.SECONDS)) {
        runner.shutdownNow();
      }
    } catch (InterruptedException e) {
      runner.shutdownNow();
      Thread.currentThread().interrupt();
    }
  }
}
