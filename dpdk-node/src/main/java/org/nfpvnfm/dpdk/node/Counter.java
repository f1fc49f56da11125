package org.nfpvnfm.dpdk.node;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;

/**
 * A count with one writer (the worker that runs its task) and any number of readers (statistics).
 * The writer adds with an opaque store, a plain {@code mov} on x86, so counting costs nothing extra
 * on the packet path while a reader still sees every value whole and eventually the latest.
 */
final class Counter {
  private static final VarHandle VALUE;

  static {
    try {
      VALUE = MethodHandles.lookup().findVarHandle(Counter.class, "value", long.class);
    } catch (ReflectiveOperationException e) {
      throw new ExceptionInInitializerError(e);
    }
  }

  @SuppressWarnings("unused") // through VALUE
  private long value;

  /** The writer only. */
  void add(long n) {
    VALUE.setOpaque(this, (long) VALUE.getOpaque(this) + n);
  }

  void increment() {
    add(1);
  }

  long get() {
    return (long) VALUE.getOpaque(this);
  }
}
