package org.nfpvnfm.vnfm.internal.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.tuple;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nfpvnfm.vnfm.OnEachDatabase;
import org.nfpvnfm.vnfm.TestDatabase;
import org.nfpvnfm.vnfm.VnfmConfig;

/** The schema migrations on each database: every one applied once, in order, and recorded. */
class SchemaMigrationTest {
  private static final Pattern CREATE_TABLE =
      Pattern.compile("(?is)^CREATE\\s+TABLE\\s+(?:IF\\s+NOT\\s+EXISTS\\s+)?(\\w+).*");
  private static final Pattern DROP_TABLE =
      Pattern.compile("(?is)^DROP\\s+TABLE\\s+(?:IF\\s+EXISTS\\s+)?(\\w+).*");

  /** One row of {@code schema_version}. */
  record Applied(int version, String description, String appliedAt) {}

  @OnEachDatabase
  void appliesEveryMigrationToAnEmptyDatabase(TestDatabase kind, @TempDir Path dir)
      throws IOException {
    List<Migrations.Migration> available = Migrations.available(getClass().getClassLoader());
    assertThat(available).isNotEmpty();
    try (Database db = kind.open(dir)) {
      assertThat(db.postgres()).isEqualTo(kind == TestDatabase.POSTGRES);
      assertThat(applied(db))
          .extracting(Applied::version, Applied::description)
          .containsExactlyElementsOf(
              available.stream().map(m -> tuple(m.version(), m.description())).toList());
      Set<String> expected = tablesCreatedBy(available);
      assertThat(expected).as("tables the migrations create").isNotEmpty();
      assertThat(tables(db)).containsAll(expected);
    }
  }

  @OnEachDatabase
  void appliesNoMigrationTwice(TestDatabase kind, @TempDir Path dir) {
    VnfmConfig config = kind.config(dir);
    List<Applied> first;
    try (Database db = TestDatabase.open(config)) {
      first = applied(db);
      assertThat(Migrations.migrate(db)).isZero();
    }
    try (Database db = TestDatabase.open(config)) {
      assertThat(Migrations.migrate(db)).isZero();
      assertThat(applied(db)).isEqualTo(first);
    }
  }

  @Test
  @Tag("integration")
  void refusesAWrongPostgresPasswordWithoutRevealingIt(@TempDir Path dir) {
    VnfmConfig.DatabaseConfig good = TestDatabase.POSTGRES.config(dir).database();
    String wrong = "not-" + good.password();
    VnfmConfig.DatabaseConfig bad =
        new VnfmConfig.DatabaseConfig(good.jdbcUrl(), good.user(), wrong, 1);
    assertThatThrownBy(() -> Database.open(bad).close())
        .satisfies(
            e -> {
              List<String> messages = new ArrayList<>();
              for (Throwable t = e; t != null; t = t.getCause()) {
                messages.add(String.valueOf(t.getMessage()));
              }
              assertThat(String.join("\n", messages))
                  .contains("password authentication failed")
                  .doesNotContain(wrong);
            });
  }

  private static List<Applied> applied(Database db) {
    return db.inTransaction(
        c -> {
          List<Applied> rows = new ArrayList<>();
          try (Statement s = c.createStatement();
              ResultSet r =
                  s.executeQuery(
                      "SELECT version, description, applied_at FROM schema_version"
                          + " ORDER BY version")) {
            while (r.next()) {
              rows.add(new Applied(r.getInt(1), r.getString(2), r.getString(3)));
            }
          }
          return rows;
        });
  }

  private static Set<String> tables(Database db) {
    return db.inTransaction(
        c -> {
          Set<String> names = new TreeSet<>();
          try (PreparedStatement p =
              c.prepareStatement(
                  "SELECT table_name FROM information_schema.tables"
                      + " WHERE table_schema = ?"); ) {
            p.setString(1, "public");
            try (ResultSet r = p.executeQuery()) {
              while (r.next()) {
                names.add(r.getString(1));
              }
            }
          }
          return names;
        });
  }

  /** The tables that are left once every migration has run: created, and not dropped later. */
  private static Set<String> tablesCreatedBy(List<Migrations.Migration> migrations)
      throws IOException {
    Set<String> tables = new TreeSet<>();
    for (Migrations.Migration m : migrations) {
      String sql;
      try (InputStream in =
          Objects.requireNonNull(
              SchemaMigrationTest.class.getClassLoader().getResourceAsStream(m.resource()),
              m.resource())) {
        sql = new String(in.readAllBytes(), StandardCharsets.UTF_8);
      }
      for (String statement : Migrations.statements(sql)) {
        Matcher created = CREATE_TABLE.matcher(statement);
        Matcher dropped = DROP_TABLE.matcher(statement);
        if (created.matches()) {
          tables.add(created.group(1).toLowerCase(Locale.ROOT));
        } else if (dropped.matches()) {
          tables.remove(dropped.group(1).toLowerCase(Locale.ROOT));
        }
      }
    }
    return tables;
  }
}
