package org.nfpvnfm.vnfm.internal.lcm;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import org.nfpvnfm.vnfm.VnfmConfig;
import org.nfpvnfm.vnfm.internal.client.OutboundAuth;
import org.nfpvnfm.vnfm.internal.rest.Json;

/**
 * Grants from the NFVO's {@code /grant/v1/grants}: a synchronous answer (201 with the Grant), or an
 * asynchronous one (202 with a {@code Location} that is polled: 202 while the NFVO decides, 200 or
 * 201 with the Grant when granted). A 403 on either is a rejection. An NFVO that does not answer
 * within {@code grantTimeout}, answers 5xx, or cannot be reached fails the grant without rejecting
 * it, so the operation can be retried.
 */
final class NfvoGranter implements Granter {
  static final String VERSION = "1.4.0";

  private final HttpClient http;
  private final URI grants;
  private final OutboundAuth auth;
  private final Duration timeout;
  private final Duration pollInterval;

  NfvoGranter(VnfmConfig.NfvoConfig config, HttpClient http) {
    this.http = http;
    String root = config.uri().endsWith("/") ? config.uri() : config.uri() + "/";
    this.grants = URI.create(root + "grant/v1/grants");
    this.auth = OutboundAuth.of(config.auth(), http);
    this.timeout = config.grantTimeout();
    this.pollInterval = config.grantPollInterval();
  }

  @Override
  public String grant(ObjectNode grantRequest) throws GrantException, InterruptedException {
    Instant deadline = Instant.now().plus(timeout);
    HttpResponse<String> r =
        send(
            HttpRequest.newBuilder(grants)
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(grantRequest.toString())),
            deadline);
    switch (r.statusCode()) {
      case 201 -> {
        return grantId(r);
      }
      case 202 -> {
        URI location =
            grants.resolve(
                r.headers()
                    .firstValue("Location")
                    .orElseThrow(
                        () ->
                            new GrantException(
                                "the NFVO accepted the grant request (202) without a Location to"
                                    + " poll",
                                false)));
        return poll(location, deadline);
      }
      case 403 -> throw rejected(r);
      default -> throw unexpected(r);
    }
  }

  private String poll(URI location, Instant deadline) throws GrantException, InterruptedException {
    while (true) {
      Thread.sleep(pollInterval.toMillis());
      HttpResponse<String> r = send(HttpRequest.newBuilder(location).GET(), deadline);
      switch (r.statusCode()) {
        case 200, 201 -> {
          return grantId(r);
        }
        case 202 -> {
          if (Instant.now().isAfter(deadline)) {
            throw new GrantException(
                "the NFVO did not decide on the grant within " + timeout, false);
          }
        }
        case 403 -> throw rejected(r);
        default -> throw unexpected(r);
      }
    }
  }

  private HttpResponse<String> send(HttpRequest.Builder b, Instant deadline)
      throws GrantException, InterruptedException {
    Duration left = Duration.between(Instant.now(), deadline);
    if (left.isNegative() || left.isZero()) {
      throw new GrantException("the NFVO did not decide on the grant within " + timeout, false);
    }
    b.timeout(left).header("Version", VERSION).header("Accept", "application/json");
    try {
      auth.apply(b);
      HttpResponse<String> r = http.send(b.build(), HttpResponse.BodyHandlers.ofString());
      if (r.statusCode() == 401) {
        auth.invalidate();
        auth.apply(b);
        r = http.send(b.build(), HttpResponse.BodyHandlers.ofString());
      }
      return r;
    } catch (java.net.http.HttpTimeoutException e) {
      throw new GrantException(
          "the NFVO did not answer the grant request within " + timeout, false);
    } catch (IOException e) {
      throw new GrantException(
          "the NFVO's grant server at " + grants + " cannot be reached: " + e.getMessage(), false);
    }
  }

  private static String grantId(HttpResponse<String> r) throws GrantException {
    try {
      JsonNode grant = Json.MAPPER.readTree(r.body());
      if (grant.hasNonNull("id")) {
        return grant.get("id").asText();
      }
    } catch (IOException e) {
      // Falls through to the refusal below.
    }
    throw new GrantException("the NFVO's Grant has no id", false);
  }

  private static GrantException rejected(HttpResponse<String> r) {
    return new GrantException("the NFVO rejected the grant: " + detail(r), true);
  }

  private static GrantException unexpected(HttpResponse<String> r) {
    return new GrantException(
        "the NFVO answered the grant request with " + r.statusCode() + ": " + detail(r), false);
  }

  private static String detail(HttpResponse<String> r) {
    try {
      JsonNode p = Json.MAPPER.readTree(r.body());
      if (p.hasNonNull("detail")) {
        return p.get("detail").asText();
      }
    } catch (IOException e) {
      // Not a ProblemDetails.
    }
    String body = r.body();
    return body.isBlank()
        ? "(no detail)"
        : body.length() > 300 ? body.substring(0, 300) + "..." : body;
  }
}
