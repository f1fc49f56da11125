package org.nfpvnfm.dpdk.nf;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.ServiceLoader;
import org.nfpvnfm.engine.GraphNf;
import org.nfpvnfm.tosca.nfp.NfImplementation;

/**
 * Makes real NFs from the implementations descriptors name ({@code function} and {@code config} of
 * an action profile). Found with {@link ServiceLoader}: the NF SDK ({@code network-functions})
 * provides one, so that this module, which runs NFs, does not depend on the module that holds them.
 */
public interface NfImplementations {

  /**
   * The NF for {@code nf} made from {@code implementation}, or empty when this provider does not
   * know the function.
   *
   * @throws IllegalArgumentException when it knows the function but the configuration is wrong
   */
  Optional<NetworkFunction> create(GraphNf nf, NfImplementation implementation);

  /** Every provider on the class path. */
  static List<NfImplementations> load() {
    List<NfImplementations> all = new ArrayList<>();
    ServiceLoader.load(NfImplementations.class, NfImplementations.class.getClassLoader())
        .forEach(all::add);
    return all;
  }
}
