package org.nfpvnfm.vnfm.internal.lcm;

import java.util.Set;

/**
 * The states of a lifecycle operation occurrence (SOL003 §5.6.2.2) and which are final. An instance
 * has at most one occurrence that is not final; FAILED_TEMP is not final, since it waits for retry,
 * rollback or fail.
 */
public final class OperationState {
  public static final String STARTING = "STARTING";
  public static final String PROCESSING = "PROCESSING";
  public static final String COMPLETED = "COMPLETED";
  public static final String FAILED_TEMP = "FAILED_TEMP";
  public static final String FAILED = "FAILED";
  public static final String ROLLING_BACK = "ROLLING_BACK";
  public static final String ROLLED_BACK = "ROLLED_BACK";

  public static final Set<String> FINAL = Set.of(COMPLETED, FAILED, ROLLED_BACK);

  private OperationState() {}

  public static boolean isFinal(String state) {
    return FINAL.contains(state);
  }
}
