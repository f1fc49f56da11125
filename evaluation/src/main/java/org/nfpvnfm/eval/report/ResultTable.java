package org.nfpvnfm.eval.report;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.Writer;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;

/**
 * An experiment's results: typed columns and rows, with the machine they were measured on and the
 * command that measured them, written as CSV, JSON and Markdown side by side ({@link
 * #writeAll(Path)}).
 *
 * <p>A cell holds what its column's {@link Column.Kind} says ({@link String}, {@link Long}, finite
 * {@link Double}) or null for a figure that was not measured; the constructor converts other
 * numbers and refuses a cell of the wrong kind.
 *
 * @param id names the files: letters, digits, {@code .}, {@code _} and {@code -}, e.g. {@code
 *     exp3-degree}
 * @param title a sentence for headings and plot titles
 * @param machine where it was measured
 * @param command what reproduces it, e.g. {@code ./nfp bench exp3}
 * @param notes free text for a reader (what was held fixed, caveats); may be empty
 * @param columns at least one, names unique
 * @param rows each with one cell per column
 */
public record ResultTable(
    String id,
    String title,
    Machine machine,
    String command,
    String notes,
    List<Column> columns,
    List<List<@Nullable Object>> rows) {

  private static final Pattern ID = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]*");
  private static final ObjectMapper JSON =
      new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

  public ResultTable {
    Objects.requireNonNull(id, "id");
    Objects.requireNonNull(title, "title");
    Objects.requireNonNull(machine, "machine");
    Objects.requireNonNull(command, "command");
    Objects.requireNonNull(notes, "notes");
    if (!ID.matcher(id).matches()) {
      throw new IllegalArgumentException(
          "id: \"%s\" (expected: a file name of letters, digits, '.', '_' and '-')".formatted(id));
    }
    columns = List.copyOf(columns);
    if (columns.isEmpty()) {
      throw new IllegalArgumentException("table " + id + " has no columns (expected: at least 1)");
    }
    Set<String> names = new HashSet<>();
    for (Column c : columns) {
      if (!names.add(c.name())) {
        throw new IllegalArgumentException(
            "table %s: column \"%s\" twice (expected: unique names)".formatted(id, c.name()));
      }
    }
    List<List<@Nullable Object>> checked = new ArrayList<>(rows.size());
    for (int r = 0; r < rows.size(); r++) {
      checked.add(checkRow(id, columns, r, rows.get(r)));
    }
    rows = Collections.unmodifiableList(checked);
  }

  private static List<@Nullable Object> checkRow(
      String id, List<Column> columns, int r, List<? extends @Nullable Object> row) {
    if (row.size() != columns.size()) {
      throw new IllegalArgumentException(
          "table %s row %d: %d cells (expected: %d, one per column %s)"
              .formatted(id, r, row.size(), columns.size(), names(columns)));
    }
    List<@Nullable Object> cells = new ArrayList<>(row.size());
    for (int c = 0; c < row.size(); c++) {
      cells.add(cell(id, columns.get(c), r, row.get(c)));
    }
    return Collections.unmodifiableList(cells);
  }

  private static @Nullable Object cell(String id, Column column, int r, @Nullable Object v) {
    if (v == null) {
      return null;
    }
    Object converted =
        switch (column.kind()) {
          case TEXT -> v instanceof String s ? s : null;
          case INTEGER ->
              v instanceof Long || v instanceof Integer || v instanceof Short || v instanceof Byte
                  ? (Object) ((Number) v).longValue()
                  : null;
          case DECIMAL ->
              v instanceof Number n && Double.isFinite(n.doubleValue()) ? n.doubleValue() : null;
        };
    if (converted == null) {
      throw new IllegalArgumentException(
          "table %s row %d column \"%s\": %s %s (expected: %s; null for no figure)"
              .formatted(
                  id,
                  r,
                  column.name(),
                  v.getClass().getSimpleName(),
                  v,
                  switch (column.kind()) {
                    case TEXT -> "a String";
                    case INTEGER -> "a Long or Integer";
                    case DECIMAL -> "a finite number";
                  }));
    }
    return converted;
  }

  /** A table to fill in, one column and one row at a time. */
  public static Builder builder(String id, String title) {
    return new Builder(id, title);
  }

  /** The column called {@code name}; IllegalArgumentException naming the known ones if none is. */
  public Column column(String name) {
    return columns.get(indexOf(name));
  }

  /** The position of the column called {@code name}; IllegalArgumentException if none is. */
  public int indexOf(String name) {
    for (int i = 0; i < columns.size(); i++) {
      if (columns.get(i).name().equals(name)) {
        return i;
      }
    }
    throw new IllegalArgumentException(
        "table %s has no column \"%s\" (known: %s)".formatted(id, name, names(columns)));
  }

  /** The cells of one column, top to bottom. */
  public List<@Nullable Object> values(String name) {
    int i = indexOf(name);
    List<@Nullable Object> out = new ArrayList<>(rows.size());
    for (List<@Nullable Object> row : rows) {
      out.add(row.get(i));
    }
    return Collections.unmodifiableList(out);
  }

  /** A cell as Markdown and the plots show it: decimals rounded, empty as {@code —}. */
  public String format(Column column, @Nullable Object cell) {
    if (cell == null) {
      return "—";
    }
    return column.kind() == Column.Kind.DECIMAL
        ? String.format(Locale.ROOT, "%." + column.decimals() + "f", (Double) cell)
        : cell.toString();
  }

  static List<String> names(List<Column> columns) {
    return columns.stream().map(Column::name).toList();
  }

  // ---------------------------------------------------------------------------------------- CSV

  /**
   * Writes {@code path} as CSV (UTF-8): {@code # } comment lines with the title, the machine stamp,
   * the command and the notes, then a header row of {@code name [unit]} and the rows, quoted as RFC
   * 4180 says. Decimals keep every digit; an empty cell is an empty field.
   */
  public void writeCsv(Path path) throws IOException {
    try (Writer w = Files.newBufferedWriter(path, StandardCharsets.UTF_8)) {
      w.write(csv());
    }
  }

  String csv() {
    StringBuilder s = new StringBuilder();
    comment(s, id + ": " + title);
    comment(s, "machine: " + machine.label());
    for (Map.Entry<String, JsonNode> f : machineJson(machine).properties()) {
      if (!f.getKey().equals("label")) { // the line above
        comment(s, "machine." + f.getKey() + ": " + f.getValue().asText());
      }
    }
    comment(s, "command: " + command);
    if (!notes.isBlank()) {
      comment(s, "notes: " + notes.strip());
    }
    s.append(String.join(",", columns.stream().map(c -> csvField(c.header())).toList()))
        .append('\n');
    for (List<@Nullable Object> row : rows) {
      List<String> fields = new ArrayList<>(row.size());
      for (Object v : row) {
        fields.add(
            v == null
                ? ""
                : v instanceof Double d
                    ? BigDecimal.valueOf(d).toPlainString()
                    : csvField(v.toString()));
      }
      s.append(String.join(",", fields)).append('\n');
    }
    return s.toString();
  }

  private static void comment(StringBuilder s, String text) {
    for (String line : text.split("\\R", -1)) {
      s.append("# ").append(line).append('\n');
    }
  }

  /** RFC 4180: a field with a comma, a quote or a line break is quoted, its quotes doubled. */
  static String csvField(String v) {
    if (v.indexOf(',') < 0 && v.indexOf('"') < 0 && v.indexOf('\n') < 0 && v.indexOf('\r') < 0) {
      return v;
    }
    return '"' + v.replace("\"", "\"\"") + '"';
  }

  // --------------------------------------------------------------------------------------- JSON

  /**
   * Writes {@code path} as JSON: {@code {id, title, machine: {...}, command, notes, columns:
   * [{name, unit, kind, decimals}], rows: [{column: value, ...}]}}, numbers as numbers and an empty
   * cell as null. {@link #readJson(Path)} reads it back.
   */
  public void writeJson(Path path) throws IOException {
    Files.writeString(path, json(), StandardCharsets.UTF_8);
  }

  String json() throws IOException {
    ObjectNode root = JSON.createObjectNode();
    root.put("id", id);
    root.put("title", title);
    root.set("machine", machineJson(machine));
    root.put("command", command);
    root.put("notes", notes);
    ArrayNode cols = root.putArray("columns");
    for (Column c : columns) {
      ObjectNode o = cols.addObject();
      o.put("name", c.name());
      o.put("unit", c.unit());
      o.put("kind", c.kind().id());
      o.put("decimals", c.decimals());
    }
    ArrayNode rs = root.putArray("rows");
    for (List<@Nullable Object> row : rows) {
      ObjectNode o = rs.addObject();
      for (int i = 0; i < columns.size(); i++) {
        String name = columns.get(i).name();
        switch (row.get(i)) {
          case null -> o.putNull(name);
          case String v -> o.put(name, v);
          case Long v -> o.put(name, v);
          case Double v -> o.put(name, v);
          default -> throw new IllegalStateException("cell " + row.get(i));
        }
      }
    }
    return JSON.writeValueAsString(root) + "\n";
  }

  private static ObjectNode machineJson(Machine m) {
    ObjectNode o = JSON.createObjectNode();
    o.put("label", m.label());
    o.put("jvmCores", m.jvmCores());
    o.put("machineCpus", m.machineCpus());
    o.put("cpuModel", m.cpuModel());
    o.put("virtualMachine", m.virtualMachine());
    o.put("memoryTotalBytes", m.memoryTotalBytes());
    o.put("os", m.os());
    o.put("kernel", m.kernel());
    o.put("jdkVersion", m.jdkVersion());
    o.put("jdkVendor", m.jdkVendor());
    o.put("dpdkVersion", m.dpdkVersion());
    o.put("measuredAt", m.measuredAt().toString());
    return o;
  }

  /** Reads a table that {@link #writeJson(Path)} wrote. */
  public static ResultTable readJson(Path path) throws IOException {
    JsonNode root = JSON.readTree(path.toFile());
    try {
      JsonNode m = field(root, "machine");
      Machine machine =
          new Machine(
              field(m, "jvmCores").asInt(),
              field(m, "machineCpus").asInt(),
              field(m, "cpuModel").asText(),
              field(m, "virtualMachine").asBoolean(),
              field(m, "memoryTotalBytes").asLong(),
              field(m, "os").asText(),
              field(m, "kernel").asText(),
              field(m, "jdkVersion").asText(),
              field(m, "jdkVendor").asText(),
              field(m, "dpdkVersion").asText(),
              Instant.parse(field(m, "measuredAt").asText()));
      List<Column> columns = new ArrayList<>();
      for (JsonNode c : field(root, "columns")) {
        columns.add(
            new Column(
                field(c, "name").asText(),
                c.path("unit").asText(""),
                Column.Kind.of(field(c, "kind").asText()),
                c.path("decimals").asInt(0)));
      }
      List<List<@Nullable Object>> rows = new ArrayList<>();
      for (JsonNode r : field(root, "rows")) {
        List<@Nullable Object> row = new ArrayList<>(columns.size());
        for (Column c : columns) {
          JsonNode v = r.path(c.name());
          row.add(
              v.isNull() || v.isMissingNode()
                  ? null
                  : switch (c.kind()) {
                    case TEXT -> v.asText();
                    case INTEGER -> v.isIntegralNumber() ? (Object) v.asLong() : v.asText();
                    case DECIMAL -> v.isNumber() ? (Object) v.asDouble() : v.asText();
                  });
        }
        rows.add(row);
      }
      return new ResultTable(
          field(root, "id").asText(),
          field(root, "title").asText(),
          machine,
          field(root, "command").asText(),
          root.path("notes").asText(""),
          columns,
          rows);
    } catch (IllegalArgumentException | DateTimeParseException e) {
      throw new IOException(path + ": not a result table: " + e.getMessage(), e);
    }
  }

  private static JsonNode field(JsonNode node, String name) {
    JsonNode v = node.get(name);
    if (v == null || v.isNull()) {
      throw new IllegalArgumentException("no \"" + name + "\" in " + abbreviate(node));
    }
    return v;
  }

  private static String abbreviate(JsonNode node) {
    String s = node.toString();
    return s.length() <= 80 ? s : s.substring(0, 77) + "...";
  }

  // ----------------------------------------------------------------------------------- Markdown

  /**
   * A GitHub-Markdown table (numeric columns right-aligned, decimals rounded to their column's
   * {@link Column#decimals()}), then {@code Measured on <machine label>; reproduce with
   * `<command>`.}, then the notes if there are any.
   */
  public String toMarkdown() {
    int n = columns.size();
    List<String[]> body = new ArrayList<>();
    String[] header = new String[n];
    int[] width = new int[n];
    for (int i = 0; i < n; i++) {
      header[i] = markdownCell(columns.get(i).header());
      width[i] = Math.max(3, header[i].length());
    }
    for (List<@Nullable Object> row : rows) {
      String[] cells = new String[n];
      for (int i = 0; i < n; i++) {
        cells[i] = markdownCell(format(columns.get(i), row.get(i)));
        width[i] = Math.max(width[i], cells[i].length());
      }
      body.add(cells);
    }
    StringBuilder s = new StringBuilder();
    markdownRow(s, header, width);
    String[] rule = new String[n];
    for (int i = 0; i < n; i++) {
      rule[i] = columns.get(i).numeric() ? "-".repeat(width[i] - 1) + ":" : "-".repeat(width[i]);
    }
    markdownRow(s, rule, width);
    for (String[] cells : body) {
      markdownRow(s, cells, width);
    }
    s.append('\n').append("Measured on ").append(machine.label());
    if (command.isBlank()) {
      s.append(".\n");
    } else {
      String tick = command.contains("`") ? "``" : "`";
      String pad = command.contains("`") ? " " : "";
      s.append("; reproduce with ")
          .append(tick)
          .append(pad)
          .append(command.strip())
          .append(pad)
          .append(tick)
          .append(".\n");
    }
    if (!notes.isBlank()) {
      s.append('\n').append(notes.strip()).append('\n');
    }
    return s.toString();
  }

  private void markdownRow(StringBuilder s, String[] cells, int[] width) {
    s.append('|');
    for (int i = 0; i < cells.length; i++) {
      String pad = " ".repeat(width[i] - cells[i].length());
      s.append(' ').append(columns.get(i).numeric() ? pad + cells[i] : cells[i] + pad).append(" |");
    }
    s.append('\n');
  }

  private static String markdownCell(String v) {
    return v.replace("|", "\\|").replaceAll("\\R", " ");
  }

  // ---------------------------------------------------------------------------------------- all

  /**
   * Writes {@code <id>.csv}, {@code <id>.json} and {@code <id>.md} into {@code dir}, made if new.
   */
  public void writeAll(Path dir) throws IOException {
    Files.createDirectories(dir);
    writeCsv(dir.resolve(id + ".csv"));
    writeJson(dir.resolve(id + ".json"));
    Files.writeString(dir.resolve(id + ".md"), toMarkdown(), StandardCharsets.UTF_8);
  }

  /** Fills in a {@link ResultTable}. */
  public static final class Builder {
    private final String id;
    private final String title;
    private @Nullable Machine machine;
    private String command = "";
    private String notes = "";
    private final List<Column> columns = new ArrayList<>();
    private final List<List<@Nullable Object>> rows = new ArrayList<>();

    private Builder(String id, String title) {
      this.id = id;
      this.title = title;
    }

    /** Where it was measured; {@link Machine#current()} at {@link #build()} if not given. */
    public Builder machine(Machine machine) {
      this.machine = machine;
      return this;
    }

    public Builder command(String command) {
      this.command = command;
      return this;
    }

    public Builder notes(String notes) {
      this.notes = notes;
      return this;
    }

    public Builder column(Column column) {
      columns.add(column);
      return this;
    }

    public Builder text(String name) {
      return column(Column.text(name));
    }

    public Builder integer(String name, String unit) {
      return column(Column.integer(name, unit));
    }

    public Builder decimal(String name, String unit, int decimals) {
      return column(Column.decimal(name, unit, decimals));
    }

    /** One cell per column, in column order; null for a figure not measured. */
    public Builder row(@Nullable Object... cells) {
      rows.add(Arrays.asList(cells));
      return this;
    }

    public ResultTable build() {
      Machine m = machine != null ? machine : Machine.current();
      return new ResultTable(id, title, m, command, notes, columns, rows);
    }
  }
}
