package org.nfpvnfm.engine.reference;

/**
 * A service graph's tables cannot be executed as written: a hop from a buffer not made yet, an NF
 * reached twice, a merger that gets a version twice or never gets all of them, a packet that never
 * leaves. The message names the packet's position in the plan.
 */
public final class PlanException extends IllegalStateException {

  private static final long serialVersionUID = 1L;

  public PlanException(String message) {
    super(message);
  }
}
