package org.nfpvnfm.engine;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import org.junit.jupiter.api.Test;
import org.nfpvnfm.cli.Nfp;
import picocli.CommandLine;

/**
 * With the engine on the class path, {@code nfp samples} also checks the NFP rules of every sample:
 * each invalid sample must report exactly its {@code .expected} diagnostics, the engine's included,
 * and each valid one must compile.
 */
class SamplesCommandTest {

  @Test
  void everySampleBehavesAsExpectedWithTheEngineChecks() {
    CommandLine cli = Nfp.commandLine();
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    cli.setOut(new PrintWriter(out));
    cli.setErr(new PrintWriter(err));

    int code = cli.execute("samples", "--samples", Samples.root().toString());

    assertThat(code).as("nfp samples output:%n%s%s", out, err).isZero();
    assertThat(out.toString())
        .containsPattern("(?m)^invalid/nfp-order-cycle\\.yaml +ok +NFP001 ")
        .containsPattern("(?m)^invalid/nfp-priority-both-ways\\.yaml +ok +NFP004 ")
        .containsPattern("(?m)^valid/paper-chain-sol004 +ok ")
        .contains(
            "    graph paper_path: VPN -> {Monitor | FW} -> LB (length 3 of 4, 0 header and 0 full"
                + " copies)");
  }
}
