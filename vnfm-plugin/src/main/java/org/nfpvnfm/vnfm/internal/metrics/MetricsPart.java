package org.nfpvnfm.vnfm.internal.metrics;

import jakarta.ws.rs.Priorities;
import org.glassfish.jersey.internal.inject.AbstractBinder;
import org.glassfish.jersey.server.ResourceConfig;
import org.nfpvnfm.vnfm.VnfmConfig;
import org.nfpvnfm.vnfm.internal.events.EventsPart;
import org.nfpvnfm.vnfm.internal.lcm.LcmPart;
import org.nfpvnfm.vnfm.internal.notify.NotificationPart;
import org.nfpvnfm.vnfm.internal.rest.ApiPart;
import org.nfpvnfm.vnfm.internal.store.Database;

/**
 * {@code GET /metrics} ({@code metrics} in the configuration): the {@link VnfmMetrics} of this
 * VNFM, and the {@link HttpMetrics} filter that times every request. The path is outside every API
 * root, so the {@code Version} check leaves it alone; {@code SecurityPart} serves it without a
 * token unless {@code metrics.requireToken}.
 */
public final class MetricsPart implements ApiPart {
  /**
   * The request timer runs before the bearer-token check ({@link Priorities#AUTHENTICATION}), so
   * that refused requests are timed too.
   */
  static final int TIMER_PRIORITY = Priorities.AUTHENTICATION - 500;

  private final HttpMetrics http = new HttpMetrics();
  private final VnfmMetrics metrics;

  public MetricsPart(
      VnfmConfig config,
      Database db,
      LcmPart lcm,
      NotificationPart notifications,
      EventsPart events,
      String version) {
    this.metrics =
        new VnfmMetrics(
            db,
            lcm.lifecycle().operationRuns(),
            notifications,
            events,
            lcm.nodes(),
            http,
            config.metrics().nodeTimeout(),
            version);
  }

  @Override
  public void register(ResourceConfig rc) {
    rc.register(http, TIMER_PRIORITY);
    rc.register(
        new AbstractBinder() {
          @Override
          protected void configure() {
            bind(metrics).to(VnfmMetrics.class);
          }
        });
    rc.register(MetricsResource.class);
  }

  /** The metrics, for embedding code and tests. */
  public VnfmMetrics metrics() {
    return metrics;
  }

  @Override
  public void close() {
    metrics.close();
  }
}
