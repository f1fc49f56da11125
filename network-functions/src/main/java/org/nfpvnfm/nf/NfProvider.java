package org.nfpvnfm.nf;

import org.nfpvnfm.dpdk.nf.NetworkFunction;
import org.nfpvnfm.tosca.nfp.ActionProfile;

/**
 * One NF type (a firewall, a NAT, ...), found by {@link NfRegistry} through {@link
 * java.util.ServiceLoader}. Implementations are stateless factories: all state lives in the {@link
 * NetworkFunction}s they make, one per NF of a deployed graph.
 */
public interface NfProvider {

  /** The type name descriptors use ({@code firewall}, {@code l3_forwarder}); lower case. */
  String type();

  /**
   * What every NF of this type does to a packet: the fields it reads and writes, whether it adds or
   * removes headers and whether it may drop. It must be exact (under-declaring a write breaks the
   * result-correctness principle); {@code nfp profile} measures it.
   */
  ActionProfile profile();

  /**
   * Checks {@code config} and makes an NF. Every problem is reported at once, by key.
   *
   * @throws NfConfigException naming each configuration problem
   */
  NetworkFunction create(NfConfig config);
}
