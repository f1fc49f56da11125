package org.nfpvnfm.nf.firewall;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;

/**
 * A fixed set of counters with one writer (the worker that runs the NF) and any number of readers
 * (statistics, tests). The writer stores with an opaque write, a plain {@code mov} on x86, so
 * counting costs nothing extra on the packet path, while a reader on another thread sees every
 * value whole and, soon, the latest one. Adding is not atomic: only the NF's own thread may write.
 */
public final class Counters {
  private static final VarHandle ELEMENT = MethodHandles.arrayElementVarHandle(long[].class);

  private final long[] values;

  public Counters(int size) {
    values = new long[size];
  }

  public int size() {
    return values.length;
  }

  /** The writer only. */
  public void add(int counter, long n) {
    ELEMENT.setOpaque(values, counter, values[counter] + n);
  }

  /** The writer only. */
  public void increment(int counter) {
    add(counter, 1);
  }

  /** The writer only: a gauge (a table's occupancy, say). */
  public void set(int counter, long value) {
    ELEMENT.setOpaque(values, counter, value);
  }

  /** Any thread. */
  public long get(int counter) {
    return (long) ELEMENT.getOpaque(values, counter);
  }
}
