package org.nfpvnfm.vnfm.internal.pm;

import com.fasterxml.jackson.databind.JsonNode;
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
import org.nfpvnfm.vnfm.internal.rest.AttributeFilter;
import org.nfpvnfm.vnfm.internal.rest.Paging;

/** {@code /vnfpm/v2/thresholds} (SOL003 §6.4.5, §6.4.6). Thin: {@link Thresholds} decides. */
@Path("vnfpm/v2/thresholds")
@Produces(MediaType.APPLICATION_JSON)
public final class ThresholdsResource {
  private final Thresholds thresholds;

  @Inject
  ThresholdsResource(Thresholds thresholds) {
    this.thresholds = thresholds;
  }

  @POST
  @Consumes(MediaType.APPLICATION_JSON)
  public Response create(@Nullable JsonNode body) {
    ObjectNode t = thresholds.create(body);
    return Response.created(URI.create(t.path("_links").path("self").path("href").asText()))
        .entity(t)
        .build();
  }

  @GET
  public Response list(
      @QueryParam("filter") @Nullable String filter,
      @QueryParam("nextpage_opaque_marker") @Nullable String marker,
      @Context UriInfo uri) {
    AttributeFilter f = AttributeFilter.parse(filter);
    return Paging.page(thresholds.list().stream().filter(f::test).toList(), marker, uri);
  }

  @GET
  @Path("{thresholdId}")
  public ObjectNode get(@PathParam("thresholdId") String id) {
    return thresholds.get(id);
  }

  @PATCH
  @Path("{thresholdId}")
  @Consumes({"application/merge-patch+json", MediaType.APPLICATION_JSON})
  public ObjectNode modify(@PathParam("thresholdId") String id, @Nullable JsonNode body) {
    return thresholds.modify(id, body);
  }

  @DELETE
  @Path("{thresholdId}")
  public Response delete(@PathParam("thresholdId") String id) {
    thresholds.delete(id);
    return Response.noContent().build();
  }
}
