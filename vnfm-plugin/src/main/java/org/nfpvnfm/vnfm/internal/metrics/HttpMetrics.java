package org.nfpvnfm.vnfm.internal.metrics;

import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerRequestFilter;
import jakarta.ws.rs.container.ContainerResponseContext;
import jakarta.ws.rs.container.ContainerResponseFilter;
import jakarta.ws.rs.container.PreMatching;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import org.glassfish.jersey.server.ExtendedUriInfo;
import org.glassfish.jersey.uri.UriTemplate;
import org.nfpvnfm.dpdk.metrics.Histogram;

/**
 * Times every request to the VNFM's server, by method, path template and status class. The request
 * side runs before matching and before the bearer-token check (registered with a lower priority),
 * so refused requests are counted too; the response side reads the template Jersey matched ({@code
 * /vnflcm/v2/vnf_instances/{vnfInstanceId}/instantiate}), so ids never become label values. A
 * request that matched no resource (a 404, or one refused before matching) is counted under the
 * path {@code unmatched}.
 */
@PreMatching
public final class HttpMetrics implements ContainerRequestFilter, ContainerResponseFilter {
  /** Bucket bounds of the duration histogram, in seconds. */
  static final double[] BUCKETS = {0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10};

  static final String UNMATCHED = "unmatched";

  private static final String STARTED = HttpMetrics.class.getName() + ".started";

  /** One series: method, path template and status class ({@code 2xx}). */
  record Key(String method, String path, String status) implements Comparable<Key> {
    @Override
    public int compareTo(Key o) {
      int c = path.compareTo(o.path);
      if (c == 0) {
        c = method.compareTo(o.method);
      }
      return c != 0 ? c : status.compareTo(o.status);
    }
  }

  private final ConcurrentMap<Key, Histogram> durations = new ConcurrentHashMap<>();

  @Override
  public void filter(ContainerRequestContext request) {
    request.setProperty(STARTED, System.nanoTime());
  }

  @Override
  public void filter(ContainerRequestContext request, ContainerResponseContext response) {
    Object started = request.getProperty(STARTED);
    if (!(started instanceof Long t)) {
      return;
    }
    double seconds = (System.nanoTime() - t) / 1e9;
    Key key = new Key(request.getMethod(), template(request), response.getStatus() / 100 + "xx");
    durations.computeIfAbsent(key, k -> new Histogram(BUCKETS)).observe(seconds);
  }

  /** The series so far, in a stable order. */
  Map<Key, Histogram.Snapshot> snapshot() {
    Map<Key, Histogram.Snapshot> out = new TreeMap<>();
    durations.forEach((k, h) -> out.put(k, h.snapshot()));
    return out;
  }

  private static String template(ContainerRequestContext request) {
    if (!(request.getUriInfo() instanceof ExtendedUriInfo info)) {
      return UNMATCHED;
    }
    List<UriTemplate> matched = info.getMatchedTemplates();
    if (matched.isEmpty()) {
      return UNMATCHED;
    }
    // Jersey lists the innermost (method) template first.
    StringBuilder path = new StringBuilder();
    for (UriTemplate t : matched.reversed()) {
      String part = t.getTemplate();
      if (part.isEmpty() || part.equals("/")) {
        continue;
      }
      if (!part.startsWith("/")) {
        path.append('/');
      }
      path.append(part.endsWith("/") ? part.substring(0, part.length() - 1) : part);
    }
    return path.isEmpty() ? "/" : path.toString();
  }
}
