package org.nfpvnfm.vnfm.internal.store;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.JarURLConnection;
import java.net.URISyntaxException;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Enumeration;
import java.util.List;
import java.util.Objects;
import java.util.TreeMap;
import java.util.jar.JarEntry;
import java.util.jar.JarFile;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * Versioned schema migrations: the class path's {@code db/migration/V<n>__<what>.sql}, applied in
 * order of {@code n}, each once and in a transaction of its own, and recorded in {@code
 * schema_version}. A migration is never edited once released: a change is a new file.
 *
 * <p>The SQL is the subset H2 (in its PostgreSQL mode) and PostgreSQL share; statements end with a
 * {@code ;} at the end of a line, and {@code --} starts a comment line.
 */
public final class Migrations {
  static final String LOCATION = "db/migration";
  private static final Pattern NAME = Pattern.compile("V(\\d+)__([A-Za-z0-9_]+)\\.sql");

  private Migrations() {}

  /** One migration file. */
  public record Migration(int version, String description, String resource) {}

  /** The migrations on the class path, by version; two files with one version are refused. */
  public static List<Migration> available(ClassLoader loader) {
    TreeMap<Integer, Migration> byVersion = new TreeMap<>();
    for (String name : resourceNames(loader)) {
      Matcher m = NAME.matcher(name);
      if (!m.matches()) {
        continue;
      }
      int version = Integer.parseInt(m.group(1));
      Migration mig = new Migration(version, m.group(2).replace('_', ' '), LOCATION + "/" + name);
      Migration before = byVersion.put(version, mig);
      if (before != null && !before.resource().equals(mig.resource())) {
        throw new IllegalStateException(
            "two schema migrations have version %d: %s and %s"
                .formatted(version, before.resource(), mig.resource()));
      }
    }
    return List.copyOf(byVersion.values());
  }

  /** Applies every migration newer than the database's schema; returns how many it applied. */
  public static int migrate(Database db) {
    db.inTransaction(
        c -> {
          try (Statement s = c.createStatement()) {
            s.execute(
                "CREATE TABLE IF NOT EXISTS schema_version (version INTEGER PRIMARY KEY,"
                    + " description VARCHAR(200) NOT NULL,"
                    + " applied_at TIMESTAMP WITH TIME ZONE NOT NULL)");
          }
        });
    int current =
        db.inTransaction(
            c -> {
              try (Statement s = c.createStatement();
                  ResultSet r = s.executeQuery("SELECT MAX(version) FROM schema_version")) {
                return r.next() ? r.getInt(1) : 0;
              }
            });
    int applied = 0;
    for (Migration m : available(Migrations.class.getClassLoader())) {
      if (m.version() <= current) {
        continue;
      }
      List<String> statements = statements(read(m.resource()));
      db.inTransaction(
          c -> {
            try (Statement s = c.createStatement()) {
              for (String sql : statements) {
                s.execute(sql);
              }
            } catch (SQLException e) {
              throw new SQLException(
                  "schema migration " + m.resource() + " failed: " + e.getMessage(), e);
            }
            try (PreparedStatement p =
                c.prepareStatement(
                    "INSERT INTO schema_version (version, description, applied_at)"
                        + " VALUES (?, ?, CURRENT_TIMESTAMP)")) {
              p.setInt(1, m.version());
              p.setString(2, m.description());
              p.executeUpdate();
            }
          });
      applied++;
    }
    return applied;
  }

  /** The statements of a migration: split at a {@code ;} that ends a line; comments dropped. */
  static List<String> statements(String sql) {
    List<String> out = new ArrayList<>();
    StringBuilder current = new StringBuilder();
    for (String line : sql.split("\n", -1)) {
      String trimmed = line.strip();
      if (trimmed.isEmpty() || trimmed.startsWith("--")) {
        continue;
      }
      current.append(line).append('\n');
      if (trimmed.endsWith(";")) {
        String stmt = current.toString().strip();
        out.add(stmt.substring(0, stmt.length() - 1));
        current.setLength(0);
      }
    }
    if (!current.toString().isBlank()) {
      out.add(current.toString().strip());
    }
    return out;
  }

  private static String read(String resource) {
    try (InputStream in =
        Objects.requireNonNull(
            Migrations.class.getClassLoader().getResourceAsStream(resource), resource)) {
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** The file names under {@link #LOCATION}, from class-path folders and jars alike. */
  private static List<String> resourceNames(ClassLoader loader) {
    List<String> names = new ArrayList<>();
    try {
      Enumeration<URL> roots = loader.getResources(LOCATION);
      for (URL url : Collections.list(roots)) {
        switch (url.getProtocol()) {
          case "file" -> {
            try (Stream<Path> files = Files.list(Path.of(url.toURI()))) {
              files.forEach(f -> names.add(f.getFileName().toString()));
            }
          }
          case "jar" -> {
            JarURLConnection conn = (JarURLConnection) url.openConnection();
            conn.setUseCaches(false);
            try (JarFile jar = conn.getJarFile()) {
              for (JarEntry e : Collections.list(jar.entries())) {
                String n = e.getName();
                if (n.startsWith(LOCATION + "/") && !e.isDirectory()) {
                  names.add(n.substring(LOCATION.length() + 1));
                }
              }
            }
          }
          default ->
              throw new IllegalStateException(
                  "cannot list schema migrations at " + url + " (expected a folder or a jar)");
        }
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (URISyntaxException e) {
      throw new IllegalStateException(e);
    }
    return names;
  }
}
