package org.nfpvnfm.vnfm.internal.notify;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.net.URI;
import java.time.Instant;
import org.jspecify.annotations.Nullable;
import org.nfpvnfm.vnfm.internal.rest.Json;

/**
 * The notification bodies the lifecycle publishes (SOL003 §5.5.2.17 to §5.5.2.19), without what
 * {@link Notifier#publish} adds per subscription ({@code id}, {@code subscriptionId}, {@code
 * _links.subscription}, and {@code verbosity} for operation occurrences). Links are absolute, under
 * the VNFM's API root {@code base} ({@code http(s)://host:port/}).
 */
public final class Notifications {
  private Notifications() {}

  /** The {@code notificationStatus} of an operation occurrence notification. */
  public enum Status {
    /** The operation starts. */
    START,
    /**
     * An intermediate or final result: processing, completed, failed, rolling back, rolled back.
     */
    RESULT
  }

  /**
   * The status that goes with {@code operationState} of {@code operation}, as Tacker (the reference
   * VNFM) sends them: START for STARTING, and for the PROCESSING of MODIFY_INFO (which has no
   * STARTING); RESULT, SOL003's "final or intermediate result", for every other state.
   */
  public static Status statusOf(String operation, String operationState) {
    if (!LifecycleChangeNotificationsFilter.OPERATION_STATES.contains(operationState)) {
      throw new IllegalArgumentException(
          "operationState "
              + operationState
              + " is not one of "
              + LifecycleChangeNotificationsFilter.OPERATION_STATES.stream().sorted().toList());
    }
    boolean starts =
        operationState.equals("STARTING")
            || (operation.equals("MODIFY_INFO") && operationState.equals("PROCESSING"));
    return starts ? Status.START : Status.RESULT;
  }

  /**
   * A {@code VnfLcmOperationOccurrenceNotification}; its {@code notificationStatus} follows from
   * {@code operation} and {@code operationState} ({@link #statusOf}). The caller may add the
   * optional change details ({@code affectedVnfcs}, {@code changedInfo}, ...) to the result; a
   * SHORT subscription gets them left out.
   *
   * @param base the VNFM's API root, for links
   * @param operationState the occurrence's state now
   * @param operation INSTANTIATE, SCALE, TERMINATE, ...
   * @param vnfInstanceId the instance
   * @param vnfLcmOpOccId the occurrence
   * @param isAutomaticInvocation whether the VNFM started it itself (auto-heal, auto-scale)
   * @param error the ProblemDetails of a failure (FAILED_TEMP, FAILED), else {@code null}
   */
  public static ObjectNode opOcc(
      URI base,
      String operationState,
      String operation,
      String vnfInstanceId,
      String vnfLcmOpOccId,
      boolean isAutomaticInvocation,
      @Nullable JsonNode error) {
    if (!LifecycleChangeNotificationsFilter.OPERATIONS.contains(operation)) {
      throw new IllegalArgumentException("operation " + operation + " is not a SOL003 operation");
    }
    ObjectNode n = start(LifecycleChangeNotificationsFilter.OP_OCC);
    n.put("notificationStatus", statusOf(operation, operationState).name())
        .put("operationState", operationState)
        .put("vnfInstanceId", vnfInstanceId)
        .put("operation", operation)
        .put("isAutomaticInvocation", isAutomaticInvocation)
        .put("vnfLcmOpOccId", vnfLcmOpOccId);
    if (error != null && !error.isNull()) {
      n.set("error", error);
    }
    ObjectNode links = n.putObject("_links");
    link(links, "vnfInstance", instance(base, vnfInstanceId));
    link(links, "vnfLcmOpOcc", root(base) + "vnflcm/v2/vnf_lcm_op_occs/" + vnfLcmOpOccId);
    return n;
  }

  /** A {@code VnfIdentifierCreationNotification}: the instance resource was created. */
  public static ObjectNode created(URI base, String vnfInstanceId) {
    return identifier(LifecycleChangeNotificationsFilter.CREATION, base, vnfInstanceId);
  }

  /** A {@code VnfIdentifierDeletionNotification}: the instance resource was deleted. */
  public static ObjectNode deleted(URI base, String vnfInstanceId) {
    return identifier(LifecycleChangeNotificationsFilter.DELETION, base, vnfInstanceId);
  }

  private static ObjectNode identifier(String type, URI base, String vnfInstanceId) {
    ObjectNode n = start(type).put("vnfInstanceId", vnfInstanceId);
    link(n.putObject("_links"), "vnfInstance", instance(base, vnfInstanceId));
    return n;
  }

  private static ObjectNode start(String type) {
    return Json.MAPPER
        .createObjectNode()
        .put("notificationType", type)
        .put("timeStamp", Instant.now().toString());
  }

  private static String instance(URI base, String vnfInstanceId) {
    return root(base) + "vnflcm/v2/vnf_instances/" + vnfInstanceId;
  }

  private static String root(URI base) {
    String s = base.toString();
    return s.endsWith("/") ? s : s + "/";
  }

  private static void link(ObjectNode links, String name, String href) {
    links.putObject(name).put("href", href);
  }
}
