package org.nfpvnfm.vnfm.internal.fm;

import java.net.URI;
import java.util.function.Supplier;
import org.glassfish.jersey.internal.inject.AbstractBinder;
import org.glassfish.jersey.server.ResourceConfig;
import org.nfpvnfm.vnfm.VnfmConfig;
import org.nfpvnfm.vnfm.internal.nodes.ComputeNodes;
import org.nfpvnfm.vnfm.internal.rest.ApiPart;
import org.nfpvnfm.vnfm.internal.store.Database;

/**
 * Fault management's part of the API: {@code /vnffm/v1/alarms}, and the watcher that raises and
 * clears alarms from the compute nodes' counters while the VNFM runs.
 */
public final class FmPart implements ApiPart {
  private final Alarms alarms;
  private final FaultWatcher watcher;

  /**
   * @param listener told of every alarm raised or cleared, in its transaction (notifications)
   */
  public FmPart(
      VnfmConfig config,
      Database db,
      ComputeNodes nodes,
      AlarmListener listener,
      Supplier<URI> base) {
    this.alarms = new Alarms(db, base);
    this.watcher =
        new FaultWatcher(
            db,
            new NodeCounters(nodes, "the fault watcher"),
            listener,
            config.monitoring().faultInterval(),
            config.monitoring().alarmQuietPeriod());
  }

  @Override
  public void register(ResourceConfig config) {
    config.register(
        new AbstractBinder() {
          @Override
          protected void configure() {
            bind(alarms).to(Alarms.class);
          }
        });
    config.register(AlarmsResource.class);
  }

  @Override
  public void start() {
    watcher.start();
  }

  public Alarms alarms() {
    return alarms;
  }

  @Override
  public void close() {
    watcher.close();
  }
}
