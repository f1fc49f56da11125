package org.nfpvnfm.vnfm.internal.notify;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import jakarta.inject.Inject;
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
import java.util.stream.Collectors;
import org.jspecify.annotations.Nullable;
import org.nfpvnfm.vnfm.internal.rest.ApiException;
import org.nfpvnfm.vnfm.internal.rest.Json;

/**
 * {@code /vnflcm/v2/subscriptions} (SOL003 §5.4.18, §5.4.19): subscribe (201, or 303 to an
 * identical existing subscription), query with {@code filter} and paging, read, delete.
 */
@Path("vnflcm/v2/subscriptions")
@Produces(MediaType.APPLICATION_JSON)
public final class SubscriptionsResource {
  private final SubscriptionService service;

  @Inject
  public SubscriptionsResource(SubscriptionService service) {
    this.service = service;
  }

  /**
   * The body is read here rather than by Jersey's Jackson provider, whose own exception mappers
   * would answer a malformed body with plain text instead of a ProblemDetails.
   */
  @POST
  @Consumes(MediaType.APPLICATION_JSON)
  public Response subscribe(String body, @Context UriInfo uri) throws InterruptedException {
    SubscriptionService.Created c = service.subscribe(read(body), uri.getBaseUri());
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

  private URI base(UriInfo uri) {
    return service.base(uri.getBaseUri());
  }

  private static LccnSubscriptionRequest read(String body) {
    if (body.isBlank()) {
      throw ApiException.badRequest("the body must be an LccnSubscriptionRequest (it is empty)");
    }
    try {
      return Json.MAPPER.readValue(body, LccnSubscriptionRequest.class);
    } catch (JsonMappingException e) {
      String at =
          e.getPath().stream()
              .map(r -> r.getFieldName() != null ? r.getFieldName() : "[" + r.getIndex() + "]")
              .collect(Collectors.joining("."));
      throw ApiException.badRequest(
          "the body does not fit an LccnSubscriptionRequest: "
              + e.getOriginalMessage()
              + (at.isEmpty() ? "" : " (at " + at + ")"));
    } catch (JsonProcessingException e) {
      JsonLocation l = e.getLocation();
      throw ApiException.badRequest(
          "the body is not valid JSON: "
              + e.getOriginalMessage()
              + (l == null ? "" : " (line " + l.getLineNr() + ", column " + l.getColumnNr() + ")"));
    }
  }
}
