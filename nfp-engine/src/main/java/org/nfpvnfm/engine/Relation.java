package org.nfpvnfm.engine;

/**
 * What pair analysis (spec §4) decides for two NFs, the earlier one in the reference chain first.
 */
public enum Relation {
  /** They may run at the same time on one shared packet. */
  PARALLEL,
  /** They may run at the same time, each on its own packet version; the merger resolves them. */
  PARALLEL_WITH_COPY,
  /** The second must see the first's result: one after the other. */
  SEQUENTIAL;

  /** The stricter of two relations: a pair is as sequential as its most sequential action pair. */
  public Relation max(Relation other) {
    return compareTo(other) >= 0 ? this : other;
  }
}
