package org.nfpvnfm.dpdk.agent.internal;

import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import org.nfpvnfm.dpdk.agent.NodeAgent;
import org.nfpvnfm.dpdk.agent.NodeInfo;

/** {@code /api/v1/node}. */
@Path(NodeAgent.API_PATH + "/node")
@Produces(MediaType.APPLICATION_JSON)
public final class NodeResource {
  private final NodeService service;

  @Inject
  public NodeResource(NodeService service) {
    this.service = service;
  }

  @GET
  public NodeInfo node() {
    return service.node();
  }
}
