package org.nfpvnfm.vnfm.internal.notify;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.jspecify.annotations.Nullable;
import org.nfpvnfm.vnfm.internal.client.OutboundAuth;
import org.nfpvnfm.vnfm.internal.rest.ApiException;
import org.nfpvnfm.vnfm.internal.rest.AttributeFilter;
import org.nfpvnfm.vnfm.internal.rest.Json;
import org.nfpvnfm.vnfm.internal.store.Database;
import org.nfpvnfm.vnfm.internal.store.StoreException;

/** Subscriptions: create (after testing the callback), list, read, delete. */
final class SubscriptionService {
  private static final System.Logger LOG = System.getLogger(SubscriptionService.class.getName());

  /** Subscriptions in one page of {@code GET /subscriptions}. */
  static final int PAGE_SIZE = 100;

  /** SQLState of a unique-constraint violation, in PostgreSQL and H2 alike. */
  private static final String UNIQUE_VIOLATION = "23505";

  /**
   * A subscription, new or the existing one with the same callback and filter.
   *
   * @param subscription the subscription
   * @param existed whether it existed before (303 See Other)
   */
  record Created(Subscription subscription, boolean existed) {}

  /**
   * One page of subscriptions.
   *
   * @param items the page
   * @param nextMarker the marker of the next page; {@code null} on the last page
   */
  record Page(List<Subscription> items, @Nullable String nextMarker) {}

  private final Database db;
  private final CallbackClient client;
  private final Dispatcher dispatcher;
  private final String publicUri;

  /**
   * @param publicUri the configured public URI of the API; empty: the one requests arrive at
   */
  SubscriptionService(Database db, CallbackClient client, Dispatcher dispatcher, String publicUri) {
    this.db = db;
    this.client = client;
    this.dispatcher = dispatcher;
    this.publicUri = publicUri;
  }

  /** The API root callers reach, ending in {@code /}: the public URI, else the request's. */
  URI base(URI requestBase) {
    String b = publicUri.isEmpty() ? requestBase.toString() : publicUri;
    return URI.create(b.endsWith("/") ? b : b + "/");
  }

  /**
   * Creates a subscription after its callback answered the test {@code GET} with 204; an identical
   * one (same callbackUri and filter) is returned as existing instead. 400 for a malformed request,
   * 422 when the callback fails the test or asks for TLS_CERT only.
   *
   * @param requestBase the base URI the request arrived at, for the subscription's URI
   */
  Created subscribe(@Nullable LccnSubscriptionRequest request, URI requestBase)
      throws InterruptedException {
    if (request == null) {
      throw ApiException.badRequest("the body must be an LccnSubscriptionRequest");
    }
    URI callback = request.validCallbackUri();
    LifecycleChangeNotificationsFilter filter = request.filter();
    if (filter != null) {
      filter.validate();
    }
    String verbosity = request.validVerbosity();
    CallbackCredentials credentials = request.validCredentials();
    String key = dedupKey(callback, filter);
    Optional<Subscription> existing =
        db.inTransaction((Connection c) -> Subscription.byDedupKey(c, key));
    if (existing.isPresent()) {
      return new Created(existing.get(), true);
    }
    OutboundAuth auth = credentials.outbound(client.http());
    CallbackClient.Outcome test = client.test(callback, auth);
    if (!test.ok()) {
      throw ApiException.unprocessable(
          "the callbackUri failed the test GET (SOL003 requires 204 No Content): " + test.detail());
    }
    String id = UUID.randomUUID().toString();
    String href = base(requestBase) + "vnflcm/v2/subscriptions/" + id;
    Subscription s = new Subscription(id, 0, callback, href, filter, verbosity, credentials);
    try {
      db.inTransaction((Connection c) -> Subscription.insert(c, s, key));
    } catch (StoreException e) {
      if (e.getCause() instanceof SQLException sql && UNIQUE_VIOLATION.equals(sql.getSQLState())) {
        // An identical subscription was created while this one's callback was tested.
        Optional<Subscription> raced =
            db.inTransaction((Connection c) -> Subscription.byDedupKey(c, key));
        if (raced.isPresent()) {
          return new Created(raced.get(), true);
        }
      }
      throw e;
    }
    dispatcher.remember(id, auth);
    LOG.log(
        System.Logger.Level.INFO,
        "subscription "
            + id
            + " created: callback "
            + CallbackClient.redact(callback)
            + ", authentication "
            + credentials);
    return new Created(get(id), false);
  }

  /** The subscription {@code id}; 404 when there is none. */
  Subscription get(String id) {
    return db.inTransaction((Connection c) -> Subscription.byId(c, id))
        .orElseThrow(() -> ApiException.notFound("no subscription " + id));
  }

  /** Deletes subscription {@code id} and the notifications waiting for it; 404 when none. */
  void delete(String id) {
    boolean existed = db.inTransaction((Connection c) -> Subscription.delete(c, id));
    if (!existed) {
      throw ApiException.notFound("no subscription " + id);
    }
    dispatcher.forget(id);
    LOG.log(System.Logger.Level.INFO, "subscription " + id + " deleted");
  }

  /**
   * The subscriptions that satisfy {@code filter} (SOL013 §5.2; {@code null}: all), one page of
   * {@link #PAGE_SIZE} from {@code marker} (a previous page's {@link Page#nextMarker}).
   */
  Page list(@Nullable String filter, @Nullable String marker) {
    AttributeFilter f = filter == null || filter.isEmpty() ? null : AttributeFilter.parse(filter);
    long after = marker == null ? 0 : parseMarker(marker);
    List<Subscription> all = db.inTransaction((Connection c) -> Subscription.after(c, after));
    List<Subscription> page = new ArrayList<>();
    for (Subscription s : all) {
      if (f != null && !f.test(s.representation())) {
        continue;
      }
      if (page.size() == PAGE_SIZE) {
        return new Page(page, Long.toString(page.getLast().seq()));
      }
      page.add(s);
    }
    return new Page(page, null);
  }

  private static long parseMarker(String marker) {
    try {
      long v = Long.parseLong(marker);
      if (v >= 0) {
        return v;
      }
    } catch (NumberFormatException e) {
      // refused below
    }
    throw ApiException.badRequest(
        "nextpage_opaque_marker '"
            + marker
            + "' is not one this VNFM gave (use the Link of the previous page)");
  }

  /** A hash of what makes two subscriptions the same: the callback and the filter. */
  private static String dedupKey(URI callback, @Nullable LifecycleChangeNotificationsFilter f) {
    String filter = f == null ? "" : Subscription.write(Json.MAPPER.valueToTree(f));
    try {
      MessageDigest sha = MessageDigest.getInstance("SHA-256");
      byte[] h = sha.digest((callback + "\n" + filter).getBytes(StandardCharsets.UTF_8));
      return HexFormat.of().formatHex(h);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is missing from this JDK", e);
    }
  }
}
