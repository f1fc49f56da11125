package org.nfpvnfm.vnfm.internal.pm;

import java.net.URI;
import java.net.http.HttpClient;
import java.util.function.Supplier;
import org.glassfish.jersey.internal.inject.AbstractBinder;
import org.glassfish.jersey.server.ResourceConfig;
import org.nfpvnfm.vnfm.VnfmConfig;
import org.nfpvnfm.vnfm.internal.fm.NodeCounters;
import org.nfpvnfm.vnfm.internal.nodes.ComputeNodes;
import org.nfpvnfm.vnfm.internal.rest.ApiPart;
import org.nfpvnfm.vnfm.internal.store.Database;

/**
 * Performance management's part of the API: {@code /vnfpm/v2} PM jobs with their reports, and
 * thresholds; and the collector that measures the compute nodes' counters for them while the VNFM
 * runs.
 */
public final class PmPart implements ApiPart {
  private final PmJobs jobs;
  private final Thresholds thresholds;
  private final PmCollector collector;

  /**
   * @param http the client that tests callback URIs
   * @param listener told of every report made and threshold crossed, in its transaction
   */
  public PmPart(
      VnfmConfig config,
      Database db,
      ComputeNodes nodes,
      HttpClient http,
      PmListener listener,
      Supplier<URI> base) {
    PmLinks links = new PmLinks(base);
    CallbackCheck callbacks = new CallbackCheck(http, config.notifications().timeout());
    this.jobs = new PmJobs(db, callbacks, links);
    this.thresholds = new Thresholds(db, callbacks, jobs, links);
    this.collector =
        new PmCollector(
            db,
            new NodeCounters(nodes, "the PM collector"),
            listener,
            links,
            config.monitoring().thresholdInterval());
  }

  @Override
  public void register(ResourceConfig config) {
    config.register(
        new AbstractBinder() {
          @Override
          protected void configure() {
            bind(jobs).to(PmJobs.class);
            bind(thresholds).to(Thresholds.class);
          }
        });
    config.register(PmJobsResource.class).register(ThresholdsResource.class);
  }

  @Override
  public void start() {
    collector.start();
  }

  @Override
  public void close() {
    collector.close();
  }
}
