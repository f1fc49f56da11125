package org.nfpvnfm.vnfm.internal.pm;

import java.net.URI;
import java.util.function.Supplier;

/** The URIs of PM resources, absolute under the VNFM's public base URI. */
final class PmLinks {
  static final String ROOT = "vnfpm/v2/";

  private final Supplier<URI> base;

  /** {@code base} is read at each use: the port of a VNFM on port 0 is known once it listens. */
  PmLinks(Supplier<URI> base) {
    this.base = base;
  }

  private String root() {
    String b = base.get().toString();
    return b.endsWith("/") ? b : b + "/";
  }

  String job(String id) {
    return root() + ROOT + "pm_jobs/" + id;
  }

  String report(String jobId, String reportId) {
    return job(jobId) + "/reports/" + reportId;
  }

  String threshold(String id) {
    return root() + ROOT + "thresholds/" + id;
  }

  String instance(String id) {
    return root() + "vnflcm/v2/vnf_instances/" + id;
  }
}
