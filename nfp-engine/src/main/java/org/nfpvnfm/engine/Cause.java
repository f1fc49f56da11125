package org.nfpvnfm.engine;

/** Why a pair got its relation. */
public enum Cause {
  /** The §4 table, applied to the two profiles in reference-chain order. */
  TABLE,
  /** {@code priority(A > B)}: always parallel, conflicts resolved for A. */
  PRIORITY,
  /** A SOL001 {@code NfpPosition} with {@code forwarding_behaviour: all}: both see every packet. */
  PARALLEL_POSITION,
  /** One of them is pinned first or last: {@code position} keeps it sequential at its end. */
  POSITION,
  /** Both are placed by {@code assign}: classic chaining is a plain sequential chain. */
  ASSIGN,
  /** One of them has no action profile, so it is assumed to do everything. */
  NO_PROFILE
}
