package org.nfpvnfm.vnfm.internal.fm;

import java.sql.Connection;
import java.sql.SQLException;

/**
 * Where the fault watcher announces an alarm's changes: the one place an alarm notification (SOL003
 * AlarmNotification, AlarmClearedNotification) is to be published. Each call is made in the
 * transaction that stores the change, so a listener that queues a notification (an outbox) queues
 * it with the change or not at all.
 */
public interface AlarmListener {

  /** {@code alarm} was raised. */
  void raised(Connection tx, Alarm alarm) throws SQLException;

  /** {@code alarm} was cleared (its {@code alarmClearedTime} set, its severity CLEARED). */
  void cleared(Connection tx, Alarm alarm) throws SQLException;

  /**
   * An NF runtime's failures raised {@code alarm}: {@code failed} packets failed in NF {@code nf}
   * of {@code deployment} on {@code node} since the previous read.
   */
  default void nfRuntimeFailed(
      Connection tx, Alarm alarm, String node, String deployment, String nf, long failed)
      throws SQLException {}

  /** A listener that tells each of {@code listeners}, in order. */
  static AlarmListener all(AlarmListener... listeners) {
    java.util.List<AlarmListener> all = java.util.List.of(listeners);
    return new AlarmListener() {
      @Override
      public void raised(Connection tx, Alarm alarm) throws SQLException {
        for (AlarmListener l : all) {
          l.raised(tx, alarm);
        }
      }

      @Override
      public void cleared(Connection tx, Alarm alarm) throws SQLException {
        for (AlarmListener l : all) {
          l.cleared(tx, alarm);
        }
      }

      @Override
      public void nfRuntimeFailed(
          Connection tx, Alarm alarm, String node, String deployment, String nf, long failed)
          throws SQLException {
        for (AlarmListener l : all) {
          l.nfRuntimeFailed(tx, alarm, node, deployment, nf, failed);
        }
      }
    };
  }

  /** A listener that logs each change: what the VNFM does until FM subscriptions exist. */
  static AlarmListener logging() {
    System.Logger log = System.getLogger(AlarmListener.class.getName());
    return new AlarmListener() {
      @Override
      public void raised(Connection tx, Alarm a) {
        log.log(
            System.Logger.Level.WARNING,
            "alarm "
                + a.id()
                + " raised on VNF instance "
                + a.managedObjectId()
                + ": "
                + a.probableCause()
                + " at "
                + a.rootCauseFaultyResource().faultyResource().resourceId()
                + " ("
                + a.perceivedSeverity()
                + ")");
      }

      @Override
      public void cleared(Connection tx, Alarm a) {
        log.log(
            System.Logger.Level.INFO,
            "alarm "
                + a.id()
                + " cleared on VNF instance "
                + a.managedObjectId()
                + ": "
                + a.faultDetails().getLast());
      }
    };
  }
}
