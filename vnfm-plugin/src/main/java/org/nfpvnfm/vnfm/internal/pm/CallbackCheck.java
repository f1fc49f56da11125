package org.nfpvnfm.vnfm.internal.pm;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import org.jspecify.annotations.Nullable;
import org.nfpvnfm.vnfm.internal.client.OutboundAuth;
import org.nfpvnfm.vnfm.internal.rest.ApiException;

/**
 * Tests a callback URI before a PM job or threshold takes it (SOL003 §6.4.3.3.1, as for LCM
 * subscriptions; Tacker does it the same way): a GET, with the credentials given, that must be
 * answered 204. Anything else refuses the request with 422, saying what the callback answered;
 * never the credentials.
 */
final class CallbackCheck {
  private final HttpClient http;
  private final Duration timeout;

  CallbackCheck(HttpClient http, Duration timeout) {
    this.http = http;
    this.timeout = timeout;
  }

  /** The authentication to use with a callback: what {@code auth} allows, or none. */
  OutboundAuth outbound(@Nullable Authentication auth) {
    if (auth == null) {
      return OutboundAuth.none();
    }
    List<String> types = auth.authType() == null ? List.of() : auth.authType();
    Authentication.Oauth2 o = auth.paramsOauth2ClientCredentials();
    if (types.contains("OAUTH2_CLIENT_CREDENTIALS") && o != null) {
      return OutboundAuth.oauth2(
          http,
          URI.create(required(o.tokenEndpoint())),
          required(o.clientId()),
          required(o.clientPassword()));
    }
    Authentication.Basic b = auth.paramsBasic();
    if (types.contains("BASIC") && b != null) {
      return OutboundAuth.basic(required(b.userName()), required(b.password()));
    }
    return OutboundAuth.none();
  }

  private static String required(@Nullable String s) {
    if (s == null) {
      throw new IllegalStateException("an authentication parameter was not validated");
    }
    return s;
  }

  /** GETs {@code callbackUri}; a 422 unless it answers 204. */
  void test(String callbackUri, @Nullable Authentication auth) {
    HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(callbackUri)).timeout(timeout).GET();
    int status;
    try {
      outbound(auth).apply(b);
      status = http.send(b.build(), HttpResponse.BodyHandlers.discarding()).statusCode();
    } catch (IOException | IllegalArgumentException e) {
      throw ApiException.unprocessable(
          "the callbackUri "
              + callbackUri
              + " could not be tested with a GET: "
              + e.getClass().getSimpleName()
              + (e.getMessage() == null ? "" : " (" + e.getMessage() + ")"));
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw ApiException.unprocessable("interrupted while testing the callbackUri " + callbackUri);
    }
    if (status != 204) {
      throw ApiException.unprocessable(
          "the callbackUri "
              + callbackUri
              + " answered the test GET with "
              + status
              + " (expected: 204 No Content)");
    }
  }
}
