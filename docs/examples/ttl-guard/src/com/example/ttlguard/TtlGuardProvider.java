package com.example.ttlguard;

import java.util.EnumMap;
import org.nfpvnfm.dpdk.nf.NetworkFunction;
import org.nfpvnfm.nf.NfConfig;
import org.nfpvnfm.nf.NfProvider;
import org.nfpvnfm.tosca.nfp.Access;
import org.nfpvnfm.tosca.nfp.ActionProfile;
import org.nfpvnfm.tosca.nfp.PacketField;

/** Found by ServiceLoader through META-INF/services/org.nfpvnfm.nf.NfProvider. */
public final class TtlGuardProvider implements NfProvider {

  @Override
  public String type() {
    return "ttl_guard";
  }

  @Override
  public ActionProfile profile() {
    EnumMap<PacketField, Access> fields = new EnumMap<>(PacketField.class);
    fields.put(PacketField.TTL, Access.READ);
    return new ActionProfile("ttl_guard", fields, false, true);
  }

  @Override
  public NetworkFunction create(NfConfig config) {
    long minimum = config.integer("minimum_ttl", 2, 1, 255);
    config.check();
    return new TtlGuard(minimum);
  }
}
