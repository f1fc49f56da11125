package org.nfpvnfm.vnfm.internal.pm;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.time.Instant;
import java.util.List;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/**
 * A threshold as stored (SOL003 §6.5.2.9 Threshold, without {@code _links}), and its state: on
 * which side of the threshold each measured object was last seen, and the crossings so far.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
record Threshold(
    String id,
    String objectType,
    String objectInstanceId,
    @Nullable List<String> subObjectInstanceIds,
    Criteria criteria,
    String callbackUri) {

  Threshold {
    subObjectInstanceIds = subObjectInstanceIds == null ? null : List.copyOf(subObjectInstanceIds);
  }

  /** SOL003 ThresholdCriteria: one metric, SIMPLE. */
  record Criteria(String performanceMetric, String thresholdType, Simple simpleThresholdDetails) {}

  /**
   * @param thresholdValue the value that is crossed
   * @param hysteresis how far beyond it a value must go to count as a crossing, either way
   */
  record Simple(double thresholdValue, double hysteresis) {}

  Threshold withCallbackUri(String uri) {
    return new Threshold(id, objectType, objectInstanceId, subObjectInstanceIds, criteria, uri);
  }

  /**
   * A crossing, as a ThresholdCrossedNotification reports it.
   *
   * @param crossingDirection UP or DOWN
   * @param subObjectInstanceId the VNFC, for a per-NF metric
   */
  @JsonInclude(JsonInclude.Include.NON_NULL)
  record Crossing(
      Instant timeStamp,
      String crossingDirection,
      @Nullable String subObjectInstanceId,
      Number performanceValue) {}

  /**
   * @param above the measured objects ("" for the VNF, else the VNFC) last seen above the threshold
   *     (a crossing up happened and no crossing down since); the others are below
   * @param crossings the latest crossings, oldest first
   */
  record State(Set<String> above, List<Crossing> crossings) {
    State {
      above = Set.copyOf(above);
      crossings = List.copyOf(crossings);
    }

    static State initial() {
      return new State(Set.of(), List.of());
    }
  }
}
