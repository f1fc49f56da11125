package org.nfpvnfm.vnfm.internal.nodes;

/**
 * A compute node could not make a change: unreachable, refused, or failed. {@link #retriable()}
 * says whether trying again may help (the node was unreachable or busy), as opposed to a refusal of
 * the graph itself.
 */
public final class NodeException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  private final boolean retriable;

  public NodeException(String message, boolean retriable, Throwable cause) {
    super(message, cause);
    this.retriable = retriable;
  }

  public NodeException(String message, boolean retriable) {
    super(message);
    this.retriable = retriable;
  }

  public boolean retriable() {
    return retriable;
  }
}
