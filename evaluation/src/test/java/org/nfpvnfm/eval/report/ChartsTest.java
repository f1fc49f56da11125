package org.nfpvnfm.eval.report;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ChartsTest {
  @TempDir Path dir;

  /** Where a run with {@code -Dnfp.charts.keep=DIR} leaves the plots, to look at them. */
  private Path png(String name) {
    String keep = System.getProperty("nfp.charts.keep");
    return (keep == null ? dir : Path.of(keep)).resolve(name + ".png");
  }

  private static BufferedImage read(Path png) throws IOException {
    BufferedImage image = ImageIO.read(png.toFile());
    assertThat(image).as("a PNG that ImageIO reads: %s", png).isNotNull();
    return image;
  }

  @Test
  void drawsLinesAsAPngOfTheDefaultSize() throws IOException {
    Path png = png("lines");

    Charts.lines(
        Tables.perDegreeWide(),
        "degree",
        List.of("sequential", "parallel", "paper"),
        "latency [µs]",
        png,
        Charts.Options.DEFAULT.withReference("paper"));

    BufferedImage image = read(png);
    assertThat(image.getWidth()).isEqualTo(900);
    assertThat(image.getHeight()).isEqualTo(540);
  }

  @Test
  void drawsGroupedBarsWithAReferenceSeriesAndAnEmptyCell() throws IOException {
    Path png = png("bars");

    Charts.bars(
        Tables.perNf(),
        "nf",
        List.of("sequential", "parallel", "paper"),
        "latency [µs]",
        png,
        Charts.Options.DEFAULT.withReference("paper"));

    BufferedImage image = read(png);
    assertThat(image.getWidth()).isEqualTo(900);
    assertThat(image.getHeight()).isEqualTo(540);
  }

  @Test
  void drawsOneLinePerGroupOnALogAxisAtTheGivenSize() throws IOException {
    Path png = png("lines-by-plan");

    Charts.linesBy(
        Tables.perDegree(),
        "degree",
        "latency",
        "plan",
        "latency [µs]",
        png,
        Charts.Options.DEFAULT.withSize(640, 400).withLogY(true).withReference("paper"));

    BufferedImage image = read(png);
    assertThat(image.getWidth()).isEqualTo(640);
    assertThat(image.getHeight()).isEqualTo(400);
  }

  @Test
  void namesANumericGroupByItsColumn() throws IOException {
    Path png = png("lines-by-degree");

    Charts.linesBy(Tables.perDegree(), "throughput", "latency", "degree", "latency [µs]", png);

    assertThat(read(png).getWidth()).isEqualTo(900);
  }

  @Test
  void namesTheKnownColumnsForAnUnknownOne() {
    assertThatThrownBy(
            () ->
                Charts.lines(
                    Tables.perDegree(), "degree", List.of("latncy"), "µs", dir.resolve("x.png")))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("\"latncy\"")
        .hasMessageContaining("[degree, plan, latency, throughput]");
    assertThatThrownBy(
            () ->
                Charts.bars(Tables.perNf(), "NF", List.of("parallel"), "µs", dir.resolve("x.png")))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("\"NF\"")
        .hasMessageContaining("[nf, packets, sequential, parallel, paper]");
  }

  @Test
  void refusesATextColumnWhereNumbersAreNeeded() {
    assertThatThrownBy(
            () -> Charts.bars(Tables.perNf(), "nf", List.of("nf"), "µs", dir.resolve("x.png")))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("y column \"nf\" is text")
        .hasMessageContaining("[packets, sequential, parallel, paper]");
    assertThatThrownBy(
            () ->
                Charts.linesBy(
                    Tables.perDegree(), "plan", "latency", "degree", "µs", dir.resolve("x.png")))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("x column \"plan\" is text")
        .hasMessageContaining("[degree, latency, throughput]");
  }

  @Test
  void refusesAReferenceSeriesThatIsNotPlottedAndZeroOnALogAxis() {
    assertThatThrownBy(
            () ->
                Charts.linesBy(
                    Tables.perDegree(),
                    "degree",
                    "latency",
                    "plan",
                    "µs",
                    dir.resolve("x.png"),
                    Charts.Options.DEFAULT.withReference("model")))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("\"model\"")
        .hasMessageContaining("[sequential, parallel, paper]");
    ResultTable zero =
        ResultTable.builder("z", "Z")
            .machine(Tables.MACHINE)
            .integer("x", "")
            .decimal("y", "", 1)
            .row(1, 0.0)
            .build();
    assertThatThrownBy(
            () ->
                Charts.lines(
                    zero,
                    "x",
                    List.of("y"),
                    "y",
                    dir.resolve("x.png"),
                    Charts.Options.DEFAULT.withLogY(true)))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("logarithmic");
  }
}
