package org.nfpvnfm.engine;

/**
 * A service graph in numbers.
 *
 * @param nfs NFs in the graph
 * @param sequentialLength NFs a packet crosses one after another in the sequential chain ({@code
 *     nfs})
 * @param length NFs on the longest path of the parallel graph (the chain's length in the paper's
 *     sense: VPN, {Monitor, FW}, LB has length 3)
 * @param width the largest number of branches of one parallel block (the parallelism degree)
 * @param parallelBlocks parallel blocks (each has a merger)
 * @param headerCopies header-only copies made per packet (at most; fewer when a branch drops)
 * @param fullCopies full copies made per packet (at most)
 * @param pairs NF pairs in the graph
 * @param parallelPairs pairs the table (or a rule) lets run in parallel on one packet
 * @param copyParallelPairs pairs that may run in parallel on separate versions
 */
public record Summary(
    int nfs,
    int sequentialLength,
    int length,
    int width,
    int parallelBlocks,
    int headerCopies,
    int fullCopies,
    long pairs,
    long parallelPairs,
    long copyParallelPairs) {}
