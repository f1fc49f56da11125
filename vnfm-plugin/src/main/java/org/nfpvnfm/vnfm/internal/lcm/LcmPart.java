package org.nfpvnfm.vnfm.internal.lcm;

import java.net.URI;
import java.net.http.HttpClient;
import java.util.function.Supplier;
import org.glassfish.jersey.internal.inject.AbstractBinder;
import org.glassfish.jersey.server.ResourceConfig;
import org.nfpvnfm.vnfm.VnfmConfig;
import org.nfpvnfm.vnfm.internal.events.EventSink;
import org.nfpvnfm.vnfm.internal.nodes.ComputeNodes;
import org.nfpvnfm.vnfm.internal.notify.Notifier;
import org.nfpvnfm.vnfm.internal.pkg.PackageCatalog;
import org.nfpvnfm.vnfm.internal.rest.ApiPart;
import org.nfpvnfm.vnfm.internal.store.Database;

/**
 * The lifecycle's part of the API: {@code /vnflcm/v2} instances and operation occurrences, with the
 * compute nodes they deploy on. At start it repairs what a crash left in flight.
 */
public final class LcmPart implements ApiPart {
  private final Lifecycle lifecycle;
  private final ComputeNodes nodes;

  public LcmPart(
      VnfmConfig config,
      Database db,
      Notifier notifier,
      PackageCatalog catalog,
      ComputeNodes nodes,
      HttpClient http,
      Supplier<URI> base) {
    this(config, db, notifier, EventSink.none(), catalog, nodes, http, base);
  }

  public LcmPart(
      VnfmConfig config,
      Database db,
      Notifier notifier,
      EventSink events,
      PackageCatalog catalog,
      ComputeNodes nodes,
      HttpClient http,
      Supplier<URI> base) {
    this.nodes = nodes;
    Granter granter =
        config.nfvo().selfGranting() ? new SelfGranter() : new NfvoGranter(config.nfvo(), http);
    this.lifecycle = new Lifecycle(db, notifier, events, catalog, granter, nodes, base);
  }

  @Override
  public void register(ResourceConfig config) {
    config.register(
        new AbstractBinder() {
          @Override
          protected void configure() {
            bind(lifecycle).to(Lifecycle.class);
          }
        });
    config.register(VnfInstancesResource.class).register(OpOccsResource.class);
  }

  @Override
  public void start() {
    lifecycle.repair();
  }

  public Lifecycle lifecycle() {
    return lifecycle;
  }

  public ComputeNodes nodes() {
    return nodes;
  }

  @Override
  public void close() {
    lifecycle.close();
    nodes.close();
  }
}
