package org.nfpvnfm.vnfm.internal.notify;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.net.URI;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.jspecify.annotations.Nullable;
import org.nfpvnfm.vnfm.internal.rest.Json;

/**
 * A stored subscription, and the SQL of table {@code lccn_subscriptions}. {@link #toString} leaves
 * the credentials' secret out.
 *
 * @param id the subscription's id
 * @param seq its place in creation order (paging)
 * @param callbackUri where notifications go
 * @param href the subscription's own URI ({@code _links.self}, {@code _links.subscription})
 * @param filter its filter; {@code null}: everything
 * @param verbosity FULL or SHORT
 * @param credentials how to authenticate to the callback
 */
record Subscription(
    String id,
    long seq,
    URI callbackUri,
    String href,
    @Nullable LifecycleChangeNotificationsFilter filter,
    String verbosity,
    CallbackCredentials credentials) {

  private static final String COLUMNS = "id, seq, callback_uri, href, doc, auth";

  /** The LccnSubscription representation: never the credentials. */
  ObjectNode representation() {
    ObjectNode n = Json.MAPPER.createObjectNode().put("id", id);
    if (filter != null) {
      n.set("filter", Json.MAPPER.valueToTree(filter));
    }
    n.put("callbackUri", callbackUri.toString()).put("verbosity", verbosity);
    n.putObject("_links").putObject("self").put("href", href);
    return n;
  }

  /** Whether this subscription wants {@code notification} about {@code subject}. */
  boolean selects(Notifier.Subject subject, JsonNode notification) {
    return filter == null || filter.matches(subject, notification);
  }

  /** Stores a new subscription; its {@code seq} is assigned. A unique violation on dedupKey. */
  static void insert(Connection c, Subscription s, String dedupKey) throws SQLException {
    ObjectNode doc = s.representation();
    doc.remove("_links");
    try (PreparedStatement p =
        c.prepareStatement(
            "INSERT INTO lccn_subscriptions (id, callback_uri, dedup_key, href, doc, auth,"
                + " created_at) VALUES (?, ?, ?, ?, ?, ?, ?)")) {
      p.setString(1, s.id());
      p.setString(2, s.callbackUri().toString());
      p.setString(3, dedupKey);
      p.setString(4, s.href());
      p.setString(5, write(doc));
      p.setString(6, s.credentials().toJson());
      p.setObject(7, OffsetDateTime.now(ZoneOffset.UTC));
      p.executeUpdate();
    }
  }

  static Optional<Subscription> byId(Connection c, String id) throws SQLException {
    return one(c, "SELECT " + COLUMNS + " FROM lccn_subscriptions WHERE id = ?", id);
  }

  static Optional<Subscription> byDedupKey(Connection c, String key) throws SQLException {
    return one(c, "SELECT " + COLUMNS + " FROM lccn_subscriptions WHERE dedup_key = ?", key);
  }

  /** Every subscription created after the one at {@code afterSeq}, in creation order. */
  static List<Subscription> after(Connection c, long afterSeq) throws SQLException {
    try (PreparedStatement p =
        c.prepareStatement(
            "SELECT " + COLUMNS + " FROM lccn_subscriptions WHERE seq > ? ORDER BY seq")) {
      p.setLong(1, afterSeq);
      return read(p);
    }
  }

  /** Deletes a subscription and every notification waiting for it; whether it existed. */
  static boolean delete(Connection c, String id) throws SQLException {
    try (PreparedStatement p =
        c.prepareStatement("DELETE FROM lccn_deliveries WHERE subscription_id = ?")) {
      p.setString(1, id);
      p.executeUpdate();
    }
    try (PreparedStatement p = c.prepareStatement("DELETE FROM lccn_subscriptions WHERE id = ?")) {
      p.setString(1, id);
      return p.executeUpdate() > 0;
    }
  }

  private static Optional<Subscription> one(Connection c, String sql, String arg)
      throws SQLException {
    try (PreparedStatement p = c.prepareStatement(sql)) {
      p.setString(1, arg);
      return read(p).stream().findFirst();
    }
  }

  private static List<Subscription> read(PreparedStatement p) throws SQLException {
    List<Subscription> out = new ArrayList<>();
    try (ResultSet r = p.executeQuery()) {
      while (r.next()) {
        JsonNode doc = parse(r.getString("doc"));
        JsonNode f = doc.get("filter");
        LifecycleChangeNotificationsFilter filter;
        try {
          filter =
              f == null || f.isNull()
                  ? null
                  : Json.MAPPER.treeToValue(f, LifecycleChangeNotificationsFilter.class);
        } catch (JsonProcessingException e) {
          throw new IllegalStateException("subscription " + r.getString("id") + ": bad filter", e);
        }
        out.add(
            new Subscription(
                r.getString("id"),
                r.getLong("seq"),
                URI.create(r.getString("callback_uri")),
                r.getString("href"),
                filter,
                doc.path("verbosity").asText("FULL"),
                CallbackCredentials.fromJson(r.getString("auth"))));
      }
    }
    return out;
  }

  private static JsonNode parse(String json) {
    try {
      return Json.MAPPER.readTree(json);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("a stored subscription is not valid JSON", e);
    }
  }

  /** {@code n} as compact JSON text. */
  static String write(JsonNode n) {
    try {
      return Json.MAPPER.writer().without(SerializationFeature.INDENT_OUTPUT).writeValueAsString(n);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("cannot write JSON", e);
    }
  }

  @Override
  public String toString() {
    return "Subscription["
        + id
        + " to "
        + CallbackClient.redact(callbackUri)
        + ", "
        + credentials
        + "]";
  }
}
