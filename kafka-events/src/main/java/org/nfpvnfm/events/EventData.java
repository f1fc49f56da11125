package org.nfpvnfm.events;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * The data of each event type, as consumers read it: one record per type (several types share a
 * record where their data is the same), and {@link Unknown} for a type this code does not know. The
 * JSON form of each is described by its type's JSON Schema ({@code schemas/} in this module, and
 * {@code docs/events.md}).
 *
 * <p>The three instance and operation types carry the SOL003 notification the VNFM sends to
 * subscribers for the same change, less what differs per subscription ({@code subscriptionId} and
 * {@code _links.subscription}); their {@code id} is the event's id.
 */
public sealed interface EventData {

  // ---- packages (topic nfp.vnf.packages, key = vnfPkgId) --------------------------------------

  /** A VNF package finished onboarding: ONBOARDED, its VNFD read and its graphs compiled. */
  record PackageOnboarded(
      String vnfPkgId,
      String vnfdId,
      String vnfProvider,
      String vnfProductName,
      String vnfSoftwareVersion,
      String vnfdVersion)
      implements EventData {}

  /** A VNF package's onboarding failed; {@code detail} is its onboardingFailureDetails' detail. */
  record PackageOnboardingFailed(String vnfPkgId, String detail) implements EventData {}

  /** A VNF package was enabled or disabled; {@code operationalState} is the new state. */
  record PackageStateChanged(String vnfPkgId, @Nullable String vnfdId, String operationalState)
      implements EventData {}

  /** A VNF package was deleted. */
  record PackageDeleted(String vnfPkgId, @Nullable String vnfdId) implements EventData {}

  // ---- lifecycle (topic nfp.vnf.lifecycle, key = vnfInstanceId) -------------------------------

  /** The data of every event on the lifecycle topic names its VNF instance. */
  sealed interface OfInstance extends EventData {
    String vnfInstanceId();
  }

  /** A VNF instance was created (SOL003 VnfIdentifierCreationNotification). */
  record VnfInstanceCreated(
      String id,
      String notificationType,
      String timeStamp,
      String vnfInstanceId,
      @JsonProperty("_links") JsonNode links)
      implements OfInstance {}

  /** A VNF instance was deleted (SOL003 VnfIdentifierDeletionNotification). */
  record VnfInstanceDeleted(
      String id,
      String notificationType,
      String timeStamp,
      String vnfInstanceId,
      @JsonProperty("_links") JsonNode links)
      implements OfInstance {}

  /**
   * An operation occurrence changed state (SOL003 VnfLcmOperationOccurrenceNotification): STARTING,
   * PROCESSING, COMPLETED, FAILED_TEMP, FAILED, ROLLING_BACK or ROLLED_BACK.
   */
  record OperationStateChanged(
      String id,
      String notificationType,
      String timeStamp,
      String notificationStatus,
      String operationState,
      String vnfInstanceId,
      String operation,
      boolean isAutomaticInvocation,
      String vnfLcmOpOccId,
      @Nullable JsonNode affectedVnfcs,
      @Nullable JsonNode affectedVirtualLinks,
      @Nullable JsonNode affectedExtLinkPorts,
      @Nullable JsonNode affectedVirtualStorages,
      @Nullable JsonNode changedInfo,
      @Nullable JsonNode changedExtConnectivity,
      @Nullable JsonNode error,
      @JsonProperty("_links") JsonNode links)
      implements OfInstance {}

  /**
   * What the NFP engine found about a compiled graph (the engine's summary).
   *
   * @param nfs NFs in the graph
   * @param sequentialLength NFs a packet crosses in the sequential chain
   * @param length stages a packet crosses in the parallel graph (a parallel block is one stage)
   * @param width the most NFs that work on one packet at the same time
   * @param parallelBlocks parallel blocks (each with a merger)
   * @param headerCopies header-only copies made per packet
   * @param fullCopies full copies made per packet
   */
  record Parallelism(
      int nfs,
      int sequentialLength,
      int length,
      int width,
      int parallelBlocks,
      int headerCopies,
      int fullCopies) {}

  /** A service graph was compiled for an operation (instantiate, heal). */
  record GraphCompiled(
      String vnfInstanceId,
      String vnfLcmOpOccId,
      String graph,
      String shape,
      String plan,
      Parallelism parallelism)
      implements OfInstance {}

  /** A service graph was deployed on a compute node (or redeployed, when healing). */
  record GraphDeployed(
      String vnfInstanceId,
      String vnfLcmOpOccId,
      String graph,
      String deployment,
      String node,
      String shape,
      List<String> nfs,
      int mergers)
      implements OfInstance {}

  /**
   * A service graph was drained and removed from its node; {@code reason} is {@code TERMINATE} or
   * {@code ROLLBACK}.
   */
  record GraphUndeployed(
      String vnfInstanceId,
      String vnfLcmOpOccId,
      String graph,
      String deployment,
      String node,
      String reason)
      implements OfInstance {}

  /**
   * An NF runtime failed: its {@code failed} counter (packets it threw on) rose to {@code failed};
   * {@code alarmId} is the alarm raised for it.
   */
  record NfRuntimeFailed(
      String vnfInstanceId, String deployment, String nf, String node, long failed, String alarmId)
      implements OfInstance {}

  /** An NF runtime was replaced by a new one by a heal operation. */
  record NfRuntimeHealed(
      String vnfInstanceId, String vnfLcmOpOccId, String deployment, String nf, String node)
      implements OfInstance {}

  /** A graph's merger instances per parallel block changed (scale, or its rollback). */
  record MergerReconfigured(
      String vnfInstanceId,
      String vnfLcmOpOccId,
      String deployment,
      String node,
      int mergersBefore,
      int mergers)
      implements OfInstance {}

  /**
   * An alarm was raised on a VNF instance; {@code alarm} is the SOL003 Alarm as {@code
   * /vnffm/v1/alarms/{id}} serves it.
   */
  record AlarmRaised(
      String vnfInstanceId,
      String alarmId,
      String perceivedSeverity,
      String probableCause,
      JsonNode alarm)
      implements OfInstance {}

  /** An alarm was cleared (SOL003 AlarmClearedNotification's content). */
  record AlarmCleared(String vnfInstanceId, String alarmId, String alarmClearedTime, JsonNode alarm)
      implements OfInstance {}

  // ---- telemetry (topic nfp.vnf.telemetry, key = vnfInstanceId) -------------------------------

  /**
   * Latency percentiles of delivered packets from acceptance to transmit, in nanoseconds, over the
   * graph's current generation on the node (since it was deployed, healed or scaled).
   */
  record Latency(long count, long p50Ns, long p99Ns, long p999Ns, long maxNs) {}

  /**
   * One graph's dataplane over one interval: packets in, delivered and dropped, throughput and
   * latency. {@code latency} is absent when the node does not measure latency for the graph.
   */
  record GraphTelemetry(
      String vnfInstanceId,
      String deployment,
      String graph,
      String node,
      String intervalStart,
      String intervalEnd,
      long received,
      long delivered,
      long dropped,
      double deliveredPerSecond,
      @Nullable Latency latency)
      implements OfInstance {}

  /** The data of a type this code does not know (a newer producer's), as it came. */
  record Unknown(JsonNode data) implements EventData {}
}
