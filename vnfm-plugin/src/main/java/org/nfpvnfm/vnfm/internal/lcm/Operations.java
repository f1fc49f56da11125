package org.nfpvnfm.vnfm.internal.lcm;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.jspecify.annotations.Nullable;
import org.nfpvnfm.cli.LogContext;
import org.nfpvnfm.engine.GraphNf;
import org.nfpvnfm.engine.NfpCompiler;
import org.nfpvnfm.engine.ServiceGraph;
import org.nfpvnfm.engine.Summary;
import org.nfpvnfm.events.EventData;
import org.nfpvnfm.events.EventType;
import org.nfpvnfm.vnfm.ProblemDetails;
import org.nfpvnfm.vnfm.internal.events.EventSink;
import org.nfpvnfm.vnfm.internal.events.OutgoingEvent;
import org.nfpvnfm.vnfm.internal.nodes.ComputeNode;
import org.nfpvnfm.vnfm.internal.nodes.ComputeNodes;
import org.nfpvnfm.vnfm.internal.nodes.NodeException;
import org.nfpvnfm.vnfm.internal.pkg.PackageCatalog;
import org.nfpvnfm.vnfm.internal.rest.ApiException;
import org.nfpvnfm.vnfm.internal.rest.Json;
import org.nfpvnfm.vnfm.internal.store.Database;
import org.nfpvnfm.vnfm.internal.store.StoreException;

/**
 * What each lifecycle operation does, and how it is undone. Runs in the background, one thread per
 * occurrence; every step is recorded on the occurrence before the next, and a cancellation is
 * honoured at step boundaries. A step that fails leaves the occurrence FAILED_TEMP with the cause,
 * for the NFVO to retry, roll back or fail.
 */
final class Operations {
  private static final System.Logger LOG = System.getLogger(Operations.class.getName());

  static final String INSTANTIATE = "INSTANTIATE";
  static final String SCALE = "SCALE";
  static final String HEAL = "HEAL";
  static final String TERMINATE = "TERMINATE";
  static final String CHANGE_EXT_CONN = "CHANGE_EXT_CONN";
  static final String MODIFY_INFO = "MODIFY_INFO";

  /** The instantiation's additional parameter that picks the plan: parallel or sequential. */
  static final String NFP_PLAN = "nfpPlan";

  private static final Set<String> MODIFIABLE =
      Set.of(
          "vnfInstanceName",
          "vnfInstanceDescription",
          "vnfConfigurableProperties",
          "metadata",
          "extensions",
          "vimConnectionInfo");

  /** Thrown at a step boundary when the occurrence is being cancelled. */
  private static final class Cancelled extends RuntimeException {
    private static final long serialVersionUID = 1L;

    Cancelled(String mode) {
      super("cancelled (" + mode + ") by the NFVO");
    }
  }

  private final Lifecycle lifecycle;
  private final Database db;
  private final EventSink events;
  private final PackageCatalog catalog;
  private final Granter granter;
  private final ComputeNodes nodes;
  private final Links links;
  private final OperationRuns runs = new OperationRuns();

  Operations(
      Lifecycle lifecycle,
      Database db,
      EventSink events,
      PackageCatalog catalog,
      Granter granter,
      ComputeNodes nodes,
      Links links) {
    this.lifecycle = lifecycle;
    this.db = db;
    this.events = events;
    this.catalog = catalog;
    this.granter = granter;
    this.nodes = nodes;
    this.links = links;
  }

  static ProblemDetails problem(String detail) {
    return new ProblemDetails("about:blank", "Conflict", 409, detail, null);
  }

  static ProblemDetails failure(String detail) {
    return new ProblemDetails("about:blank", "Internal Server Error", 500, detail, null);
  }

  boolean canRollBack(String operation) {
    return !operation.equals(TERMINATE);
  }

  // ---- checks, in the request's transaction --------------------------------------------------

  /** Refuses an operation the instance's state or the request does not allow. */
  void check(VnfInstance i, String operation, JsonNode p) {
    if (!p.isObject()) {
      throw ApiException.badRequest("the request body must be a JSON object");
    }
    boolean instantiated = i.instantiationState().equals(VnfInstance.INSTANTIATED);
    switch (operation) {
      case INSTANTIATE -> {
        if (instantiated) {
          throw ApiException.conflict("VNF instance " + i.id() + " is already INSTANTIATED");
        }
        Lifecycle.requiredText(p, "flavourId");
        checkExtVirtualLinks(p, false);
        plan(p);
      }
      case SCALE -> {
        needInstantiated(i, instantiated, operation);
        String type = Lifecycle.requiredText(p, "type");
        if (!type.equals("SCALE_OUT") && !type.equals("SCALE_IN")) {
          throw ApiException.badRequest("type must be SCALE_OUT or SCALE_IN (got " + type + ")");
        }
        String aspect = Lifecycle.requiredText(p, "aspectId");
        if (!aspect.equals(Lifecycle.MERGER_ASPECT)) {
          throw ApiException.unprocessable(
              "VNF instance "
                  + i.id()
                  + " has no scaling aspect "
                  + aspect
                  + " (its aspect is "
                  + Lifecycle.MERGER_ASPECT
                  + ")");
        }
        int target = targetLevel(i, p);
        if (target < 0 || target > Lifecycle.MAX_MERGER_LEVEL) {
          throw ApiException.unprocessable(
              type
                  + " by "
                  + steps(p)
                  + " step(s) would take "
                  + aspect
                  + " from level "
                  + level(i)
                  + " to "
                  + target
                  + ", outside 0.."
                  + Lifecycle.MAX_MERGER_LEVEL);
        }
      }
      case HEAL -> needInstantiated(i, instantiated, operation);
      case TERMINATE -> {
        needInstantiated(i, instantiated, operation);
        String type = Lifecycle.requiredText(p, "terminationType");
        if (!type.equals("FORCEFUL") && !type.equals("GRACEFUL")) {
          throw ApiException.badRequest(
              "terminationType must be FORCEFUL or GRACEFUL (got " + type + ")");
        }
        JsonNode t = p.get("gracefulTerminationTimeout");
        if (t != null && (!t.canConvertToInt() || t.asInt() < 0)) {
          throw ApiException.badRequest(
              "gracefulTerminationTimeout must be a number of seconds, 0 or more (got " + t + ")");
        }
      }
      case CHANGE_EXT_CONN -> {
        needInstantiated(i, instantiated, operation);
        checkExtVirtualLinks(p, true);
      }
      case MODIFY_INFO -> {
        for (Iterator<String> it = p.fieldNames(); it.hasNext(); ) {
          String f = it.next();
          if (f.equals("vnfPkgId")) {
            throw ApiException.unprocessable(
                "changing vnfPkgId is not supported by this VNFM (instantiate the new package as a"
                    + " new VNF instance)");
          }
          if (!MODIFIABLE.contains(f)) {
            throw ApiException.badRequest(
                "attribute " + f + " cannot be modified (modifiable: " + MODIFIABLE + ")");
          }
        }
        for (String f : List.of("vnfInstanceName", "vnfInstanceDescription")) {
          JsonNode v = p.get(f);
          if (v != null && !v.isTextual() && !v.isNull()) {
            throw ApiException.badRequest(f + " must be a string or null");
          }
        }
      }
      default -> throw new IllegalArgumentException("unknown operation " + operation);
    }
  }

  private static void needInstantiated(VnfInstance i, boolean instantiated, String operation) {
    if (!instantiated) {
      throw ApiException.conflict(
          "VNF instance " + i.id() + " is NOT_INSTANTIATED: " + operation + " needs INSTANTIATED");
    }
  }

  private static void checkExtVirtualLinks(JsonNode p, boolean required) {
    JsonNode links = p.get("extVirtualLinks");
    if (links == null || links.isNull()) {
      if (required) {
        throw ApiException.badRequest("the request has no extVirtualLinks, which is required");
      }
      return;
    }
    if (!links.isArray()) {
      throw ApiException.badRequest("extVirtualLinks must be an array");
    }
    int n = 0;
    for (JsonNode l : links) {
      for (String f : List.of("id", "resourceId")) {
        if (!l.path(f).isTextual()) {
          throw ApiException.badRequest("extVirtualLinks[" + n + "] has no " + f);
        }
      }
      if (!l.path("extCps").isArray() || l.path("extCps").isEmpty()) {
        throw ApiException.badRequest("extVirtualLinks[" + n + "] has no extCps");
      }
      n++;
    }
  }

  private static int steps(JsonNode p) {
    JsonNode n = p.get("numberOfSteps");
    if (n == null || n.isNull()) {
      return 1;
    }
    if (!n.canConvertToInt() || n.asInt() < 1) {
      throw ApiException.badRequest(
          "numberOfSteps must be a whole number, 1 or more (got " + n + ")");
    }
    return n.asInt();
  }

  private static int level(VnfInstance i) {
    VnfInstance.InstantiatedVnfInfo info = i.instantiatedVnfInfo();
    if (info == null) {
      return 0;
    }
    return info.scaleStatus().stream()
        .filter(s -> s.aspectId().equals(Lifecycle.MERGER_ASPECT))
        .mapToInt(VnfInstance.ScaleInfo::scaleLevel)
        .findFirst()
        .orElse(0);
  }

  private static int targetLevel(VnfInstance i, JsonNode p) {
    int delta = steps(p);
    return p.path("type").asText().equals("SCALE_OUT") ? level(i) + delta : level(i) - delta;
  }

  // ---- running, in the background ------------------------------------------------------------

  OperationRuns runs() {
    return runs;
  }

  /**
   * Runs occurrence {@code opId} (see {@link #runSteps}), logging its start and end and counting it
   * in {@link #runs}.
   */
  void run(String opId) {
    // Every line logged while the occurrence runs on this thread carries its ids (LogContext).
    try (LogContext.Scope id = LogContext.with(LogContext.OP_ID, opId)) {
      VnfLcmOpOcc before;
      try {
        before =
            db.inTransaction(
                c -> {
                  return Lifecycle.opOccOr404(c, opId, false);
                });
      } catch (RuntimeException e) {
        runSteps(opId);
        return;
      }
      try (LogContext.Scope op =
          LogContext.with(
              LogContext.OPERATION,
              before.operation(),
              LogContext.VNF_INSTANCE_ID,
              before.vnfInstanceId())) {
        runCounted(before);
      }
    }
  }

  private void runCounted(VnfLcmOpOcc before) {
    String opId = before.id();
    long start = System.nanoTime();
    LOG.log(
        System.Logger.Level.INFO,
        "operation {0} {1} of VNF instance {2} starts ({3})",
        before.operation(),
        opId,
        before.vnfInstanceId(),
        before.operationState());
    runs.started(before.operation());
    runSteps(opId);
    String outcome = "unknown (the occurrence could not be read back)";
    try {
      VnfLcmOpOcc after =
          db.inTransaction(
              c -> {
                return Lifecycle.opOccOr404(c, opId, false);
              });
      outcome = after.operationState();
      runs.ended(
          after.operation(),
          outcome,
          Duration.between(after.startTime(), after.stateEnteredTime()));
    } catch (RuntimeException e) {
      // Logged below with the outcome unknown; the database's trouble was logged by runSteps.
    }
    LOG.log(
        System.Logger.Level.INFO,
        "operation {0} {1} of VNF instance {2} ended {3} after {4} ms",
        before.operation(),
        opId,
        before.vnfInstanceId(),
        outcome,
        // As text: MessageFormat would group the digits of a number.
        String.valueOf((System.nanoTime() - start) / 1_000_000));
  }

  /** Runs occurrence {@code opId} from the state it is in, to a final state or FAILED_TEMP. */
  private void runSteps(String opId) {
    try {
      VnfLcmOpOcc o =
          db.inTransaction(
              c -> {
                return Lifecycle.opOccOr404(c, opId, false);
              });
      if (o.operationState().equals(OperationState.STARTING)) {
        if (!grant(o)) {
          return;
        }
        o =
            db.inTransaction(
                c -> {
                  return Lifecycle.opOccOr404(c, opId, false);
                });
      }
      switch (o.operationState()) {
        case OperationState.PROCESSING -> process(o);
        case OperationState.ROLLING_BACK -> rollBack(o);
        default -> {}
      }
    } catch (StoreException e) {
      // The database went away: the occurrence stays as recorded, and the start-up repair moves
      // it on when the VNFM comes back.
      LOG.log(System.Logger.Level.ERROR, "operation occurrence " + opId + " stopped: database", e);
    } catch (RuntimeException e) {
      LOG.log(System.Logger.Level.ERROR, "operation occurrence " + opId + " failed", e);
    }
  }

  /** STARTING: asks for the grant; true when granted and now PROCESSING. */
  private boolean grant(VnfLcmOpOcc o) {
    VnfInstance i =
        db.inTransaction(
            c -> {
              return Lifecycle.instanceOr404(c, o.vnfInstanceId(), false);
            });
    String grantId;
    String refusal;
    try {
      // SOL003 grants every operation but the modification of an instance's information.
      grantId =
          o.operation().equals(MODIFY_INFO) ? "not needed" : granter.grant(grantRequest(i, o));
      refusal = null;
    } catch (Granter.GrantException e) {
      grantId = null;
      refusal = e.getMessage();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return false;
    }
    String id = grantId;
    String why = refusal;
    return db.inTransaction(
        c -> {
          VnfLcmOpOcc now = Lifecycle.opOccOr404(c, o.id(), true);
          VnfInstance inst = Lifecycle.instanceOr404(c, o.vnfInstanceId(), false);
          if (id == null || now.isCancelPending()) {
            String detail =
                id == null
                    ? "the grant was not given: " + why
                    : "cancelled (" + now.cancelMode() + ") before it started";
            VnfLcmOpOcc next =
                now.enter(OperationState.ROLLED_BACK).withError(problem(detail)).step(detail);
            LcmStore.update(c, next);
            lifecycle.announce(c, inst, next);
            return false;
          }
          VnfLcmOpOcc next =
              o.operation().equals(MODIFY_INFO)
                  ? now.enter(OperationState.PROCESSING).step("no grant needed")
                  : now.withGrant(id).enter(OperationState.PROCESSING).step("granted: grant " + id);
          LcmStore.update(c, next);
          lifecycle.announce(c, inst, next);
          return true;
        });
  }

  private ObjectNode grantRequest(VnfInstance i, VnfLcmOpOcc o) {
    ObjectNode g = JsonNodeFactory.instance.objectNode();
    g.put("vnfInstanceId", i.id());
    g.put("vnfLcmOpOccId", o.id());
    g.put("vnfdId", i.vnfdId());
    g.put("operation", o.operation());
    g.put("isAutomaticInvocation", o.isAutomaticInvocation());
    if (o.operation().equals(INSTANTIATE) && o.operationParams() != null) {
      g.put("flavourId", o.operationParams().path("flavourId").asText());
    }
    ObjectNode l = g.putObject("_links");
    l.set("vnfLcmOpOcc", Links.href(links.opOccUri(o.id())));
    l.set("vnfInstance", Links.href(links.instanceUri(i.id())));
    return g;
  }

  /** PROCESSING: does the work; COMPLETED, or FAILED_TEMP with the cause. */
  private void process(VnfLcmOpOcc o) {
    JsonNode params =
        o.operationParams() == null ? JsonNodeFactory.instance.objectNode() : o.operationParams();
    try {
      switch (o.operation()) {
        case INSTANTIATE -> instantiate(o, params);
        case SCALE -> scale(o, params);
        case HEAL -> heal(o);
        case TERMINATE -> terminate(o);
        case CHANGE_EXT_CONN -> changeExtConn(o, params);
        case MODIFY_INFO -> modify(o, params);
        default -> throw new IllegalStateException("unknown operation " + o.operation());
      }
    } catch (Cancelled e) {
      failTemp(o.id(), problem(String.valueOf(e.getMessage())));
    } catch (NodeException | IllegalArgumentException | IllegalStateException | ApiException e) {
      failTemp(o.id(), failure(o.operation() + " failed: " + e.getMessage()));
    }
  }

  private void failTemp(String opId, ProblemDetails error) {
    db.inTransaction(
        c -> {
          VnfLcmOpOcc now = Lifecycle.opOccOr404(c, opId, true);
          VnfLcmOpOcc next =
              now.enter(OperationState.FAILED_TEMP)
                  .withError(error)
                  .step("FAILED_TEMP: " + error.detail());
          LcmStore.update(c, next);
          lifecycle.announce(c, Lifecycle.instanceOr404(c, now.vnfInstanceId(), false), next);
        });
  }

  /** Records a step; a pending cancellation stops the operation here. */
  private void step(String opId, String what) {
    step(opId, what, List.of());
  }

  /**
   * Records a step and the events of what it did, in one transaction; a pending cancellation stops
   * the operation here. The step is recorded even then: its work is done on the node, and a
   * rollback undoes it with steps and events of its own.
   */
  private void step(String opId, String what, List<OutgoingEvent> happened) {
    String cancel =
        db.inTransaction(
            c -> {
              VnfLcmOpOcc now = Lifecycle.opOccOr404(c, opId, true);
              events.emitAll(c, happened);
              LcmStore.update(c, now.step(what));
              return now.isCancelPending() ? String.valueOf(now.cancelMode()) : "";
            });
    if (!cancel.isEmpty()) {
      throw new Cancelled(cancel);
    }
  }

  /** Ends the occurrence COMPLETED and stores the instance as it now is, in one transaction. */
  private void complete(
      String opId,
      VnfInstance after,
      @Nullable Placement placement,
      boolean placementChanged,
      @Nullable JsonNode resourceChanges,
      @Nullable JsonNode changedInfo,
      @Nullable JsonNode changedExtConn) {
    db.inTransaction(
        c -> {
          VnfLcmOpOcc now = Lifecycle.opOccOr404(c, opId, true);
          LcmStore.update(c, after);
          if (placementChanged) {
            LcmStore.setPlacement(c, after.id(), placement);
          }
          VnfLcmOpOcc done =
              new VnfLcmOpOcc(
                      now.id(),
                      now.operationState(),
                      now.stateEnteredTime(),
                      now.startTime(),
                      now.vnfInstanceId(),
                      now.grantId(),
                      now.operation(),
                      now.isAutomaticInvocation(),
                      now.operationParams(),
                      false,
                      now.cancelMode(),
                      null,
                      resourceChanges,
                      changedInfo,
                      changedExtConn,
                      now.steps())
                  .enter(OperationState.COMPLETED)
                  .step("COMPLETED");
          LcmStore.update(c, done);
          lifecycle.announce(c, after, done);
        });
  }

  private VnfInstance instance(VnfLcmOpOcc o) {
    return db.inTransaction(
        c -> {
          return Lifecycle.instanceOr404(c, o.vnfInstanceId(), false);
        });
  }

  private @Nullable Placement placement(String instanceId) {
    return db.inTransaction(
            c -> {
              return LcmStore.placement(c, instanceId);
            })
        .orElse(null);
  }

  private void savePlacement(String instanceId, @Nullable Placement p) {
    db.inTransaction(
        c -> {
          LcmStore.setPlacement(c, instanceId, p);
        });
  }

  private ComputeNode node(String name) {
    return nodes
        .get(name)
        .orElseThrow(
            () -> new NodeException("compute node " + name + " is no longer configured", false));
  }

  /**
   * The plan an instantiation asks for in {@code additionalParams.nfpPlan}: {@code parallel} (the
   * default, the NFP engine's parallel graph) or {@code sequential} (the same NFs one after
   * another, as the reference chain runs them: for comparison or as a fallback).
   */
  static NfpCompiler.Plan plan(JsonNode params) {
    JsonNode v = params.path("additionalParams").path(NFP_PLAN);
    if (v.isMissingNode() || v.isNull()) {
      return NfpCompiler.Plan.PARALLEL;
    }
    return switch (v.isTextual() ? v.asText().toLowerCase(java.util.Locale.ROOT) : "") {
      case "parallel" -> NfpCompiler.Plan.PARALLEL;
      case "sequential" -> NfpCompiler.Plan.SEQUENTIAL;
      default ->
          throw ApiException.badRequest(
              "additionalParams."
                  + NFP_PLAN
                  + " must be \"parallel\" or \"sequential\" (got "
                  + v
                  + ")");
    };
  }

  private CompiledPackage compile(VnfInstance i, NfpCompiler.Plan plan) {
    PackageCatalog.OnboardedPackage pkg =
        catalog
            .byVnfdId(i.vnfdId())
            .orElseThrow(
                () ->
                    new IllegalStateException(
                        "the VNF package of vnfdId " + i.vnfdId() + " is no longer onboarded"));
    return CompiledPackage.compile(pkg.content(), plan);
  }

  static String deploymentName(String instanceId, String graph) {
    String g = graph.replaceAll("[^A-Za-z0-9._-]", "_");
    String name = instanceId + "." + g;
    return name.length() <= 64 ? name : name.substring(0, 64);
  }

  private void instantiate(VnfLcmOpOcc o, JsonNode params) {
    VnfInstance i = instance(o);
    NfpCompiler.Plan plan = plan(params);
    CompiledPackage pkg = compile(i, plan);
    step(
        o.id(),
        "compiled "
            + pkg.graphs().size()
            + " service graph(s): "
            + String.join(
                "; ", pkg.graphs().stream().map(g -> g.name() + " = " + g.shape()).toList()),
        pkg.graphs().stream().map(g -> compiled(o, g)).toList());
    Placement placement = placement(i.id());
    ComputeNode node = placement == null ? nodes.choose() : node(placement.node());
    List<Placement.Deployment> deployed =
        new ArrayList<>(placement == null ? List.of() : placement.deployments());
    savePlacement(i.id(), new Placement(node.name(), deployed, plan));
    for (ServiceGraph g : pkg.graphs()) {
      String name = deploymentName(i.id(), g.name());
      node.deploy(name, g, pkg.model());
      deployed.removeIf(d -> d.deployment().equals(name));
      Placement.Deployment d =
          new Placement.Deployment(
              g.name(), name, g.shape(), g.nfs().stream().map(GraphNf::name).toList(), 1);
      deployed.add(d);
      savePlacement(i.id(), new Placement(node.name(), deployed, plan));
      step(
          o.id(),
          "deployed " + g.name() + " (" + g.shape() + ") as " + name + " on node " + node.name(),
          List.of(deployed(o, d, node.name())));
    }
    Placement done = new Placement(node.name(), deployed, plan);
    List<VnfInstance.VnfcResourceInfo> vnfcs = vnfcs(done);
    VnfInstance.InstantiatedVnfInfo info =
        new VnfInstance.InstantiatedVnfInfo(
            params.path("flavourId").asText(),
            "STARTED",
            List.of(new VnfInstance.ScaleInfo(Lifecycle.MERGER_ASPECT, 0)),
            List.of(new VnfInstance.ScaleInfo(Lifecycle.MERGER_ASPECT, Lifecycle.MAX_MERGER_LEVEL)),
            extVirtualLinkInfo(null, params.get("extVirtualLinks")),
            vnfcs,
            Lifecycle.optionalText(params, "localizationLanguage"));
    VnfInstance after = i.withState(VnfInstance.INSTANTIATED, info);
    if (params.has("vnfConfigurableProperties") || params.has("extensions")) {
      after =
          withModifications(
              after,
              JsonNodeFactory.instance
                  .objectNode()
                  .setAll(filtered(params, List.of("vnfConfigurableProperties", "extensions"))));
    }
    complete(o.id(), after, done, true, affected(vnfcs, "ADDED"), null, null);
  }

  private void scale(VnfLcmOpOcc o, JsonNode params) {
    VnfInstance i = instance(o);
    Placement p = requirePlacement(i);
    int target = targetLevel(i, params);
    ComputeNode node = node(p.node());
    List<Placement.Deployment> after = new ArrayList<>();
    for (Placement.Deployment d : p.deployments()) {
      node.setMergers(d.deployment(), target + 1);
      after.add(
          new Placement.Deployment(d.graph(), d.deployment(), d.shape(), d.nfs(), target + 1));
      step(
          o.id(),
          "set " + (target + 1) + " merger(s) per block on " + d.deployment(),
          List.of(mergers(o, d, node.name(), d.mergers(), target + 1)));
    }
    VnfInstance.InstantiatedVnfInfo info = requireInfo(i);
    VnfInstance.InstantiatedVnfInfo scaled =
        new VnfInstance.InstantiatedVnfInfo(
            info.flavourId(),
            info.vnfState(),
            List.of(new VnfInstance.ScaleInfo(Lifecycle.MERGER_ASPECT, target)),
            info.maxScaleLevels(),
            info.extVirtualLinkInfo(),
            info.vnfcResourceInfo(),
            info.localizationLanguage());
    complete(
        o.id(),
        i.withState(VnfInstance.INSTANTIATED, scaled),
        p.with(after),
        true,
        affected(info.vnfcResourceInfo(), "MODIFIED"),
        null,
        null);
  }

  private void heal(VnfLcmOpOcc o) {
    VnfInstance i = instance(o);
    Placement p = requirePlacement(i);
    CompiledPackage pkg = compile(i, p.plan());
    ComputeNode node = node(p.node());
    Map<String, ServiceGraph> byName = new java.util.HashMap<>();
    pkg.graphs().forEach(g -> byName.put(g.name(), g));
    for (Placement.Deployment d : p.deployments()) {
      ServiceGraph g = byName.get(d.graph());
      if (g == null) {
        throw new IllegalStateException("the package no longer has the graph " + d.graph());
      }
      node.deploy(d.deployment(), g, pkg.model());
      if (d.mergers() > 1) {
        node.setMergers(d.deployment(), d.mergers());
      }
      List<OutgoingEvent> happened = new ArrayList<>();
      happened.add(compiled(o, g));
      happened.add(deployed(o, d, node.name()));
      for (String nf : d.nfs()) {
        happened.add(
            OutgoingEvent.of(
                EventType.NF_RUNTIME_HEALED,
                o.vnfInstanceId(),
                new EventData.NfRuntimeHealed(
                    o.vnfInstanceId(), o.id(), d.deployment(), nf, node.name())));
      }
      step(
          o.id(),
          "redeployed " + d.deployment() + " with new NF runtimes on node " + node.name(),
          happened);
    }
    complete(
        o.id(), i, p, false, affected(requireInfo(i).vnfcResourceInfo(), "MODIFIED"), null, null);
  }

  private void terminate(VnfLcmOpOcc o) {
    VnfInstance i = instance(o);
    Placement p = placement(i.id());
    List<VnfInstance.VnfcResourceInfo> vnfcs =
        i.instantiatedVnfInfo() == null ? List.of() : i.instantiatedVnfInfo().vnfcResourceInfo();
    if (p != null) {
      ComputeNode node = node(p.node());
      List<Placement.Deployment> left = new ArrayList<>(p.deployments());
      for (Placement.Deployment d : p.deployments()) {
        node.undeploy(d.deployment());
        left.remove(d);
        savePlacement(i.id(), p.with(left));
        step(
            o.id(),
            "drained and removed " + d.deployment() + " from node " + node.name(),
            List.of(undeployed(o, d, node.name(), "TERMINATE")));
      }
    }
    complete(
        o.id(),
        i.withState(VnfInstance.NOT_INSTANTIATED, null),
        null,
        true,
        affected(vnfcs, "REMOVED"),
        null,
        null);
  }

  private void changeExtConn(VnfLcmOpOcc o, JsonNode params) {
    VnfInstance i = instance(o);
    VnfInstance.InstantiatedVnfInfo info = requireInfo(i);
    JsonNode links = extVirtualLinkInfo(info.extVirtualLinkInfo(), params.get("extVirtualLinks"));
    step(o.id(), "recorded " + params.path("extVirtualLinks").size() + " external virtual link(s)");
    VnfInstance.InstantiatedVnfInfo changed =
        new VnfInstance.InstantiatedVnfInfo(
            info.flavourId(),
            info.vnfState(),
            info.scaleStatus(),
            info.maxScaleLevels(),
            links,
            info.vnfcResourceInfo(),
            info.localizationLanguage());
    complete(
        o.id(),
        i.withState(VnfInstance.INSTANTIATED, changed),
        null,
        false,
        null,
        null,
        extVirtualLinkInfo(null, params.get("extVirtualLinks")));
  }

  private void modify(VnfLcmOpOcc o, JsonNode params) {
    VnfInstance i = instance(o);
    complete(o.id(), withModifications(i, params), null, false, null, params, null);
  }

  /** ROLLING_BACK: undoes what the operation did; ROLLED_BACK, or FAILED_TEMP again. */
  private void rollBack(VnfLcmOpOcc o) {
    try {
      VnfInstance i = instance(o);
      switch (o.operation()) {
        case INSTANTIATE -> {
          Placement p = placement(i.id());
          if (p != null) {
            ComputeNode node = node(p.node());
            for (Placement.Deployment d : p.deployments()) {
              node.undeploy(d.deployment());
              step(
                  o.id(),
                  "rollback: removed " + d.deployment(),
                  List.of(undeployed(o, d, node.name(), "ROLLBACK")));
            }
          }
          savePlacement(i.id(), null);
        }
        case SCALE -> {
          Placement p = requirePlacement(i);
          ComputeNode node = node(p.node());
          JsonNode scaleParams = o.operationParams();
          // What the scale may have set before it failed: the mergers being undone.
          int tried = scaleParams == null ? level(i) + 1 : targetLevel(i, scaleParams) + 1;
          for (Placement.Deployment d : p.deployments()) {
            node.setMergers(d.deployment(), level(i) + 1);
            step(
                o.id(),
                "rollback: " + (level(i) + 1) + " merger(s) on " + d.deployment(),
                List.of(mergers(o, d, node.name(), tried, level(i) + 1)));
          }
        }
        default -> step(o.id(), "rollback: nothing to undo");
      }
      db.inTransaction(
          c -> {
            VnfLcmOpOcc now = Lifecycle.opOccOr404(c, o.id(), true);
            VnfLcmOpOcc next = now.enter(OperationState.ROLLED_BACK).step("ROLLED_BACK");
            LcmStore.update(c, next);
            lifecycle.announce(c, Lifecycle.instanceOr404(c, now.vnfInstanceId(), false), next);
          });
    } catch (Cancelled e) {
      failTemp(o.id(), problem("rollback " + e.getMessage()));
    } catch (NodeException | IllegalArgumentException | IllegalStateException | ApiException e) {
      failTemp(o.id(), failure("rollback failed: " + e.getMessage()));
    }
  }

  // ---- events --------------------------------------------------------------------------------

  private static OutgoingEvent compiled(VnfLcmOpOcc o, ServiceGraph g) {
    Summary s = g.summary();
    return OutgoingEvent.of(
        EventType.GRAPH_COMPILED,
        o.vnfInstanceId(),
        new EventData.GraphCompiled(
            o.vnfInstanceId(),
            o.id(),
            g.name(),
            g.shape(),
            g.plan().name(),
            new EventData.Parallelism(
                s.nfs(),
                s.sequentialLength(),
                s.length(),
                s.width(),
                s.parallelBlocks(),
                s.headerCopies(),
                s.fullCopies())));
  }

  private static OutgoingEvent deployed(VnfLcmOpOcc o, Placement.Deployment d, String node) {
    return OutgoingEvent.of(
        EventType.GRAPH_DEPLOYED,
        o.vnfInstanceId(),
        new EventData.GraphDeployed(
            o.vnfInstanceId(),
            o.id(),
            d.graph(),
            d.deployment(),
            node,
            d.shape(),
            d.nfs(),
            d.mergers()));
  }

  private static OutgoingEvent undeployed(
      VnfLcmOpOcc o, Placement.Deployment d, String node, String reason) {
    return OutgoingEvent.of(
        EventType.GRAPH_UNDEPLOYED,
        o.vnfInstanceId(),
        new EventData.GraphUndeployed(
            o.vnfInstanceId(), o.id(), d.graph(), d.deployment(), node, reason));
  }

  private static OutgoingEvent mergers(
      VnfLcmOpOcc o, Placement.Deployment d, String node, int before, int after) {
    return OutgoingEvent.of(
        EventType.MERGER_RECONFIGURED,
        o.vnfInstanceId(),
        new EventData.MergerReconfigured(
            o.vnfInstanceId(), o.id(), d.deployment(), node, before, after));
  }

  // ---- helpers -------------------------------------------------------------------------------

  private static Placement requirePlacement(@Nullable Placement p, VnfInstance i) {
    if (p == null) {
      throw new IllegalStateException("VNF instance " + i.id() + " has no recorded placement");
    }
    return p;
  }

  private Placement requirePlacement(VnfInstance i) {
    return requirePlacement(placement(i.id()), i);
  }

  private static VnfInstance.InstantiatedVnfInfo requireInfo(VnfInstance i) {
    VnfInstance.InstantiatedVnfInfo info = i.instantiatedVnfInfo();
    if (info == null) {
      throw new IllegalStateException("VNF instance " + i.id() + " has no instantiated info");
    }
    return info;
  }

  private static List<VnfInstance.VnfcResourceInfo> vnfcs(Placement p) {
    List<VnfInstance.VnfcResourceInfo> out = new ArrayList<>();
    for (Placement.Deployment d : p.deployments()) {
      for (String nf : d.nfs()) {
        out.add(
            new VnfInstance.VnfcResourceInfo(
                d.deployment() + "/" + nf,
                nf,
                new VnfInstance.ResourceHandle(
                    p.node(), d.deployment() + "/" + nf, "nfp.nf-runtime")));
      }
    }
    return out;
  }

  private static ArrayNode affectedList(List<VnfInstance.VnfcResourceInfo> vnfcs, String change) {
    ArrayNode a = JsonNodeFactory.instance.arrayNode();
    for (VnfInstance.VnfcResourceInfo v : vnfcs) {
      ObjectNode n = a.addObject();
      n.put("id", v.id());
      n.put("vduId", v.vduId());
      n.put("changeType", change);
      n.set("computeResource", Json.MAPPER.valueToTree(v.computeResource()));
    }
    return a;
  }

  private static ObjectNode affected(List<VnfInstance.VnfcResourceInfo> vnfcs, String change) {
    ObjectNode rc = JsonNodeFactory.instance.objectNode();
    rc.set("affectedVnfcs", affectedList(vnfcs, change));
    return rc;
  }

  /** ExtVirtualLinkInfo from ExtVirtualLinkData: {@code current} with {@code changes} laid over. */
  private static @Nullable JsonNode extVirtualLinkInfo(
      @Nullable JsonNode current, @Nullable JsonNode changes) {
    if (changes == null || !changes.isArray()) {
      return current;
    }
    ArrayNode out = JsonNodeFactory.instance.arrayNode();
    List<String> changed = new ArrayList<>();
    changes.forEach(l -> changed.add(l.path("id").asText()));
    if (current != null) {
      current.forEach(
          l -> {
            if (!changed.contains(l.path("id").asText())) {
              out.add(l);
            }
          });
    }
    for (JsonNode l : changes) {
      ObjectNode info = out.addObject();
      info.put("id", l.path("id").asText());
      ObjectNode handle = info.putObject("resourceHandle");
      handle.put("resourceId", l.path("resourceId").asText());
      if (l.hasNonNull("vimConnectionId")) {
        handle.put("vimConnectionId", l.get("vimConnectionId").asText());
      }
      info.set("currentVnfExtCpData", l.path("extCps"));
    }
    return out;
  }

  private static Map<String, JsonNode> filtered(JsonNode p, List<String> keys) {
    Map<String, JsonNode> out = new java.util.LinkedHashMap<>();
    for (String k : keys) {
      if (p.has(k)) {
        out.put(k, p.get(k));
      }
    }
    return out;
  }

  /** {@code i} with a JSON Merge Patch (RFC 7396) of its modifiable attributes applied. */
  static VnfInstance withModifications(VnfInstance i, JsonNode patch) {
    ObjectNode doc = Json.MAPPER.valueToTree(i);
    for (String f : MODIFIABLE) {
      if (!patch.has(f)) {
        continue;
      }
      JsonNode v = patch.get(f);
      if (v.isNull()) {
        doc.remove(f);
      } else if (v.isObject() && doc.path(f).isObject()) {
        doc.set(f, mergePatch((ObjectNode) doc.get(f), v));
      } else if (v.isObject()) {
        doc.set(f, mergePatch(JsonNodeFactory.instance.objectNode(), v));
      } else {
        doc.set(f, v);
      }
    }
    try {
      return Json.MAPPER.treeToValue(doc, VnfInstance.class);
    } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
      throw ApiException.badRequest(
          "the modification does not fit a VNF instance: " + e.getOriginalMessage());
    }
  }

  private static ObjectNode mergePatch(ObjectNode target, JsonNode patch) {
    ObjectNode out = target.deepCopy();
    for (Map.Entry<String, JsonNode> e : patch.properties()) {
      if (e.getValue().isNull()) {
        out.remove(e.getKey());
      } else if (e.getValue().isObject() && out.path(e.getKey()).isObject()) {
        out.set(e.getKey(), mergePatch((ObjectNode) out.get(e.getKey()), e.getValue()));
      } else {
        out.set(e.getKey(), e.getValue());
      }
    }
    return out;
  }
}
