package org.nfpvnfm.vnfm.internal.fm;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * An alarm as stored and served (SOL003 §7.5.2.4 Alarm, without {@code _links}, which are added for
 * the caller's base URI). The NF runtime at fault is {@code rootCauseFaultyResource}: its {@code
 * resourceId} is the VNFC's id in the instance's {@code vnfcResourceInfo}. (SOL003 v3's {@code
 * vnfcInstanceIds} is not in the 1.3.0 API served here, whose document refuses it.)
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record Alarm(
    String id,
    String managedObjectId,
    FaultyResourceInfo rootCauseFaultyResource,
    Instant alarmRaisedTime,
    @Nullable Instant alarmChangedTime,
    @Nullable Instant alarmClearedTime,
    @Nullable Instant alarmAcknowledgedTime,
    String ackState,
    String perceivedSeverity,
    Instant eventTime,
    String eventType,
    String faultType,
    String probableCause,
    boolean isRootCause,
    @Nullable List<String> correlatedAlarmIds,
    List<String> faultDetails) {

  public static final String UNACKNOWLEDGED = "UNACKNOWLEDGED";
  public static final String ACKNOWLEDGED = "ACKNOWLEDGED";
  public static final String CLEARED = "CLEARED";

  public Alarm {
    correlatedAlarmIds = correlatedAlarmIds == null ? null : List.copyOf(correlatedAlarmIds);
    faultDetails = List.copyOf(faultDetails);
  }

  /**
   * The resource at fault (SOL003 FaultyResourceInfo).
   *
   * @param faultyResource where it runs: the node ({@code resourceProviderId}), the NF runtime or
   *     merger ({@code resourceId}) and what it is ({@code vimLevelResourceType})
   * @param faultyResourceType COMPUTE: an NF runtime or merger is a task on a node's cores
   */
  public record FaultyResourceInfo(ResourceHandle faultyResource, String faultyResourceType) {}

  /** As the lifecycle's vnfcResourceInfo names a VNFC's compute resource. */
  public record ResourceHandle(
      String resourceProviderId, String resourceId, String vimLevelResourceType) {}

  /** This alarm cleared at {@code at}, with {@code detail} added to its fault details. */
  Alarm cleared(Instant at, String detail) {
    List<String> details = new ArrayList<>(faultDetails);
    details.add(detail);
    return new Alarm(
        id,
        managedObjectId,
        rootCauseFaultyResource,
        alarmRaisedTime,
        at,
        at,
        alarmAcknowledgedTime,
        ackState,
        CLEARED,
        eventTime,
        eventType,
        faultType,
        probableCause,
        isRootCause,
        correlatedAlarmIds,
        details);
  }

  /** This alarm with {@code state} as its acknowledgement, changed at {@code at}. */
  Alarm acknowledged(String state, Instant at) {
    return new Alarm(
        id,
        managedObjectId,
        rootCauseFaultyResource,
        alarmRaisedTime,
        alarmChangedTime,
        alarmClearedTime,
        state.equals(ACKNOWLEDGED) ? at : null,
        state,
        perceivedSeverity,
        eventTime,
        eventType,
        faultType,
        probableCause,
        isRootCause,
        correlatedAlarmIds,
        faultDetails);
  }
}
