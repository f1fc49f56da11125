package org.nfpvnfm.vnfm.internal.fm;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.io.TempDir;
import org.nfpvnfm.dpdk.Eal;
import org.nfpvnfm.engine.ServiceGraph;
import org.nfpvnfm.vnfm.OnEachDatabase;
import org.nfpvnfm.vnfm.TestDatabase;
import org.nfpvnfm.vnfm.TestDataplane;
import org.nfpvnfm.vnfm.TestVnfm;
import org.nfpvnfm.vnfm.VnfmConfig;
import org.nfpvnfm.vnfm.internal.lcm.Lifecycle;
import org.nfpvnfm.vnfm.internal.nodes.ComputeNodes;
import org.nfpvnfm.vnfm.internal.nodes.LocalComputeNode;
import org.nfpvnfm.vnfm.internal.pkg.PackageCatalog;
import org.nfpvnfm.vnfm.internal.rest.Json;
import org.nfpvnfm.vnfm.internal.store.Database;

/**
 * Alarms on a VNF that the lifecycle instantiated and terminates: the paper chain's package
 * deployed on a real local node, one of its NFs then made to fail. The alarm names the VNFC as the
 * instance's {@code vnfcResourceInfo} does, the listener hears of the raise and of the clear, and
 * the termination clears the alarm at once, on H2 and on PostgreSQL.
 */
class AlarmsOnTheLifecycleTest {
  private static final Path SAMPLE =
      Path.of("../samples-vnfd/valid/paper-chain-tacker-vnffgd.yaml");
  private static final String VNFD = "paper-chain";

  @TempDir Path dir;

  private final List<String> heard = Collections.synchronizedList(new ArrayList<>());
  private final List<AutoCloseable> open = new ArrayList<>();

  @BeforeAll
  static void eal() {
    Eal.startForTests();
  }

  @AfterEach
  void close() throws Exception {
    for (AutoCloseable c : open.reversed()) {
      c.close();
    }
  }

  private <T extends AutoCloseable> T opened(T c) {
    open.add(c);
    return c;
  }

  private static ObjectNode json(String text) throws Exception {
    return (ObjectNode) Json.MAPPER.readTree(text);
  }

  @OnEachDatabase
  void anAlarmNamesTheInstancesVnfcAndTheTerminationClearsIt(TestDatabase database)
      throws Exception {
    Database db = opened(database.open(dir));
    LocalComputeNode local =
        LocalComputeNode.start(
            new VnfmConfig.LocalNodeConfig(true, "net_null0", "", 2, Eal.testArguments()));
    ComputeNodes nodes = opened(new ComputeNodes(List.of(local)));
    PackageCatalog catalog =
        vnfdId ->
            vnfdId.equals(VNFD)
                ? Optional.of(
                    new PackageCatalog.OnboardedPackage(
                        "pkg-1", VNFD, "NFP", "paper chain", "1.0", "1.0", true, SAMPLE))
                : Optional.empty();
    Lifecycle lifecycle =
        opened(
            new Lifecycle(
                db,
                (tx, subject, n) -> {},
                catalog,
                request -> "grant-" + UUID.randomUUID(),
                nodes,
                () -> URI.create("http://127.0.0.1:1/")));
    AlarmListener recording =
        new AlarmListener() {
          @Override
          public void raised(java.sql.Connection tx, Alarm a) {
            heard.add("raised " + a.id());
          }

          @Override
          public void cleared(java.sql.Connection tx, Alarm a) {
            heard.add("cleared " + a.id());
          }
        };
    VnfmConfig config =
        TestVnfm.config(dir)
            .withMonitoring(
                new VnfmConfig.MonitoringConfig(
                    Duration.ofMillis(100), Duration.ofMinutes(10), Duration.ofSeconds(1)));
    List<org.nfpvnfm.vnfm.internal.events.OutgoingEvent> events =
        Collections.synchronizedList(new ArrayList<>());
    FmPart fm =
        opened(
            new FmPart(
                config,
                db,
                nodes,
                AlarmListener.all(recording, new AlarmEvents((tx, e) -> events.add(e))),
                () -> URI.create("http://vnfm.example.net/")));
    fm.start();

    String id = lifecycle.create(json("{\"vnfdId\": \"" + VNFD + "\"}")).path("id").asText();
    String op =
        lifecycle
            .start(id, "INSTANTIATE", json("{\"flavourId\": \"default\"}"))
            .path("id")
            .asText();
    TestDataplane.await(
        () -> lifecycle.opOcc(op).path("operationState").asText(),
        "COMPLETED"::equals,
        "the instantiation completed");
    String deployment = id + ".Forwarding_path1";
    // The paper chain classifies branch web traffic, which the null device does not send: the
    // same graph taking every packet, its firewall throwing.
    ServiceGraph deployed = Objects.requireNonNull(local.node().graph(deployment));
    local
        .node()
        .replace(
            deployment,
            TestDataplane.catchAll(deployed),
            TestDataplane.passingExcept(
                "FW_VNFD", TestDataplane.throwing(() -> true, "firewall rule table corrupt")));

    JsonNode alarm =
        TestDataplane.await(() -> fm.alarms().list(), l -> !l.isEmpty(), "an alarm on the firewall")
            .getFirst();
    String vnfc =
        alarm.path("rootCauseFaultyResource").path("faultyResource").path("resourceId").asText();
    assertThat(vnfc).isEqualTo(deployment + "/FW_VNFD");
    assertThat(
            lifecycle
                .get(id)
                .path("instantiatedVnfInfo")
                .path("vnfcResourceInfo")
                .findValuesAsText("id"))
        .as("the VNFCs of the instance")
        .contains(vnfc);
    assertThat(alarm.path("managedObjectId").asText()).isEqualTo(id);
    assertThat(alarm.path("faultDetails").toString()).contains("firewall rule table corrupt");
    assertThat(alarm.path("_links").path("objectInstance").path("href").asText())
        .isEqualTo("http://vnfm.example.net/vnflcm/v2/vnf_instances/" + id);
    String alarmId = alarm.path("id").asText();

    String term =
        lifecycle
            .start(id, "TERMINATE", json("{\"terminationType\": \"FORCEFUL\"}"))
            .path("id")
            .asText();
    TestDataplane.await(
        () -> lifecycle.opOcc(term).path("operationState").asText(),
        "COMPLETED"::equals,
        "the termination completed");
    JsonNode cleared =
        TestDataplane.await(
            () -> fm.alarms().get(alarmId),
            a -> a.has("alarmClearedTime"),
            "the alarm cleared by the termination (the quiet period is 10 minutes)");
    assertThat(cleared.path("perceivedSeverity").asText()).isEqualTo("CLEARED");
    assertThat(heard).containsExactly("raised " + alarmId, "cleared " + alarmId);

    // The same changes as events on the instance's key: the alarm, the NF runtime that failed.
    assertThat(events)
        .extracting(org.nfpvnfm.vnfm.internal.events.OutgoingEvent::type)
        .containsExactly(
            org.nfpvnfm.events.EventType.ALARM_RAISED,
            org.nfpvnfm.events.EventType.NF_RUNTIME_FAILED,
            org.nfpvnfm.events.EventType.ALARM_CLEARED);
    assertThat(events).allMatch(e -> e.key().equals(id));
    org.nfpvnfm.events.EventData.NfRuntimeFailed failed =
        org.nfpvnfm.events.EventCodec.mapper()
            .treeToValue(events.get(1).data(), org.nfpvnfm.events.EventData.NfRuntimeFailed.class);
    assertThat(failed.nf()).isEqualTo("FW_VNFD");
    assertThat(failed.deployment()).isEqualTo(deployment);
    assertThat(failed.node()).isEqualTo("local");
    assertThat(failed.failed()).isPositive();
    assertThat(failed.alarmId()).isEqualTo(alarmId);
    assertThat(events.get(0).data().path("alarm").path("id").asText()).isEqualTo(alarmId);
    assertThat(events.get(2).data().path("alarmClearedTime").asText()).isNotEmpty();
  }
}
