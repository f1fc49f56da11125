package org.nfpvnfm.vnfm.internal.rest;

import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import java.util.List;
import java.util.Map;

/**
 * {@code GET /{api}/api_versions} and {@code GET /{api}/{major}/api_versions} (SOL013 §9.3): the
 * versions each API serves. PM's document spells it {@code api-versions}; both are served.
 */
@Path("{api: vnflcm|vnfpkgm|vnffm|vnfpm}")
@Produces(MediaType.APPLICATION_JSON)
public final class ApiVersionsResource {

  @GET
  @Path("{versions: api_versions|api-versions}")
  public Map<String, Object> all(@PathParam("api") String api) {
    return versions(api);
  }

  @GET
  @Path("{major: v[0-9]+}/{versions: api_versions|api-versions}")
  public Map<String, Object> major(@PathParam("api") String api, @PathParam("major") String major) {
    ApiVersions.Api a = find(api);
    if (!a.major().equals(major)) {
      throw ApiException.notFound(
          "this VNFM serves " + api + " as " + a.root() + ", not " + api + "/" + major);
    }
    return versions(api);
  }

  private static Map<String, Object> versions(String api) {
    ApiVersions.Api a = find(api);
    return Map.of(
        "uriPrefix",
        "/" + a.root(),
        "apiVersions",
        List.of(Map.of("version", a.version(), "isDeprecated", false)));
  }

  private static ApiVersions.Api find(String api) {
    return ApiVersions.ALL.stream()
        .filter(a -> a.name().equals(api))
        .findFirst()
        .orElseThrow(() -> ApiException.notFound("no API " + api));
  }
}
