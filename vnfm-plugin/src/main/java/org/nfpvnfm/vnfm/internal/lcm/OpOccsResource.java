package org.nfpvnfm.vnfm.internal.lcm;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import jakarta.inject.Inject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import org.jspecify.annotations.Nullable;
import org.nfpvnfm.vnfm.internal.rest.AttributeFilter;
import org.nfpvnfm.vnfm.internal.rest.Paging;

/**
 * {@code /vnflcm/v2/vnf_lcm_op_occs}: operation occurrences and the tasks on them (SOL003 §5.4.12
 * to §5.4.17): retry, rollback and fail of a FAILED_TEMP one, cancel of a running one.
 */
@Path("vnflcm/v2/vnf_lcm_op_occs")
@Produces(MediaType.APPLICATION_JSON)
public final class OpOccsResource {
  private final Lifecycle lifecycle;

  @Inject
  public OpOccsResource(Lifecycle lifecycle) {
    this.lifecycle = lifecycle;
  }

  @GET
  public Response list(
      @QueryParam("filter") @Nullable String filter,
      @QueryParam("nextpage_opaque_marker") @Nullable String marker,
      @Context UriInfo uri) {
    AttributeFilter f = AttributeFilter.parse(filter);
    return Paging.page(lifecycle.opOccs().stream().filter(f::test).toList(), marker, uri);
  }

  @GET
  @Path("{id}")
  public ObjectNode get(@PathParam("id") String id) {
    return lifecycle.opOcc(id);
  }

  /**
   * The steps the VNFM took, oldest first: this VNFM's addition to SOL003 (whose VnfLcmOpOcc has no
   * attribute for them).
   */
  @GET
  @Path("{id}/steps")
  public java.util.List<String> steps(@PathParam("id") String id) {
    return lifecycle.steps(id);
  }

  @POST
  @Path("{id}/retry")
  public Response retry(@PathParam("id") String id) {
    lifecycle.retry(id);
    return Response.accepted().build();
  }

  @POST
  @Path("{id}/rollback")
  public Response rollback(@PathParam("id") String id) {
    lifecycle.rollback(id);
    return Response.accepted().build();
  }

  @POST
  @Path("{id}/fail")
  public ObjectNode fail(@PathParam("id") String id) {
    return lifecycle.fail(id);
  }

  @POST
  @Path("{id}/cancel")
  @Consumes(MediaType.APPLICATION_JSON)
  public Response cancel(@PathParam("id") String id, @Nullable JsonNode body) {
    JsonNode b = VnfInstancesResource.orEmpty(body);
    lifecycle.cancel(id, b.path("cancelMode").asText("FORCEFUL"));
    return Response.accepted().build();
  }
}
