package org.nfpvnfm.vnfm.internal.lcm;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import jakarta.inject.Inject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.PATCH;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import java.net.URI;
import org.jspecify.annotations.Nullable;
import org.nfpvnfm.vnfm.internal.rest.ApiException;
import org.nfpvnfm.vnfm.internal.rest.AttributeFilter;
import org.nfpvnfm.vnfm.internal.rest.Paging;

/**
 * {@code /vnflcm/v2/vnf_instances}: VNF instances and the operations on them (SOL003 §5.4.2 to
 * §5.4.9). Thin: it reads the request, and {@link Lifecycle} decides.
 */
@Path("vnflcm/v2/vnf_instances")
@Produces(MediaType.APPLICATION_JSON)
public final class VnfInstancesResource {
  private final Lifecycle lifecycle;

  @Inject
  public VnfInstancesResource(Lifecycle lifecycle) {
    this.lifecycle = lifecycle;
  }

  @POST
  @Consumes(MediaType.APPLICATION_JSON)
  public Response create(@Nullable JsonNode body) {
    ObjectNode created = lifecycle.create(object(body));
    return Response.created(URI.create(created.path("_links").path("self").path("href").asText()))
        .entity(created)
        .build();
  }

  @GET
  public Response list(
      @QueryParam("filter") @Nullable String filter,
      @QueryParam("nextpage_opaque_marker") @Nullable String marker,
      @Context UriInfo uri) {
    AttributeFilter f = AttributeFilter.parse(filter);
    return Paging.page(lifecycle.list().stream().filter(f::test).toList(), marker, uri);
  }

  @GET
  @Path("{id}")
  public ObjectNode get(@PathParam("id") String id) {
    return lifecycle.get(id);
  }

  @PATCH
  @Path("{id}")
  @Consumes({"application/merge-patch+json", MediaType.APPLICATION_JSON})
  public Response modify(@PathParam("id") String id, @Nullable JsonNode body) {
    return accepted(lifecycle.start(id, Operations.MODIFY_INFO, object(body)));
  }

  @DELETE
  @Path("{id}")
  public Response delete(@PathParam("id") String id) {
    lifecycle.delete(id);
    return Response.noContent().build();
  }

  @POST
  @Path("{id}/instantiate")
  @Consumes(MediaType.APPLICATION_JSON)
  public Response instantiate(@PathParam("id") String id, @Nullable JsonNode body) {
    return accepted(lifecycle.start(id, Operations.INSTANTIATE, object(body)));
  }

  @POST
  @Path("{id}/scale")
  @Consumes(MediaType.APPLICATION_JSON)
  public Response scale(@PathParam("id") String id, @Nullable JsonNode body) {
    return accepted(lifecycle.start(id, Operations.SCALE, object(body)));
  }

  @POST
  @Path("{id}/heal")
  @Consumes(MediaType.APPLICATION_JSON)
  public Response heal(@PathParam("id") String id, @Nullable JsonNode body) {
    return accepted(lifecycle.start(id, Operations.HEAL, orEmpty(body)));
  }

  @POST
  @Path("{id}/terminate")
  @Consumes(MediaType.APPLICATION_JSON)
  public Response terminate(@PathParam("id") String id, @Nullable JsonNode body) {
    return accepted(lifecycle.start(id, Operations.TERMINATE, object(body)));
  }

  @POST
  @Path("{id}/change_ext_conn")
  @Consumes(MediaType.APPLICATION_JSON)
  public Response changeExtConn(@PathParam("id") String id, @Nullable JsonNode body) {
    return accepted(lifecycle.start(id, Operations.CHANGE_EXT_CONN, object(body)));
  }

  private static Response accepted(ObjectNode opOcc) {
    return Response.accepted()
        .location(URI.create(opOcc.path("_links").path("self").path("href").asText()))
        .build();
  }

  static JsonNode object(@Nullable JsonNode body) {
    if (body == null || body.isNull() || body.isMissingNode()) {
      throw ApiException.badRequest("the request needs a JSON body");
    }
    if (!body.isObject()) {
      throw ApiException.badRequest(
          "the request body must be a JSON object (got " + body.getNodeType() + ")");
    }
    return body;
  }

  static JsonNode orEmpty(@Nullable JsonNode body) {
    return body == null || body.isNull() || body.isMissingNode()
        ? JsonNodeFactory.instance.objectNode()
        : object(body);
  }
}
