package org.nfpvnfm.vnfm.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nfpvnfm.cli.Nfp;
import picocli.CommandLine;

/** A short run of {@code nfp load} against a VNFM of its own: every measurement made, no errors. */
@Tag("integration")
class LoadCommandTest {
  @TempDir Path dir;

  @Test
  void measuresReadsAndOperationRequestsWithoutErrors() throws Exception {
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    CommandLine cli = Nfp.commandLine();
    cli.setOut(new PrintWriter(out, true));
    cli.setErr(new PrintWriter(err, true));
    Path md = dir.resolve("load.md");
    int exit =
        cli.execute(
            "load",
            "--clients",
            "2",
            "--seconds",
            "1",
            "--instances",
            "4",
            "--package",
            "../samples-vnfd/valid/paper-chain-sol004",
            "--out",
            md.toString());
    assertThat(exit).as("%s", err).isZero();
    List<String> rows =
        Files.readAllLines(md).stream()
            .filter(l -> l.startsWith("| ") && !l.startsWith("| request") && !l.startsWith("| ---"))
            .toList();
    assertThat(rows).hasSize(4);
    for (String row : rows) {
      String[] cells = row.split("\\|");
      assertThat(Long.parseLong(cells[2].strip())).as(row).isPositive();
      assertThat(cells[7].strip()).as("errors in %s", row).isEqualTo("0");
    }
    assertThat(Files.readString(md)).contains("./nfp load --clients 2 --seconds 1 --instances 4");
  }
}
