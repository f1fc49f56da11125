package org.nfpvnfm.engine;

/** How the reference chain came to put one NF before another. */
public enum Ordering {
  /** A rule says so directly: {@code order}, consecutive {@code assign}s, or a Tacker path. */
  RULE,
  /** Rules imply it through other NFs, or a {@code position} rule pins one of them. */
  IMPLIED,
  /** No rule orders them; the engine chose the order that lets them run in parallel best. */
  CHOSEN,
  /** They run together ({@code priority} or a parallel position): no order at all. */
  TOGETHER
}
