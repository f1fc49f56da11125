package org.nfpvnfm.eval.report;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ResultTableTest {
  @TempDir Path dir;

  @Test
  void csvQuotesCommasQuotesAndLineBreaksAsRfc4180Says() {
    ResultTable t =
        ResultTable.builder("quoting", "Quoting")
            .machine(Tables.MACHINE)
            .command("x")
            .text("name")
            .decimal("value, mean", "µs", 1)
            .row("plain", 1.5)
            .row("a,b", 2.0)
            .row("say \"hi\"", null)
            .row("two\nlines", 0.000012)
            .build();

    List<String> data = t.csv().lines().filter(l -> !l.startsWith("# ")).toList();

    assertThat(data)
        .containsExactly(
            "name,\"value, mean [µs]\"",
            "plain,1.5",
            "\"a,b\",2.0",
            "\"say \"\"hi\"\"\",",
            "\"two",
            "lines\",0.000012");
  }

  @Test
  void csvStartsWithTheMachineStampAndCommandAsComments() {
    String csv = Tables.perNf().csv();

    assertThat(csv.lines().takeWhile(l -> l.startsWith("# ")).toList())
        .contains(
            "# exp1-per-nf: Latency per NF, sequential vs parallel",
            "# machine: " + Tables.MACHINE.label(),
            "# machine.cpuModel: AMD EPYC",
            "# machine.measuredAt: 2026-03-01T10:15:30Z",
            "# command: ./nfp bench exp1 --packets 100000",
            "# notes: 64-byte frames at 1 Mpps.");
    assertThat(csv).doesNotContain("machine.label");
    assertThat(csv.lines().dropWhile(l -> l.startsWith("# ")).findFirst())
        .contains("nf,packets,sequential [µs],parallel [µs],paper [µs]");
  }

  @Test
  void jsonReadsBackEqualWithNumbersAsNumbers() throws IOException {
    ResultTable t = Tables.perNf();
    Path file = dir.resolve("t.json");

    t.writeJson(file);

    assertThat(ResultTable.readJson(file)).isEqualTo(t);
    JsonNode root = new ObjectMapper().readTree(file.toFile());
    assertThat(root.get("machine").get("jvmCores").isInt()).isTrue();
    assertThat(root.get("machine").get("measuredAt").asText()).isEqualTo("2026-03-01T10:15:30Z");
    JsonNode nat = root.get("rows").get(1);
    assertThat(nat.get("packets").isIntegralNumber()).isTrue();
    assertThat(nat.get("sequential").isDouble()).isTrue();
    assertThat(nat.get("paper").isNull()).isTrue();
    assertThat(root.get("columns").get(2).toString())
        .isEqualTo("{\"name\":\"sequential\",\"unit\":\"µs\",\"kind\":\"decimal\",\"decimals\":2}");
  }

  @Test
  void readJsonRefusesAFileThatIsNoTable() throws IOException {
    Path file = Files.writeString(dir.resolve("x.json"), "{\"id\": \"x\"}");

    assertThatThrownBy(() -> ResultTable.readJson(file))
        .isInstanceOf(IOException.class)
        .hasMessageContaining("not a result table")
        .hasMessageContaining("\"machine\"");
  }

  @Test
  void markdownRightAlignsNumbersAndEndsWithTheMachineAndCommand() {
    assertThat(Tables.perNf().toMarkdown())
        .isEqualTo(
            """
            | nf         | packets | sequential [µs] | parallel [µs] | paper [µs] |
            | ---------- | ------: | --------------: | ------------: | ---------: |
            | firewall   |  100000 |           12.35 |          8.50 |        9.0 |
            | nat        |  100000 |           10.00 |          7.13 |          — |
            | ids \\| dpi |   99998 |           31.50 |         20.25 |       22.4 |

            Measured on 2 vCPU (VM) AMD EPYC · 8.0 GiB · DPDK 22.11.11 · JDK 25.0.3+9-LTS; \
            reproduce with `./nfp bench exp1 --packets 100000`.

            64-byte frames at 1 Mpps.
            """);
  }

  @Test
  void writeAllWritesCsvJsonAndMarkdownIntoANewDirectory() throws IOException {
    ResultTable t = Tables.perNf();
    Path out = dir.resolve("docs/benchmarks");

    t.writeAll(out);

    assertThat(out.resolve("exp1-per-nf.md")).hasContent(t.toMarkdown().stripTrailing());
    assertThat(out.resolve("exp1-per-nf.csv")).hasContent(t.csv().stripTrailing());
    assertThat(ResultTable.readJson(out.resolve("exp1-per-nf.json"))).isEqualTo(t);
  }

  @Test
  void namesTheKnownColumnsWhenAskedForAnUnknownOne() {
    assertThatThrownBy(() -> Tables.perNf().values("latency"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("\"latency\"")
        .hasMessageContaining("[nf, packets, sequential, parallel, paper]");
  }

  @Test
  void refusesCellsOfTheWrongKindOrNumber() {
    ResultTable.Builder b =
        ResultTable.builder("t", "T").machine(Tables.MACHINE).text("nf").integer("n", "");

    assertThatThrownBy(() -> b.row("fw", 1.5).build())
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("column \"n\": Double 1.5");
    assertThatThrownBy(
            () ->
                ResultTable.builder("t", "T")
                    .machine(Tables.MACHINE)
                    .text("nf")
                    .row("a", 1)
                    .build())
        .hasMessageContaining("2 cells (expected: 1");
    assertThatThrownBy(
            () ->
                ResultTable.builder("t", "T")
                    .machine(Tables.MACHINE)
                    .decimal("x", "", 1)
                    .row(Double.NaN)
                    .build())
        .hasMessageContaining("finite");
    assertThatThrownBy(
            () -> ResultTable.builder("exp 3/x", "T").machine(Tables.MACHINE).text("a").build())
        .hasMessageContaining("\"exp 3/x\"");
    assertThatThrownBy(
            () -> ResultTable.builder("t", "T").machine(Tables.MACHINE).text("a").text("a").build())
        .hasMessageContaining("\"a\" twice");
  }

  @Test
  void widensIntegersAndConvertsNumbersForDecimals() {
    ResultTable t =
        ResultTable.builder("t", "T")
            .machine(Tables.MACHINE)
            .integer("n", "")
            .decimal("x", "", 1)
            .row(3, 4)
            .build();

    assertThat(t.rows().getFirst()).containsExactly(3L, 4.0);
  }
}
