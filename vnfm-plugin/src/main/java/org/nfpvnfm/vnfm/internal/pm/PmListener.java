package org.nfpvnfm.vnfm.internal.pm;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.sql.Connection;
import java.sql.SQLException;

/**
 * Where performance management announces what SOL003 notifies to a PM job's or threshold's {@code
 * callbackUri}: the one place a notification is to be published. Each call is made in the
 * transaction that stores the report or the crossing, so a listener that queues the notification
 * (an outbox) queues it with the change or not at all. The callback and its credentials are the
 * job's or threshold's, stored under its id.
 */
public interface PmListener {

  /**
   * A report of PM job {@code pmJobId} is ready: {@code notification} is the
   * PerformanceInformationAvailableNotification for one of its objects.
   */
  void reportAvailable(Connection tx, String pmJobId, ObjectNode notification) throws SQLException;

  /**
   * Threshold {@code thresholdId} was crossed: {@code notification} is the
   * ThresholdCrossedNotification.
   */
  void thresholdCrossed(Connection tx, String thresholdId, ObjectNode notification)
      throws SQLException;

  /** A listener that logs: what the VNFM does until PM notifications are delivered. */
  static PmListener logging() {
    System.Logger log = System.getLogger(PmListener.class.getName());
    return new PmListener() {
      @Override
      public void reportAvailable(Connection tx, String pmJobId, ObjectNode n) {
        log.log(
            System.Logger.Level.DEBUG,
            "PM job "
                + pmJobId
                + ": report "
                + n.path("_links").path("performanceReport").path("href").asText()
                + " ready for "
                + n.path("objectInstanceId").asText());
      }

      @Override
      public void thresholdCrossed(Connection tx, String thresholdId, ObjectNode n) {
        log.log(
            System.Logger.Level.INFO,
            "threshold "
                + thresholdId
                + " crossed "
                + n.path("crossingDirection").asText()
                + ": "
                + n.path("performanceMetric").asText()
                + " = "
                + n.path("performanceValue")
                + " on "
                + n.path("objectInstanceId").asText()
                + (n.has("subObjectInstanceId")
                    ? " (" + n.path("subObjectInstanceId").asText() + ")"
                    : ""));
      }
    };
  }
}
