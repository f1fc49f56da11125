package org.nfpvnfm.cli;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Fields that every log line of the current thread carries while a piece of work runs: a VNF
 * lifecycle operation's {@code opId}, {@code operation} and {@code vnfInstanceId}. The log
 * formatters ({@link LogFormat}) add them to each line; code the work calls on the same thread (the
 * compute-node client, the node itself) needs no change to be tagged.
 *
 * <p>Fields are set for a scope and restored when it closes, so scopes nest:
 *
 * <pre>{@code
 * try (LogContext.Scope s = LogContext.with(LogContext.OP_ID, opId)) {
 *   ... // every line logged here, on this thread, carries opId
 * }
 * }</pre>
 *
 * Other threads (a pool the work hands a task to) do not inherit the fields.
 */
public final class LogContext {
  /** A VNF lifecycle operation occurrence's id. */
  public static final String OP_ID = "opId";

  /** The VNF instance an operation works on. */
  public static final String VNF_INSTANCE_ID = "vnfInstanceId";

  /** The operation ({@code INSTANTIATE}...). */
  public static final String OPERATION = "operation";

  private static final ThreadLocal<Map<String, String>> CURRENT = ThreadLocal.withInitial(Map::of);

  private LogContext() {}

  /** Closes a scope: the fields are those before it again. Closing twice does nothing more. */
  public interface Scope extends AutoCloseable {
    @Override
    void close();
  }

  /**
   * Adds fields, {@code key, value, key, value...}, for the scope returned; a key already set is
   * overwritten until then.
   */
  public static Scope with(String... keysAndValues) {
    if (keysAndValues.length % 2 != 0) {
      throw new IllegalArgumentException(
          "log context fields come as key/value pairs (got " + keysAndValues.length + " strings)");
    }
    Map<String, String> before = CURRENT.get();
    Map<String, String> now = new LinkedHashMap<>(before);
    for (int i = 0; i < keysAndValues.length; i += 2) {
      now.put(keysAndValues[i], keysAndValues[i + 1]);
    }
    CURRENT.set(Collections.unmodifiableMap(now));
    Thread owner = Thread.currentThread();
    return new Scope() {
      private boolean closed;

      @Override
      public void close() {
        if (closed || Thread.currentThread() != owner) {
          return;
        }
        closed = true;
        if (before.isEmpty()) {
          CURRENT.remove();
        } else {
          CURRENT.set(before);
        }
      }
    };
  }

  /** The current thread's fields, in the order they were set; empty outside every scope. */
  public static Map<String, String> current() {
    return CURRENT.get();
  }
}
