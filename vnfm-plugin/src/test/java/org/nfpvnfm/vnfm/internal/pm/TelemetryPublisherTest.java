package org.nfpvnfm.vnfm.internal.pm;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nfpvnfm.dpdk.Eal;
import org.nfpvnfm.engine.NfpCompiler;
import org.nfpvnfm.events.EventCodec;
import org.nfpvnfm.events.EventData;
import org.nfpvnfm.events.EventType;
import org.nfpvnfm.vnfm.TestDatabase;
import org.nfpvnfm.vnfm.TestDataplane;
import org.nfpvnfm.vnfm.VnfmConfig;
import org.nfpvnfm.vnfm.internal.events.OutgoingEvent;
import org.nfpvnfm.vnfm.internal.nodes.ComputeNodes;
import org.nfpvnfm.vnfm.internal.nodes.LocalComputeNode;
import org.nfpvnfm.vnfm.internal.store.Database;

/** Telemetry from a real node carrying traffic (a null port's frames through a two-NF graph). */
class TelemetryPublisherTest {
  @TempDir Path dir;

  @SuppressWarnings("NullAway.Init")
  private Database db;

  @SuppressWarnings("NullAway.Init")
  private LocalComputeNode local;

  @BeforeAll
  static void eal() {
    Eal.startForTests();
  }

  @AfterEach
  void close() {
    local.close();
    db.close();
  }

  @Test
  void publishesEachGraphsTrafficOverTheIntervalAfterAFirstBaselineRead() throws Exception {
    db = TestDatabase.H2.open(dir);
    local =
        LocalComputeNode.start(
            new VnfmConfig.LocalNodeConfig(true, "net_null0", "", 2, Eal.testArguments()));
    String id = UUID.randomUUID().toString();
    TestDataplane.instantiate(
        db,
        local,
        id,
        TestDataplane.twoNfs(NfpCompiler.Plan.PARALLEL),
        TestDataplane.passingExcept("B", batch -> {}));
    List<OutgoingEvent> emitted = Collections.synchronizedList(new ArrayList<>());
    TelemetryPublisher t =
        new TelemetryPublisher(
            db,
            new ComputeNodes(List.of(local)),
            (tx, e) -> emitted.add(e),
            Duration.ofSeconds(1),
            Clock.systemUTC());

    assertThat(t.publishOnce()).as("the first read is the baseline").isZero();
    Thread.sleep(200);
    assertThat(t.publishOnce()).isEqualTo(1);

    OutgoingEvent e = emitted.getFirst();
    assertThat(e.type()).isEqualTo(EventType.GRAPH_TELEMETRY);
    assertThat(e.key()).isEqualTo(id);
    EventData.GraphTelemetry g =
        (EventData.GraphTelemetry)
            EventCodec.mapper().treeToValue(e.data(), EventData.GraphTelemetry.class);
    assertThat(g.vnfInstanceId()).isEqualTo(id);
    assertThat(g.deployment()).isEqualTo(id + ".ab");
    assertThat(g.graph()).isEqualTo("ab");
    assertThat(g.node()).isEqualTo("local");
    assertThat(g.received()).isPositive();
    assertThat(g.delivered()).isPositive();
    assertThat(g.deliveredPerSecond()).isPositive();
    EventData.Latency l = java.util.Objects.requireNonNull(g.latency(), "latency");
    assertThat(l.p50Ns()).isPositive();
    assertThat(l.p99Ns()).isGreaterThanOrEqualTo(l.p50Ns());

    // A graph that is gone is forgotten; one that comes back starts from a new baseline.
    TestDataplane.terminate(db, local, id);
    assertThat(t.publishOnce()).isZero();
    t.close();
  }
}
