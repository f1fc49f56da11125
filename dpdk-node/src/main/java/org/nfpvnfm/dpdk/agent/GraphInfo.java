package org.nfpvnfm.dpdk.agent;

import java.util.List;

/**
 * A deployed graph in brief ({@code GET /api/v1/graphs}, and the answer to a deployment).
 *
 * @param name the name it is deployed under (the URL's)
 * @param graph the service graph's own name (its forwarding graph's)
 * @param shape {@link org.nfpvnfm.engine.ServiceGraph#shape()}: {@code VPN -> {Monitor | FW} -> LB}
 * @param nfs its NFs' names, by id
 * @param mergers merger instances per parallel block
 */
public record GraphInfo(String name, String graph, String shape, List<String> nfs, int mergers) {
  public GraphInfo {
    nfs = List.copyOf(nfs);
  }
}
