/**
 * The compute-node agent: a small REST API over a {@link org.nfpvnfm.dpdk.node.Node}, so that a
 * VNFM can drive a remote node (docs/node-agent.md). {@link org.nfpvnfm.dpdk.agent.NodeAgent}
 * serves it on the JDK's HTTP server; the records here are its documents, and every failure is a
 * {@link org.nfpvnfm.dpdk.agent.ProblemDetails}. The resources, the exception mapper and the rest
 * of the plumbing are in {@code org.nfpvnfm.dpdk.agent.internal}.
 */
@NullMarked
package org.nfpvnfm.dpdk.agent;

import org.jspecify.annotations.NullMarked;
