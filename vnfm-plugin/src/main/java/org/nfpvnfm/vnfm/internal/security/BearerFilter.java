package org.nfpvnfm.vnfm.internal.security;

import jakarta.annotation.Priority;
import jakarta.ws.rs.Priorities;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerRequestFilter;
import jakarta.ws.rs.container.PreMatching;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.SecurityContext;
import java.security.Principal;
import java.util.List;
import java.util.Set;
import org.jspecify.annotations.Nullable;
import org.nfpvnfm.vnfm.internal.rest.ProblemMapper;

/**
 * Every request needs a valid bearer token (RFC 6750 §2.1, the {@code Authorization} header),
 * except the built-in issuer's own endpoints. It runs before resource matching and before the
 * {@code Version} check ({@link Priorities#AUTHENTICATION} is lower than the version filter's
 * {@link Priorities#HEADER_DECORATOR}), so an anonymous caller learns nothing about the API, not
 * even which paths exist. Refusals are 401 ProblemDetails with RFC 6750 §3's {@code
 * WWW-Authenticate}; the token is never logged or quoted.
 */
@PreMatching
@Priority(Priorities.AUTHENTICATION)
public final class BearerFilter implements ContainerRequestFilter {
  private static final System.Logger LOG = System.getLogger(BearerFilter.class.getName());

  /** The realm named in {@code WWW-Authenticate}. */
  public static final String REALM = "nfp-vnfm";

  private final TokenVerifier verifier;
  private final Set<String> open;

  /**
   * @param open paths (without the leading slash, exactly) served without a token
   */
  BearerFilter(TokenVerifier verifier, Set<String> open) {
    this.verifier = verifier;
    this.open = open;
  }

  @Override
  public void filter(ContainerRequestContext request) {
    String path = request.getUriInfo().getPath();
    if (open.contains(path)) {
      return;
    }
    List<String> headers = request.getHeaders().get(HttpHeaders.AUTHORIZATION);
    if (headers == null || headers.isEmpty() || !isBearer(headers.getFirst())) {
      // No credentials of this scheme: RFC 6750 §3.1 asks for no error code.
      request.abortWith(
          refuse(path, 401, null, "a bearer token is required (Authorization: Bearer ...)"));
      return;
    }
    if (headers.size() > 1) {
      request.abortWith(
          refuse(path, 400, "invalid_request", "send one Authorization header, not several"));
      return;
    }
    String token = headers.getFirst().strip().substring("bearer".length()).strip();
    if (token.isEmpty() || token.chars().anyMatch(Character::isWhitespace)) {
      request.abortWith(
          refuse(path, 401, "invalid_token", "the Authorization header has no single token"));
      return;
    }
    try {
      TokenVerifier.Caller caller = verifier.verify(token);
      boolean secure = request.getSecurityContext().isSecure();
      request.setSecurityContext(new BearerContext(caller.subject(), secure));
    } catch (TokenException e) {
      LOG.log(
          System.Logger.Level.DEBUG,
          () -> "refused a token for " + request.getMethod() + " /" + path + ": " + e.getMessage());
      request.abortWith(
          refuse(path, e.status(), e.status() == 401 ? "invalid_token" : null, e.getMessage()));
    } catch (RuntimeException e) {
      // A library's failure on a strange token: its message may quote the token, so only its
      // kind is logged, and the caller gets a refusal rather than a 500 that would log it all.
      LOG.log(
          System.Logger.Level.WARNING,
          "could not check a token for /" + path + ": " + e.getClass().getName());
      request.abortWith(refuse(path, 401, "invalid_token", "the token could not be checked"));
    }
  }

  private static boolean isBearer(String header) {
    String h = header.strip();
    return h.regionMatches(true, 0, "bearer", 0, 6)
        && (h.length() == 6 || Character.isWhitespace(h.charAt(6)));
  }

  private static Response refuse(
      String path, int status, @Nullable String error, String description) {
    Response problem = ProblemMapper.problem(status, description, "/" + path);
    if (status != 401 && status != 400) {
      return problem;
    }
    StringBuilder challenge = new StringBuilder("Bearer realm=\"" + REALM + "\"");
    if (error != null) {
      challenge
          .append(", error=\"")
          .append(error)
          .append("\", error_description=\"")
          .append(headerSafe(description))
          .append('"');
    }
    return Response.fromResponse(problem)
        .header(HttpHeaders.WWW_AUTHENTICATE, challenge.toString())
        .build();
  }

  /** RFC 6750 §3: the description's characters are printable ASCII other than '"' and '\'. */
  private static String headerSafe(String s) {
    StringBuilder b = new StringBuilder(s.length());
    s.chars()
        .forEach(c -> b.append(c >= 0x20 && c < 0x7f && c != '"' && c != '\\' ? (char) c : '?'));
    return b.toString();
  }

  /** The caller, for resources that want to know who asked ({@code SecurityContext}). */
  private record BearerContext(String subject, boolean secure) implements SecurityContext {
    @Override
    public Principal getUserPrincipal() {
      return () -> subject;
    }

    @Override
    public boolean isUserInRole(String role) {
      return false;
    }

    @Override
    public boolean isSecure() {
      return secure;
    }

    @Override
    public String getAuthenticationScheme() {
      return "Bearer";
    }
  }
}
