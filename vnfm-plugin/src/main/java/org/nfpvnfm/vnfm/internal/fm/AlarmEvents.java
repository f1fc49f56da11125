package org.nfpvnfm.vnfm.internal.fm;

import java.sql.Connection;
import java.sql.SQLException;
import org.nfpvnfm.events.EventData;
import org.nfpvnfm.events.EventType;
import org.nfpvnfm.vnfm.internal.events.EventSink;
import org.nfpvnfm.vnfm.internal.rest.Json;

/** Alarms, and the NF runtime failures that raise them, as events on the instance's key. */
public final class AlarmEvents implements AlarmListener {
  private final EventSink sink;

  public AlarmEvents(EventSink sink) {
    this.sink = sink;
  }

  @Override
  public void raised(Connection tx, Alarm a) throws SQLException {
    sink.emit(
        tx,
        EventType.ALARM_RAISED,
        a.managedObjectId(),
        new EventData.AlarmRaised(
            a.managedObjectId(),
            a.id(),
            a.perceivedSeverity(),
            a.probableCause(),
            Json.MAPPER.valueToTree(a)));
  }

  @Override
  public void cleared(Connection tx, Alarm a) throws SQLException {
    sink.emit(
        tx,
        EventType.ALARM_CLEARED,
        a.managedObjectId(),
        new EventData.AlarmCleared(
            a.managedObjectId(),
            a.id(),
            String.valueOf(a.alarmClearedTime()),
            Json.MAPPER.valueToTree(a)));
  }

  @Override
  public void nfRuntimeFailed(
      Connection tx, Alarm alarm, String node, String deployment, String nf, long failed)
      throws SQLException {
    sink.emit(
        tx,
        EventType.NF_RUNTIME_FAILED,
        alarm.managedObjectId(),
        new EventData.NfRuntimeFailed(
            alarm.managedObjectId(), deployment, nf, node, failed, alarm.id()));
  }
}
