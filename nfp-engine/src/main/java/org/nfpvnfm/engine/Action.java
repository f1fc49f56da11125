package org.nfpvnfm.engine;

/**
 * The actions of the spec's §4 table: R and W on a field; A (adds or removes headers) and D (may
 * drop) on the whole packet. {@link #SEE} is the one action every NF takes: it sees each packet
 * that reaches it, which is what makes an earlier drop visible to it.
 */
public enum Action {
  READ("R"),
  WRITE("W"),
  ADD_REMOVE("A"),
  DROP("D"),
  SEE("sees the packet");

  private final String symbol;

  Action(String symbol) {
    this.symbol = symbol;
  }

  /** The table's letter, or a phrase for {@link #SEE}. */
  public String symbol() {
    return symbol;
  }
}
