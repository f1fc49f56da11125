/**
 * The agent's plumbing: thin JAX-RS resources over {@link
 * org.nfpvnfm.dpdk.agent.internal.NodeService}, which holds the logic; the one exception mapper
 * that turns every failure into a {@link org.nfpvnfm.dpdk.agent.ProblemDetails}; the request-size
 * filter; the JSON mapper.
 */
@NullMarked
package org.nfpvnfm.dpdk.agent.internal;

import org.jspecify.annotations.NullMarked;
