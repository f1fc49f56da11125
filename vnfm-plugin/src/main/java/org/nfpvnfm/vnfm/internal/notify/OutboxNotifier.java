package org.nfpvnfm.vnfm.internal.notify;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.nfpvnfm.vnfm.internal.rest.Json;

/**
 * The {@link Notifier}: {@link #publish} writes one row of {@code lccn_deliveries} per subscription
 * that selects the notification, in the caller's transaction (an outbox), and wakes the {@link
 * Dispatcher}, which delivers the rows once they are committed.
 */
final class OutboxNotifier implements Notifier {

  /** What a SHORT subscription is not sent (SOL003: the large-volume change details). */
  private static final List<String> LARGE =
      List.of(
          "affectedVnfcs",
          "affectedVirtualLinks",
          "affectedExtLinkPorts",
          "affectedVirtualStorages",
          "changedInfo",
          "changedExtConnectivityInfo",
          "modificationsTriggeredByVnfPkgChange");

  private final Runnable wake;

  OutboxNotifier(Runnable wake) {
    this.wake = wake;
  }

  @Override
  public void publish(Connection tx, Subject subject, ObjectNode notification) throws SQLException {
    String type = notification.path("notificationType").asText();
    if (!LifecycleChangeNotificationsFilter.NOTIFICATION_TYPES.contains(type)) {
      throw new IllegalArgumentException(
          "notificationType '"
              + type
              + "' is not one of "
              + LifecycleChangeNotificationsFilter.NOTIFICATION_TYPES);
    }
    // One id for the notification, whichever subscriptions it goes to (SOL003: "If a notification
    // is sent multiple times due to multiple subscriptions, the id ... shall have the same value").
    String id = UUID.randomUUID().toString();
    int queued = 0;
    for (Subscription s : Subscription.after(tx, 0)) {
      if (!s.selects(subject, notification)) {
        continue;
      }
      insert(tx, id, type, s, body(id, s, notification));
      queued++;
    }
    if (queued > 0) {
      wake.run();
    }
  }

  /** The body for one subscription: the notification with id, subscriptionId and links. */
  static ObjectNode body(String id, Subscription s, ObjectNode notification) {
    ObjectNode b = Json.MAPPER.createObjectNode();
    b.put("id", id);
    b.put("notificationType", notification.path("notificationType").asText());
    b.put("subscriptionId", s.id());
    b.put("timeStamp", notification.path("timeStamp").asText(Instant.now().toString()));
    boolean opOcc =
        notification
            .path("notificationType")
            .asText()
            .equals(LifecycleChangeNotificationsFilter.OP_OCC);
    for (Map.Entry<String, JsonNode> e : notification.properties()) {
      if (b.has(e.getKey()) || (opOcc && s.verbosity().equals("SHORT") && isLarge(e.getKey()))) {
        continue;
      }
      b.set(e.getKey(), e.getValue().deepCopy());
    }
    if (opOcc) {
      b.put("verbosity", s.verbosity());
    }
    JsonNode links = b.get("_links");
    ObjectNode l = links instanceof ObjectNode o ? o : b.putObject("_links");
    l.putObject("subscription").put("href", s.href());
    return b;
  }

  private static boolean isLarge(String attribute) {
    return LARGE.contains(attribute);
  }

  private static void insert(Connection tx, String id, String type, Subscription s, ObjectNode body)
      throws SQLException {
    OffsetDateTime now = OffsetDateTime.now(ZoneOffset.UTC);
    try (PreparedStatement p =
        tx.prepareStatement(
            "INSERT INTO lccn_deliveries (notification_id, subscription_id, notification_type,"
                + " body, state, attempts, next_attempt_at, created_at)"
                + " VALUES (?, ?, ?, ?, 'PENDING', 0, ?, ?)")) {
      p.setString(1, id);
      p.setString(2, s.id());
      p.setString(3, type);
      p.setString(4, Subscription.write(body));
      p.setObject(5, now);
      p.setObject(6, now);
      p.executeUpdate();
    }
  }
}
