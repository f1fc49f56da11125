package org.nfpvnfm.engine;

/**
 * One hand-over in the forwarding table: send packet buffer {@code buffer} to {@code to}, made from
 * buffer {@code source} as {@code copy} says. Buffers are numbered per packet: 0 is the packet as
 * the classifier received it; every copy the graph makes has its own number. Hops are listed in the
 * order the sender performs them, so a buffer is always made before a hop uses it as a source.
 */
public record Hop(Endpoint to, CopyKind copy, int buffer, int source) {}
