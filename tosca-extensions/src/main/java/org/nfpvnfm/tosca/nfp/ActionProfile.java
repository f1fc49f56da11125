package org.nfpvnfm.tosca.nfp;

import java.util.Collections;
import java.util.EnumMap;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * What an NF does to a packet (the spec's action table, §3): per field whether it reads or writes
 * it, whether it adds or removes headers, and whether it may drop the packet. Fields absent from
 * {@link #fields()} are not touched.
 *
 * <p>A profile must be exact: a write it leaves out breaks the result-correctness principle. Reads
 * that are declared but never done only cost parallelism.
 */
public record ActionProfile(
    String name, Map<PacketField, Access> fields, boolean addsOrRemovesHeader, boolean mayDrop) {

  public ActionProfile {
    EnumMap<PacketField, Access> copy = new EnumMap<>(PacketField.class);
    fields.forEach(
        (f, a) -> {
          if (a != Access.NONE) {
            copy.put(f, a);
          }
        });
    fields = Collections.unmodifiableMap(copy);
  }

  /** The access to {@code field}; {@link Access#NONE} when the NF does not touch it. */
  public Access access(PacketField field) {
    return fields.getOrDefault(field, Access.NONE);
  }

  public Set<PacketField> reads() {
    return select(true);
  }

  public Set<PacketField> writes() {
    return select(false);
  }

  private Set<PacketField> select(boolean reads) {
    return fields.entrySet().stream()
        .filter(e -> reads ? e.getValue().reads() : e.getValue().writes())
        .map(Map.Entry::getKey)
        .collect(Collectors.toCollection(() -> java.util.EnumSet.noneOf(PacketField.class)));
  }

  /** Writes the payload, so a header-only copy is not enough for it. */
  public boolean writesPayload() {
    return access(PacketField.PAYLOAD).writes();
  }

  /**
   * The IPv4 header checksum changes whenever an L3 field is written or a header is added or
   * removed; it is never declared, it follows.
   */
  public boolean rewritesIpChecksum() {
    return addsOrRemovesHeader || writes().stream().anyMatch(PacketField::inIpChecksum);
  }

  /** The TCP/UDP checksum changes when a field it covers (pseudo-header included) is written. */
  public boolean rewritesL4Checksum() {
    return addsOrRemovesHeader || writes().stream().anyMatch(PacketField::inL4Checksum);
  }

  /** A copy of this profile under another name, with {@code overrides} replacing field accesses. */
  public ActionProfile with(
      String newName,
      Map<PacketField, Access> overrides,
      boolean addsOrRemovesHeader,
      boolean mayDrop) {
    EnumMap<PacketField, Access> merged = new EnumMap<>(PacketField.class);
    merged.putAll(fields);
    merged.putAll(overrides);
    return new ActionProfile(newName, merged, addsOrRemovesHeader, mayDrop);
  }

  /** The profile of two NFs seen as one (the spec's subgraph profile, §5 step 3). */
  public ActionProfile union(String newName, ActionProfile other) {
    EnumMap<PacketField, Access> merged = new EnumMap<>(PacketField.class);
    for (PacketField f : PacketField.values()) {
      merged.put(f, access(f).union(other.access(f)));
    }
    return new ActionProfile(
        newName,
        merged,
        addsOrRemovesHeader || other.addsOrRemovesHeader,
        mayDrop || other.mayDrop);
  }
}
