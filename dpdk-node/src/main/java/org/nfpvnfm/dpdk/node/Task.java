package org.nfpvnfm.dpdk.node;

/**
 * One unit of work a worker polls in its loop: port receive and classification, an NF runtime, a
 * merger instance, or transmit. A poll does at most a few bursts and returns how many packets it
 * moved, so that tasks sharing a core take turns (cooperative polling).
 */
interface Task {
  String name();

  /** Does one round of work; returns the number of packets moved (0 when idle). */
  int poll(long nowNanos);

  /** Packets this task finished with so far: the node's drain watches it stand still. */
  long progress();
}
