package org.nfpvnfm.dpdk.node;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.FieldSource;
import org.nfpvnfm.engine.NfpCompiler;
import org.nfpvnfm.engine.ServiceGraph;

/**
 * The result-correctness principle on the real dataplane: a trace through a sample's parallel graph
 * and through its sequential plan, on the same node code, gives the same output pcap.
 */
@Tag("integration")
class NodeEquivalenceTest {
  static final List<String> SAMPLES = Graphs.SAMPLES;

  @TempDir Path dir;

  @ParameterizedTest
  @FieldSource("SAMPLES")
  void parallelGraphAndSequentialChainWriteTheSamePcap(String sample) throws Exception {
    ServiceGraph parallel = Graphs.catchAll(Graphs.sample(sample, NfpCompiler.Plan.PARALLEL));
    ServiceGraph sequential = Graphs.catchAll(Graphs.sample(sample, NfpCompiler.Plan.SEQUENTIAL));
    List<byte[]> trace = Traffic.mixed(sample.hashCode(), 2000, 64);

    Replay.Result p = Replay.run(Replay.config(dir, "par"), parallel, trace);
    Replay.Result s = Replay.run(Replay.config(dir, "seq"), sequential, trace);

    assertThat(p.graph().drops().keySet())
        .as("drop reasons of the parallel graph %s", parallel.shape())
        .allMatch(r -> r.equals("dropped by NF") || r.equals("dropped by merge verdict"));
    assertThat(p.out()).as("packets out").hasSize(s.out().size());
    for (int i = 0; i < s.out().size(); i++) {
      assertThat(p.out().get(i))
          .as("packet %d of %d out", i, s.out().size())
          .isEqualTo(s.out().get(i));
    }
  }
}
