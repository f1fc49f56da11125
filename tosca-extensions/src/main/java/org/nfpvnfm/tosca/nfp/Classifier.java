package org.nfpvnfm.tosca.nfp;

import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;
import org.nfpvnfm.tosca.SourceLocation;

/**
 * The traffic a forwarding graph takes: one Tacker ACL criterion or one SOL001 {@code
 * tosca.policies.nfv.NfpRule}, as typed match fields. A null field matches anything. Match keys
 * with no typed field here (Tacker's {@code network_src_port_id}, ARP, ICMP, MPLS keys, SOL001
 * {@code extended_criteria}) are kept in {@link #other()} with their values as text.
 *
 * @param name the criterion's name (Tacker {@code criteria[].name}; the policy's name for SOL001)
 * @param etherType {@code ipv4} or {@code ipv6}, or a Tacker value as written
 * @param ipProtocol IANA protocol number (SOL001 keywords {@code tcp}, {@code udp}, ... mapped)
 * @param dscp the 6-bit DSCP value (SOL001's bit string converted)
 */
public record Classifier(
    String name,
    @Nullable String sourceMac,
    @Nullable String destinationMac,
    @Nullable String etherType,
    List<Integer> vlanIds,
    @Nullable Integer ipProtocol,
    @Nullable Integer dscp,
    @Nullable String sourcePrefix,
    @Nullable String destinationPrefix,
    @Nullable PortRange sourcePorts,
    @Nullable PortRange destinationPorts,
    Map<String, String> other,
    SourceLocation location) {

  public Classifier {
    vlanIds = List.copyOf(vlanIds);
    other = java.util.Collections.unmodifiableMap(new java.util.TreeMap<>(other));
  }
}
