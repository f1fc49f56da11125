package org.nfpvnfm.eval;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import javax.imageio.ImageIO;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nfpvnfm.cli.Nfp;
import org.nfpvnfm.eval.report.ResultTable;
import picocli.CommandLine;

/**
 * {@code nfp bench --smoke}: every experiment runs end to end on a real EAL with virtual devices
 * (one point each, a fraction of a second per run) and writes its tables and plots, so the bench
 * cannot rot. The figures of a smoke run mean nothing; the tests check that they were measured.
 */
@Tag("integration")
class BenchCommandTest {
  @TempDir Path dir;

  private final StringWriter err = new StringWriter();

  private int run(String... args) {
    CommandLine cli = Nfp.commandLine();
    cli.setOut(new PrintWriter(new StringWriter()));
    cli.setErr(new PrintWriter(err));
    return cli.execute(args);
  }

  @Test
  void everyExperimentRunsAndWritesItsTablesAndPlots() throws Exception {
    List<String> args = new ArrayList<>(List.of("bench", "--smoke", "--out", dir.toString()));
    Path c = Path.of("..", "dpdk-node", "target", "native", "nfp-pipeline-ref");
    if (Files.isExecutable(c)) {
      args.addAll(List.of("--c-binary", c.toString()));
    }
    assertThat(run(args.toArray(String[]::new))).as("exit code; stderr: %s", err).isZero();

    for (String id :
        List.of(
            "calibration",
            "exp1-chain",
            "exp2-complexity",
            "exp2-plans",
            "exp3-degree",
            "exp3-plans",
            "exp3-cut",
            "exp4-memory",
            "exp5-merge",
            "exp6-real-world",
            "exp6-plans")) {
      ResultTable t = ResultTable.readJson(dir.resolve(id + ".json"));
      assertThat(t.rows()).as(id + " rows").isNotEmpty();
      assertThat(dir.resolve(id + ".csv")).isRegularFile();
      assertThat(Files.readString(dir.resolve(id + ".md"))).contains("Measured on");
    }
    for (String png :
        List.of(
            "exp1-chain",
            "exp2-complexity",
            "exp3-cut",
            "exp4-memory",
            "exp5-merge",
            "exp6-real-world")) {
      assertThat(ImageIO.read(dir.resolve(png + ".png").toFile())).as(png).isNotNull();
    }

    // Every plan measured carried traffic, and the chooser picked one of them per point.
    ResultTable plans = ResultTable.readJson(dir.resolve("exp3-plans.json"));
    assertThat(plans.values("max throughput")).allMatch(v -> number(v) > 0);
    assertThat(plans.values("plan")).contains("one-core", "pipeline", "parallel");
    long points = plans.values("point").stream().distinct().count();
    assertThat(plans.values("chosen").stream().filter("chosen"::equals).count())
        .as("picks (expected: one per point)")
        .isEqualTo(points);

    // Experiment 4: the parallel monitors' header copies were counted, once per packet at degree
    // 2, and cost less than the paper's 64 bytes per copy.
    ResultTable memory = ResultTable.readJson(dir.resolve("exp4-memory.json"));
    List<@Nullable Object> copies = memory.values("copies per packet");
    List<@Nullable Object> measured = memory.values("measured");
    List<@Nullable Object> paper = memory.values("paper ro");
    for (int i = 0; i < copies.size(); i++) {
      assertThat(number(copies.get(i)))
          .as("copies per packet, row %d", i)
          .isCloseTo(1.0, within(0.01));
      assertThat(number(measured.get(i)))
          .as("overhead, row %d", i)
          .isPositive()
          .isLessThan(number(paper.get(i)));
    }

    // Experiment 1 ran the C reference beside the Java plans when it was built.
    if (Files.isExecutable(c)) {
      ResultTable chain = ResultTable.readJson(dir.resolve("exp1-chain.json"));
      assertThat(chain.values("C one core")).allMatch(v -> number(v) > 0);
    }
  }

  private static double number(@Nullable Object cell) {
    return ((Number) Objects.requireNonNull(cell)).doubleValue();
  }

  @Test
  void anUnknownExperimentIsAUsageError() {
    assertThat(run("bench", "exp9", "--out", dir.toString())).isEqualTo(Nfp.EXIT_USAGE);
    assertThat(err.toString()).contains("no experiment exp9").contains("real-world");
  }

  @Test
  void anUnknownNfTypeIsAUsageError() {
    assertThat(run("bench", "complexity", "--nfs", "teleporter", "--out", dir.toString()))
        .isEqualTo(Nfp.EXIT_USAGE);
    assertThat(err.toString()).contains("no NF type teleporter");
  }
}
