package org.nfpvnfm.vnfm.internal.rest;

import jakarta.annotation.Priority;
import jakarta.ws.rs.Priorities;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerRequestFilter;
import jakarta.ws.rs.container.ContainerResponseContext;
import jakarta.ws.rs.container.ContainerResponseFilter;
import jakarta.ws.rs.container.PreMatching;
import jakarta.ws.rs.ext.Provider;
import java.util.Optional;

/**
 * The {@code Version} header, as Tacker handles it: required on every request to an API (missing:
 * 400), refused when this VNFM does not serve it (406), and returned on every response with the
 * version served. The {@code api_versions} resources, which a client reads to learn the version, do
 * not need it.
 */
@Provider
@PreMatching
@Priority(Priorities.HEADER_DECORATOR)
public final class VersionFilter implements ContainerRequestFilter, ContainerResponseFilter {
  public static final String HEADER = "Version";

  @Override
  public void filter(ContainerRequestContext request) {
    String path = request.getUriInfo().getPath();
    Optional<ApiVersions.Api> api = ApiVersions.of(path);
    if (api.isEmpty() || path.endsWith("api_versions") || path.endsWith("api-versions")) {
      return;
    }
    String asked = request.getHeaderString(HEADER);
    if (asked == null || asked.isBlank()) {
      request.abortWith(
          ProblemMapper.problem(
              400,
              "the Version header is required (this VNFM serves "
                  + api.get().root()
                  + " at version "
                  + api.get().version()
                  + ")",
              "/" + path));
    } else if (!ApiVersions.accepts(api.get(), asked)) {
      request.abortWith(
          ProblemMapper.problem(
              406,
              "Version "
                  + asked.strip()
                  + " is not supported by "
                  + api.get().root()
                  + " (served: "
                  + api.get().version()
                  + ")",
              "/" + path));
    }
  }

  @Override
  public void filter(ContainerRequestContext request, ContainerResponseContext response) {
    ApiVersions.of(request.getUriInfo().getPath())
        .ifPresent(a -> response.getHeaders().putSingle(HEADER, a.version()));
  }
}
