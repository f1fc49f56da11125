package org.nfpvnfm.engine;

/** How a packet version is made from the buffer it comes from. */
public enum CopyKind {
  /**
   * The same buffer, one more reference: NFs on it touch disjoint fields (dirty memory reusing).
   */
  SHARED,
  /**
   * A new buffer for the headers; the payload stays in the source buffer, shared read-only. Chosen
   * when no NF on the version writes the payload. The dataplane may make a full copy instead where
   * that is cheaper (packets shorter than a header copy costs): the result is the same.
   */
  HEADER_COPY,
  /** A new buffer with the whole packet. */
  FULL_COPY
}
