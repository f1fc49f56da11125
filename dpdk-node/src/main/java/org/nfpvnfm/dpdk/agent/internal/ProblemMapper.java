package org.nfpvnfm.dpdk.agent.internal;

import com.fasterxml.jackson.core.JsonProcessingException;
import jakarta.ws.rs.NotAcceptableException;
import jakarta.ws.rs.NotAllowedException;
import jakarta.ws.rs.NotFoundException;
import jakarta.ws.rs.NotSupportedException;
import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.Request;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import jakarta.ws.rs.ext.ExceptionMapper;
import jakarta.ws.rs.ext.Provider;
import java.util.TreeSet;
import java.util.UUID;
import org.jspecify.annotations.Nullable;
import org.nfpvnfm.dpdk.agent.NoSuchGraphException;
import org.nfpvnfm.dpdk.agent.NodeAgent;
import org.nfpvnfm.dpdk.agent.ProblemDetails;

/**
 * The agent's one exception mapper: every failure, the agent's own and Jersey's (no such path,
 * method not allowed, unsupported media type), becomes a {@link ProblemDetails} in {@code
 * application/problem+json}, never a stack trace or an HTML page.
 *
 * <ul>
 *   <li>{@link NoSuchGraphException}: 404.
 *   <li>{@link IllegalArgumentException} (a bad name, graph, body or table, which the node and the
 *       engine's reader say in their messages): 400.
 *   <li>{@link JsonProcessingException}: 400 with the parser's message and position.
 *   <li>{@link RequestTooLargeException}: 413.
 *   <li>{@link WebApplicationException}: its own status, with a detail that names the request.
 *   <li>Anything else: 500. The cause is logged with a fresh id, and the detail carries the id
 *       only, so nothing internal leaks to the caller.
 * </ul>
 */
@Provider
public final class ProblemMapper implements ExceptionMapper<Throwable> {
  private static final System.Logger LOG = System.getLogger(ProblemMapper.class.getName());

  @Context private @Nullable UriInfo uri;
  @Context private @Nullable Request request;
  @Context private @Nullable HttpHeaders headers;

  @Override
  public Response toResponse(Throwable e) {
    return switch (e) {
      case NoSuchGraphException x -> problem(404, message(x));
      case IllegalArgumentException x -> problem(400, message(x));
      case JsonProcessingException x ->
          problem(400, "the body is not valid JSON: " + x.getOriginalMessage() + where(x));
      case RequestTooLargeException x -> problem(413, message(x));
      case WebApplicationException x -> fromJersey(x);
      default -> internal(500, e);
    };
  }

  private Response fromJersey(WebApplicationException e) {
    Response original = e.getResponse();
    int status = original.getStatus();
    if (status >= 500) {
      return internal(status, e);
    }
    String detail =
        switch (e) {
          case NotFoundException _ ->
              "nothing at "
                  + method()
                  + " "
                  + path()
                  + " (the API is under "
                  + NodeAgent.API_PATH
                  + ": node, graphs, stats)";
          case NotAllowedException _ ->
              method()
                  + " is not allowed on "
                  + path()
                  + " (allowed: "
                  + String.join(", ", new TreeSet<>(original.getAllowedMethods()))
                  + ")";
          case NotSupportedException _ ->
              "content type "
                  + (headers == null ? null : headers.getMediaType())
                  + " is not accepted by "
                  + method()
                  + " "
                  + path()
                  + " (expected: application/json)";
          case NotAcceptableException _ ->
              "none of the accepted types "
                  + (headers == null ? "" : headers.getAcceptableMediaTypes())
                  + " can be produced by "
                  + method()
                  + " "
                  + path()
                  + " (expected: application/json)";
          default -> e.getCause() == null ? message(e) : message(e) + ": " + message(e.getCause());
        };
    Response.ResponseBuilder b = builder(status, detail);
    if (status == 405) {
      b.allow(original.getAllowedMethods());
    }
    return b.build();
  }

  private Response internal(int status, Throwable e) {
    String id = UUID.randomUUID().toString();
    LOG.log(
        System.Logger.Level.ERROR,
        () -> "problem " + id + ": " + method() + " " + path() + " failed with " + status,
        e);
    return problem(
        status, "internal error; the node agent logged the cause under problem id " + id);
  }

  private Response problem(int status, String detail) {
    return builder(status, detail).build();
  }

  private Response.ResponseBuilder builder(int status, String detail) {
    Response.StatusType type = Response.Status.fromStatusCode(status);
    String title = type == null ? "HTTP " + status : type.getReasonPhrase();
    return Response.status(status)
        .type(ProblemDetails.MEDIA_TYPE)
        .entity(new ProblemDetails(ProblemDetails.ABOUT_BLANK, title, status, detail, path()));
  }

  private static String message(Throwable e) {
    String m = e.getMessage();
    return m == null ? e.getClass().getSimpleName() : m;
  }

  private static String where(JsonProcessingException e) {
    var at = e.getLocation();
    return at == null ? "" : " (line " + at.getLineNr() + ", column " + at.getColumnNr() + ")";
  }

  private String method() {
    return request == null ? "?" : request.getMethod();
  }

  private @Nullable String path() {
    return uri == null ? null : "/" + uri.getPath(false);
  }
}
