package org.nfpvnfm.vnfm.internal.lcm;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.UUID;

/**
 * Grants every operation: for a VNFM that runs without an NFVO ({@code nfvo.grants: self}), where
 * the operator who calls the API is the one deciding.
 */
final class SelfGranter implements Granter {
  @Override
  public String grant(ObjectNode grantRequest) {
    return "self-" + UUID.randomUUID();
  }
}
