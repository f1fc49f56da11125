package org.nfpvnfm.vnfm.internal.fm;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Path;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nfpvnfm.dpdk.Eal;
import org.nfpvnfm.engine.NfpCompiler;
import org.nfpvnfm.vnfm.OnEachDatabase;
import org.nfpvnfm.vnfm.ProblemDetails;
import org.nfpvnfm.vnfm.TestDatabase;
import org.nfpvnfm.vnfm.TestDataplane;
import org.nfpvnfm.vnfm.TestVnfm;
import org.nfpvnfm.vnfm.Vnfm;
import org.nfpvnfm.vnfm.VnfmConfig;
import org.nfpvnfm.vnfm.contract.Sol003Contract;
import org.nfpvnfm.vnfm.internal.nodes.LocalComputeNode;

/**
 * {@code /vnffm/v1/alarms} on a real VNFM with a real local DPDK node: NFs made to fail or stall on
 * the node's {@code net_null0} traffic raise alarms, which clear when the node is quiet again or
 * the VNF is terminated, and which the NFVO lists, filters and acknowledges. Every exchange is
 * checked against ETSI's fault management document.
 */
@Tag("integration")
class AlarmsApiTest {
  private static final Duration INTERVAL = Duration.ofMillis(100);
  private static final Duration QUIET = Duration.ofMillis(1500);
  private static final String ALARMS = "/vnffm/v1/alarms";

  @TempDir Path dir;

  private final AtomicBoolean failing = new AtomicBoolean(true);

  // Set by start(), which every test calls first.
  @SuppressWarnings("NullAway.Init")
  private Vnfm vnfm;

  @SuppressWarnings("NullAway.Init")
  private TestVnfm.Client fm;

  private boolean running;

  @BeforeAll
  static void eal() {
    Eal.startForTests();
  }

  private void start(VnfmConfig base, Duration quiet) {
    vnfm =
        Vnfm.start(
            TestDataplane.withLocalNode(
                base, new VnfmConfig.MonitoringConfig(INTERVAL, quiet, Duration.ofSeconds(1))));
    running = true;
    fm = Sol003Contract.client(vnfm.uri(), "1.3.0");
  }

  @AfterEach
  void stop() {
    if (running) {
      vnfm.close();
      running = false;
    }
  }

  private LocalComputeNode node() {
    return TestDataplane.localNode(vnfm);
  }

  /** A VNF whose graph {@code A -> B} runs on the local node, B throwing while {@link #failing}. */
  private String failingVnf() {
    String id = UUID.randomUUID().toString();
    TestDataplane.instantiate(
        vnfm.database(),
        node(),
        id,
        TestDataplane.twoNfs(NfpCompiler.Plan.SEQUENTIAL),
        TestDataplane.passingExcept(
            "B", TestDataplane.throwing(failing::get, "B cannot parse this packet")));
    return id;
  }

  private JsonNode alarms(String filter) {
    TestVnfm.Reply r = fm.get(ALARMS + (filter.isEmpty() ? "" : "?filter=" + filter));
    assertThat(r.status()).as(r.body()).isEqualTo(200);
    return r.json();
  }

  private JsonNode alarmsOf(String instanceId) throws InterruptedException {
    return TestDataplane.await(
        () -> alarms("(eq,managedObjectId," + instanceId + ")"),
        a -> a.size() > 0,
        "an alarm on VNF instance " + instanceId);
  }

  private Instant lastRise(String alarmId) {
    return vnfm.database()
        .inTransaction(
            c -> {
              try (PreparedStatement p =
                  c.prepareStatement("SELECT last_rise_at FROM vnf_alarms WHERE id = ?")) {
                p.setString(1, alarmId);
                try (ResultSet r = p.executeQuery()) {
                  r.next();
                  return r.getTimestamp(1).toInstant();
                }
              }
            });
  }

  @Test
  void aFailingNfRuntimeRaisesOneAlarmWhileItFailsAndItClearsOnceQuiet() throws Exception {
    start(TestVnfm.config(dir), QUIET);
    String id = failingVnf();
    String vnfc = id + ".ab/B";

    JsonNode list = alarmsOf(id);
    assertThat(list).hasSize(1);
    JsonNode a = list.get(0);
    assertThat(a.path("managedObjectId").asText()).isEqualTo(id);
    assertThat(a.path("rootCauseFaultyResource").path("faultyResource").path("resourceId").asText())
        .isEqualTo(vnfc);
    assertThat(
            a.path("rootCauseFaultyResource")
                .path("faultyResource")
                .path("vimLevelResourceType")
                .asText())
        .isEqualTo("nfp.nf-runtime");
    assertThat(a.path("rootCauseFaultyResource").path("faultyResourceType").asText())
        .isEqualTo("COMPUTE");
    assertThat(a.path("ackState").asText()).isEqualTo("UNACKNOWLEDGED");
    assertThat(a.path("perceivedSeverity").asText()).isEqualTo("MAJOR");
    assertThat(a.path("eventType").asText()).isEqualTo("PROCESSING_ERROR_ALARM");
    assertThat(a.path("probableCause").asText()).isEqualTo("softwareError");
    assertThat(a.path("isRootCause").asBoolean()).isTrue();
    assertThat(a.path("faultDetails").toString()).contains("B cannot parse this packet");
    assertThat(a.has("alarmClearedTime")).isFalse();
    String alarmId = a.path("id").asText();
    String self = a.path("_links").path("self").path("href").asText();
    assertThat(self).isEqualTo(vnfm.uri() + "vnffm/v1/alarms/" + alarmId);
    assertThat(a.path("_links").path("objectInstance").path("href").asText())
        .isEqualTo(vnfm.uri() + "vnflcm/v2/vnf_instances/" + id);
    assertThat(fm.get(self).json()).isEqualTo(a);

    // B keeps failing: the watcher sees the counter rise round after round, and keeps the one
    // alarm active instead of raising another.
    Instant raised = Instant.parse(a.path("alarmRaisedTime").asText());
    TestDataplane.await(
        () -> lastRise(alarmId),
        t -> t.isAfter(raised.plus(INTERVAL.multipliedBy(5))),
        "five more rounds that saw B's failed counter rise");
    assertThat(alarms("")).as("alarms while B keeps failing").hasSize(1);

    failing.set(false);
    Instant stopped = Instant.now();
    JsonNode cleared =
        TestDataplane.await(
            () -> fm.get(self).json(),
            j -> j.path("perceivedSeverity").asText().equals("CLEARED"),
            "the alarm cleared once B stopped failing");
    Instant clearedAt = Instant.parse(cleared.path("alarmClearedTime").asText());
    assertThat(clearedAt).isAfterOrEqualTo(stopped.plus(QUIET).minus(INTERVAL.multipliedBy(2)));
    assertThat(Duration.between(lastRise(alarmId), clearedAt)).isGreaterThanOrEqualTo(QUIET);
    assertThat(cleared.path("alarmChangedTime").asText()).isEqualTo(clearedAt.toString());
    assertThat(cleared.path("faultDetails").toString()).contains("has not risen since");

    // Failing again is a new occurrence of the condition: a new alarm.
    failing.set(true);
    JsonNode again =
        TestDataplane.await(
            () -> alarms("(eq,perceivedSeverity,MAJOR)"),
            j -> j.size() == 1,
            "a second alarm once B fails again");
    assertThat(again.get(0).path("id").asText()).isNotEqualTo(alarmId);
    assertThat(alarms("")).hasSize(2);
  }

  @Test
  void terminatingTheVnfClearsItsAlarmAtOnce() throws Exception {
    start(TestVnfm.config(dir), Duration.ofMinutes(10));
    String id = failingVnf();
    String self = alarmsOf(id).get(0).path("_links").path("self").path("href").asText();

    TestDataplane.terminate(vnfm.database(), node(), id);

    JsonNode cleared =
        TestDataplane.await(
            () -> fm.get(self).json(),
            j -> j.path("perceivedSeverity").asText().equals("CLEARED"),
            "the alarm cleared by the termination (the quiet period is 10 minutes)");
    assertThat(cleared.path("faultDetails").toString()).contains("was removed");
  }

  @Test
  void aMergerTimingOutRaisesAMinorAlarmThatIsNotTheRootCause() throws Exception {
    start(TestVnfm.config(dir), QUIET);
    String id = UUID.randomUUID().toString();
    // B holds each burst for 30 ms, longer than the node's merger timeout (20 ms). A and B share
    // worker 1, away from the merger on worker 0: A's versions reach the merger while B sleeps,
    // and time out waiting for B's.
    TestDataplane.instantiate(
        vnfm.database(),
        node(),
        id,
        TestDataplane.twoNfs(NfpCompiler.Plan.PARALLEL),
        TestDataplane.passingExcept("B", TestDataplane.sleeping(() -> true, 30)),
        Map.of("A", 1, "B", 1));

    JsonNode a =
        TestDataplane.await(
                () -> alarms("(eq,managedObjectId," + id + ");(eq,probableCause,timeoutExpired)"),
                j -> j.size() > 0,
                "a merge timeout alarm")
            .get(0);
    assertThat(a.path("perceivedSeverity").asText()).isEqualTo("MINOR");
    assertThat(a.path("isRootCause").asBoolean()).isFalse();
    assertThat(a.path("eventType").asText()).isEqualTo("PROCESSING_ERROR_ALARM");
    assertThat(a.path("rootCauseFaultyResource").path("faultyResource").path("resourceId").asText())
        .isEqualTo(id + ".ab/merge 0");
    assertThat(
            a.path("rootCauseFaultyResource")
                .path("faultyResource")
                .path("vimLevelResourceType")
                .asText())
        .isEqualTo("nfp.merger");
    assertThat(a.path("faultDetails").get(0).asText()).contains("timed out");
  }

  @Test
  void acknowledgesAnAlarmAndRefusesTheStateItIsAlreadyInWith409() throws Exception {
    start(TestVnfm.config(dir), QUIET);
    String id = failingVnf();
    JsonNode a = alarmsOf(id).get(0);
    String path = ALARMS + "/" + a.path("id").asText();

    TestVnfm.Reply ack = fm.patch(path, Map.of("ackState", "ACKNOWLEDGED"));
    assertThat(ack.status()).as(ack.body()).isEqualTo(200);
    assertThat(ack.json().path("ackState").asText()).isEqualTo("ACKNOWLEDGED");
    JsonNode acked = fm.get(path).json();
    assertThat(acked.path("ackState").asText()).isEqualTo("ACKNOWLEDGED");
    assertThat(acked.has("alarmAcknowledgedTime")).isTrue();
    assertThat(alarms("(eq,ackState,ACKNOWLEDGED)")).hasSize(1);
    assertThat(alarms("(eq,ackState,UNACKNOWLEDGED)")).isEmpty();

    TestVnfm.Reply again = fm.patch(path, Map.of("ackState", "ACKNOWLEDGED"));
    assertThat(again.status()).isEqualTo(409);
    assertThat(again.header("Content-Type")).startsWith(ProblemDetails.MEDIA_TYPE);
    assertThat(again.json().path("detail").asText()).contains("ACKNOWLEDGED already");

    TestVnfm.Reply undo = fm.patch(path, Map.of("ackState", "UNACKNOWLEDGED"));
    assertThat(undo.status()).as(undo.body()).isEqualTo(200);
    assertThat(fm.get(path).json().path("ackState").asText()).isEqualTo("UNACKNOWLEDGED");
    assertThat(fm.get(path).json().has("alarmAcknowledgedTime")).isFalse();
  }

  @Test
  void refusesBadRequestsWithProblemDetailsNever500() throws Exception {
    start(TestVnfm.config(dir), QUIET);
    String id = failingVnf();
    String path = ALARMS + "/" + alarmsOf(id).get(0).path("id").asText();
    // These requests do not fit the document on purpose; the contract checks the answers.
    TestVnfm.Client plain = new TestVnfm.Client(vnfm.uri(), "1.3.0");

    for (Object body :
        new Object[] {
          Map.of("ackState", "MAYBE"),
          Map.of("ackState", 1),
          Map.of(),
          Map.of("ackState", "ACKNOWLEDGED", "perceivedSeverity", "CLEARED"),
          "[1, 2]",
          "{not json"
        }) {
      TestVnfm.Reply r = plain.patch(path, body);
      assertThat(r.status()).as("PATCH %s: %s", body, r.body()).isEqualTo(400);
      assertThat(r.header("Content-Type")).startsWith(ProblemDetails.MEDIA_TYPE);
      assertThat(r.json().path("status").asInt()).isEqualTo(400);
    }
    assertThat(fm.get(ALARMS + "/no-such-alarm").status()).isEqualTo(404);
    assertThat(fm.patch(ALARMS + "/no-such-alarm", Map.of("ackState", "ACKNOWLEDGED")).status())
        .isEqualTo(404);
    TestVnfm.Reply badFilter = fm.get(ALARMS + "?filter=(near,perceivedSeverity,MAJOR)");
    assertThat(badFilter.status()).isEqualTo(400);
    assertThat(badFilter.json().path("detail").asText()).contains("unknown operator");
    assertThat(fm.get(ALARMS + "?nextpage_opaque_marker=x").status()).isEqualTo(400);
    assertThat(plain.send("GET", ALARMS, null, Map.of("Version", "2.0.0")).status())
        .as("the lifecycle's version on the fault API")
        .isEqualTo(406);
  }

  @OnEachDatabase
  void keepsAlarmsAcrossARestartAndDoesNotRaiseThemTwice(TestDatabase db) throws Exception {
    VnfmConfig config = db.config(dir);
    start(config, Duration.ofMinutes(10));
    String id = failingVnf();
    JsonNode before = alarmsOf(id);
    String alarmId = before.get(0).path("id").asText();
    stop();

    start(config, Duration.ofMinutes(10));
    assertThat(fm.get(ALARMS + "/" + alarmId).json().path("perceivedSeverity").asText())
        .as("the alarm after the restart")
        .isEqualTo("MAJOR");
    // The local node lived in the old VNFM's process; a new one runs the same failing graph.
    Instant restarted = Instant.now();
    node()
        .node()
        .deploy(
            id + ".ab",
            TestDataplane.twoNfs(NfpCompiler.Plan.SEQUENTIAL),
            TestDataplane.passingExcept(
                "B", TestDataplane.throwing(failing::get, "B cannot parse this packet")));
    TestDataplane.await(
        () -> lastRise(alarmId),
        t -> t.isAfter(restarted),
        "the stored alarm seeing B's counter rise on the new node");
    assertThat(alarms("")).as("alarms after the restart").hasSize(1);
  }
}
