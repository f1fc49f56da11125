package org.nfpvnfm.vnfm.internal.rest;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonMappingException;
import jakarta.ws.rs.NotAllowedException;
import jakarta.ws.rs.NotFoundException;
import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import jakarta.ws.rs.ext.ExceptionMapper;
import jakarta.ws.rs.ext.Provider;
import java.util.UUID;
import java.util.stream.Collectors;
import org.jspecify.annotations.Nullable;
import org.nfpvnfm.vnfm.ProblemDetails;
import org.nfpvnfm.vnfm.internal.store.StoreException;

/**
 * The VNFM's one exception mapper: every failure becomes an ETSI {@link ProblemDetails} in {@code
 * application/problem+json}, never a stack trace or an HTML page.
 *
 * <ul>
 *   <li>{@link ApiException}: its own status and detail.
 *   <li>{@link JsonProcessingException}: 400 with the parser's message and where in the body.
 *   <li>{@link StoreException}: 503, the database is unavailable; logged with an id.
 *   <li>Jersey's own (no such path, method not allowed, unsupported media type): their status.
 *   <li>Anything else: 500, logged with a fresh id that the detail carries, so nothing internal
 *       reaches the caller.
 * </ul>
 */
@Provider
public final class ProblemMapper implements ExceptionMapper<Throwable> {
  private static final System.Logger LOG = System.getLogger(ProblemMapper.class.getName());

  @Context private @Nullable UriInfo uri;

  @Override
  public Response toResponse(Throwable e) {
    return switch (e) {
      case ApiException x -> problem(x.status(), x.getMessage());
      case JsonMappingException x ->
          problem(400, "the body does not fit: " + x.getOriginalMessage() + path(x) + where(x));
      case JsonProcessingException x ->
          problem(400, "the body is not valid JSON: " + x.getOriginalMessage() + where(x));
      case StoreException x -> internal(503, "the VNFM's database is unavailable", x);
      case WebApplicationException x -> fromJersey(x);
      default -> internal(500, "an internal error", e);
    };
  }

  private Response fromJersey(WebApplicationException e) {
    int status = e.getResponse().getStatus();
    if (status >= 500) {
      return internal(status, "an internal error", e);
    }
    Throwable cause = e.getCause();
    if (cause instanceof JsonProcessingException j) {
      return toResponse(j);
    }
    String detail =
        switch (e) {
          case NotFoundException _ -> "no resource at " + path();
          case NotAllowedException x ->
              "this method is not allowed on "
                  + path()
                  + " (allowed: "
                  + String.join(", ", x.getResponse().getAllowedMethods())
                  + ")";
          default -> {
            String m = e.getMessage();
            yield m == null ? e.getResponse().getStatusInfo().getReasonPhrase() : m;
          }
        };
    return problem(status, detail);
  }

  private String path() {
    return uri == null ? "this path" : "/" + uri.getPath();
  }

  private static String path(JsonMappingException e) {
    if (e.getPath().isEmpty()) {
      return "";
    }
    return " (at "
        + e.getPath().stream()
            .map(r -> r.getFieldName() != null ? r.getFieldName() : "[" + r.getIndex() + "]")
            .collect(Collectors.joining("."))
        + ")";
  }

  private static String where(JsonProcessingException e) {
    JsonLocation l = e.getLocation();
    return l == null ? "" : " (line " + l.getLineNr() + ", column " + l.getColumnNr() + ")";
  }

  private Response internal(int status, String what, Throwable e) {
    String id = UUID.randomUUID().toString();
    LOG.log(System.Logger.Level.ERROR, "problem " + id + " at " + path() + ": " + what, e);
    return problem(status, what + "; the VNFM logged it as problem " + id);
  }

  private Response problem(int status, String detail) {
    return problem(status, detail, uri == null ? null : "/" + uri.getPath());
  }

  /** The response for a problem: the body, its media type, and the status. */
  public static Response problem(int status, String detail, @Nullable String instance) {
    Response.StatusType st = Response.Status.fromStatusCode(status);
    String title = st == null ? "Error " + status : st.getReasonPhrase();
    return Response.status(status)
        .type(ProblemDetails.MEDIA_TYPE)
        .entity(new ProblemDetails("about:blank", title, status, detail, instance))
        .build();
  }
}
