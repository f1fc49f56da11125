package org.nfpvnfm.dpdk.agent.internal;

import com.fasterxml.jackson.core.JsonProcessingException;
import jakarta.inject.Inject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import java.util.List;
import org.nfpvnfm.dpdk.agent.GraphInfo;
import org.nfpvnfm.dpdk.agent.NodeAgent;

/**
 * {@code /api/v1/graphs}: the deployed graphs. Bodies are taken as text and parsed by {@link
 * NodeService}: a service graph must go through the engine's reader ({@code ServiceGraphJson}),
 * which refuses unknown format versions and fields.
 */
@Path(NodeAgent.API_PATH + "/graphs")
@Produces(MediaType.APPLICATION_JSON)
public final class GraphsResource {
  private final NodeService service;

  @Inject
  public GraphsResource(NodeService service) {
    this.service = service;
  }

  @GET
  public List<GraphInfo> graphs() {
    return service.graphs();
  }

  @GET
  @Path("{name}")
  public String graph(@PathParam("name") String name) {
    return service.graphJson(name);
  }

  /** 201 with a {@code Location} when {@code name} was new, 200 when it replaced a graph. */
  @PUT
  @Path("{name}")
  @Consumes(MediaType.APPLICATION_JSON)
  public Response put(@PathParam("name") String name, String body, @Context UriInfo uri) {
    NodeService.Deployed d = service.put(name, body);
    return d.created()
        ? Response.created(uri.getRequestUri()).entity(d.graph()).build()
        : Response.ok(d.graph()).build();
  }

  @DELETE
  @Path("{name}")
  public Response delete(@PathParam("name") String name) {
    service.delete(name);
    return Response.noContent().build();
  }

  @PUT
  @Path("{name}/mergers")
  @Consumes(MediaType.APPLICATION_JSON)
  public GraphInfo mergers(@PathParam("name") String name, String body)
      throws JsonProcessingException {
    return service.setMergers(name, body);
  }
}
