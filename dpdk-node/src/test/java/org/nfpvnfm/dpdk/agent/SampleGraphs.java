package org.nfpvnfm.dpdk.agent;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import org.nfpvnfm.engine.Compilation;
import org.nfpvnfm.engine.NfpCompiler;
import org.nfpvnfm.engine.ServiceGraph;
import org.nfpvnfm.tosca.LoadResult;
import org.nfpvnfm.tosca.ToscaLoader;

/** Sample descriptors compiled by the engine, as the node tests' {@code Graphs} does. */
final class SampleGraphs {
  /** The paper's chain: one parallel block, so it has a merger. */
  static final String PAPER_CHAIN = "samples-vnfd/valid/paper-chain-tacker-vnffgd.yaml";

  static final String NORTH_SOUTH = "samples-vnfd/valid/datacenter-north-south";

  private SampleGraphs() {}

  static ServiceGraph compile(String relative, NfpCompiler.Plan plan) {
    LoadResult loaded = ToscaLoader.create().load(find(relative));
    assertThat(loaded.errors()).as(relative).isEmpty();
    Compilation c = NfpCompiler.create().plan(plan).compile(loaded.nfpModel().orElseThrow());
    assertThat(c.ok()).as("%s: %s", relative, c.diagnostics()).isTrue();
    return c.serviceGraphs().getFirst();
  }

  private static Path find(String relative) {
    for (Path dir = Path.of("").toAbsolutePath(); dir != null; dir = dir.getParent()) {
      Path path = dir.resolve(relative);
      if (Files.exists(path)) {
        return path;
      }
    }
    throw new IllegalStateException(relative + " not found above " + Path.of("").toAbsolutePath());
  }
}
