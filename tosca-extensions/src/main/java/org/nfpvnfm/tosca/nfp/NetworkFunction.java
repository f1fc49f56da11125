package org.nfpvnfm.tosca.nfp;

import org.jspecify.annotations.Nullable;
import org.nfpvnfm.tosca.SourceLocation;

/**
 * One NF of the service: its name (the node template's name, or for a Tacker VNFFGD the forwarder's
 * VNFD name), the node type when it is a node template of this template, and its action profile
 * when one is declared.
 */
public record NetworkFunction(
    String name,
    @Nullable String nodeType,
    @Nullable ActionProfile profile,
    SourceLocation location,
    @Nullable NfImplementation implementation) {

  /** An NF without a named implementation (the node runs a profile model of it). */
  public NetworkFunction(
      String name, @Nullable String nodeType, @Nullable ActionProfile profile, SourceLocation at) {
    this(name, nodeType, profile, at, null);
  }
}
