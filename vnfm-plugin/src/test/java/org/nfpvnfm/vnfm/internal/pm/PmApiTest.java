package org.nfpvnfm.vnfm.internal.pm;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.github.tomakehurst.wiremock.WireMockServer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nfpvnfm.dpdk.Eal;
import org.nfpvnfm.engine.NfpCompiler;
import org.nfpvnfm.vnfm.ProblemDetails;
import org.nfpvnfm.vnfm.TestDataplane;
import org.nfpvnfm.vnfm.TestVnfm;
import org.nfpvnfm.vnfm.Vnfm;
import org.nfpvnfm.vnfm.VnfmConfig;
import org.nfpvnfm.vnfm.contract.Sol003Contract;

/**
 * {@code /vnfpm/v2} on a real VNFM with a real local DPDK node: PM jobs over a VNF whose graph
 * forwards the node's {@code net_null0} traffic report its counters as they rise, thresholds record
 * their crossings, and what the VNFM cannot measure or reach is refused. WireMock stands in for the
 * NFVO's callback. Every exchange with a well-formed request is checked against ETSI's PM document.
 */
@Tag("integration")
class PmApiTest {
  private static final String JOBS = "/vnfpm/v2/pm_jobs";
  private static final String THRESHOLDS = "/vnfpm/v2/thresholds";

  @TempDir Path dir;

  private final WireMockServer nfvo =
      new WireMockServer(options().dynamicPort().bindAddress("127.0.0.1"));
  private final AtomicBoolean slow = new AtomicBoolean();
  private Vnfm vnfm;
  private TestVnfm.Client pm;
  private TestVnfm.Client plain;

  @BeforeAll
  static void eal() {
    Eal.startForTests();
  }

  @BeforeEach
  void start() {
    nfvo.start();
    nfvo.stubFor(get(urlEqualTo("/callback")).willReturn(aResponse().withStatus(204)));
    nfvo.stubFor(get(urlEqualTo("/other")).willReturn(aResponse().withStatus(204)));
    nfvo.stubFor(get(urlEqualTo("/broken")).willReturn(aResponse().withStatus(500)));
    vnfm =
        Vnfm.start(
            TestDataplane.withLocalNode(
                TestVnfm.config(dir),
                new VnfmConfig.MonitoringConfig(
                    Duration.ofSeconds(1), Duration.ofMinutes(1), Duration.ofMillis(200))));
    pm = Sol003Contract.client(vnfm.uri(), "2.1.0");
    plain = new TestVnfm.Client(vnfm.uri(), "2.1.0");
  }

  @AfterEach
  void stop() {
    vnfm.close();
    nfvo.stop();
  }

  private String callback(String path) {
    return nfvo.baseUrl() + path;
  }

  /** A VNF whose graph {@code A -> B} forwards everything; B holds each burst while slow. */
  private String forwardingVnf() {
    String id = UUID.randomUUID().toString();
    TestDataplane.instantiate(
        vnfm.database(),
        TestDataplane.localNode(vnfm),
        id,
        TestDataplane.twoNfs(NfpCompiler.Plan.SEQUENTIAL),
        TestDataplane.passingExcept("B", TestDataplane.sleeping(slow::get, 50)));
    return id;
  }

  private static Map<String, Object> job(
      String instance, Map<String, Object> criteria, String uri) {
    return Map.of(
        "objectType",
        "Vnf",
        "objectInstanceIds",
        List.of(instance),
        "criteria",
        criteria,
        "callbackUri",
        uri);
  }

  private static List<Double> values(JsonNode report, String metric, String sub) {
    List<Double> out = new ArrayList<>();
    for (JsonNode e : report.path("entries")) {
      if (e.path("performanceMetric").asText().equals(metric)
          && e.path("subObjectInstanceId").asText("").equals(sub)) {
        e.path("performanceValues").forEach(v -> out.add(v.path("value").asDouble()));
      }
    }
    return out;
  }

  @Test
  void aPmJobOverAForwardingVnfReportsItsRisingCounters() throws Exception {
    String id = forwardingVnf();
    TestVnfm.Reply created =
        pm.post(
            JOBS,
            job(
                id,
                Map.of(
                    "performanceMetric",
                    List.of("VNF.nfp.packets.delivered", "VNF.nfp.throughput.pps"),
                    "performanceMetricGroup",
                    List.of("VNF.nfp.nf"),
                    "collectionPeriod",
                    1,
                    "reportingPeriod",
                    2),
                callback("/callback")));
    assertThat(created.status()).as(created.body()).isEqualTo(201);
    JsonNode j = created.json();
    String self = j.path("_links").path("self").path("href").asText();
    assertThat(created.header("Location")).isEqualTo(self);
    assertThat(self).isEqualTo(vnfm.uri() + "vnfpm/v2/pm_jobs/" + j.path("id").asText());
    assertThat(j.path("_links").path("objects").get(0).path("href").asText())
        .isEqualTo(vnfm.uri() + "vnflcm/v2/vnf_instances/" + id);
    assertThat(j.path("criteria").path("collectionPeriod").asInt()).isEqualTo(1);
    assertThat(j.has("authentication")).isFalse();
    nfvo.verify(getRequestedFor(urlEqualTo("/callback")));

    JsonNode withReports =
        TestDataplane.await(
            () -> pm.get(self).json(),
            x -> x.path("reports").size() >= 2,
            "two reports of the PM job");
    List<JsonNode> reports = new ArrayList<>();
    for (JsonNode r : withReports.path("reports")) {
      TestVnfm.Reply got = pm.get(r.path("href").asText());
      assertThat(got.status()).as(got.body()).isEqualTo(200);
      reports.add(got.json());
    }
    List<Double> first = values(reports.get(0), "VNF.nfp.packets.delivered", "");
    List<Double> second = values(reports.get(1), "VNF.nfp.packets.delivered", "");
    assertThat(first).as("delivered in the first report").isNotEmpty();
    assertThat(second).as("delivered in the second report").isNotEmpty();
    List<Double> all = new ArrayList<>(first);
    all.addAll(second);
    assertThat(all)
        .as("delivered packets, collection after collection")
        .isSortedAccordingTo(Double::compare);
    assertThat(all.getLast()).isGreaterThan(all.getFirst());
    assertThat(values(reports.get(1), "VNF.nfp.throughput.pps", ""))
        .as("packets per second over each collection period")
        .isNotEmpty()
        .allMatch(v -> v > 0);
    for (String nf : List.of("A", "B")) {
      assertThat(values(reports.get(1), "VNF.nfp.nf.passed", id + ".ab/" + nf))
          .as("packets NF %s passed", nf)
          .isNotEmpty()
          .allMatch(v -> v > 0);
    }
    assertThat(values(reports.get(1), "VNF.nfp.nf.failed", id + ".ab/B")).containsOnly(0.0);
    JsonNode entry = reports.get(1).path("entries").get(0);
    assertThat(entry.path("objectType").asText()).isEqualTo("Vnf");
    assertThat(entry.path("objectInstanceId").asText()).isEqualTo(id);

    JsonNode list = pm.get(JOBS).json();
    assertThat(list).hasSize(1);
    assertThat(list.get(0).has("reports")).as("reports are excluded by default").isFalse();
    assertThat(pm.get(JOBS + "?all_fields").json().get(0).path("reports").size())
        .isGreaterThanOrEqualTo(2);
    assertThat(pm.get(JOBS + "?filter=(eq,objectInstanceIds," + id + ")").json()).hasSize(1);
    assertThat(pm.get(JOBS + "?filter=(eq,objectInstanceIds,other)").json()).isEmpty();
  }

  @Test
  void refusesWhatItCannotMeasureOrReachWith422AndMalformedRequestsWith400() throws Exception {
    String id = forwardingVnf();
    Map<String, Object> criteria =
        Map.of(
            "performanceMetric", List.of("VNF.nfp.packets.delivered"),
            "collectionPeriod", 1,
            "reportingPeriod", 1);
    List<Object[]> cases =
        List.of(
            new Object[] {
              job(
                  id,
                  Map.of(
                      "performanceMetric",
                      List.of("VCpuUsageMeanVnf"),
                      "collectionPeriod",
                      1,
                      "reportingPeriod",
                      1),
                  callback("/callback")),
              422,
              "VCpuUsageMeanVnf"
            },
            new Object[] {
              job(
                  id,
                  Map.of(
                      "performanceMetricGroup",
                      List.of("VirtualisedComputeResource"),
                      "collectionPeriod",
                      1,
                      "reportingPeriod",
                      1),
                  callback("/callback")),
              422,
              "VirtualisedComputeResource"
            },
            new Object[] {
              job(id, Map.of("collectionPeriod", 1, "reportingPeriod", 1), callback("/callback")),
              422,
              "no performanceMetric"
            },
            new Object[] {
              job(
                  id,
                  Map.of(
                      "performanceMetric",
                      List.of("VNF.nfp.packets.delivered"),
                      "collectionPeriod",
                      5,
                      "reportingPeriod",
                      2),
                  callback("/callback")),
              422,
              "reportingPeriod"
            },
            new Object[] {job("no-such-vnf", criteria, callback("/callback")), 422, "no-such-vnf"},
            new Object[] {
              job(id, criteria, callback("/broken")), 422, "answered the test GET with 500"
            },
            new Object[] {
              job(id, criteria, "http://127.0.0.1:1/unreachable"), 422, "could not be tested"
            },
            new Object[] {job(id, criteria, "not a uri"), 400, "callbackUri"},
            new Object[] {
              Map.of(
                  "objectType",
                  "Vnfc",
                  "objectInstanceIds",
                  List.of(id),
                  "criteria",
                  criteria,
                  "callbackUri",
                  callback("/callback")),
              422,
              "Vnfc"
            },
            new Object[] {
              Map.of("objectType", "Vnf", "objectInstanceIds", List.of(id), "callbackUri", "x"),
              400,
              "criteria"
            },
            new Object[] {
              job(
                  id,
                  Map.of(
                      "performanceMetric",
                      List.of("VNF.nfp.packets.delivered"),
                      "collectionPeriod",
                      "often",
                      "reportingPeriod",
                      1),
                  callback("/callback")),
              400,
              "collectionPeriod"
            },
            new Object[] {
              Map.of(
                  "objectType",
                  "Vnf",
                  "objectInstanceIds",
                  List.of(id),
                  "criteria",
                  criteria,
                  "callbackUri",
                  callback("/callback"),
                  "colour",
                  "blue"),
              400,
              "colour"
            },
            new Object[] {
              Map.of(
                  "objectType",
                  "Vnf",
                  "objectInstanceIds",
                  List.of(id),
                  "criteria",
                  criteria,
                  "callbackUri",
                  callback("/callback"),
                  "authentication",
                  Map.of("authType", List.of("TLS_CERT"))),
              422,
              "TLS_CERT"
            },
            new Object[] {
              Map.of(
                  "objectType",
                  "Vnf",
                  "objectInstanceIds",
                  List.of(id),
                  "criteria",
                  criteria,
                  "callbackUri",
                  callback("/callback"),
                  "authentication",
                  Map.of("authType", List.of("BASIC"))),
              400,
              "paramsBasic"
            },
            new Object[] {"[]", 400, "object"},
            new Object[] {"{\"objectType\": ", 400, "JSON"});
    for (Object[] c : cases) {
      TestVnfm.Reply r = plain.post(JOBS, c[0]);
      assertThat(r.status()).as("POST %s: %s", c[0], r.body()).isEqualTo(c[1]);
      assertThat(r.header("Content-Type")).startsWith(ProblemDetails.MEDIA_TYPE);
      assertThat(r.json().path("detail").asText()).as("POST %s", c[0]).contains((String) c[2]);
      Sol003Contract.assertValid(
          "POST",
          vnfm.uri().resolve(JOBS.substring(1)),
          Map.of("Content-Type", List.of("application/json")),
          null,
          r.status(),
          r.raw().headers().map(),
          r.body());
    }
    assertThat(pm.get(JOBS).json()).as("jobs after refusals").isEmpty();
    assertThat(pm.get(JOBS + "/no-such-job").status()).isEqualTo(404);
    assertThat(pm.get(JOBS + "/no-such-job/reports/r").status()).isEqualTo(404);
    assertThat(pm.delete(JOBS + "/no-such-job").status()).isEqualTo(404);
    assertThat(pm.get(JOBS + "?filter=(eq,objectType").status()).isEqualTo(400);
  }

  @Test
  void changesTheCallbackOnlyToOneThatAnswersAndDeletesTheJobWithItsReports() throws Exception {
    String id = forwardingVnf();
    JsonNode j =
        pm.post(
                JOBS,
                job(
                    id,
                    Map.of(
                        "performanceMetricGroup",
                        List.of("VNF.nfp.packets"),
                        "collectionPeriod",
                        1,
                        "reportingPeriod",
                        1),
                    callback("/callback")))
            .json();
    String path = JOBS + "/" + j.path("id").asText();

    TestVnfm.Reply moved = pm.patch(path, Map.of("callbackUri", callback("/other")));
    assertThat(moved.status()).as(moved.body()).isEqualTo(200);
    assertThat(moved.json().path("callbackUri").asText()).isEqualTo(callback("/other"));
    assertThat(pm.get(path).json().path("callbackUri").asText()).isEqualTo(callback("/other"));

    TestVnfm.Reply refused = pm.patch(path, Map.of("callbackUri", callback("/broken")));
    assertThat(refused.status()).as(refused.body()).isEqualTo(422);
    assertThat(pm.get(path).json().path("callbackUri").asText()).isEqualTo(callback("/other"));

    TestVnfm.Reply auth =
        pm.patch(
            path,
            Map.of(
                "authentication",
                Map.of(
                    "authType",
                    List.of("BASIC"),
                    "paramsBasic",
                    Map.of("userName", "nfvo", "password", "s3cret"))));
    assertThat(auth.status()).as(auth.body()).isEqualTo(200);
    assertThat(auth.body()).doesNotContain("s3cret");
    assertThat(auth.json().path("authentication").path("authType").get(0).asText())
        .isEqualTo("BASIC");
    String basic =
        "Basic "
            + Base64.getEncoder().encodeToString("nfvo:s3cret".getBytes(StandardCharsets.UTF_8));
    nfvo.verify(getRequestedFor(urlEqualTo("/other")).withHeader("Authorization", equalTo(basic)));
    assertThat(pm.get(path).body()).doesNotContain("s3cret").doesNotContain("paramsBasic");

    for (Object bad : new Object[] {Map.of(), Map.of("objectType", "Vnfc"), "[1]"}) {
      TestVnfm.Reply r = plain.patch(path, bad);
      assertThat(r.status()).as("PATCH %s: %s", bad, r.body()).isEqualTo(400);
    }
    assertThat(pm.patch(JOBS + "/no-such-job", Map.of("callbackUri", callback("/other"))).status())
        .isEqualTo(404);

    String report =
        TestDataplane.await(
                () -> pm.get(path).json().path("reports"), r -> r.size() > 0, "a report of the job")
            .get(0)
            .path("href")
            .asText();
    assertThat(pm.get(report).status()).isEqualTo(200);
    assertThat(pm.delete(path).status()).isEqualTo(204);
    assertThat(pm.get(path).status()).isEqualTo(404);
    assertThat(pm.get(report).status()).isEqualTo(404);
  }

  @Test
  void aThresholdRecordsItsCrossingsUpAndDown() throws Exception {
    String id = forwardingVnf();
    TestVnfm.Reply created =
        pm.post(
            THRESHOLDS,
            Map.of(
                "objectType",
                "Vnf",
                "objectInstanceId",
                id,
                "criteria",
                Map.of(
                    "performanceMetric",
                    "VNF.nfp.throughput.pps",
                    "thresholdType",
                    "SIMPLE",
                    "simpleThresholdDetails",
                    Map.of("thresholdValue", 5000, "hysteresis", 1000)),
                "callbackUri",
                callback("/callback")));
    assertThat(created.status()).as(created.body()).isEqualTo(201);
    String self = created.json().path("_links").path("self").path("href").asText();
    assertThat(created.header("Location")).isEqualTo(self);
    assertThat(created.json().path("_links").path("object").path("href").asText())
        .isEqualTo(vnfm.uri() + "vnflcm/v2/vnf_instances/" + id);

    // Unhindered, the null device's traffic goes far beyond 6 000 packets/s: UP.
    JsonNode up =
        TestDataplane.await(
            () -> pm.get(self).json().path("nfpCrossings"), c -> c.size() == 1, "a crossing up");
    assertThat(up.get(0).path("crossingDirection").asText()).isEqualTo("UP");
    assertThat(up.get(0).path("performanceValue").asDouble()).isGreaterThan(6000);

    // B holding each burst of at most 32 packets for 50 ms: under 700 packets/s, DOWN.
    slow.set(true);
    JsonNode down =
        TestDataplane.await(
            () -> pm.get(self).json().path("nfpCrossings"), c -> c.size() == 2, "a crossing down");
    assertThat(down.get(1).path("crossingDirection").asText()).isEqualTo("DOWN");
    assertThat(down.get(1).path("performanceValue").asDouble()).isLessThan(4000);
    assertThat(pm.get(THRESHOLDS + "?filter=(eq,objectInstanceId," + id + ")").json()).hasSize(1);

    assertThat(pm.delete(self).status()).isEqualTo(204);
    assertThat(pm.get(self).status()).isEqualTo(404);
  }

  @Test
  void refusesThresholdsItCannotEvaluate() throws Exception {
    String id = forwardingVnf();
    for (Object[] c :
        List.of(
            new Object[] {"VNF.nfp.nf", "SIMPLE", 1, 422, "is a group"},
            new Object[] {"VCpuUsageMeanVnf", "SIMPLE", 1, 422, "VCpuUsageMeanVnf"},
            new Object[] {"VNF.nfp.packets.dropped", "COMPLEX", 1, 400, "SIMPLE"},
            new Object[] {"VNF.nfp.packets.dropped", "SIMPLE", -1, 400, "hysteresis"})) {
      TestVnfm.Reply r =
          plain.post(
              THRESHOLDS,
              Map.of(
                  "objectType",
                  "Vnf",
                  "objectInstanceId",
                  id,
                  "criteria",
                  Map.of(
                      "performanceMetric",
                      c[0],
                      "thresholdType",
                      c[1],
                      "simpleThresholdDetails",
                      Map.of("thresholdValue", 10, "hysteresis", c[2])),
                  "callbackUri",
                  callback("/callback")));
      assertThat(r.status()).as("%s: %s", List.of(c), r.body()).isEqualTo(c[3]);
      assertThat(r.json().path("detail").asText()).contains((String) c[4]);
    }
    assertThat(pm.get(THRESHOLDS).json()).isEmpty();
    assertThat(pm.get(THRESHOLDS + "/nothing").status()).isEqualTo(404);
  }
}
