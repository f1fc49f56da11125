package org.nfpvnfm.vnfm.internal.notify;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.Map;
import org.nfpvnfm.events.EventType;
import org.nfpvnfm.vnfm.internal.events.EventSink;
import org.nfpvnfm.vnfm.internal.events.OutgoingEvent;
import org.nfpvnfm.vnfm.internal.rest.Json;

/**
 * The lifecycle's notifications as events: each SOL003 notification the lifecycle publishes (an
 * instance created or deleted, an occurrence's state change) becomes an event whose data is that
 * notification, less what differs per subscription, with the event's id as its {@code id}.
 */
public final class LifecycleEvents implements Notifier {
  private static final Map<String, EventType> TYPES =
      Map.of(
          "VnfIdentifierCreationNotification", EventType.VNF_INSTANCE_CREATED,
          "VnfIdentifierDeletionNotification", EventType.VNF_INSTANCE_DELETED,
          "VnfLcmOperationOccurrenceNotification", EventType.OPERATION_STATE_CHANGED);

  private final EventSink sink;

  public LifecycleEvents(EventSink sink) {
    this.sink = sink;
  }

  @Override
  public void publish(Connection tx, Subject subject, ObjectNode notification) throws SQLException {
    String kind = notification.path("notificationType").asText();
    EventType type = TYPES.get(kind);
    if (type == null) {
      throw new IllegalArgumentException("no event type for notification type " + kind);
    }
    String id = OutgoingEvent.newId();
    ObjectNode data = Json.MAPPER.createObjectNode();
    data.put("id", id);
    for (Map.Entry<String, JsonNode> e : notification.properties()) {
      if (!e.getKey().equals("id") && !e.getKey().equals("subscriptionId")) {
        data.set(e.getKey(), e.getValue().deepCopy());
      }
    }
    if (data.get("_links") instanceof ObjectNode links) {
      links.remove("subscription");
    }
    String key = subject.vnfInstanceId();
    sink.emit(tx, new OutgoingEvent(id, type, key, key, data));
  }
}
