package org.nfpvnfm.vnfm.internal.notify;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
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
import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import org.jspecify.annotations.Nullable;
import org.nfpvnfm.vnfm.internal.rest.Json;

/**
 * {@code /vnflcm/v2/subscriptions} (SOL003 §5.4.18, §5.4.19): subscribe (201, or 303 to an
 * identical existing subscription), query with {@code filter} and paging, read, delete.
 */
@Path("vnflcm/v2/subscriptions")
@Produces(MediaType.APPLICATION_JSON)
public final class SubscriptionsResource {
  private final SubscriptionService service;
  private final String publicUri;

  SubscriptionsResource(SubscriptionService service, String publicUri) {
    this.service = service;
    this.publicUri = publicUri;
  }

  @POST
  @Consumes(MediaType.APPLICATION_JSON)
  public Response subscribe(@Nullable LccnSubscriptionRequest request, @Context UriInfo uri)
      throws InterruptedException {
    SubscriptionService.Created c = service.subscribe(request, base(uri));
    URI location = URI.create(c.subscription().href());
    if (c.existed()) {
      return Response.seeOther(location).build();
    }
    return Response.created(location).entity(c.subscription().representation()).build();
  }

  @GET
  public Response list(
      @QueryParam("filter") @Nullable String filter,
      @QueryParam("nextpage_opaque_marker") @Nullable String marker,
      @Context UriInfo uri) {
    SubscriptionService.Page page = service.list(filter, marker);
    ArrayNode body = Json.MAPPER.createArrayNode();
    page.items().forEach(s -> body.add(s.representation()));
    Response.ResponseBuilder r = Response.ok(body);
    String next = page.nextMarker();
    if (next != null) {
      String query =
          (filter == null || filter.isEmpty()
                  ? ""
                  : "filter=" + URLEncoder.encode(filter, StandardCharsets.UTF_8) + "&")
              + "nextpage_opaque_marker="
              + next;
      r.header("Link", "<" + base(uri) + "vnflcm/v2/subscriptions?" + query + ">; rel=\"next\"");
    }
    return r.build();
  }

  @GET
  @Path("{subscriptionId}")
  public ObjectNode get(@PathParam("subscriptionId") String id) {
    return service.get(id).representation();
  }

  @DELETE
  @Path("{subscriptionId}")
  public Response delete(@PathParam("subscriptionId") String id) {
    service.delete(id);
    return Response.noContent().build();
  }

  /** The API root callers reach: the configured public URI, else the request's. */
  private URI base(UriInfo uri) {
    String b = publicUri.isEmpty() ? uri.getBaseUri().toString() : publicUri;
    return URI.create(b.endsWith("/") ? b : b + "/");
  }
}
