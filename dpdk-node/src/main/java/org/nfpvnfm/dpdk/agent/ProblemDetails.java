package org.nfpvnfm.dpdk.agent;

import com.fasterxml.jackson.annotation.JsonInclude;
import org.jspecify.annotations.Nullable;

/**
 * The body of every error response, as {@code application/problem+json}: ETSI GS NFV-SOL 013's
 * ProblemDetails (RFC 9457's fields).
 *
 * @param type {@code about:blank}: the status says what kind of problem it is
 * @param title the status's reason phrase
 * @param status the HTTP status code, the same as the response's
 * @param detail what went wrong, for a person: the value that was refused and what was expected;
 *     for a 5xx, the id under which the agent logged the cause
 * @param instance the request's path
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record ProblemDetails(
    String type, String title, int status, String detail, @Nullable String instance) {

  /** The media type of a ProblemDetails body. */
  public static final String MEDIA_TYPE = "application/problem+json";

  /** The only problem type the agent uses: the status alone classifies the problem. */
  public static final String ABOUT_BLANK = "about:blank";
}
