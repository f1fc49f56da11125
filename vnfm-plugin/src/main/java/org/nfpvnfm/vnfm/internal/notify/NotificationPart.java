package org.nfpvnfm.vnfm.internal.notify;

import org.glassfish.jersey.internal.inject.AbstractBinder;
import org.glassfish.jersey.server.ResourceConfig;
import org.nfpvnfm.vnfm.VnfmConfig;
import org.nfpvnfm.vnfm.internal.rest.ApiPart;
import org.nfpvnfm.vnfm.internal.store.Database;

/**
 * LCM subscriptions and notification delivery: the {@code /vnflcm/v2/subscriptions} API, the {@link
 * Notifier} the lifecycle publishes through ({@link #notifier}), and the dispatcher that delivers
 * what was published, from {@link #start} to {@link #close}. See {@code
 * docs/vnfm-notifications.md}.
 */
public final class NotificationPart implements ApiPart {
  private final Dispatcher dispatcher;
  private final SubscriptionService service;
  private final OutboxNotifier notifier;

  public NotificationPart(VnfmConfig config, Database db) {
    CallbackClient client =
        new CallbackClient(config.notifications().timeout(), config.http().tls());
    this.dispatcher = new Dispatcher(db, client, config.notifications());
    this.service = new SubscriptionService(db, client, dispatcher, config.http().publicUri());
    this.notifier = new OutboxNotifier(dispatcher::wake);
  }

  /**
   * What delivery did since this VNFM started: notifications delivered (the subscriber answered
   * 2xx), attempts that failed (each is retried, up to {@code notifications.maxAttempts}), and
   * notifications given up after the last attempt (kept as FAILED).
   */
  public record DeliveryCounts(long delivered, long failedAttempts, long givenUp) {}

  /** {@link DeliveryCounts} so far. */
  public DeliveryCounts deliveries() {
    return dispatcher.counts();
  }

  /** Where the lifecycle publishes its notifications, in its own transactions. */
  public Notifier notifier() {
    return notifier;
  }

  @Override
  public void register(ResourceConfig rc) {
    rc.register(
        new AbstractBinder() {
          @Override
          protected void configure() {
            bind(service).to(SubscriptionService.class);
          }
        });
    rc.register(SubscriptionsResource.class);
  }

  @Override
  public void start() {
    dispatcher.start();
  }

  @Override
  public void close() {
    dispatcher.close();
  }
}
