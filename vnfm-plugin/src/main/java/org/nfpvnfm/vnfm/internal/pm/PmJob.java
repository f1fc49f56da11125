package org.nfpvnfm.vnfm.internal.pm;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.time.Instant;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * A PM job as stored (SOL003 §6.5.2.7 PmJob, without {@code reports} and {@code _links}, which are
 * added when it is served).
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
record PmJob(
    String id,
    String objectType,
    List<String> objectInstanceIds,
    @Nullable List<String> subObjectInstanceIds,
    Criteria criteria,
    String callbackUri) {

  PmJob {
    objectInstanceIds = List.copyOf(objectInstanceIds);
    subObjectInstanceIds = subObjectInstanceIds == null ? null : List.copyOf(subObjectInstanceIds);
  }

  /**
   * What to collect and when (SOL003 PmJobCriteria).
   *
   * @param collectionPeriod seconds between two collections
   * @param reportingPeriod seconds between two reports
   * @param reportingBoundary when reporting stops, if ever
   */
  @JsonInclude(JsonInclude.Include.NON_NULL)
  record Criteria(
      @Nullable List<String> performanceMetric,
      @Nullable List<String> performanceMetricGroup,
      int collectionPeriod,
      int reportingPeriod,
      @Nullable Instant reportingBoundary) {}

  PmJob withCallbackUri(String uri) {
    return new PmJob(id, objectType, objectInstanceIds, subObjectInstanceIds, criteria, uri);
  }
}
