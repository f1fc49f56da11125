package org.nfpvnfm.tosca;

/** How bad a {@link Diagnostic} is. Only {@link #ERROR} makes a descriptor unusable. */
public enum Severity {
  ERROR,
  WARNING,
  INFO;

  /** The lower-case word a compiler prints ("error", "warning", "info"). */
  public String word() {
    return name().toLowerCase(java.util.Locale.ROOT);
  }
}
