package org.nfpvnfm.events;

/**
 * A record that is not a CloudEvent this code can read: not JSON, not CloudEvents 1.0, a required
 * attribute missing, or data that does not fit its type. The message says which.
 */
public final class MalformedEventException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  public MalformedEventException(String message) {
    super(message);
  }

  public MalformedEventException(String message, Throwable cause) {
    super(message, cause);
  }
}
