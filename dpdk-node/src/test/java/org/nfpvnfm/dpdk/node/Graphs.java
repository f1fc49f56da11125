package org.nfpvnfm.dpdk.node;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.nfpvnfm.engine.Compilation;
import org.nfpvnfm.engine.NfpCompiler;
import org.nfpvnfm.engine.ServiceGraph;
import org.nfpvnfm.tosca.LoadResult;
import org.nfpvnfm.tosca.ToscaLoader;

/** Compiled graphs for node tests: the samples in both plans, and their traffic-taking form. */
final class Graphs {
  static final List<String> SAMPLES =
      List.of(
          "samples-vnfd/valid/paper-chain-tacker-vnffgd.yaml",
          "samples-vnfd/valid/paper-chain-sol004",
          "samples-vnfd/valid/datacenter-north-south");

  private Graphs() {}

  static ServiceGraph sample(String relative, NfpCompiler.Plan plan) {
    LoadResult loaded = ToscaLoader.create().load(find(relative));
    assertThat(loaded.errors()).as(relative).isEmpty();
    Compilation c = NfpCompiler.create().plan(plan).compile(loaded.nfpModel().orElseThrow());
    assertThat(c.ok()).as("%s: %s", relative, c.diagnostics()).isTrue();
    return c.serviceGraphs().getFirst();
  }

  /** The same graph taking every packet (no classifier criteria): for replaying any trace. */
  static ServiceGraph catchAll(ServiceGraph g) {
    return new ServiceGraph(
        g.formatVersion(),
        g.name(),
        g.nfs(),
        g.referenceChain(),
        List.of(),
        g.root(),
        g.forwarding(),
        g.merges(),
        g.buffers(),
        g.egress(),
        g.summary());
  }

  static Path find(String relative) {
    for (Path dir = Path.of("").toAbsolutePath(); dir != null; dir = dir.getParent()) {
      Path path = dir.resolve(relative);
      if (Files.exists(path)) {
        return path;
      }
    }
    throw new IllegalStateException(relative + " not found above " + Path.of("").toAbsolutePath());
  }
}
