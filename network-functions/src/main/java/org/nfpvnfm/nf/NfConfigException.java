package org.nfpvnfm.nf;

import java.util.List;

/** An NF's configuration has problems; {@link #problems()} lists each, naming its key. */
public final class NfConfigException extends IllegalArgumentException {
  private static final long serialVersionUID = 1L;

  private final List<String> problems;

  public NfConfigException(String nf, List<String> problems) {
    super(nf + ": " + String.join("; ", problems));
    this.problems = List.copyOf(problems);
  }

  public List<String> problems() {
    return problems;
  }
}
