package org.nfpvnfm.tosca.samples;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nfpvnfm.tosca.LoadResult;
import org.nfpvnfm.tosca.ToscaLoader;
import org.nfpvnfm.tosca.nfp.BuiltInProfiles;
import org.nfpvnfm.tosca.nfp.ForwardingGraph;
import org.nfpvnfm.tosca.nfp.NfpModel;
import org.nfpvnfm.tosca.nfp.NfpRule;

/**
 * The bundled SOL004 sample of the paper's chain (samples-vnfd/valid/paper-chain-sol004) loads the
 * same way as a folder and as a zip: the chain as an operator writes it, VPN, Monitor, FW, LB, with
 * the spec's Fig. 2 policies.
 */
class PaperChainSampleTest {

  private static final String SAMPLE = "samples-vnfd/valid/paper-chain-sol004";

  @TempDir Path tmp;

  /** The sample folder, found going up from the working directory (the module or the checkout). */
  private static Path sample() {
    for (Path dir = Path.of("").toAbsolutePath(); dir != null; dir = dir.getParent()) {
      Path p = dir.resolve(SAMPLE);
      if (Files.isDirectory(p)) {
        return p;
      }
    }
    throw new IllegalStateException(SAMPLE + " not found above " + Path.of("").toAbsolutePath());
  }

  private static Path zip(Path folder, Path zip) throws IOException {
    List<Path> files;
    try (Stream<Path> walk = Files.walk(folder)) {
      files = walk.filter(Files::isRegularFile).sorted().toList();
    }
    try (OutputStream os = Files.newOutputStream(zip);
        ZipOutputStream out = new ZipOutputStream(os)) {
      for (Path f : files) {
        out.putNextEntry(new ZipEntry(folder.relativize(f).toString().replace('\\', '/')));
        out.write(Files.readAllBytes(f));
        out.closeEntry();
      }
    }
    return zip;
  }

  @Test
  void folderLoadsWithoutErrors() {
    LoadResult r = ToscaLoader.create().load(sample());
    assertThat(r.errors()).isEmpty();
    assertParallelIntent(r);
  }

  @Test
  void zippedFolderLoadsTheSame() throws IOException {
    Path folder = sample();
    LoadResult fromFolder = ToscaLoader.create().load(folder);
    LoadResult fromZip = ToscaLoader.create().load(zip(folder, tmp.resolve("paper-chain.csar")));

    assertThat(fromZip.errors()).isEmpty();
    assertThat(fromZip.diagnostics()).hasSameSizeAs(fromFolder.diagnostics());
    assertParallelIntent(fromZip);
    NfpModel a = fromFolder.nfpModel().orElseThrow();
    NfpModel b = fromZip.nfpModel().orElseThrow();
    assertThat(b.nfs()).hasSameSizeAs(a.nfs());
    assertThat(b.rules()).hasSameSizeAs(a.rules());
  }

  @Test
  void aZipWithAnEditedFileFailsItsManifest() throws IOException {
    Path copy = tmp.resolve("edited");
    Path folder = sample();
    try (Stream<Path> walk = Files.walk(folder)) {
      for (Path f : walk.filter(Files::isRegularFile).toList()) {
        Path to = copy.resolve(folder.relativize(f).toString());
        Files.createDirectories(to.getParent());
        Files.copy(f, to);
      }
    }
    Path nsd = copy.resolve("Definitions/paper_chain_nsd.yaml");
    Files.writeString(nsd, Files.readString(nsd) + "# edited after signing\n");

    LoadResult r = ToscaLoader.create().load(zip(copy, tmp.resolve("edited.zip")));

    assertThat(r.errors()).extracting(d -> d.code().id()).containsExactly("TOSCA209");
  }

  private static void assertParallelIntent(LoadResult r) {
    NfpModel m = r.nfpModel().orElseThrow();
    ForwardingGraph g = m.graph("paper_path").orElseThrow();
    assertThat(g.group()).isEqualTo("paper_chain");
    assertThat(g.shape()).isEqualTo(ForwardingGraph.Shape.SOL001);
    assertThat(g.nfs()).containsExactly("VPN", "Monitor", "FW", "LB");

    assertThat(m.nf("VPN").orElseThrow().profile())
        .isEqualTo(BuiltInProfiles.byName("vpn").orElseThrow());
    assertThat(m.nf("Monitor").orElseThrow().profile())
        .isEqualTo(BuiltInProfiles.byName("monitor").orElseThrow());
    assertThat(m.nf("FW").orElseThrow().profile())
        .isEqualTo(BuiltInProfiles.byName("firewall").orElseThrow());
    assertThat(m.nf("LB").orElseThrow().profile())
        .isEqualTo(BuiltInProfiles.byName("load_balancer").orElseThrow());

    List<NfpRule> rules = m.rulesFor("paper_path");
    assertThat(rules)
        .filteredOn(NfpRule.Position.class::isInstance)
        .map(NfpRule.Position.class::cast)
        .extracting(p -> p.nf() + " " + p.placement())
        .containsExactly("VPN FIRST");
    // The chain as written (one NF after another), and the policies' orders; no parallel intent
    // in the forwarding path itself: the engine finds that Monitor and FW can run in parallel.
    assertThat(rules)
        .filteredOn(NfpRule.Order.class::isInstance)
        .map(NfpRule.Order.class::cast)
        .extracting(o -> o.before() + " < " + o.after())
        .contains("VPN < Monitor", "Monitor < FW", "FW < LB", "Monitor < LB")
        .doesNotContain("FW < Monitor");
    assertThat(rules).filteredOn(NfpRule.Parallel.class::isInstance).isEmpty();
  }
}
