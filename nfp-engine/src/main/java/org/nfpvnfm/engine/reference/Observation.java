package org.nfpvnfm.engine.reference;

import java.util.Collections;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;
import org.nfpvnfm.tosca.nfp.PacketField;

/**
 * What one NF saw of one packet: the value of every field it reads, and the header stack when it
 * reads or writes any field (a header added or removed moves every field, so both a reader and a
 * writer depend on it). An NF that reads nothing still observes that a packet came: its observation
 * is empty, not absent.
 *
 * @param stack the header stack, or null when the NF reads and writes no field
 */
public record Observation(Map<PacketField, Long> fields, @Nullable List<Long> stack) {

  public Observation {
    EnumMap<PacketField, Long> copy = new EnumMap<>(PacketField.class);
    copy.putAll(fields);
    fields = Collections.unmodifiableMap(copy);
    stack = stack == null ? null : List.copyOf(stack);
  }

  /** {@code {sip=3, payload=9 | stack=[1]}}, {@code {}} for an NF that reads nothing. */
  @Override
  public String toString() {
    StringBuilder b = new StringBuilder("{");
    String sep = "";
    for (Map.Entry<PacketField, Long> e : fields.entrySet()) {
      b.append(sep).append(e.getKey().key()).append('=').append(e.getValue());
      sep = ", ";
    }
    if (stack != null) {
      b.append(" | stack=").append(stack);
    }
    return b.append('}').toString();
  }
}
