package org.nfpvnfm.dpdk.agent;

import java.util.List;

/**
 * No graph is deployed under the name a request gave: the caller asked for something that is not
 * there (404), as opposed to asking for something wrong (400, an {@link IllegalArgumentException}).
 */
public final class NoSuchGraphException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  private final String name;

  public NoSuchGraphException(String name, List<String> deployed) {
    super("no graph named " + name + " is deployed (deployed: " + deployed + ")");
    this.name = name;
  }

  /** The name that was asked for. */
  public String name() {
    return name;
  }
}
