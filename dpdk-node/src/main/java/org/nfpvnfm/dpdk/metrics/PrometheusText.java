package org.nfpvnfm.dpdk.metrics;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;

/**
 * A scrape in Prometheus's text exposition format, version 0.0.4: families of samples, each family
 * written once with its {@code # HELP} and {@code # TYPE} lines, then its samples. Families come
 * out in the order they were first declared and samples in the order they were added, so the same
 * counters give the same text.
 *
 * <p>Labels are given as name/value pairs ({@code "graph", "chain", "nf", "FW"}); values are
 * escaped (backslash, double quote, line feed), names are checked. A series added twice is refused:
 * Prometheus would reject the whole scrape.
 *
 * <p>Not thread-safe: build one per scrape.
 */
public final class PrometheusText {

  /** The {@code Content-Type} of a scrape's answer. */
  public static final String CONTENT_TYPE = "text/plain; version=0.0.4; charset=utf-8";

  private static final Pattern METRIC_NAME = Pattern.compile("[a-zA-Z_:][a-zA-Z0-9_:]*");
  private static final Pattern LABEL_NAME = Pattern.compile("[a-zA-Z_][a-zA-Z0-9_]*");

  /** A family's type, as its {@code # TYPE} line names it. */
  public enum Type {
    COUNTER,
    GAUGE,
    SUMMARY,
    HISTOGRAM,
    UNTYPED;

    String text() {
      return name().toLowerCase(Locale.ROOT);
    }
  }

  private final Map<String, Family> families = new LinkedHashMap<>();
  private final Set<String> series = new HashSet<>();

  /** A counter family; by convention its name ends in {@code _total}. */
  public Family counter(String name, String help) {
    return family(name, Type.COUNTER, help);
  }

  public Family gauge(String name, String help) {
    return family(name, Type.GAUGE, help);
  }

  /** A summary family: samples through {@link Family#summary}. */
  public Family summary(String name, String help) {
    return family(name, Type.SUMMARY, help);
  }

  /** A histogram family: samples through {@link Family#histogram}. */
  public Family histogram(String name, String help) {
    return family(name, Type.HISTOGRAM, help);
  }

  /**
   * The family {@code name}, declared now or earlier with the same type (the help of the first
   * declaration is kept).
   */
  public Family family(String name, Type type, String help) {
    Family f = families.get(name);
    if (f == null) {
      if (!METRIC_NAME.matcher(name).matches()) {
        throw new IllegalArgumentException(
            "metric name '" + name + "' (expected: [a-zA-Z_:][a-zA-Z0-9_:]*)");
      }
      f = new Family(name, type, help);
      families.put(name, f);
    } else if (f.type != type) {
      throw new IllegalArgumentException(
          "metric " + name + " is a " + f.type.text() + ", not a " + type.text());
    }
    return f;
  }

  /** The scrape's text: every family that has samples; families without any are left out. */
  public String text() {
    StringBuilder out = new StringBuilder(4096);
    for (Family f : families.values()) {
      if (f.samples.isEmpty()) {
        continue;
      }
      out.append("# HELP ").append(f.name).append(' ').append(escapeHelp(f.help)).append('\n');
      out.append("# TYPE ").append(f.name).append(' ').append(f.type.text()).append('\n');
      f.samples.forEach(s -> out.append(s).append('\n'));
    }
    return out.toString();
  }

  @Override
  public String toString() {
    return text();
  }

  /** One family: a name, a type, a help text and its samples. */
  public final class Family {
    private final String name;
    private final Type type;
    private final String help;
    private final List<String> samples = new ArrayList<>();

    private Family(String name, Type type, String help) {
      this.name = name;
      this.type = type;
      this.help = help;
    }

    public String name() {
      return name;
    }

    /** A counter's, gauge's or untyped metric's sample. */
    public Family sample(double value, String... labels) {
      requireSimple();
      add(name, labels, null, null, format(value));
      return this;
    }

    /** {@link #sample(double, String...)} for a count, written exactly. */
    public Family sample(long value, String... labels) {
      requireSimple();
      add(name, labels, null, null, Long.toString(value));
      return this;
    }

    /**
     * A summary's series: one sample per quantile ({@code quantile} label, the quantile as a number
     * such as {@code 0.99}), then {@code _sum} when known and {@code _count}.
     *
     * @param quantiles values by quantile, in the order to write them
     */
    public Family summary(
        Map<Double, Double> quantiles, @Nullable Double sum, long count, String... labels) {
      if (type != Type.SUMMARY) {
        throw new IllegalStateException(name + " is a " + type.text() + ", not a summary");
      }
      for (Map.Entry<Double, Double> q : quantiles.entrySet()) {
        add(name, labels, "quantile", format(q.getKey()), format(q.getValue()));
      }
      if (sum != null) {
        add(name + "_sum", labels, null, null, format(sum));
      }
      add(name + "_count", labels, null, null, Long.toString(count));
      return this;
    }

    /**
     * A histogram's series: its cumulative buckets ({@code le}), {@code _sum} and {@code _count}.
     */
    public Family histogram(Histogram.Snapshot h, String... labels) {
      if (type != Type.HISTOGRAM) {
        throw new IllegalStateException(name + " is a " + type.text() + ", not a histogram");
      }
      for (int i = 0; i < h.bounds().size(); i++) {
        add(
            name + "_bucket",
            labels,
            "le",
            format(h.bounds().get(i)),
            Long.toString(h.cumulative().get(i)));
      }
      add(name + "_bucket", labels, "le", "+Inf", Long.toString(h.count()));
      add(name + "_sum", labels, null, null, format(h.sum()));
      add(name + "_count", labels, null, null, Long.toString(h.count()));
      return this;
    }

    private void requireSimple() {
      if (type == Type.SUMMARY || type == Type.HISTOGRAM) {
        throw new IllegalStateException(
            name + " is a " + type.text() + ": add its samples with " + type.text() + "(...)");
      }
    }

    private void add(
        String sampleName,
        String[] labels,
        @Nullable String extraName,
        @Nullable String extraValue,
        String value) {
      if (labels.length % 2 != 0) {
        throw new IllegalArgumentException(
            name + ": labels come as name/value pairs (got " + labels.length + " strings)");
      }
      StringBuilder s = new StringBuilder(sampleName);
      if (labels.length > 0 || extraName != null) {
        s.append('{');
        Set<String> seen = new HashSet<>();
        for (int i = 0; i < labels.length; i += 2) {
          String label = labels[i];
          if (!LABEL_NAME.matcher(label).matches() || label.startsWith("__")) {
            throw new IllegalArgumentException(name + ": label name '" + label + "'");
          }
          if (label.equals(extraName) || !seen.add(label)) {
            throw new IllegalArgumentException(name + ": label " + label + " given twice");
          }
          if (i > 0) {
            s.append(',');
          }
          s.append(label).append("=\"").append(escapeLabel(labels[i + 1])).append('"');
        }
        if (extraName != null) {
          if (labels.length > 0) {
            s.append(',');
          }
          s.append(extraName).append("=\"").append(extraValue).append('"');
        }
        s.append('}');
      }
      String key = s.toString();
      if (!series.add(key)) {
        throw new IllegalStateException("the series " + key + " was added twice");
      }
      samples.add(key + ' ' + value);
    }
  }

  /**
   * A sample value: whole numbers without a fraction, the special values as Prometheus names them.
   */
  public static String format(double v) {
    if (Double.isNaN(v)) {
      return "NaN";
    }
    if (Double.isInfinite(v)) {
      return v > 0 ? "+Inf" : "-Inf";
    }
    if (v == Math.rint(v) && Math.abs(v) < 1e15) {
      return Long.toString((long) v);
    }
    return Double.toString(v);
  }

  /** A label value as the format wants it: backslash, double quote and line feed escaped. */
  public static String escapeLabel(String value) {
    StringBuilder b = new StringBuilder(value.length() + 8);
    for (int i = 0; i < value.length(); i++) {
      char c = value.charAt(i);
      switch (c) {
        case '\\' -> b.append("\\\\");
        case '"' -> b.append("\\\"");
        case '\n' -> b.append("\\n");
        default -> b.append(c);
      }
    }
    return b.toString();
  }

  private static String escapeHelp(String help) {
    return help.replace("\\", "\\\\").replace("\n", "\\n");
  }
}
