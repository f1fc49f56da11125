/**
 * Internal: the compute nodes the VNFM deploys service graphs on, in its own process or remote
 * behind their node agents.
 */
@NullMarked
package org.nfpvnfm.vnfm.internal.nodes;

import org.jspecify.annotations.NullMarked;
