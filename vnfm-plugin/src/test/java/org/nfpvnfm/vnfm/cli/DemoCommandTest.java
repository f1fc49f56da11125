package org.nfpvnfm.vnfm.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.logging.Handler;
import java.util.logging.Logger;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nfpvnfm.dpdk.Eal;
import org.nfpvnfm.events.Event;
import org.nfpvnfm.events.EventData;
import org.nfpvnfm.events.EventType;
import picocli.CommandLine;

/**
 * The main job's path, as CI can run it: {@code nfp demo --quick} with a real DPDK EAL (virtual
 * devices), a real embedded Kafka broker and the VNFM's real HTTP API, checked by what it did and
 * printed, not only by its exit code.
 */
@Tag("integration")
class DemoCommandTest {
  @TempDir Path dir;

  @BeforeAll
  static void eal() {
    // The test JVM's shared EAL; the demo attaches its own virtual devices to it.
    Eal.startForTests();
  }

  @Test
  void runsThePaperChainParallelAndSequentialThroughTheVnfmAndReadsItsEventsBack() {
    Path work = dir.resolve("demo");
    DemoCommand command = new DemoCommand();
    CommandLine cli = new CommandLine(command);
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    cli.setOut(new PrintWriter(out, true));
    cli.setErr(new PrintWriter(err, true));
    Handler[] handlers = Logger.getLogger("").getHandlers();

    int exit = cli.execute("--quick", "--work", work.toString());

    String printed = out.toString();
    assertThat(exit).as("exit code; output:%n%s%nerrors:%n%s", printed, err).isZero();
    assertThat(Logger.getLogger("").getHandlers())
        .as("the demo gives the logging handlers back")
        .containsExactly(handlers);
    Demo.Report report = Objects.requireNonNull(command.report);

    // The trace it generated and replayed.
    assertThat(work.resolve("trace.pcap")).exists();
    assertThat(report.trace().packets()).isEqualTo(4096);
    assertThat(report.trace().tcpPackets()).isBetween(1L, 4095L);

    // Both plans of the same package, deployed by the VNFM on its local node and measured.
    assertThat(report.parallel().shape()).isEqualTo("VPN -> {Monitor | FW} -> LB");
    assertThat(report.parallel().length()).isEqualTo(3);
    assertThat(report.sequential().shape()).isEqualTo("VPN -> Monitor -> FW -> LB");
    assertThat(report.sequential().length()).isEqualTo(4);
    for (Demo.Run run : List.of(report.parallel(), report.sequential())) {
      assertThat(run.node()).isEqualTo("local");
      assertThat(run.deployment()).startsWith(run.instanceId() + ".");
      assertThat(run.nfs()).containsExactlyInAnyOrder("VPN", "Monitor", "FW", "LB");
      for (Demo.Window w : List.of(run.latency(), run.throughput())) {
        assertThat(w.delivered()).as("%s delivered", run.plan()).isPositive();
        // The window starts and ends drained: every packet taken is delivered or dropped.
        assertThat(w.delivered() + w.dropped())
            .as("%s accounted", run.plan())
            .isEqualTo(w.accepted());
        assertThat(w.latency().count()).isPositive();
        assertThat(w.latency().p50()).isPositive().isLessThanOrEqualTo(w.latency().p99());
      }
      assertThat(run.latency().offeredPps()).isEqualTo(50_000);
      assertThat(run.throughput().offeredPps()).isZero();
    }
    assertThat(report.parallel().instanceId()).isNotEqualTo(report.sequential().instanceId());

    // The events, read back from the broker: each instance's life in order.
    assertThat(report.eventCounts())
        .containsEntry(EventType.PACKAGE_ONBOARDED.shortName(), 1L)
        .containsEntry(EventType.VNF_INSTANCE_CREATED.shortName(), 2L)
        .containsEntry(EventType.GRAPH_COMPILED.shortName(), 2L)
        .containsEntry(EventType.GRAPH_DEPLOYED.shortName(), 2L)
        .containsEntry(EventType.GRAPH_UNDEPLOYED.shortName(), 2L)
        .containsEntry(EventType.VNF_INSTANCE_DELETED.shortName(), 2L)
        .containsEntry(EventType.OPERATION_STATE_CHANGED.shortName(), 12L);
    for (Demo.Run run : List.of(report.parallel(), report.sequential())) {
      List<String> life = new ArrayList<>();
      for (Event e : report.events()) {
        if (e.data() instanceof EventData.OfInstance i
            && i.vnfInstanceId().equals(run.instanceId())) {
          life.add(
              switch (e.data()) {
                case EventData.OperationStateChanged o -> o.operation() + " " + o.operationState();
                case EventData.GraphCompiled g -> "compiled " + g.plan() + " " + g.shape();
                default -> EventType.byType(e.cloudEvent().type()).orElseThrow().shortName();
              });
        }
      }
      assertThat(life)
          .as("events of the %s instance", run.plan())
          .filteredOn(s -> !s.startsWith("alarm") && !s.startsWith("graph.telemetry"))
          .containsExactly(
              "vnf.instance.created.v1",
              "INSTANTIATE STARTING",
              "INSTANTIATE PROCESSING",
              "compiled " + run.plan().toUpperCase(java.util.Locale.ROOT) + " " + run.shape(),
              "graph.deployed.v1",
              "INSTANTIATE COMPLETED",
              "TERMINATE STARTING",
              "TERMINATE PROCESSING",
              "graph.undeployed.v1",
              "TERMINATE COMPLETED",
              "vnf.instance.deleted.v1");
    }

    // Shut down: nothing listens any more.
    assertThat(report.apiClosed()).isTrue();
    assertThat(report.brokerClosed()).isTrue();

    // What a user reads.
    assertThat(printed)
        .contains("[1/10] Generating a data-centre trace")
        .contains("POST /vnfpkgm/v1/vnf_packages -> 201")
        .contains("POST /vnflcm/v2/vnf_instances -> 201")
        .contains("operation ")
        .contains("forwarding table:")
        .contains("merge table:")
        .containsPattern("shape +VPN -> \\{Monitor \\| FW\\} -> LB +VPN -> Monitor -> FW -> LB")
        .contains("throughput (as fast as it goes)")
        .contains("nfp.vnf.lifecycle")
        .contains("graph.compiled.v1                PARALLEL: VPN -> {Monitor | FW} -> LB")
        .contains("graph.compiled.v1                SEQUENTIAL: VPN -> Monitor -> FW -> LB")
        .contains("[10/10] Shutting down")
        .containsPattern("API port \\d+ closed; Kafka port \\d+ closed")
        .contains("Done in ");
    assertThat(work.resolve("demo.log")).exists();
  }

  @Test
  void refusesAWorkFolderItDidNotMake() throws Exception {
    Path work = Files.createDirectories(dir.resolve("mine"));
    Files.writeString(work.resolve("notes.txt"), "keep me");
    StringWriter err = new StringWriter();
    CommandLine cli = new CommandLine(new DemoCommand());
    cli.setOut(new PrintWriter(new StringWriter(), true));
    cli.setErr(new PrintWriter(err, true));

    int exit = cli.execute("--quick", "--work", work.toString());

    assertThat(exit).isEqualTo(1);
    assertThat(err.toString()).contains("is not a folder nfp demo made");
    assertThat(work.resolve("notes.txt")).hasContent("keep me");
  }
}
