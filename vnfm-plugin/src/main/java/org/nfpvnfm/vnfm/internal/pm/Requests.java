package org.nfpvnfm.vnfm.internal.pm;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.JsonNode;
import java.net.URI;
import java.net.URISyntaxException;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.stream.Collectors;
import org.jspecify.annotations.Nullable;
import org.nfpvnfm.vnfm.internal.rest.ApiException;
import org.nfpvnfm.vnfm.internal.rest.Json;

/**
 * Reading and checking PM requests: a malformed body or value is a 400 that names the attribute; a
 * well-formed request the VNFM cannot serve (an unknown metric, an object it does not manage) is a
 * 422, which the services decide.
 */
final class Requests {
  private static final Set<String> AUTH_TYPES =
      Set.of("BASIC", "OAUTH2_CLIENT_CREDENTIALS", "TLS_CERT");

  private Requests() {}

  /** {@code body} as a {@code type}; 400 naming what does not fit. */
  static <T> T read(@Nullable JsonNode body, Class<T> type, String what) {
    if (body == null || body.isNull() || body.isMissingNode()) {
      throw ApiException.badRequest("the request needs a " + what + " body");
    }
    if (!body.isObject()) {
      throw ApiException.badRequest(
          "the request body must be a " + what + " object (got " + body.getNodeType() + ")");
    }
    try {
      return Json.MAPPER.treeToValue(body, type);
    } catch (JsonMappingException e) {
      String at =
          e.getPath().stream()
              .map(r -> r.getFieldName() != null ? r.getFieldName() : "[" + r.getIndex() + "]")
              .collect(Collectors.joining("."));
      throw ApiException.badRequest(
          "the "
              + what
              + " does not fit: "
              + e.getOriginalMessage()
              + (at.isEmpty() ? "" : " (at " + at + ")"));
    } catch (JsonProcessingException e) {
      throw ApiException.badRequest("the " + what + " is not valid: " + e.getOriginalMessage());
    }
  }

  static <T> T required(@Nullable T value, String attribute) {
    if (value == null) {
      throw ApiException.badRequest("the request has no " + attribute + ", which is required");
    }
    return value;
  }

  static String text(@Nullable String value, String attribute) {
    String v = required(value, attribute);
    if (v.isBlank()) {
      throw ApiException.badRequest(attribute + " must not be empty");
    }
    return v;
  }

  /** A list of non-empty strings, itself not empty. */
  static List<String> texts(@Nullable List<String> values, String attribute) {
    List<String> v = required(values, attribute);
    if (v.isEmpty()) {
      throw ApiException.badRequest(attribute + " must name at least one");
    }
    for (String s : v) {
      if (s == null || s.isBlank()) {
        throw ApiException.badRequest(attribute + " must not hold empty or null entries");
      }
    }
    return List.copyOf(v);
  }

  /** An absolute http(s) URI; 400 otherwise. */
  static String callbackUri(@Nullable String uri) {
    String u = text(uri, "callbackUri");
    try {
      URI parsed = new URI(u);
      String scheme = parsed.getScheme() == null ? "" : parsed.getScheme().toLowerCase(Locale.ROOT);
      if (!(scheme.equals("http") || scheme.equals("https")) || parsed.getHost() == null) {
        throw ApiException.badRequest(
            "callbackUri must be an absolute http or https URI (got " + u + ")");
      }
    } catch (URISyntaxException e) {
      throw ApiException.badRequest("callbackUri is not a URI: " + e.getMessage());
    }
    return u;
  }

  /**
   * Checks SOL013 SubscriptionAuthentication: known types, and the parameters of the one this VNFM
   * will use. TLS_CERT alone is a 422: this VNFM has no client certificate per callback.
   */
  static @Nullable Authentication authentication(@Nullable Authentication auth) {
    if (auth == null) {
      return null;
    }
    List<String> types = texts(auth.authType(), "authentication.authType");
    for (String t : types) {
      if (!AUTH_TYPES.contains(t)) {
        throw ApiException.badRequest(
            "authentication.authType " + t + " is not one of " + AUTH_TYPES);
      }
    }
    if (types.contains("OAUTH2_CLIENT_CREDENTIALS")) {
      Authentication.Oauth2 o =
          required(
              auth.paramsOauth2ClientCredentials(), "authentication.paramsOauth2ClientCredentials");
      text(o.clientId(), "authentication.paramsOauth2ClientCredentials.clientId");
      text(o.clientPassword(), "authentication.paramsOauth2ClientCredentials.clientPassword");
      callbackLike(
          text(o.tokenEndpoint(), "authentication.paramsOauth2ClientCredentials.tokenEndpoint"));
    } else if (types.contains("BASIC")) {
      Authentication.Basic b = required(auth.paramsBasic(), "authentication.paramsBasic");
      text(b.userName(), "authentication.paramsBasic.userName");
      required(b.password(), "authentication.paramsBasic.password");
    } else {
      throw ApiException.unprocessable(
          "authentication.authType TLS_CERT is not supported by this VNFM: give BASIC or"
              + " OAUTH2_CLIENT_CREDENTIALS");
    }
    return auth;
  }

  private static void callbackLike(String uri) {
    try {
      URI u = new URI(uri);
      if (u.getScheme() == null || u.getHost() == null) {
        throw ApiException.badRequest(
            "authentication.paramsOauth2ClientCredentials.tokenEndpoint must be an absolute URI");
      }
    } catch (URISyntaxException e) {
      throw ApiException.badRequest(
          "authentication.paramsOauth2ClientCredentials.tokenEndpoint is not a URI: "
              + e.getMessage());
    }
  }

  /**
   * SOL003's PmJobModifications / ThresholdModifications (a JSON Merge Patch): a new callbackUri,
   * new credentials, or both.
   */
  record Modifications(@Nullable String callbackUri, @Nullable Authentication authentication) {}

  static Modifications modifications(@Nullable JsonNode body, String what) {
    Modifications m = read(body, Modifications.class, what);
    if (m.callbackUri() == null && m.authentication() == null) {
      throw ApiException.badRequest(what + " must change callbackUri, authentication or both");
    }
    return m;
  }
}
