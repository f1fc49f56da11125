package org.nfpvnfm.engine.internal;

import java.util.ArrayList;
import java.util.List;
import org.nfpvnfm.tosca.nfp.PacketField;

/** Field masks in words. */
final class Fields {
  private Fields() {}

  static String names(int mask) {
    List<String> out = new ArrayList<>();
    for (PacketField f : PacketField.values()) {
      if ((mask & (1 << f.ordinal())) != 0) {
        out.add(f.key());
      }
    }
    return String.join(", ", out);
  }
}
