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
    /** The operation started, is processing, or is rolling back. */
    START,
    /** The operation reached a result: completed, failed (temporarily or for good), rolled back. */
    RESULT
  }

  /**
   * The status that goes with {@code operationState}, as Tacker sends them: START for STARTING,
   * PROCESSING and ROLLING_BACK; RESULT for COMPLETED, FAILED_TEMP, FAILED and ROLLED_BACK.
   */
  public static Status statusOf(String operationState) {
    return switch (operationState) {
      case "STARTING", "PROCESSING", "ROLLING_BACK" -> Status.START;
      case "COMPLETED", "FAILED_TEMP", "FAILED", "ROLLED_BACK" -> Status.RESULT;
      default ->
          throw new IllegalArgumentException(
              "operationState "
                  + operationState
                  + " is not one of STARTING, PROCESSING, COMPLETED, FAILED_TEMP, FAILED,"
                  + " ROLLING_BACK, ROLLED_BACK");
    };
  }

  /**
   * A {@code VnfLcmOperationOccurrenceNotification}; its {@code notificationStatus} follows from
   * {@code operationState} ({@link #statusOf}). The caller may add the optional change details
   * ({@code affectedVnfcs}, {@code changedInfo}, ...) to the result; a SHORT subscription gets them
   * left out.
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
    n.put("notificationStatus", statusOf(operationState).name())
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
