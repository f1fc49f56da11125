/**
 * The node's packet-path stages built from the engine's plan: so far the {@link
 * org.nfpvnfm.dpdk.node.Merger}, which turns the versions of a packet into one packet as a {@link
 * org.nfpvnfm.engine.MergeEntry} says (docs/dataplane-design.md, "Mergers").
 */
@NullMarked
package org.nfpvnfm.dpdk.node;

import org.jspecify.annotations.NullMarked;
