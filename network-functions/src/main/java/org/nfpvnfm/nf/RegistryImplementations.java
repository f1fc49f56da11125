package org.nfpvnfm.nf;

import java.util.Map;
import java.util.Optional;
import org.nfpvnfm.dpdk.nf.NetworkFunction;
import org.nfpvnfm.dpdk.nf.NfImplementations;
import org.nfpvnfm.engine.GraphNf;
import org.nfpvnfm.tosca.nfp.NfImplementation;

/** The node's way to the NF SDK's registry: an NF type name and its config make an NF. */
public final class RegistryImplementations implements NfImplementations {
  private final NfRegistry registry = NfRegistry.load();

  @Override
  public Optional<NetworkFunction> create(GraphNf nf, NfImplementation implementation) {
    return registry
        .find(implementation.function())
        .map(p -> p.create(new NfConfig(nf.name(), implementation.config(), Map.of())));
  }
}
