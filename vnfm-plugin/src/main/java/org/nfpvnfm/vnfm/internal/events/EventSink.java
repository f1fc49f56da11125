package org.nfpvnfm.vnfm.internal.events;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.List;
import org.nfpvnfm.events.EventData;
import org.nfpvnfm.events.EventType;

/**
 * Where a part emits events. {@link #emit} is called in the transaction that makes the change, so
 * the event is stored with it (the outbox) and published after it commits: a rolled-back change
 * publishes nothing, and a crash loses nothing.
 */
@FunctionalInterface
public interface EventSink {

  void emit(Connection tx, OutgoingEvent event) throws SQLException;

  /** Emits an event of {@code type} keyed (and with subject) {@code key}. */
  default void emit(Connection tx, EventType type, String key, EventData data) throws SQLException {
    emit(tx, OutgoingEvent.of(type, key, data));
  }

  /** Emits {@code events} in order. */
  default void emitAll(Connection tx, List<OutgoingEvent> events) throws SQLException {
    for (OutgoingEvent e : events) {
      emit(tx, e);
    }
  }

  /** A sink that drops everything: a VNFM with events turned off. */
  static EventSink none() {
    return (tx, e) -> {};
  }
}
