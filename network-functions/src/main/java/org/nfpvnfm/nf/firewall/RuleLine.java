package org.nfpvnfm.nf.firewall;

/**
 * One rule's text and where it came from ({@code rules item 3}, {@code artifact rules line 12}), so
 * that every message about it can name it.
 */
public record RuleLine(String where, String text) {

  /** {@code where "text"}: how messages and counters name the rule. */
  @Override
  public String toString() {
    return where + " \"" + text + "\"";
  }
}
