package org.nfpvnfm.vnfm;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class VnfmServerTest {
  @TempDir Path dir;
  private Vnfm vnfm;

  @BeforeEach
  void start() {
    vnfm = Vnfm.start(TestVnfm.config(dir));
  }

  @AfterEach
  void stop() {
    vnfm.close();
  }

  @Test
  void servesApiVersionsWithoutAVersionHeader() {
    TestVnfm.Reply r = new TestVnfm.Client(vnfm.uri(), "").get("/vnflcm/v2/api_versions");
    assertThat(r.status()).isEqualTo(200);
    assertThat(r.json().path("uriPrefix").asText()).isEqualTo("/vnflcm/v2");
    assertThat(r.json().path("apiVersions").get(0).path("version").asText()).isEqualTo("2.0.0");
    assertThat(r.header("Version")).isEqualTo("2.0.0");
    assertThat(new TestVnfm.Client(vnfm.uri(), "").get("/vnflcm/api_versions").status())
        .isEqualTo(200);
  }

  @Test
  void refusesARequestWithoutVersionWith400ProblemDetails() {
    TestVnfm.Reply r = new TestVnfm.Client(vnfm.uri(), "").get("/vnflcm/v2/vnf_instances");
    assertThat(r.status()).isEqualTo(400);
    assertThat(r.header("Content-Type")).startsWith(ProblemDetails.MEDIA_TYPE);
    assertThat(r.json().path("status").asInt()).isEqualTo(400);
    assertThat(r.json().path("detail").asText()).contains("Version header is required");
  }

  @Test
  void refusesAnUnsupportedVersionWith406() {
    for (String v : new String[] {"3.0.0", "2.1.0", "two", "2.0"}) {
      TestVnfm.Reply r = new TestVnfm.Client(vnfm.uri(), v).get("/vnflcm/v2/vnf_instances");
      assertThat(r.status()).as(v).isEqualTo(406);
      assertThat(r.json().path("detail").asText()).contains("not supported").contains("2.0.0");
    }
  }

  @Test
  void answersAnUnknownPathWith404ProblemDetails() {
    TestVnfm.Reply r =
        new TestVnfm.Client(vnfm.uri(), "2.0.0")
            .send("GET", "/vnflcm/v2/no_such_thing", null, Map.of());
    assertThat(r.status()).isEqualTo(404);
    assertThat(r.json().path("detail").asText()).contains("/vnflcm/v2/no_such_thing");
  }

  @Test
  void keepsItsSchemaAcrossARestart() {
    vnfm.close();
    vnfm = Vnfm.start(TestVnfm.config(dir));
    Integer version =
        vnfm.database()
            .inTransaction(
                c -> {
                  try (var s = c.createStatement();
                      var rs = s.executeQuery("SELECT MAX(version) FROM schema_version")) {
                    rs.next();
                    return rs.getInt(1);
                  }
                });
    assertThat(version).isGreaterThanOrEqualTo(1);
  }

  @Test
  void answersMalformedJsonWithProblemDetailsAsForAnyOtherBadBody() {
    for (String[] c :
        new String[][] {
          {"POST", "/vnflcm/v2/vnf_instances", "application/json", "2.0.0"},
          {"PATCH", "/vnffm/v1/alarms/a", "application/merge-patch+json", "1.3.0"},
          {"POST", "/vnfpm/v2/pm_jobs", "application/json", "2.1.0"}
        }) {
      TestVnfm.Reply r =
          new TestVnfm.Client(vnfm.uri(), c[3])
              .send(c[0], c[1], "{\"vnfdId\": ", Map.of("Content-Type", c[2]));
      assertThat(r.status()).as("%s %s: %s", c[0], c[1], r.body()).isEqualTo(400);
      assertThat(r.header("Content-Type")).startsWith(ProblemDetails.MEDIA_TYPE);
      assertThat(r.json().path("detail").asText()).contains("not valid JSON");
    }
  }
}
