package org.nfpvnfm.vnfm.internal.lcm;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Objects;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nfpvnfm.vnfm.ProblemDetails;
import org.nfpvnfm.vnfm.TestVnfm;
import org.nfpvnfm.vnfm.Vnfm;
import org.nfpvnfm.vnfm.contract.Sol003Contract;

/**
 * {@code /vnflcm/v2} over HTTP, every exchange checked against ETSI's lifecycle document: the
 * instance resources, filters and paging, the errors, and an operation that fails on a VNFM without
 * compute nodes, then retried, rolled back and failed by the NFVO.
 */
@Tag("integration")
class VnfLcmApiTest {
  @TempDir Path dir;
  private Vnfm vnfm;
  private TestVnfm.Client lcm;
  private String vnfdId;

  @BeforeEach
  void start() {
    vnfm = Vnfm.start(TestVnfm.config(dir));
    lcm = Sol003Contract.client(vnfm.uri(), "2.0.0");
    vnfdId =
        TestVnfm.onboard(vnfm.uri(), null, Path.of("../samples-vnfd/valid/paper-chain-sol004"));
  }

  @AfterEach
  void stop() {
    vnfm.close();
  }

  private String create(String name) {
    TestVnfm.Reply r =
        lcm.post("/vnflcm/v2/vnf_instances", Map.of("vnfdId", vnfdId, "vnfInstanceName", name));
    assertThat(r.status()).as(r.body()).isEqualTo(201);
    return r.json().path("id").asText();
  }

  private JsonNode awaitState(String opPath, String state) throws InterruptedException {
    Instant deadline = Instant.now().plus(Duration.ofSeconds(20));
    JsonNode o = lcm.get(opPath).json();
    while (!o.path("operationState").asText().equals(state)) {
      assertThat(Instant.now())
          .as("%s still %s", opPath, o.path("operationState"))
          .isBefore(deadline);
      Thread.sleep(20);
      o = lcm.get(opPath).json();
    }
    return o;
  }

  private static String path(TestVnfm.Reply accepted) {
    return URI.create(Objects.requireNonNull(accepted.header("Location"))).getPath();
  }

  @Test
  void createsReadsFiltersAndDeletesInstances() {
    String a = create("edge-a");
    String b = create("core-b");
    TestVnfm.Reply one = lcm.get("/vnflcm/v2/vnf_instances/" + a);
    assertThat(one.status()).isEqualTo(200);
    assertThat(one.header("Version")).isEqualTo("2.0.0");
    assertThat(one.json().path("instantiationState").asText()).isEqualTo("NOT_INSTANTIATED");
    assertThat(one.json().path("_links").has("instantiate")).isTrue();

    assertThat(lcm.get("/vnflcm/v2/vnf_instances").json()).hasSize(2);
    JsonNode edge = lcm.get("/vnflcm/v2/vnf_instances?filter=(cont,vnfInstanceName,edge)").json();
    assertThat(edge).hasSize(1);
    assertThat(edge.get(0).path("id").asText()).isEqualTo(a);
    TestVnfm.Reply bad = lcm.get("/vnflcm/v2/vnf_instances?filter=(like,vnfInstanceName,x)");
    assertThat(bad.status()).isEqualTo(400);

    assertThat(lcm.delete("/vnflcm/v2/vnf_instances/" + b).status()).isEqualTo(204);
    TestVnfm.Reply gone = lcm.get("/vnflcm/v2/vnf_instances/" + b);
    assertThat(gone.status()).isEqualTo(404);
    assertThat(gone.header("Content-Type")).startsWith(ProblemDetails.MEDIA_TYPE);
    assertThat(gone.json().path("detail").asText()).contains(b);
  }

  @Test
  void pagesALargeCollectionWithALinkToTheNextPage() {
    for (int i = 0; i < 102; i++) {
      create("i" + i);
    }
    TestVnfm.Reply first = lcm.get("/vnflcm/v2/vnf_instances");
    assertThat(first.json()).hasSize(100);
    String link = Objects.requireNonNull(first.header("Link"));
    assertThat(link).contains("rel=\"next\"").contains("nextpage_opaque_marker=100");
    String next = link.substring(link.indexOf('<') + 1, link.indexOf('>'));
    TestVnfm.Reply second = lcm.get(URI.create(next).getPath() + "?" + URI.create(next).getQuery());
    assertThat(second.json()).hasSize(2);
    assertThat(second.header("Link")).isNull();
  }

  @Test
  void refusesBadRequestsWithProblemDetails() {
    String a = create("x");
    TestVnfm.Reply noVnfd = lcm.post("/vnflcm/v2/vnf_instances", Map.of("vnfInstanceName", "n"));
    assertThat(noVnfd.status()).isEqualTo(400);
    assertThat(noVnfd.json().path("detail").asText()).contains("vnfdId");
    TestVnfm.Reply unknown = lcm.post("/vnflcm/v2/vnf_instances", Map.of("vnfdId", "nope"));
    assertThat(unknown.status()).isEqualTo(422);
    TestVnfm.Reply malformed = lcm.post("/vnflcm/v2/vnf_instances", "{\"vnfdId\": ");
    assertThat(malformed.status()).isEqualTo(400);
    assertThat(malformed.header("Content-Type")).startsWith(ProblemDetails.MEDIA_TYPE);
    TestVnfm.Reply notInstantiated =
        lcm.post(
            "/vnflcm/v2/vnf_instances/" + a + "/terminate", Map.of("terminationType", "FORCEFUL"));
    assertThat(notInstantiated.status()).isEqualTo(409);
    TestVnfm.Reply noFlavour = lcm.post("/vnflcm/v2/vnf_instances/" + a + "/instantiate", "{}");
    assertThat(noFlavour.status()).isEqualTo(400);
    assertThat(lcm.post("/vnflcm/v2/vnf_lcm_op_occs/nope/retry", null).status()).isEqualTo(404);
  }

  @Test
  void modifiesAnInstanceThroughAnOperationOccurrence() throws Exception {
    String a = create("before");
    TestVnfm.Reply patch =
        lcm.patch(
            "/vnflcm/v2/vnf_instances/" + a,
            Map.of("vnfInstanceName", "after", "metadata", Map.of("zone", "A")));
    assertThat(patch.status()).as(patch.body()).isEqualTo(202);
    JsonNode op = awaitState(path(patch), "COMPLETED");
    assertThat(op.path("operation").asText()).isEqualTo("MODIFY_INFO");
    assertThat(op.path("changedInfo").path("vnfInstanceName").asText()).isEqualTo("after");
    JsonNode inst = lcm.get("/vnflcm/v2/vnf_instances/" + a).json();
    assertThat(inst.path("vnfInstanceName").asText()).isEqualTo("after");
    assertThat(inst.path("metadata").path("zone").asText()).isEqualTo("A");
    assertThat(lcm.post(path(patch) + "/retry", null).status())
        .as("retry of COMPLETED")
        .isEqualTo(409);
    assertThat(lcm.post(path(patch) + "/cancel", Map.of("cancelMode", "GRACEFUL")).status())
        .isEqualTo(409);
  }

  @Test
  void aFailedInstantiationIsRetriedRolledBackAndFailedByTheNfvo() throws Exception {
    // This VNFM has no compute node, so instantiation fails at its deployment step.
    String a = create("no-node");
    TestVnfm.Reply inst =
        lcm.post("/vnflcm/v2/vnf_instances/" + a + "/instantiate", Map.of("flavourId", "default"));
    assertThat(inst.status()).isEqualTo(202);
    String op = path(inst);
    JsonNode failed = awaitState(op, "FAILED_TEMP");
    assertThat(failed.path("error").path("detail").asText())
        .contains("no compute node is configured");
    assertThat(failed.path("_links").has("retry")).isTrue();
    TestVnfm.Reply steps = new TestVnfm.Client(vnfm.uri(), "2.0.0").get(op + "/steps");
    assertThat(steps.json().toString())
        .contains("compiled 1 service graph")
        .contains("FAILED_TEMP");

    TestVnfm.Reply busy =
        lcm.post("/vnflcm/v2/vnf_instances/" + a + "/instantiate", Map.of("flavourId", "default"));
    assertThat(busy.status()).isEqualTo(409);
    assertThat(busy.json().path("detail").asText()).contains("FAILED_TEMP");

    assertThat(lcm.post(op + "/retry", null).status()).isEqualTo(202);
    awaitState(op, "FAILED_TEMP");
    assertThat(lcm.post(op + "/rollback", null).status()).isEqualTo(202);
    awaitState(op, "ROLLED_BACK");
    assertThat(lcm.get("/vnflcm/v2/vnf_instances/" + a).json().path("instantiationState").asText())
        .isEqualTo("NOT_INSTANTIATED");

    String second =
        path(
            lcm.post(
                "/vnflcm/v2/vnf_instances/" + a + "/instantiate", Map.of("flavourId", "default")));
    awaitState(second, "FAILED_TEMP");
    TestVnfm.Reply fail = lcm.post(second + "/fail", null);
    assertThat(fail.status()).isEqualTo(200);
    assertThat(fail.json().path("operationState").asText()).isEqualTo("FAILED");
    assertThat(lcm.get("/vnflcm/v2/vnf_lcm_op_occs?filter=(eq,operationState,FAILED)").json())
        .hasSize(1);
    assertThat(lcm.delete("/vnflcm/v2/vnf_instances/" + a).status()).isEqualTo(204);
  }
}
