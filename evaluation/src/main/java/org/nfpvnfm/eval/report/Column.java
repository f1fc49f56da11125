package org.nfpvnfm.eval.report;

import java.util.Locale;
import java.util.Objects;

/**
 * A column of a {@link ResultTable}.
 *
 * @param name what it holds, e.g. {@code latency p99}; unique within its table
 * @param unit e.g. {@code µs} or {@code Mpps}; empty for none (a count, a name)
 * @param kind what its cells hold
 * @param decimals the digits after the point that Markdown shows for a {@link Kind#DECIMAL} column
 *     (CSV and JSON keep every digit); 0 for the other kinds
 */
public record Column(String name, String unit, Kind kind, int decimals) {

  /** What a column's cells hold. Cells may also be empty (null): not measured, not applicable. */
  public enum Kind {
    /** {@link String} cells. */
    TEXT,
    /** {@link Long} cells (an {@link Integer}, {@link Short} or {@link Byte} is widened). */
    INTEGER,
    /** {@link Double} cells, finite (any {@link Number} is converted). */
    DECIMAL;

    /** {@code text}, {@code integer} or {@code decimal}, as the JSON file spells it. */
    public String id() {
      return name().toLowerCase(Locale.ROOT);
    }

    /** The kind that {@link #id()} spells. */
    public static Kind of(String id) {
      for (Kind k : values()) {
        if (k.id().equals(id)) {
          return k;
        }
      }
      throw new IllegalArgumentException(
          "column kind: \"%s\" (expected: text, integer or decimal)".formatted(id));
    }
  }

  public Column {
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(unit, "unit");
    Objects.requireNonNull(kind, "kind");
    if (name.isBlank()) {
      throw new IllegalArgumentException(
          "column name: \"%s\" (expected: not blank)".formatted(name));
    }
    if (decimals < 0 || decimals > 12 || (kind != Kind.DECIMAL && decimals != 0)) {
      throw new IllegalArgumentException(
          "column %s: %s with %d decimals (expected: 0..12 for decimal, 0 otherwise)"
              .formatted(name, kind.id(), decimals));
    }
  }

  /** A column of names, labels, plans. */
  public static Column text(String name) {
    return new Column(name, "", Kind.TEXT, 0);
  }

  /** A column of counts or whole quantities. */
  public static Column integer(String name, String unit) {
    return new Column(name, unit, Kind.INTEGER, 0);
  }

  /** A column of measurements, shown with {@code decimals} digits after the point. */
  public static Column decimal(String name, String unit, int decimals) {
    return new Column(name, unit, Kind.DECIMAL, decimals);
  }

  /** Whether its cells are numbers, so it can be plotted. */
  public boolean numeric() {
    return kind != Kind.TEXT;
  }

  /** The header of CSV and Markdown: {@code name [unit]}, or the name alone without a unit. */
  public String header() {
    return unit.isEmpty() ? name : name + " [" + unit + "]";
  }
}
