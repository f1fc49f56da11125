package org.nfpvnfm.dpdk.agent.internal;

/** A request body is over the agent's limit (413). */
public final class RequestTooLargeException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  public RequestTooLargeException(String message) {
    super(message);
  }
}
