package org.nfpvnfm.vnfm.internal.metrics;

import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.Response;
import org.nfpvnfm.dpdk.metrics.PrometheusText;

/** {@code GET /metrics}: the VNFM's metrics in Prometheus's text format 0.0.4. */
@Path("metrics")
public final class MetricsResource {
  private final VnfmMetrics metrics;

  @Inject
  public MetricsResource(VnfmMetrics metrics) {
    this.metrics = metrics;
  }

  @GET
  public Response scrape() {
    // Set as text, not as a MediaType, which Jersey would write with its parameters reordered.
    return Response.ok(metrics.scrape().text())
        .header(HttpHeaders.CONTENT_TYPE, PrometheusText.CONTENT_TYPE)
        .build();
  }
}
