package org.nfpvnfm.vnfm.internal.security;

import com.fasterxml.jackson.annotation.JsonProperty;
import jakarta.inject.Inject;
import jakarta.inject.Singleton;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.io.IOException;
import java.io.InputStream;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/**
 * The built-in issuer's endpoints: {@code POST /oauth2/token}, the client-credentials grant (RFC
 * 6749 §4.4) with the client authenticated by HTTP basic or by {@code client_id} and {@code
 * client_secret} in the form (§2.3.1), and {@code GET /oauth2/jwks}, the public key that verifies
 * the tokens (RFC 7517). Errors are RFC 6749 §5.2's JSON, not ProblemDetails: token clients expect
 * them. Neither the secrets nor the tokens are logged.
 */
@Path("oauth2")
@Singleton
public final class TokenResource {
  private static final System.Logger LOG = System.getLogger(TokenResource.class.getName());

  /** A token request is a few short parameters; anything longer is refused unread. */
  private static final int MAX_BODY = 16 * 1024;

  private final TokenIssuer issuer;
  private final PublicKeys keys;

  /** The built-in issuer's public keys, as the JWK set document served. */
  record PublicKeys(Map<String, Object> jwks) {}

  @Inject
  public TokenResource(TokenIssuer issuer, PublicKeys keys) {
    this.issuer = issuer;
    this.keys = keys;
  }

  /** RFC 6749 §5.1's successful response. */
  record TokenResponse(
      @JsonProperty("access_token") String accessToken,
      @JsonProperty("token_type") String tokenType,
      @JsonProperty("expires_in") long expiresIn) {
    @Override
    public String toString() {
      return "TokenResponse[accessToken=****, tokenType=" + tokenType + "]";
    }
  }

  /** RFC 6749 §5.2's error response. */
  record ErrorResponse(
      @JsonProperty("error") String error,
      @JsonProperty("error_description") String errorDescription) {}

  /** A refused token request: its status, RFC 6749's error code and a description. */
  private static final class Refused extends Exception {
    private static final long serialVersionUID = 1L;
    final int status;
    final String error;

    Refused(int status, String error, String description) {
      super(description, null, false, false);
      this.status = status;
      this.error = error;
    }

    @Override
    public String getMessage() {
      String m = super.getMessage();
      return m == null ? "" : m;
    }
  }

  @POST
  @Path("token")
  @Produces(MediaType.APPLICATION_JSON)
  public Response token(
      @HeaderParam(HttpHeaders.CONTENT_TYPE) @Nullable String contentType,
      @HeaderParam(HttpHeaders.AUTHORIZATION) @Nullable String authorization,
      InputStream body) {
    try {
      Map<String, String> form = form(contentType, body);
      String client = authenticate(authorization, form);
      String grant = form.get("grant_type");
      if (grant == null) {
        throw new Refused(400, "invalid_request", "the grant_type parameter is missing");
      }
      if (!grant.equals("client_credentials")) {
        throw new Refused(
            400,
            "unsupported_grant_type",
            "this issuer grants client_credentials only, not " + printable(grant));
      }
      TokenIssuer.Issued token = issuer.issue(client);
      LOG.log(
          System.Logger.Level.DEBUG,
          () -> "issued a token to client " + client + " for " + token.expiresIn() + " s");
      return noStore(
              Response.ok(new TokenResponse(token.accessToken(), "Bearer", token.expiresIn())))
          .build();
    } catch (Refused r) {
      Response.ResponseBuilder b =
          Response.status(r.status).entity(new ErrorResponse(r.error, r.getMessage()));
      if (r.status == 401) {
        b.header(HttpHeaders.WWW_AUTHENTICATE, "Basic realm=\"" + BearerFilter.REALM + "\"");
      }
      return noStore(b).type(MediaType.APPLICATION_JSON_TYPE).build();
    }
  }

  @GET
  @Path("jwks")
  @Produces({"application/jwk-set+json", MediaType.APPLICATION_JSON})
  public Map<String, Object> jwks() {
    return keys.jwks();
  }

  private static Response.ResponseBuilder noStore(Response.ResponseBuilder b) {
    return b.header(HttpHeaders.CACHE_CONTROL, "no-store").header("Pragma", "no-cache");
  }

  /** The client the request authenticates, by exactly one of HTTP basic or the form. */
  private String authenticate(@Nullable String authorization, Map<String, String> form)
      throws Refused {
    String formId = form.get("client_id");
    String formSecret = form.get("client_secret");
    String id;
    String secret;
    if (authorization != null) {
      if (formSecret != null) {
        throw new Refused(
            400,
            "invalid_request",
            "the client authenticates once: by HTTP basic or by client_secret, not both");
      }
      String[] basic = basic(authorization);
      id = basic[0];
      secret = basic[1];
      if (formId != null && !formId.equals(id)) {
        throw new Refused(
            400, "invalid_request", "client_id differs from the HTTP basic credentials' user");
      }
    } else if (formId != null && formSecret != null) {
      id = formId;
      secret = formSecret;
    } else {
      throw new Refused(
          401,
          "invalid_client",
          "the client must authenticate: HTTP basic, or client_id and client_secret");
    }
    Optional<String> client = issuer.authenticate(id, secret);
    if (client.isEmpty()) {
      // The id is not logged: a caller may have typed its secret in the wrong field.
      LOG.log(System.Logger.Level.INFO, "refused a token request: unknown client or wrong secret");
      throw new Refused(401, "invalid_client", "unknown client or wrong secret");
    }
    return client.get();
  }

  /** RFC 6749 §2.3.1: user and password are form-encoded before they are put in basic's header. */
  private static String[] basic(String authorization) throws Refused {
    int space = authorization.indexOf(' ');
    if (space < 0 || !authorization.substring(0, space).toLowerCase(Locale.ROOT).equals("basic")) {
      throw new Refused(
          401, "invalid_client", "the client authenticates with HTTP basic, not another scheme");
    }
    String decoded;
    try {
      decoded =
          new String(
              Base64.getDecoder().decode(authorization.substring(space + 1).strip()),
              StandardCharsets.UTF_8);
    } catch (IllegalArgumentException e) {
      throw new Refused(401, "invalid_client", "the HTTP basic credentials are not base64");
    }
    int colon = decoded.indexOf(':');
    if (colon < 0) {
      throw new Refused(401, "invalid_client", "the HTTP basic credentials have no ':'");
    }
    return new String[] {
      formDecoded(decoded.substring(0, colon)), formDecoded(decoded.substring(colon + 1))
    };
  }

  /** Decoded as RFC 6749 asks; as sent when it cannot be (a client that did not encode a '%'). */
  private static String formDecoded(String s) {
    try {
      return URLDecoder.decode(s, StandardCharsets.UTF_8);
    } catch (IllegalArgumentException e) {
      return s;
    }
  }

  /**
   * The form's parameters. Empty ones count as absent and a repeated one is an error (RFC 6749
   * §3.2); values are never quoted back, as one may be a secret.
   */
  private static Map<String, String> form(@Nullable String contentType, InputStream body)
      throws Refused {
    if (!isForm(contentType)) {
      throw new Refused(
          400,
          "invalid_request",
          "the request must be " + MediaType.APPLICATION_FORM_URLENCODED + " (RFC 6749 §4.4.2)");
    }
    byte[] bytes;
    try {
      bytes = body.readNBytes(MAX_BODY + 1);
    } catch (IOException e) {
      throw new Refused(400, "invalid_request", "the request body could not be read");
    }
    if (bytes.length > MAX_BODY) {
      throw new Refused(400, "invalid_request", "the request body exceeds " + MAX_BODY + " bytes");
    }
    Map<String, String> form = new HashMap<>();
    for (String pair : new String(bytes, StandardCharsets.UTF_8).split("&", -1)) {
      if (pair.isEmpty()) {
        continue;
      }
      int eq = pair.indexOf('=');
      String name;
      String value;
      try {
        name = URLDecoder.decode(eq < 0 ? pair : pair.substring(0, eq), StandardCharsets.UTF_8);
        value = eq < 0 ? "" : URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8);
      } catch (IllegalArgumentException e) {
        throw new Refused(400, "invalid_request", "the form is not validly URL-encoded");
      }
      if (value.isEmpty()) {
        continue;
      }
      if (form.put(name, value) != null) {
        throw new Refused(
            400, "invalid_request", "the parameter " + printable(name) + " is repeated");
      }
    }
    return form;
  }

  private static boolean isForm(@Nullable String contentType) {
    if (contentType == null) {
      return false;
    }
    try {
      MediaType t = MediaType.valueOf(contentType.strip());
      return t.getType().equalsIgnoreCase("application")
          && t.getSubtype().equalsIgnoreCase("x-www-form-urlencoded");
    } catch (IllegalArgumentException e) {
      return false;
    }
  }

  /** A caller's short value safe to quote: printable ASCII, at most 40 characters. */
  private static String printable(String s) {
    String t = s.length() > 40 ? s.substring(0, 40) + "..." : s;
    return t.chars().allMatch(c -> c >= 0x20 && c < 0x7f && c != '"' && c != '\\')
        ? "'" + t + "'"
        : "(a value with unprintable characters)";
  }
}
