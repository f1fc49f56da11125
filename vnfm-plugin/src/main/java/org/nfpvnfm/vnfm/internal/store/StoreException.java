package org.nfpvnfm.vnfm.internal.store;

import java.sql.SQLException;

/** The database failed (not a caller's mistake): the API answers 503, and the work is retried. */
public final class StoreException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  public StoreException(SQLException cause) {
    super(cause.getMessage(), cause);
  }
}
