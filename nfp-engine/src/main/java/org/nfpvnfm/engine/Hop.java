package org.nfpvnfm.engine;

/**
 * One hand-over in the forwarding table: send packet buffer {@code buffer} to {@code to}, made from
 * buffer {@code source} as {@code copy} says. Buffers are numbered per packet: 0 is the packet as
 * the classifier received it; every copy the graph makes has its own number. Hops are listed in the
 * order the sender performs them: every hop that makes a copy comes before every hop that hands a
 * buffer on ({@link CopyKind#SHARED}), and a buffer is made before a hop uses it as a source. So a
 * runtime may hand each hop over as soon as it is made: no receiver can write into a buffer that is
 * still to be copied.
 */
public record Hop(Endpoint to, CopyKind copy, int buffer, int source) {}
