package org.nfpvnfm.vnfm.internal.notify;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.net.URI;
import java.net.http.HttpClient;
import org.jspecify.annotations.Nullable;
import org.nfpvnfm.vnfm.internal.client.OutboundAuth;
import org.nfpvnfm.vnfm.internal.rest.Json;

/**
 * The credentials this VNFM presents to a subscriber's callback, as stored with the subscription
 * (column {@code auth}, never in a response). {@link #toString} names the type, user or client,
 * never a password.
 *
 * @param type {@code NONE}, {@code BASIC} or {@code OAUTH2_CLIENT_CREDENTIALS}
 * @param user BASIC: the user name; OAuth2: the client id
 * @param secret BASIC: the password; OAuth2: the client password
 * @param tokenEndpoint OAuth2: the token endpoint
 */
record CallbackCredentials(String type, String user, String secret, @Nullable URI tokenEndpoint) {

  static final String NONE = "NONE";
  static final String BASIC = "BASIC";
  static final String OAUTH2 = "OAUTH2_CLIENT_CREDENTIALS";

  static CallbackCredentials none() {
    return new CallbackCredentials(NONE, "", "", null);
  }

  static CallbackCredentials basic(String user, String password) {
    return new CallbackCredentials(BASIC, user, password, null);
  }

  static CallbackCredentials oauth2(URI tokenEndpoint, String clientId, String clientPassword) {
    return new CallbackCredentials(OAUTH2, clientId, clientPassword, tokenEndpoint);
  }

  /** Whether a 401 is worth one more try with a fresh token. */
  boolean renewable() {
    return type.equals(OAUTH2);
  }

  /** A fresh authenticator (an OAuth2 one caches its token: keep it for the subscription). */
  OutboundAuth outbound(HttpClient http) {
    return switch (type) {
      case BASIC -> OutboundAuth.basic(user, secret);
      case OAUTH2 -> OutboundAuth.oauth2(http, requireEndpoint(), user, secret);
      default -> OutboundAuth.none();
    };
  }

  private URI requireEndpoint() {
    URI e = tokenEndpoint;
    if (e == null) {
      throw new IllegalStateException("OAuth2 credentials without a token endpoint");
    }
    return e;
  }

  /** The stored form; {@code null} for none. */
  @Nullable String toJson() {
    if (type.equals(NONE)) {
      return null;
    }
    ObjectNode n = Json.MAPPER.createObjectNode().put("type", type);
    if (type.equals(BASIC)) {
      n.put("userName", user).put("password", secret);
    } else {
      n.put("clientId", user)
          .put("clientPassword", secret)
          .put("tokenEndpoint", requireEndpoint().toString());
    }
    try {
      return Json.MAPPER.writeValueAsString(n);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("cannot write credentials", e);
    }
  }

  /** The credentials stored as {@code json} ({@code null}: none). */
  static CallbackCredentials fromJson(@Nullable String json) {
    if (json == null || json.isEmpty()) {
      return none();
    }
    JsonNode n;
    try {
      n = Json.MAPPER.readTree(json);
    } catch (JsonProcessingException e) {
      // The message could quote the stored secret: keep it out.
      throw new IllegalStateException("stored callback credentials are not valid JSON");
    }
    return switch (n.path("type").asText()) {
      case BASIC -> basic(n.path("userName").asText(), n.path("password").asText());
      case OAUTH2 ->
          oauth2(
              URI.create(n.path("tokenEndpoint").asText()),
              n.path("clientId").asText(),
              n.path("clientPassword").asText());
      default -> none();
    };
  }

  @Override
  public String toString() {
    return switch (type) {
      case BASIC -> "BASIC (user " + user + ")";
      case OAUTH2 -> "OAUTH2_CLIENT_CREDENTIALS (client " + user + " at " + tokenEndpoint + ")";
      default -> "NONE";
    };
  }
}
