package org.nfpvnfm.cli;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.time.format.DateTimeFormatter;
import java.util.Locale;
import java.util.Map;
import java.util.logging.Formatter;
import java.util.logging.Handler;
import java.util.logging.LogRecord;
import java.util.logging.Logger;
import java.util.logging.SimpleFormatter;

/**
 * How {@code nfp serve} and {@code nfp node} write their log lines ({@code --log-format}): the
 * JDK's {@code text} format, or {@code json}, one object per line. The code logs through {@code
 * System.Logger}, which the JDK sends to java.util.logging, as slf4j-jdk14 does for the libraries;
 * {@link #install} sets the formatter of the root logger's handlers. Both formats add the {@link
 * LogContext} of the logging thread: the text format appends {@code opId=...} to the message, the
 * JSON format every field.
 *
 * <p>The formatters read the context of the thread that formats, which is the thread that logs for
 * the JDK's console and stream handlers (they publish synchronously).
 */
public enum LogFormat {
  TEXT,
  JSON;

  /** {@code text} or {@code json}; anything else is an {@link IllegalArgumentException}. */
  public static LogFormat of(String name) {
    return switch (name.strip().toLowerCase(Locale.ROOT)) {
      case "text" -> TEXT;
      case "json" -> JSON;
      default ->
          throw new IllegalArgumentException("log format '" + name + "' (expected: text or json)");
    };
  }

  /** A new formatter of this format. */
  public Formatter formatter() {
    return this == TEXT ? new Text() : new Json();
  }

  /** Sets this format on every handler of the root logger. */
  public void install() {
    for (Handler h : Logger.getLogger("").getHandlers()) {
      h.setFormatter(formatter());
    }
  }

  /**
   * The JDK's {@link SimpleFormatter} (its format property is honoured) with {@code opId=...} after
   * the message of a line logged during an operation.
   */
  public static final class Text extends SimpleFormatter {
    @Override
    public String formatMessage(LogRecord record) {
      String message = super.formatMessage(record);
      String opId = LogContext.current().get(LogContext.OP_ID);
      return opId == null ? message : message + " opId=" + opId;
    }
  }

  /**
   * One JSON object per line: {@code ts} (ISO-8601, UTC), {@code level} (java.util.logging's name:
   * SEVERE, WARNING, INFO, FINE...), {@code logger}, {@code thread}, {@code msg}, then the {@link
   * LogContext} fields, and {@code error} ({@code class}, {@code message}, {@code stack}) when the
   * record has a throwable.
   */
  public static final class Json extends Formatter {
    @Override
    public String format(LogRecord record) {
      StringBuilder b = new StringBuilder(256);
      b.append('{');
      field(b, "ts", DateTimeFormatter.ISO_INSTANT.format(record.getInstant()));
      b.append(',');
      field(b, "level", record.getLevel().getName());
      b.append(',');
      field(b, "logger", String.valueOf(record.getLoggerName()));
      b.append(',');
      field(b, "thread", thread(record));
      b.append(',');
      field(b, "msg", formatMessage(record));
      for (Map.Entry<String, String> e : LogContext.current().entrySet()) {
        b.append(',');
        field(b, e.getKey(), e.getValue());
      }
      Throwable t = record.getThrown();
      if (t != null) {
        StringWriter stack = new StringWriter();
        t.printStackTrace(new PrintWriter(stack));
        b.append(",\"error\":{");
        field(b, "class", t.getClass().getName());
        b.append(',');
        field(b, "message", String.valueOf(t.getMessage()));
        b.append(',');
        field(b, "stack", stack.toString());
        b.append('}');
      }
      return b.append("}\n").toString();
    }

    private static String thread(LogRecord record) {
      Thread t = Thread.currentThread();
      if (t.threadId() == record.getLongThreadID()) {
        return t.getName().isEmpty() ? "#" + t.threadId() : t.getName();
      }
      return "#" + record.getLongThreadID();
    }

    private static void field(StringBuilder b, String name, String value) {
      string(b, name);
      b.append(':');
      string(b, value);
    }

    private static void string(StringBuilder b, String s) {
      b.append('"');
      for (int i = 0; i < s.length(); i++) {
        char c = s.charAt(i);
        switch (c) {
          case '"' -> b.append("\\\"");
          case '\\' -> b.append("\\\\");
          case '\n' -> b.append("\\n");
          case '\r' -> b.append("\\r");
          case '\t' -> b.append("\\t");
          default -> {
            if (c < 0x20) {
              b.append(String.format(Locale.ROOT, "\\u%04x", (int) c));
            } else {
              b.append(c);
            }
          }
        }
      }
      b.append('"');
    }
  }
}
