package org.nfpvnfm.nf.nat;

import java.util.List;
import org.nfpvnfm.nf.firewall.Prefix;

/**
 * A NAT's checked configuration.
 *
 * @param publicAddress 4 or 16 bytes
 * @param internal the source prefixes translated on the way out, of the public address's version
 * @param portMin the first public port handed out
 * @param portMax the last public port handed out
 * @param maxMappings how many mappings, TCP and UDP together, the table holds at most
 * @param tcpTimeoutNanos how long a TCP mapping lives without a packet
 * @param udpTimeoutNanos how long a UDP mapping lives without a packet
 * @param seed the order in which free ports are handed out
 */
record NatSettings(
    byte[] publicAddress,
    List<Prefix> internal,
    int portMin,
    int portMax,
    int maxMappings,
    long tcpTimeoutNanos,
    long udpTimeoutNanos,
    long seed) {

  int ports() {
    return portMax - portMin + 1;
  }
}
