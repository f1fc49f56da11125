package org.nfpvnfm.dpdk.agent.internal;

import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.Response;
import java.util.function.Supplier;
import org.nfpvnfm.dpdk.metrics.NodeMetrics;
import org.nfpvnfm.dpdk.metrics.PrometheusText;

/**
 * {@code GET /metrics}, at the server's root beside {@code /api/v1}: the node's counters in
 * Prometheus's text format (docs/observability.md). Each scrape reads one {@code Node.stats()}
 * snapshot, as {@code GET /api/v1/stats} does.
 */
@Path("/metrics")
public final class MetricsResource {

  /**
   * What the metrics say about the node itself.
   *
   * @param node its name (the agent's bound address once it listens)
   * @param version the software's version
   */
  public record Identity(Supplier<String> node, String version) {}

  private final NodeService service;
  private final Identity identity;

  @Inject
  public MetricsResource(NodeService service, Identity identity) {
    this.service = service;
    this.identity = identity;
  }

  @GET
  public Response metrics() {
    PrometheusText text = new PrometheusText();
    NodeMetrics.write(text, identity.node().get(), identity.version(), service.stats());
    // Set as text, not as a MediaType, which Jersey would write with its parameters reordered.
    return Response.ok(text.text())
        .header(HttpHeaders.CONTENT_TYPE, PrometheusText.CONTENT_TYPE)
        .build();
  }
}
