package org.nfpvnfm.dpdk.nf;

/**
 * A network function on the DPDK node. The node's runtime for the NF dequeues a burst, parses each
 * packet and calls {@link #process} once per burst; the NF reads and writes the packets in place
 * (through {@link org.nfpvnfm.dpdk.packet.PacketFields} on {@link PacketBatch#packet}) and drops
 * the ones it rejects with {@link PacketBatch#drop}. It must touch only the fields its action
 * profile declares: the parallel graph was compiled from that profile.
 *
 * <p>One thread calls {@link #process} at a time (the worker the NF is placed on), so an NF keeps
 * its state in plain fields. An exception fails the whole burst: the runtime counts its packets as
 * failed and drops them (inside a parallel block, their merger gives the packets up), and the NF
 * gets the next burst.
 */
@FunctionalInterface
public interface NetworkFunction {

  /** Processes every packet of {@code batch} in place; allocation here costs every packet. */
  void process(PacketBatch batch);
}
