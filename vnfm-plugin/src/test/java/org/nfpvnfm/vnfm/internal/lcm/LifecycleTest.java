package org.nfpvnfm.vnfm.internal.lcm;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.io.TempDir;
import org.nfpvnfm.dpdk.Eal;
import org.nfpvnfm.engine.NfpCompiler;
import org.nfpvnfm.vnfm.OnEachDatabase;
import org.nfpvnfm.vnfm.TestDatabase;
import org.nfpvnfm.vnfm.VnfmConfig;
import org.nfpvnfm.vnfm.internal.nodes.ComputeNodes;
import org.nfpvnfm.vnfm.internal.nodes.LocalComputeNode;
import org.nfpvnfm.vnfm.internal.notify.Notifier;
import org.nfpvnfm.vnfm.internal.pkg.PackageCatalog;
import org.nfpvnfm.vnfm.internal.rest.ApiException;
import org.nfpvnfm.vnfm.internal.rest.Json;
import org.nfpvnfm.vnfm.internal.store.Database;

/**
 * The lifecycle's state machine on a real database (H2 and PostgreSQL) and a real DPDK node
 * (vdevs): what each operation does to the node, which notifications it publishes in which order,
 * and what the NFVO's tasks (retry, rollback, fail, cancel) and a crash do to an occurrence.
 */
class LifecycleTest {
  static final Path SAMPLE = Path.of("../samples-vnfd/valid/paper-chain-tacker-vnffgd.yaml");
  static final String VNFD = "paper-chain";

  @TempDir Path dir;

  // Set by start(), which each test calls with its database.
  @SuppressWarnings("NullAway.Init")
  private Database db;

  @SuppressWarnings("NullAway.Init")
  private ComputeNodes nodes;

  @SuppressWarnings("NullAway.Init")
  private Lifecycle lifecycle;

  private final List<String> published = Collections.synchronizedList(new ArrayList<>());
  private final AtomicReference<Path> content = new AtomicReference<>(SAMPLE);

  @BeforeAll
  static void eal() {
    Eal.startForTests();
  }

  private void start(TestDatabase database, Granter granter) {
    db = database.open(dir);
    nodes =
        new ComputeNodes(
            List.of(
                LocalComputeNode.start(
                    new VnfmConfig.LocalNodeConfig(
                        true, "net_null0", "", 2, Eal.testArguments()))));
    lifecycle = lifecycle(granter);
  }

  private Lifecycle lifecycle(Granter granter) {
    Notifier recording =
        (tx, subject, n) ->
            published.add(
                n.path("notificationType").asText().replace("Notification", "")
                    + (n.has("operationState")
                        ? " "
                            + n.path("operation").asText()
                            + " "
                            + n.path("operationState").asText()
                        : ""));
    PackageCatalog catalog =
        vnfdId ->
            vnfdId.equals(VNFD)
                ? Optional.of(
                    new PackageCatalog.OnboardedPackage(
                        "pkg-1", VNFD, "NFP", "paper chain", "1.0", "1.0", true, content.get()))
                : Optional.empty();
    return new Lifecycle(
        db, recording, catalog, granter, nodes, () -> URI.create("http://127.0.0.1:1/"));
  }

  @AfterEach
  void stop() {
    lifecycle.close();
    nodes.close();
    db.close();
  }

  private static ObjectNode json(String text) {
    try {
      return (ObjectNode) Json.MAPPER.readTree(text);
    } catch (java.io.IOException e) {
      throw new IllegalStateException(e);
    }
  }

  private String created() {
    return lifecycle
        .create(json("{\"vnfdId\": \"" + VNFD + "\", \"vnfInstanceName\": \"chain\"}"))
        .path("id")
        .asText();
  }

  /** Waits (bounded) until the occurrence reaches {@code state}. */
  private JsonNode await(String opId, String state) throws InterruptedException {
    Instant deadline = Instant.now().plus(Duration.ofSeconds(30));
    JsonNode o = lifecycle.opOcc(opId);
    while (!o.path("operationState").asText().equals(state)) {
      assertThat(Instant.now())
          .as("operation %s still %s (expected %s): %s", opId, o.path("operationState"), state, o)
          .isBefore(deadline);
      Thread.sleep(20);
      o = lifecycle.opOcc(opId);
    }
    return o;
  }

  private String run(String instance, String operation, String params, String state)
      throws InterruptedException {
    String op = lifecycle.start(instance, operation, json(params)).path("id").asText();
    await(op, state);
    return op;
  }

  private List<String> deployments() {
    return nodes.get("local").orElseThrow().deployments();
  }

  @OnEachDatabase
  void instantiatesScalesHealsTerminatesAndDeletesWithTheirNotificationsInOrder(TestDatabase d)
      throws Exception {
    start(d, new SelfGranter());
    String id = created();
    run(id, "INSTANTIATE", "{\"flavourId\": \"default\"}", "COMPLETED");
    JsonNode inst = lifecycle.get(id);
    assertThat(inst.path("instantiationState").asText()).isEqualTo("INSTANTIATED");
    assertThat(deployments()).containsExactly(id + ".Forwarding_path1");
    assertThat(inst.path("instantiatedVnfInfo").path("vnfcResourceInfo").findValuesAsText("vduId"))
        .containsExactlyInAnyOrder("VPN_VNFD", "MON_VNFD", "FW_VNFD", "LB_VNFD");
    assertThat(inst.path("_links").has("terminate")).isTrue();

    run(
        id,
        "SCALE",
        "{\"type\": \"SCALE_OUT\", \"aspectId\": \"merger_instances\", \"numberOfSteps\": 2}",
        "COMPLETED");
    LocalComputeNode local = (LocalComputeNode) nodes.get("local").orElseThrow();
    assertThat(local.node().mergers(id + ".Forwarding_path1")).isEqualTo(3);
    assertThat(
            lifecycle
                .get(id)
                .path("instantiatedVnfInfo")
                .path("scaleStatus")
                .get(0)
                .path("scaleLevel")
                .asInt())
        .isEqualTo(2);
    run(id, "SCALE", "{\"type\": \"SCALE_IN\", \"aspectId\": \"merger_instances\"}", "COMPLETED");
    assertThat(local.node().mergers(id + ".Forwarding_path1")).isEqualTo(2);

    String heal = run(id, "HEAL", "{\"cause\": \"test\"}", "COMPLETED");
    assertThat(lifecycle.steps(heal)).anyMatch(s -> s.contains("redeployed"));
    assertThat(local.node().mergers(id + ".Forwarding_path1"))
        .as("heal keeps the scale")
        .isEqualTo(2);

    String term = run(id, "TERMINATE", "{\"terminationType\": \"GRACEFUL\"}", "COMPLETED");
    assertThat(deployments()).isEmpty();
    assertThat(lifecycle.get(id).path("instantiationState").asText()).isEqualTo("NOT_INSTANTIATED");
    assertThat(
            lifecycle
                .opOcc(term)
                .path("resourceChanges")
                .path("affectedVnfcs")
                .findValuesAsText("changeType"))
        .containsOnly("REMOVED")
        .hasSize(4);
    lifecycle.delete(id);
    assertThatThrownBy(() -> lifecycle.get(id)).isInstanceOf(ApiException.class);

    List<String> expected = new ArrayList<>();
    expected.add("VnfIdentifierCreation");
    for (String op : List.of("INSTANTIATE", "SCALE", "SCALE", "HEAL", "TERMINATE")) {
      expected.addAll(
          List.of(
              "VnfLcmOperationOccurrence " + op + " STARTING",
              "VnfLcmOperationOccurrence " + op + " PROCESSING",
              "VnfLcmOperationOccurrence " + op + " COMPLETED"));
    }
    expected.add("VnfIdentifierDeletion");
    assertThat(published).containsExactlyElementsOf(expected);
  }

  @OnEachDatabase
  void instantiatesTheSequentialPlanWhenAskedAndHealKeepsIt(TestDatabase d) throws Exception {
    start(d, new SelfGranter());
    assertThatThrownBy(
            () ->
                lifecycle.start(
                    created(),
                    "INSTANTIATE",
                    json(
                        "{\"flavourId\": \"default\", \"additionalParams\": {\"nfpPlan\": \"fast\"}}")))
        .as("an unknown plan")
        .satisfies(e -> assertThat(((ApiException) e).status()).isEqualTo(400))
        .hasMessageContaining("parallel")
        .hasMessageContaining("sequential");

    String id = created();
    String op =
        run(
            id,
            "INSTANTIATE",
            "{\"flavourId\": \"default\", \"additionalParams\": {\"nfpPlan\": \"sequential\"}}",
            "COMPLETED");
    LocalComputeNode local = (LocalComputeNode) nodes.get("local").orElseThrow();
    String deployment = id + ".Forwarding_path1";
    assertThat(Objects.requireNonNull(local.node().graph(deployment)).plan())
        .isEqualTo(NfpCompiler.Plan.SEQUENTIAL);
    assertThat(lifecycle.steps(op))
        .anyMatch(s -> s.contains("VPN_VNFD -> MON_VNFD -> FW_VNFD -> LB_VNFD"));

    run(id, "HEAL", "{\"cause\": \"test\"}", "COMPLETED");
    assertThat(Objects.requireNonNull(local.node().graph(deployment)).plan())
        .as("the plan a heal redeploys")
        .isEqualTo(NfpCompiler.Plan.SEQUENTIAL);
    run(id, "TERMINATE", "{\"terminationType\": \"FORCEFUL\"}", "COMPLETED");
    assertThat(deployments()).isEmpty();
  }

  @OnEachDatabase
  void refusesWhatTheStateForbidsWith409(TestDatabase d) throws Exception {
    start(d, new SelfGranter());
    String id = created();
    assertThatThrownBy(
            () -> lifecycle.start(id, "TERMINATE", json("{\"terminationType\": \"FORCEFUL\"}")))
        .isInstanceOf(ApiException.class)
        .satisfies(e -> assertThat(((ApiException) e).status()).isEqualTo(409));
    run(id, "INSTANTIATE", "{\"flavourId\": \"default\"}", "COMPLETED");
    for (String op : List.of("INSTANTIATE")) {
      assertThatThrownBy(() -> lifecycle.start(id, op, json("{\"flavourId\": \"default\"}")))
          .satisfies(e -> assertThat(((ApiException) e).status()).isEqualTo(409));
    }
    assertThatThrownBy(() -> lifecycle.delete(id))
        .satisfies(e -> assertThat(((ApiException) e).status()).isEqualTo(409));
    assertThatThrownBy(
            () ->
                lifecycle.start(
                    id,
                    "SCALE",
                    json("{\"type\": \"SCALE_IN\", \"aspectId\": \"merger_instances\"}")))
        .as("below level 0")
        .satisfies(e -> assertThat(((ApiException) e).status()).isEqualTo(422));
    assertThatThrownBy(
            () ->
                lifecycle.start(
                    id, "SCALE", json("{\"type\": \"SCALE_OUT\", \"aspectId\": \"vdu\"}")))
        .satisfies(e -> assertThat(((ApiException) e).status()).isEqualTo(422));
    assertThatThrownBy(
            () ->
                lifecycle.start(
                    id, "SCALE", json("{\"type\": \"UP\", \"aspectId\": \"merger_instances\"}")))
        .satisfies(e -> assertThat(((ApiException) e).status()).isEqualTo(400));
    assertThatThrownBy(() -> lifecycle.create(json("{\"vnfdId\": \"unknown\"}")))
        .satisfies(e -> assertThat(((ApiException) e).status()).isEqualTo(422));
  }

  @OnEachDatabase
  void aRejectedGrantRollsTheOperationBackAndDeploysNothing(TestDatabase d) throws Exception {
    start(
        d,
        request -> {
          throw new Granter.GrantException("no capacity in zone A", true);
        });
    String id = created();
    String op = run(id, "INSTANTIATE", "{\"flavourId\": \"default\"}", "ROLLED_BACK");
    assertThat(lifecycle.opOcc(op).path("error").path("detail").asText())
        .contains("no capacity in zone A");
    assertThat(deployments()).isEmpty();
    assertThat(lifecycle.get(id).path("instantiationState").asText()).isEqualTo("NOT_INSTANTIATED");
    assertThat(published)
        .containsExactly(
            "VnfIdentifierCreation",
            "VnfLcmOperationOccurrence INSTANTIATE STARTING",
            "VnfLcmOperationOccurrence INSTANTIATE ROLLED_BACK");
  }

  @OnEachDatabase
  void aFailedOperationWaitsInFailedTempForRetryRollbackOrFail(TestDatabase d) throws Exception {
    start(d, new SelfGranter());
    Path broken = dir.resolve("broken.yaml");
    Files.writeString(
        broken, "tosca_definitions_version: tosca_simple_yaml_1_3\nnode_templates: [\n");
    content.set(broken);
    String id = created();
    String op = run(id, "INSTANTIATE", "{\"flavourId\": \"default\"}", "FAILED_TEMP");
    JsonNode failed = lifecycle.opOcc(op);
    assertThat(failed.path("error").path("detail").asText()).contains("does not compile");
    assertThat(failed.path("_links").has("retry")).isTrue();
    assertThatThrownBy(
            () -> lifecycle.start(id, "INSTANTIATE", json("{\"flavourId\": \"default\"}")))
        .as("FAILED_TEMP blocks other operations")
        .satisfies(e -> assertThat(((ApiException) e).status()).isEqualTo(409));

    // Retry after the package is mended: completes.
    content.set(SAMPLE);
    lifecycle.retry(op);
    await(op, "COMPLETED");
    assertThat(deployments()).hasSize(1);
    assertThatThrownBy(() -> lifecycle.retry(op))
        .satisfies(e -> assertThat(((ApiException) e).status()).isEqualTo(409));

    // A scale that fails half-way (the node lost the graph) is rolled back to the old level.
    run(id, "TERMINATE", "{\"terminationType\": \"FORCEFUL\"}", "COMPLETED");
    content.set(broken);
    String second = run(id, "INSTANTIATE", "{\"flavourId\": \"default\"}", "FAILED_TEMP");
    lifecycle.rollback(second);
    await(second, "ROLLED_BACK");
    assertThat(deployments()).isEmpty();
    String third = run(id, "INSTANTIATE", "{\"flavourId\": \"default\"}", "FAILED_TEMP");
    assertThat(lifecycle.fail(third).path("operationState").asText()).isEqualTo("FAILED");
    assertThat(published)
        .contains(
            "VnfLcmOperationOccurrence INSTANTIATE FAILED_TEMP",
            "VnfLcmOperationOccurrence INSTANTIATE ROLLING_BACK",
            "VnfLcmOperationOccurrence INSTANTIATE ROLLED_BACK",
            "VnfLcmOperationOccurrence INSTANTIATE FAILED");
  }

  @OnEachDatabase
  void aCancelledStartingOperationIsRolledBack(TestDatabase d) throws Exception {
    CountDownLatch asked = new CountDownLatch(1);
    CountDownLatch answer = new CountDownLatch(1);
    start(
        d,
        request -> {
          asked.countDown();
          answer.await(10, TimeUnit.SECONDS);
          return "grant-1";
        });
    String id = created();
    String op =
        lifecycle
            .start(id, "INSTANTIATE", json("{\"flavourId\": \"default\"}"))
            .path("id")
            .asText();
    assertThat(asked.await(10, TimeUnit.SECONDS)).isTrue();
    lifecycle.cancel(op, "GRACEFUL");
    answer.countDown();
    JsonNode o = await(op, "ROLLED_BACK");
    assertThat(o.path("error").path("detail").asText()).contains("cancelled");
    assertThat(deployments()).isEmpty();
  }

  @OnEachDatabase
  void aRestartMovesInFlightOperationsAsEtsiSays(TestDatabase d) throws Exception {
    CountDownLatch never = new CountDownLatch(1);
    start(
        d,
        request -> {
          never.await(20, TimeUnit.SECONDS);
          throw new Granter.GrantException("the test ended", false);
        });
    String a = created();
    String b = created();
    String starting =
        lifecycle.start(a, "INSTANTIATE", json("{\"flavourId\": \"default\"}")).path("id").asText();
    // A PROCESSING occurrence as a crash would leave it: written straight into the store.
    String processing = "op-processing";
    db.inTransaction(
        c -> {
          Instant now = Instant.now();
          LcmStore.insert(
              c,
              new VnfLcmOpOcc(
                  processing,
                  "PROCESSING",
                  now,
                  now,
                  b,
                  "g",
                  "INSTANTIATE",
                  false,
                  json("{\"flavourId\": \"default\"}"),
                  false,
                  null,
                  null,
                  null,
                  null,
                  null,
                  List.of()));
        });
    // The "crash": a new lifecycle over the same database repairs at start.
    Lifecycle after = lifecycle(new SelfGranter());
    assertThat(after.repair()).isEqualTo(2);
    assertThat(after.opOcc(starting).path("operationState").asText()).isEqualTo("ROLLED_BACK");
    assertThat(after.opOcc(processing).path("operationState").asText()).isEqualTo("FAILED_TEMP");
    assertThat(after.opOcc(processing).path("error").path("detail").asText())
        .contains("VNFM stopped");
    assertThat(after.repair()).as("nothing left pending").isZero();
    never.countDown();
    after.close();
  }
}
