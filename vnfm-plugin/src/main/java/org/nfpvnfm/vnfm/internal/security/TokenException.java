package org.nfpvnfm.vnfm.internal.security;

/**
 * A token refused: 401 with RFC 6750's {@code invalid_token} when the token is not acceptable, 503
 * when it cannot be checked now (the external issuer's keys are out of reach). The message is for
 * the caller and never quotes the token.
 */
final class TokenException extends Exception {
  private static final long serialVersionUID = 1L;

  private final int status;

  private TokenException(int status, String message) {
    super(message, null, false, false);
    this.status = status;
  }

  static TokenException invalid(String message) {
    return new TokenException(401, message);
  }

  static TokenException unavailable(String message) {
    return new TokenException(503, message);
  }

  int status() {
    return status;
  }

  @Override
  public String getMessage() {
    String m = super.getMessage();
    return m == null ? "" : m;
  }
}
