package org.nfpvnfm.engine.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * The figures in {@code docs/figures} are drawings of the samples; redrawing a sample must give the
 * committed file byte for byte, so a change to the engine or to the drawing cannot leave a stale
 * figure behind.
 */
class FiguresTest {

  @ParameterizedTest(name = "{1}")
  @CsvSource({
    Cli.SOL004 + ", paper-fig2.svg",
    Cli.TACKER + ", paper-chain-tacker.svg",
  })
  void aCommittedFigureIsWhatCompileDrawsNow(String sample, String figure) throws IOException {
    Path committed = Cli.repository().resolve("docs/figures").resolve(figure);
    String regenerate =
        "./nfp compile samples-vnfd/valid/" + sample + " --svg --output docs/figures/" + figure;

    Cli.Run run = Cli.nfp("compile", "--svg", Cli.sample(sample).toString());

    assertThat(run.exitCode()).as(run.toString()).isZero();
    assertThat(committed)
        .as("docs/figures/" + figure + " is missing; make it with " + regenerate)
        .exists();
    assertThat(run.out())
        .as(
            "docs/figures/%s is stale: the sample now draws differently. Look at the change, then"
                + " regenerate it from the repository root with: %s",
            figure, regenerate)
        .isEqualTo(Files.readString(committed, StandardCharsets.UTF_8));
  }
}
