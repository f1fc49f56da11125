package org.nfpvnfm.vnfm.internal.rest;

import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * Paging of large collections (SOL013 §5.4): a page holds at most {@link #PAGE_SIZE} resources;
 * when more follow, the response has a {@code Link: <...?nextpage_opaque_marker=M>; rel="next"}
 * header. The marker is the index of the page's first resource in the (stable, ordered by creation)
 * collection, so paging never repeats or skips a resource that existed when it started.
 */
public final class Paging {
  /** The resources per page. */
  public static final int PAGE_SIZE = 100;

  private Paging() {}

  /** The response with the page of {@code all} that {@code marker} names. */
  public static <T> Response page(List<T> all, @Nullable String marker, UriInfo uri) {
    int from = 0;
    if (marker != null && !marker.isBlank()) {
      try {
        from = Integer.parseInt(marker);
      } catch (NumberFormatException e) {
        from = -1;
      }
      if (from < 0 || from > all.size()) {
        throw ApiException.badRequest(
            "nextpage_opaque_marker '" + marker + "' is not one this VNFM gave out");
      }
    }
    int to = Math.min(all.size(), from + PAGE_SIZE);
    Response.ResponseBuilder b = Response.ok(List.copyOf(all.subList(from, to)));
    if (to < all.size()) {
      String next =
          uri.getRequestUriBuilder()
              .replaceQueryParam("nextpage_opaque_marker", to)
              .build()
              .toString();
      b.header("Link", "<" + next + ">; rel=\"next\"");
    }
    return b.build();
  }
}
