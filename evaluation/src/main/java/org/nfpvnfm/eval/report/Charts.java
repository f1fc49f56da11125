package org.nfpvnfm.eval.report;

import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Font;
import java.awt.FontMetrics;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import javax.imageio.ImageIO;
import org.jspecify.annotations.Nullable;
import org.knowm.xchart.BitmapEncoder;
import org.knowm.xchart.CategoryChart;
import org.knowm.xchart.CategoryChartBuilder;
import org.knowm.xchart.CategorySeries;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYChartBuilder;
import org.knowm.xchart.XYSeries;
import org.knowm.xchart.internal.chartpart.Chart;
import org.knowm.xchart.style.AxesChartStyler;
import org.knowm.xchart.style.Styler;
import org.knowm.xchart.style.markers.SeriesMarkers;

/**
 * PNG plots of a {@link ResultTable} (XChart, headless): its title on top, a caption with the
 * machine it was measured on below. Series named in {@link Options#reference()} (a paper's figures,
 * a model's prediction) are drawn in grey, dashed where they are lines.
 *
 * <p>Every method refuses, with an {@link IllegalArgumentException} naming the column and the known
 * ones, a column the table lacks or a text column where numbers are needed.
 */
public final class Charts {
  static {
    // Before any AWT class loads: the plots are drawn off screen, on machines without a display.
    if (System.getProperty("java.awt.headless") == null) {
      System.setProperty("java.awt.headless", "true");
    }
  }

  private static final Font TITLE = new Font(Font.SANS_SERIF, Font.BOLD, 18);
  private static final Font AXIS_TITLE = new Font(Font.SANS_SERIF, Font.PLAIN, 14);
  private static final Font TICKS = new Font(Font.SANS_SERIF, Font.PLAIN, 12);
  private static final Font LEGEND = new Font(Font.SANS_SERIF, Font.PLAIN, 13);
  private static final Font CAPTION = new Font(Font.SANS_SERIF, Font.PLAIN, 12);
  private static final int CAPTION_HEIGHT = 26;
  private static final BasicStroke SOLID = new BasicStroke(2f);
  private static final BasicStroke DASHED =
      new BasicStroke(
          2f, BasicStroke.CAP_BUTT, BasicStroke.JOIN_ROUND, 10f, new float[] {8f, 5f}, 0f);

  /** Greys for reference series, so that they read as figures to compare with, not measured. */
  private static final Color[] REFERENCE_COLORS = {
    new Color(0x757575), new Color(0xBDBDBD), new Color(0x424242)
  };

  private Charts() {}

  /**
   * How a plot looks.
   *
   * @param width the PNG's width in pixels
   * @param height the PNG's height in pixels, caption included
   * @param logY a logarithmic y axis (every plotted value must then be positive)
   * @param reference the series to draw as figures to compare with (grey, dashed lines, grey bars):
   *     y column names, or for {@link #linesBy} the legend names of groups (a text group's value,
   *     {@code degree 3} for a numeric one)
   */
  public record Options(int width, int height, boolean logY, List<String> reference) {
    /** 900 × 540, linear, no reference series. */
    public static final Options DEFAULT = new Options(900, 540, false, List.of());

    public Options {
      reference = List.copyOf(reference);
      if (width < 200 || height < 150) {
        throw new IllegalArgumentException(
            "plot size: %d × %d (expected: at least 200 × 150)".formatted(width, height));
      }
    }

    public Options withSize(int width, int height) {
      return new Options(width, height, logY, reference);
    }

    public Options withLogY(boolean logY) {
      return new Options(width, height, logY, reference);
    }

    /** These series drawn dashed, as figures to compare with rather than measurements. */
    public Options withReference(String... series) {
      return new Options(width, height, logY, List.of(series));
    }
  }

  /**
   * {@link #lines(ResultTable, String, List, String, Path, Options)} with {@link Options#DEFAULT}.
   */
  public static void lines(
      ResultTable table, String xColumn, List<String> yColumns, String yAxisTitle, Path png)
      throws IOException {
    lines(table, xColumn, yColumns, yAxisTitle, png, Options.DEFAULT);
  }

  /**
   * A line with markers per y column against a numeric x column, points in x order; a row with an
   * empty x or y is left out of that line.
   */
  public static void lines(
      ResultTable table,
      String xColumn,
      List<String> yColumns,
      String yAxisTitle,
      Path png,
      Options options)
      throws IOException {
    numeric(table, xColumn, "x");
    requireSome(table, yColumns, "y");
    List<Line> series = new ArrayList<>();
    for (String y : yColumns) {
      numeric(table, y, "y");
      series.add(new Line(y, table.column(y).header(), points(table, xColumn, y, row -> true)));
    }
    draw(table, table.column(xColumn), series, yAxisTitle, png, options);
  }

  /** {@link #linesBy(ResultTable, String, String, String, String, Path, Options)}, defaults. */
  public static void linesBy(
      ResultTable table,
      String xColumn,
      String yColumn,
      String groupColumn,
      String yAxisTitle,
      Path png)
      throws IOException {
    linesBy(table, xColumn, yColumn, groupColumn, yAxisTitle, png, Options.DEFAULT);
  }

  /**
   * One line of {@code yColumn} against {@code xColumn} per value of {@code groupColumn} (e.g. one
   * per plan), in the order the values first appear; a text group is named by its value, a numeric
   * one as {@code column value} (e.g. {@code degree 3}).
   */
  public static void linesBy(
      ResultTable table,
      String xColumn,
      String yColumn,
      String groupColumn,
      String yAxisTitle,
      Path png,
      Options options)
      throws IOException {
    numeric(table, xColumn, "x");
    numeric(table, yColumn, "y");
    Column group = table.column(groupColumn);
    int g = table.indexOf(groupColumn);
    Map<Object, Line> series = new LinkedHashMap<>();
    for (List<@Nullable Object> row : table.rows()) {
      Object v = row.get(g);
      if (v != null && !series.containsKey(v)) {
        String name = group.numeric() ? group.name() + " " + table.format(group, v) : (String) v;
        series.put(
            v, new Line(name, name, points(table, xColumn, yColumn, r -> v.equals(r.get(g)))));
      }
    }
    if (series.isEmpty()) {
      throw new IllegalArgumentException(
          "table %s: group column \"%s\" is empty in every row".formatted(table.id(), groupColumn));
    }
    draw(table, table.column(xColumn), List.copyOf(series.values()), yAxisTitle, png, options);
  }

  /**
   * {@link #bars(ResultTable, String, List, String, Path, Options)} with {@link Options#DEFAULT}.
   */
  public static void bars(
      ResultTable table, String categoryColumn, List<String> yColumns, String yAxisTitle, Path png)
      throws IOException {
    bars(table, categoryColumn, yColumns, yAxisTitle, png, Options.DEFAULT);
  }

  /**
   * Grouped bars: one group per row, labelled by {@code categoryColumn} (e.g. the NF), one bar per
   * y column in it (e.g. sequential and parallel latency). An empty cell draws no bar.
   */
  public static void bars(
      ResultTable table,
      String categoryColumn,
      List<String> yColumns,
      String yAxisTitle,
      Path png,
      Options options)
      throws IOException {
    Column category = table.column(categoryColumn);
    requireSome(table, yColumns, "y");
    yColumns.forEach(y -> numeric(table, y, "y"));
    checkReferences(options, yColumns);
    List<String> labels =
        table.values(categoryColumn).stream().map(v -> table.format(category, v)).toList();
    if (labels.isEmpty()) {
      throw new IllegalArgumentException("table " + table.id() + " has no rows to plot");
    }
    CategoryChart chart =
        new CategoryChartBuilder()
            .width(options.width())
            .height(options.height() - CAPTION_HEIGHT)
            .title(table.title())
            .xAxisTitle(category.header())
            .yAxisTitle(yAxisTitle)
            .build();
    style(chart, options);
    chart.getStyler().setOverlapped(false);
    chart
        .getStyler()
        .setXAxisLabelRotation(labels.stream().anyMatch(l -> l.length() > 12) ? 30 : 0);
    for (String y : yColumns) {
      List<@Nullable Double> values = new ArrayList<>();
      for (Object v : table.values(y)) {
        values.add(v == null ? null : ((Number) v).doubleValue());
      }
      checkLog(table, y, values, options);
      CategorySeries s = chart.addSeries(table.column(y).header(), labels, values);
      if (options.reference().contains(y)) {
        s.setFillColor(referenceColor(options, y));
      }
    }
    write(chart, table, png, options);
  }

  // ------------------------------------------------------------------------------------ drawing

  /**
   * A line to draw: {@code key} is what {@link Options#reference()} names, {@code legend} shows.
   */
  private record Line(String key, String legend, List<double[]> points) {}

  private static void draw(
      ResultTable table, Column x, List<Line> lines, String yAxisTitle, Path png, Options options)
      throws IOException {
    checkReferences(options, lines.stream().map(Line::key).toList());
    XYChart chart =
        new XYChartBuilder()
            .width(options.width())
            .height(options.height() - CAPTION_HEIGHT)
            .title(table.title())
            .xAxisTitle(x.header())
            .yAxisTitle(yAxisTitle)
            .build();
    style(chart, options);
    chart.getStyler().setDefaultSeriesRenderStyle(XYSeries.XYSeriesRenderStyle.Line);
    if (x.kind() == Column.Kind.INTEGER) {
      chart.getStyler().setXAxisDecimalPattern("#,##0.#");
    }
    for (Line line : lines) {
      if (line.points().isEmpty()) {
        throw new IllegalArgumentException(
            "table %s: nothing to plot for \"%s\": no row has both x and y"
                .formatted(table.id(), line.key()));
      }
      double[] xs = line.points().stream().mapToDouble(p -> p[0]).toArray();
      double[] ys = line.points().stream().mapToDouble(p -> p[1]).toArray();
      checkLog(table, line.key(), ys, options);
      XYSeries s = chart.addSeries(line.legend(), xs, ys);
      s.setMarker(SeriesMarkers.CIRCLE);
      if (options.reference().contains(line.key())) {
        Color grey = referenceColor(options, line.key());
        s.setLineStyle(DASHED);
        s.setLineColor(grey);
        s.setMarkerColor(grey);
      } else {
        s.setLineStyle(SOLID);
      }
    }
    write(chart, table, png, options);
  }

  private static Color referenceColor(Options options, String series) {
    return REFERENCE_COLORS[options.reference().indexOf(series) % REFERENCE_COLORS.length];
  }

  private static void style(Chart<? extends AxesChartStyler, ?> chart, Options options) {
    AxesChartStyler s = chart.getStyler();
    s.setChartBackgroundColor(Color.WHITE);
    s.setPlotBackgroundColor(Color.WHITE);
    s.setPlotBorderVisible(true);
    s.setPlotBorderColor(new Color(0xBDBDBD));
    s.setPlotGridLinesColor(new Color(0xE0E0E0));
    s.setChartTitleFont(TITLE);
    s.setAxisTitleFont(AXIS_TITLE);
    s.setAxisTickLabelsFont(TICKS);
    s.setLegendFont(LEGEND);
    s.setLegendPosition(Styler.LegendPosition.OutsideS);
    s.setLegendLayout(Styler.LegendLayout.Horizontal);
    s.setLegendBorderColor(Color.WHITE);
    s.setMarkerSize(8);
    s.setAntiAlias(true);
    s.setYAxisLogarithmic(options.logY());
    // Decades alone leave a plot spanning less than one (10 to 50 µs) with a single label.
    s.setYAxisLogarithmicDecadeOnly(false);
  }

  /** The chart, with a caption strip below it naming the machine, as a PNG. */
  private static void write(Chart<?, ?> chart, ResultTable table, Path png, Options options)
      throws IOException {
    BufferedImage plot = BitmapEncoder.getBufferedImage(chart);
    BufferedImage image =
        new BufferedImage(options.width(), options.height(), BufferedImage.TYPE_INT_RGB);
    Graphics2D g = image.createGraphics();
    try {
      g.setColor(Color.WHITE);
      g.fillRect(0, 0, image.getWidth(), image.getHeight());
      g.drawImage(plot, 0, 0, null);
      g.setRenderingHint(
          RenderingHints.KEY_TEXT_ANTIALIASING, RenderingHints.VALUE_TEXT_ANTIALIAS_ON);
      g.setFont(CAPTION);
      g.setColor(new Color(0x616161));
      FontMetrics fm = g.getFontMetrics();
      String caption = fit("Measured on " + table.machine().label(), fm, image.getWidth() - 20);
      int baseline = plot.getHeight() + (CAPTION_HEIGHT - fm.getHeight()) / 2 + fm.getAscent();
      g.drawString(caption, (image.getWidth() - fm.stringWidth(caption)) / 2, baseline);
    } finally {
      g.dispose();
    }
    Path parent = png.toAbsolutePath().getParent();
    if (parent != null) {
      Files.createDirectories(parent);
    }
    if (!ImageIO.write(image, "png", png.toFile())) {
      throw new IOException("no PNG writer in this JDK, writing " + png);
    }
  }

  private static String fit(String text, FontMetrics fm, int width) {
    if (fm.stringWidth(text) <= width) {
      return text;
    }
    String s = text;
    while (!s.isEmpty() && fm.stringWidth(s + "…") > width) {
      s = s.substring(0, s.length() - 1);
    }
    return s + "…";
  }

  // --------------------------------------------------------------------------------- the input

  private interface RowFilter {
    boolean test(List<@Nullable Object> row);
  }

  /** The (x, y) of the rows that pass and have both, in x order. */
  private static List<double[]> points(ResultTable t, String x, String y, RowFilter filter) {
    int xi = t.indexOf(x);
    int yi = t.indexOf(y);
    List<double[]> out = new ArrayList<>();
    for (List<@Nullable Object> row : t.rows()) {
      if (filter.test(row)
          && row.get(xi) instanceof Number xv
          && row.get(yi) instanceof Number yv) {
        out.add(new double[] {xv.doubleValue(), yv.doubleValue()});
      }
    }
    out.sort(Comparator.comparingDouble(p -> p[0]));
    return out;
  }

  private static void numeric(ResultTable t, String name, String axis) {
    Column c = t.column(name);
    if (!c.numeric()) {
      throw new IllegalArgumentException(
          "table %s: %s column \"%s\" is text (expected: numeric; numeric columns: %s)"
              .formatted(
                  t.id(),
                  axis,
                  name,
                  ResultTable.names(t.columns().stream().filter(Column::numeric).toList())));
    }
  }

  private static void requireSome(ResultTable t, List<String> columns, String axis) {
    if (columns.isEmpty()) {
      throw new IllegalArgumentException(
          "table %s: no %s columns to plot (known: %s)"
              .formatted(t.id(), axis, ResultTable.names(t.columns())));
    }
  }

  private static void checkReferences(Options options, List<String> series) {
    for (String r : options.reference()) {
      if (!series.contains(r)) {
        throw new IllegalArgumentException(
            "reference series \"%s\" is not plotted (plotted: %s)".formatted(r, series));
      }
    }
  }

  private static void checkLog(ResultTable t, String series, double[] ys, Options options) {
    for (double y : ys) {
      if (options.logY() && !(y > 0)) {
        throw new IllegalArgumentException(
            "table %s: \"%s\" has %s, which a logarithmic y axis cannot show (expected: > 0)"
                .formatted(t.id(), series, y));
      }
    }
  }

  private static void checkLog(
      ResultTable t, String series, List<@Nullable Double> ys, Options options) {
    checkLog(
        t, series, ys.stream().filter(Objects::nonNull).mapToDouble(d -> d).toArray(), options);
  }
}
