package org.nfpvnfm.vnfm.internal.lcm;

import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * Asks for permission to run a lifecycle operation (SOL003 §9, Lifecycle Operation Granting): the
 * NFVO's grant server, or this VNFM itself when it runs standalone.
 */
public interface Granter {

  /**
   * Requests a grant for {@code grantRequest} (a SOL003 GrantRequest) and waits for the answer.
   *
   * @return the grant's id
   * @throws GrantException when the grant was rejected ({@link GrantException#rejected()}) or the
   *     grant server could not give an answer in time
   */
  String grant(ObjectNode grantRequest) throws GrantException, InterruptedException;

  /** A grant that was refused or could not be had. */
  final class GrantException extends Exception {
    private static final long serialVersionUID = 1L;
    private final boolean rejected;

    public GrantException(String message, boolean rejected) {
      super(message);
      this.rejected = rejected;
    }

    /** Whether the NFVO rejected the grant (403), as opposed to not answering. */
    public boolean rejected() {
      return rejected;
    }
  }
}
