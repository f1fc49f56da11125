package org.nfpvnfm.dpdk.agent.internal;

import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import org.nfpvnfm.dpdk.agent.GraphStats;
import org.nfpvnfm.dpdk.agent.NodeAgent;
import org.nfpvnfm.dpdk.node.NodeStats;

/** {@code /api/v1/stats}: the node's counters, whole or one graph's. */
@Path(NodeAgent.API_PATH + "/stats")
@Produces(MediaType.APPLICATION_JSON)
public final class StatsResource {
  private final NodeService service;

  @Inject
  public StatsResource(NodeService service) {
    this.service = service;
  }

  @GET
  public NodeStats stats() {
    return service.stats();
  }

  @GET
  @Path("graphs/{name}")
  public GraphStats graph(@PathParam("name") String name) {
    return service.graphStats(name);
  }
}
