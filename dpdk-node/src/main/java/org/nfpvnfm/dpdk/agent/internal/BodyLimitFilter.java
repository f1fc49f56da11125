package org.nfpvnfm.dpdk.agent.internal;

import jakarta.annotation.Priority;
import jakarta.ws.rs.Priorities;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerRequestFilter;
import jakarta.ws.rs.container.PreMatching;
import jakarta.ws.rs.core.HttpHeaders;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import org.jspecify.annotations.Nullable;

/**
 * Bounds request bodies: a body over {@code limit} bytes is refused with a {@link
 * RequestTooLargeException} (413) before any resource sees it. The JDK's HTTP server has no such
 * limit of its own.
 *
 * <p>A body within the limit is read here, whole, and handed on from memory, which also covers
 * chunked bodies of no declared length. A body over it is read on and discarded up to another
 * {@code limit} bytes before the refusal, so that a client that sends the whole body before reading
 * the answer gets the 413 rather than a reset connection; a larger body, declared or not, is
 * refused at once and the connection closes under it.
 */
@PreMatching
@Priority(Priorities.ENTITY_CODER)
public final class BodyLimitFilter implements ContainerRequestFilter {
  private final int limit;

  public BodyLimitFilter(int limit) {
    if (limit < 1) {
      throw new IllegalArgumentException("limit: " + limit + " (expected: >= 1)");
    }
    this.limit = limit;
  }

  @Override
  public void filter(ContainerRequestContext request) throws IOException {
    long declared = declaredLength(request.getHeaderString(HttpHeaders.CONTENT_LENGTH));
    if (declared > 2L * limit) {
      throw tooLarge(declared + " bytes");
    }
    InputStream in = request.getEntityStream();
    byte[] body = in.readNBytes(limit + 1);
    if (body.length > limit) {
      long discarded = discard(in, limit);
      throw tooLarge(
          declared >= 0 ? declared + " bytes" : "at least " + (limit + 1 + discarded) + " bytes");
    }
    request.setEntityStream(new ByteArrayInputStream(body));
  }

  private RequestTooLargeException tooLarge(String size) {
    return new RequestTooLargeException(
        "the request body has " + size + " (expected: at most " + limit + " bytes)");
  }

  /** Reads and drops up to {@code max} bytes; returns how many. */
  private static long discard(InputStream in, long max) throws IOException {
    byte[] buffer = new byte[8192];
    long total = 0;
    while (total < max) {
      int n = in.read(buffer, 0, (int) Math.min(buffer.length, max - total));
      if (n < 0) {
        break;
      }
      total += n;
    }
    return total;
  }

  /** The declared Content-Length, or -1 when there is none or it is not a number. */
  private static long declaredLength(@Nullable String header) {
    if (header == null) {
      return -1;
    }
    try {
      return Long.parseLong(header.trim());
    } catch (NumberFormatException e) {
      return -1;
    }
  }
}
