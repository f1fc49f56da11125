package org.nfpvnfm.vnfm;

import com.fasterxml.jackson.annotation.JsonInclude;
import org.jspecify.annotations.Nullable;

/**
 * The body of every error the VNFM answers, as {@code application/problem+json}: ETSI GS NFV-SOL
 * 013's ProblemDetails.
 *
 * @param type a URI for the kind of problem; {@code about:blank}, the status classifies it
 * @param title the status's reason phrase
 * @param status the HTTP status code, the same as the response's
 * @param detail what went wrong for a person: the value refused and what was expected; for a 5xx,
 *     the id under which the cause was logged
 * @param instance the request's path
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record ProblemDetails(
    String type, String title, int status, String detail, @Nullable String instance) {

  public static final String MEDIA_TYPE = "application/problem+json";
}
