package org.nfpvnfm.vnfm.internal.notify;

import java.net.URI;
import java.net.URISyntaxException;
import java.util.List;
import java.util.Locale;
import org.jspecify.annotations.Nullable;
import org.nfpvnfm.vnfm.internal.rest.ApiException;

/**
 * The body of {@code POST /vnflcm/v2/subscriptions} (SOL003 LccnSubscriptionRequest). Attributes
 * SOL003 requires are nullable here so that their absence is a 400 naming them rather than a
 * mapping error.
 *
 * @param filter which notifications; absent: all
 * @param callbackUri where they are POSTed
 * @param authentication how this VNFM authenticates to the callback; absent: not at all
 * @param verbosity FULL (default) or SHORT
 */
public record LccnSubscriptionRequest(
    @Nullable LifecycleChangeNotificationsFilter filter,
    @Nullable String callbackUri,
    @Nullable SubscriptionAuthentication authentication,
    @Nullable String verbosity) {

  /**
   * SOL003 SubscriptionAuthentication: the types the subscriber accepts and their parameters.
   *
   * @param authType BASIC, OAUTH2_CLIENT_CREDENTIALS or TLS_CERT (not supported)
   * @param paramsBasic user name and password for BASIC
   * @param paramsOauth2ClientCredentials client and token endpoint for OAUTH2_CLIENT_CREDENTIALS
   */
  public record SubscriptionAuthentication(
      @Nullable List<String> authType,
      @Nullable ParamsBasic paramsBasic,
      @Nullable ParamsOauth2ClientCredentials paramsOauth2ClientCredentials) {}

  /** HTTP basic credentials; {@link #toString} leaves the password out. */
  public record ParamsBasic(@Nullable String userName, @Nullable String password) {
    @Override
    public String toString() {
      return "ParamsBasic[userName=" + userName + ", password=***]";
    }
  }

  /** OAuth2 client credentials; {@link #toString} leaves the password out. */
  public record ParamsOauth2ClientCredentials(
      @Nullable String clientId, @Nullable String clientPassword, @Nullable String tokenEndpoint) {
    @Override
    public String toString() {
      return "ParamsOauth2ClientCredentials[clientId="
          + clientId
          + ", clientPassword=***, tokenEndpoint="
          + tokenEndpoint
          + "]";
    }
  }

  /** The validated callback URI: absolute http or https, without user information. */
  URI validCallbackUri() {
    if (callbackUri == null || callbackUri.isBlank()) {
      throw ApiException.badRequest("callbackUri is required");
    }
    return httpUri("callbackUri", callbackUri);
  }

  /** FULL when absent; refuses (400) anything but FULL or SHORT. */
  String validVerbosity() {
    if (verbosity == null) {
      return "FULL";
    }
    if (!verbosity.equals("FULL") && !verbosity.equals("SHORT")) {
      throw ApiException.badRequest(
          "verbosity is '" + verbosity + "', which is not one of [FULL, SHORT]");
    }
    return verbosity;
  }

  /**
   * The credentials to use with the callback: none without {@code authentication}; else the
   * supported type the subscriber accepts (OAuth2 client credentials before basic when both are
   * offered). 400 for a malformed authentication, 422 when only TLS_CERT is offered.
   */
  CallbackCredentials validCredentials() {
    SubscriptionAuthentication a = authentication;
    if (a == null) {
      return CallbackCredentials.none();
    }
    List<String> types = a.authType();
    if (types == null || types.isEmpty()) {
      throw ApiException.badRequest("authentication.authType is required (one value at least)");
    }
    for (String t : types) {
      if (t == null
          || !(t.equals("BASIC")
              || t.equals("OAUTH2_CLIENT_CREDENTIALS")
              || t.equals("TLS_CERT"))) {
        throw ApiException.badRequest(
            "authentication.authType has '"
                + t
                + "', which is not one of [BASIC, OAUTH2_CLIENT_CREDENTIALS, TLS_CERT]");
      }
    }
    if (a.paramsBasic() != null && !types.contains("BASIC")) {
      throw ApiException.badRequest(
          "authentication.paramsBasic is given but authentication.authType has no BASIC");
    }
    if (a.paramsOauth2ClientCredentials() != null && !types.contains("OAUTH2_CLIENT_CREDENTIALS")) {
      throw ApiException.badRequest(
          "authentication.paramsOauth2ClientCredentials is given but authentication.authType has"
              + " no OAUTH2_CLIENT_CREDENTIALS");
    }
    if (types.contains("OAUTH2_CLIENT_CREDENTIALS")) {
      ParamsOauth2ClientCredentials p = a.paramsOauth2ClientCredentials();
      if (p == null) {
        throw ApiException.badRequest(
            "authentication.paramsOauth2ClientCredentials is required with"
                + " OAUTH2_CLIENT_CREDENTIALS (this VNFM has no credentials provisioned out of"
                + " band)");
      }
      String id = required(p.clientId(), "paramsOauth2ClientCredentials.clientId");
      String secret = required(p.clientPassword(), "paramsOauth2ClientCredentials.clientPassword");
      String endpoint = required(p.tokenEndpoint(), "paramsOauth2ClientCredentials.tokenEndpoint");
      return CallbackCredentials.oauth2(
          httpUri("authentication.paramsOauth2ClientCredentials.tokenEndpoint", endpoint),
          id,
          secret);
    }
    if (types.contains("BASIC")) {
      ParamsBasic p = a.paramsBasic();
      if (p == null) {
        throw ApiException.badRequest(
            "authentication.paramsBasic is required with BASIC (this VNFM has no credentials"
                + " provisioned out of band)");
      }
      return CallbackCredentials.basic(
          required(p.userName(), "paramsBasic.userName"),
          required(p.password(), "paramsBasic.password"));
    }
    throw ApiException.unprocessable(
        "authentication.authType TLS_CERT (mutually authenticated TLS to the callback) is not"
            + " supported by this VNFM; use BASIC or OAUTH2_CLIENT_CREDENTIALS");
  }

  private static String required(@Nullable String value, String name) {
    if (value == null || value.isEmpty()) {
      throw ApiException.badRequest("authentication." + name + " is required");
    }
    return value;
  }

  private static URI httpUri(String name, String value) {
    URI uri;
    try {
      uri = new URI(value);
    } catch (URISyntaxException e) {
      throw ApiException.badRequest(name + " is not a URI: " + e.getMessage());
    }
    String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
    if (!uri.isAbsolute()
        || !(scheme.equals("http") || scheme.equals("https"))
        || uri.getHost() == null) {
      throw ApiException.badRequest(
          name + " must be an absolute http or https URI with a host, not '" + value + "'");
    }
    if (uri.getRawUserInfo() != null) {
      // Credentials in the URI would be returned and logged with it; SOL003 has authentication.
      throw ApiException.badRequest(
          name + " must not carry user information; give credentials in authentication");
    }
    return uri;
  }

  @Override
  public String toString() {
    return "LccnSubscriptionRequest[callbackUri="
        + callbackUri
        + ", filter="
        + filter
        + ", authentication="
        + authentication
        + ", verbosity="
        + verbosity
        + "]";
  }
}
