package org.nfpvnfm.engine;

import java.util.List;

/**
 * One row of the forwarding table: after {@code from} is done with a packet, the hops to perform.
 * The dataplane has no central switch: each NF runtime (and the classifier, and each merger) does
 * its own row. The last NF of a parallel branch hands its version to the block's merger with an
 * explicit hop, as the last NF of the graph hands the packet to the egress.
 *
 * @param merge the merger that the version leaving {@code from} eventually reaches, or -1 when
 *     {@code from} is outside every parallel block
 * @param version the version number it has there, or -1
 * @param buffer the buffer {@code from} works on (for the classifier: 0)
 */
public record ForwardingEntry(Endpoint from, int buffer, int merge, int version, List<Hop> hops) {

  public ForwardingEntry {
    hops = List.copyOf(hops);
  }

  /**
   * What the runtime does when {@code from} drops a packet: inside a parallel block the version
   * still goes to its merger, marked dropped, so that the merger need not wait for it (and, under a
   * priority rule, may overrule the drop); outside, the packet is freed and counted.
   */
  public boolean dropGoesToMerger() {
    return merge >= 0;
  }
}
