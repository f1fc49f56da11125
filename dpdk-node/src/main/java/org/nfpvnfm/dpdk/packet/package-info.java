/**
 * Zero-allocation packet parsing and field access over a {@link java.lang.foreign.MemorySegment}
 * that holds one Ethernet frame in place (an mbuf's data, or any heap or native segment).
 *
 * <p>{@link org.nfpvnfm.dpdk.packet.PacketParser} fills a reusable, per-core {@link
 * org.nfpvnfm.dpdk.packet.ParsedPacket}; a malformed frame is a {@link
 * org.nfpvnfm.dpdk.packet.ParseStatus}, never an exception, and {@link
 * org.nfpvnfm.dpdk.packet.DropCounters} counts them by reason. {@link
 * org.nfpvnfm.dpdk.packet.PacketFields} reads, writes and copies the fields of the action table
 * ({@link org.nfpvnfm.tosca.nfp.PacketField}); {@link org.nfpvnfm.dpdk.packet.Checksums} recomputes
 * the IPv4 header and TCP/UDP/ICMP checksums after writes.
 *
 * <p>This package uses {@code java.lang.foreign} only to read and write memory (segments and value
 * layouts); it calls no native code and does not depend on DPDK, which lives behind {@code
 * org.nfpvnfm.dpdk.internal.ffm}.
 */
@NullMarked
package org.nfpvnfm.dpdk.packet;

import org.jspecify.annotations.NullMarked;
