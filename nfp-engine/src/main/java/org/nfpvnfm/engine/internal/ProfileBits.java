package org.nfpvnfm.engine.internal;

import org.nfpvnfm.tosca.nfp.ActionProfile;
import org.nfpvnfm.tosca.nfp.PacketField;

/**
 * An action profile as bit masks over {@link PacketField} ordinals, for the pair table's inner
 * loop.
 */
record ProfileBits(int reads, int writes, boolean addRemove, boolean drop) {

  static final int PAYLOAD = 1 << PacketField.PAYLOAD.ordinal();

  static ProfileBits of(ActionProfile p) {
    int r = 0;
    int w = 0;
    for (PacketField f : PacketField.values()) {
      if (p.access(f).reads()) {
        r |= 1 << f.ordinal();
      }
      if (p.access(f).writes()) {
        w |= 1 << f.ordinal();
      }
    }
    return new ProfileBits(r, w, p.addsOrRemovesHeader(), p.mayDrop());
  }

  boolean touches() {
    return (reads | writes) != 0;
  }

  boolean writesPayload() {
    return (writes & PAYLOAD) != 0;
  }

  boolean readsPayload() {
    return (reads & PAYLOAD) != 0;
  }
}
