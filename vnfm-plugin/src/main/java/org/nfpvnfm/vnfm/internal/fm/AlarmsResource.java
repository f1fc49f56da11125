package org.nfpvnfm.vnfm.internal.fm;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import jakarta.inject.Inject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.PATCH;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import org.jspecify.annotations.Nullable;
import org.nfpvnfm.vnfm.internal.rest.ApiException;
import org.nfpvnfm.vnfm.internal.rest.AttributeFilter;
import org.nfpvnfm.vnfm.internal.rest.Paging;

/** {@code /vnffm/v1/alarms} (SOL003 §7.4.2, §7.4.3). Thin: {@link Alarms} decides. */
@Path("vnffm/v1/alarms")
@Produces(MediaType.APPLICATION_JSON)
public final class AlarmsResource {
  private final Alarms alarms;

  @Inject
  public AlarmsResource(Alarms alarms) {
    this.alarms = alarms;
  }

  @GET
  public Response list(
      @QueryParam("filter") @Nullable String filter,
      @QueryParam("nextpage_opaque_marker") @Nullable String marker,
      @Context UriInfo uri) {
    AttributeFilter f = AttributeFilter.parse(filter);
    return Paging.page(alarms.list().stream().filter(f::test).toList(), marker, uri);
  }

  @GET
  @Path("{alarmId}")
  public ObjectNode get(@PathParam("alarmId") String id) {
    return alarms.get(id);
  }

  @PATCH
  @Path("{alarmId}")
  @Consumes({"application/merge-patch+json", MediaType.APPLICATION_JSON})
  public ObjectNode modify(@PathParam("alarmId") String id, @Nullable JsonNode body) {
    if (body == null || body.isNull() || body.isMissingNode()) {
      throw ApiException.badRequest("the request needs an AlarmModifications body");
    }
    return alarms.modify(id, body);
  }
}
