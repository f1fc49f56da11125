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
import java.util.Arrays;
import org.jspecify.annotations.Nullable;
import org.nfpvnfm.vnfm.internal.rest.AttributeFilter;
import org.nfpvnfm.vnfm.internal.rest.Paging;

/**
 * {@code /vnfpm/v2/pm_jobs} (SOL003 §6.4.2 to §6.4.4). Thin: {@link PmJobs} decides. The list
 * leaves out each job's {@code reports} unless {@code all_fields} or {@code fields=reports} asks
 * for them (SOL003's default exclusion); the other field selectors are accepted and change nothing.
 */
@Path("vnfpm/v2/pm_jobs")
@Produces(MediaType.APPLICATION_JSON)
public final class PmJobsResource {
  private final PmJobs jobs;

  @Inject
  PmJobsResource(PmJobs jobs) {
    this.jobs = jobs;
  }

  @POST
  @Consumes(MediaType.APPLICATION_JSON)
  public Response create(@Nullable JsonNode body) {
    ObjectNode job = jobs.create(body);
    return Response.created(URI.create(job.path("_links").path("self").path("href").asText()))
        .entity(job)
        .build();
  }

  @GET
  public Response list(
      @QueryParam("filter") @Nullable String filter,
      @QueryParam("all_fields") @Nullable String allFields,
      @QueryParam("fields") @Nullable String fields,
      @QueryParam("exclude_fields") @Nullable String excludeFields,
      @QueryParam("exclude_default") @Nullable String excludeDefault,
      @QueryParam("nextpage_opaque_marker") @Nullable String marker,
      @Context UriInfo uri) {
    AttributeFilter f = AttributeFilter.parse(filter);
    boolean reports =
        allFields != null
            || (fields != null && Arrays.asList(fields.split(",")).contains("reports"));
    return Paging.page(jobs.list(reports).stream().filter(f::test).toList(), marker, uri);
  }

  @GET
  @Path("{pmJobId}")
  public ObjectNode get(@PathParam("pmJobId") String id) {
    return jobs.get(id);
  }

  @PATCH
  @Path("{pmJobId}")
  @Consumes({"application/merge-patch+json", MediaType.APPLICATION_JSON})
  public ObjectNode modify(@PathParam("pmJobId") String id, @Nullable JsonNode body) {
    return jobs.modify(id, body);
  }

  @DELETE
  @Path("{pmJobId}")
  public Response delete(@PathParam("pmJobId") String id) {
    jobs.delete(id);
    return Response.noContent().build();
  }

  @GET
  @Path("{pmJobId}/reports/{reportId}")
  public ObjectNode report(
      @PathParam("pmJobId") String id, @PathParam("reportId") String reportId) {
    return jobs.report(id, reportId);
  }
}
