package org.nfpvnfm.tosca.nfp;

import java.util.Optional;

/** What an NF does with one packet field: nothing, read it, write it, or both. */
public enum Access {
  NONE(false, false, "none"),
  READ(true, false, "r"),
  WRITE(false, true, "w"),
  READ_WRITE(true, true, "rw");

  private final boolean reads;
  private final boolean writes;
  private final String key;

  Access(boolean reads, boolean writes, String key) {
    this.reads = reads;
    this.writes = writes;
    this.key = key;
  }

  public boolean reads() {
    return reads;
  }

  public boolean writes() {
    return writes;
  }

  /** The value used in descriptors: {@code none}, {@code r}, {@code w} or {@code rw}. */
  public String key() {
    return key;
  }

  public static Access of(boolean reads, boolean writes) {
    if (reads) {
      return writes ? READ_WRITE : READ;
    }
    return writes ? WRITE : NONE;
  }

  /** Every action of either: the access of two NFs seen as one. */
  public Access union(Access other) {
    return of(reads || other.reads, writes || other.writes);
  }

  /** True when this access includes every action of {@code other}. */
  public boolean covers(Access other) {
    return (reads || !other.reads) && (writes || !other.writes);
  }

  /** The access for a descriptor value ({@code r}, {@code w}, {@code rw}, {@code none}). */
  public static Optional<Access> ofKey(String key) {
    for (Access a : values()) {
      if (a.key.equals(key)) {
        return Optional.of(a);
      }
    }
    return Optional.empty();
  }
}
