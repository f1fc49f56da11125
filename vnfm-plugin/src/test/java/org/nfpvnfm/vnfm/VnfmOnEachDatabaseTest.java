package org.nfpvnfm.vnfm;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The VNFM on each database it supports: it serves its API and its state survives a restart. */
class VnfmOnEachDatabaseTest {

  @OnEachDatabase
  void servesItsApiAndKeepsItsStateAcrossARestart(TestDatabase kind, @TempDir Path dir) {
    VnfmConfig config = kind.config(dir);
    List<Integer> versions;
    try (Vnfm vnfm = Vnfm.start(config)) {
      assertThat(vnfm.database().postgres()).isEqualTo(kind == TestDatabase.POSTGRES);
      assertServesApiVersions(vnfm);
      versions = schemaVersions(vnfm);
      vnfm.database()
          .inTransaction(
              c -> {
                try (Statement s = c.createStatement()) {
                  s.execute("CREATE TABLE restart_probe (id INTEGER PRIMARY KEY, note TEXT)");
                  s.execute("INSERT INTO restart_probe VALUES (1, 'before the restart')");
                }
              });
    }
    try (Vnfm vnfm = Vnfm.start(config)) {
      assertServesApiVersions(vnfm);
      assertThat(schemaVersions(vnfm)).isNotEmpty().isEqualTo(versions);
      String note =
          vnfm.database()
              .inTransaction(
                  c -> {
                    try (Statement s = c.createStatement();
                        ResultSet r = s.executeQuery("SELECT note FROM restart_probe")) {
                      return r.next() ? r.getString(1) : "(no row)";
                    }
                  });
      assertThat(note).isEqualTo("before the restart");
    }
  }

  @Test
  @Tag("integration")
  void runsOnThePostgresServerAConfigurationFileNames(@TempDir Path dir) throws IOException {
    PostgresServer.Access db = PostgresServer.shared().createDatabase();
    Path file = dir.resolve("vnfm.yaml");
    Files.writeString(
        file,
        """
        dataDir: %s
        database:
          jdbcUrl: %s
          user: %s
          password: %s
          poolSize: 3
        """
            .formatted(dir.resolve("data"), db.jdbcUrl(), db.user(), db.password()));
    VnfmConfig.DatabaseConfig loaded = VnfmConfig.load(file).database();
    assertThat(loaded)
        .isEqualTo(new VnfmConfig.DatabaseConfig(db.jdbcUrl(), db.user(), db.password(), 3));
    VnfmConfig test = TestVnfm.config(dir.resolve("data"));
    VnfmConfig config =
        new VnfmConfig(
            test.dataDir(),
            test.http(),
            loaded,
            test.security(),
            test.nfvo(),
            test.nodes(),
            test.notifications());
    try (Vnfm vnfm = Vnfm.start(config)) {
      assertThat(vnfm.config().jdbcUrl()).isEqualTo(db.jdbcUrl());
      assertThat(vnfm.database().postgres()).isTrue();
      assertServesApiVersions(vnfm);
    }
  }

  private static void assertServesApiVersions(Vnfm vnfm) {
    TestVnfm.Reply r = new TestVnfm.Client(vnfm.uri(), "").get("/vnflcm/v2/api_versions");
    assertThat(r.status()).isEqualTo(200);
    assertThat(r.json().path("uriPrefix").asText()).isEqualTo("/vnflcm/v2");
  }

  private static List<Integer> schemaVersions(Vnfm vnfm) {
    return vnfm.database()
        .inTransaction(
            c -> {
              List<Integer> out = new ArrayList<>();
              try (Statement s = c.createStatement();
                  ResultSet r =
                      s.executeQuery("SELECT version FROM schema_version ORDER BY version")) {
                while (r.next()) {
                  out.add(r.getInt(1));
                }
              }
              return out;
            });
  }
}
