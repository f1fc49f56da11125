package org.nfpvnfm.vnfm;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.UserPrincipal;
import java.security.SecureRandom;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HexFormat;
import java.util.List;
import java.util.Properties;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.Assumptions;

/**
 * Test support: a throwaway PostgreSQL server, one per test JVM, started on first use and stopped
 * (with its folder deleted) when the JVM exits. Each test asks it for a fresh, empty database with
 * {@link #createDatabase()}, which takes milliseconds where a server takes a second or two.
 *
 * <p>The server is the installed PostgreSQL's {@code initdb} and {@code pg_ctl}: the highest
 * version under {@code /usr/lib/postgresql/<major>/bin} (Debian's layout), else the ones on the
 * {@code PATH}. Its cluster lives in a new folder under {@code java.io.tmpdir}; it listens on
 * 127.0.0.1 on a free port, with its unix socket in that folder, so it neither needs nor disturbs a
 * system server. Loopback connections authenticate with a password (SCRAM), as a real deployment's
 * do. PostgreSQL refuses to run as root: as root, the cluster belongs to the {@code postgres} user
 * and the commands run as it ({@code runuser}).
 *
 * <p>When PostgreSQL is not installed, {@link #shared()} fails the test with a message saying how
 * to install it: the tests against PostgreSQL are part of {@code ./build verify} and must not pass
 * by skipping. With the environment variable {@code NFP_SKIP_POSTGRES=1} they are skipped instead,
 * each with that reason in the report.
 */
public final class PostgresServer implements AutoCloseable {
  /** Set to {@code 1} to skip (not fail) the tests that need PostgreSQL where it is missing. */
  public static final String SKIP_VARIABLE = "NFP_SKIP_POSTGRES";

  private static final long COMMAND_TIMEOUT_SECONDS = 60;
  private static final String SUPERUSER = "postgres";
  private static final String TEST_USER = "vnfm_test";

  private static @Nullable PostgresServer shared;
  private static @Nullable RuntimeException sharedFailure;

  private final Path bin;
  private final Path dir;
  private final @Nullable String runAs;
  private final int port;
  private final String superPassword;
  private final String testPassword;
  private final AtomicInteger databases = new AtomicInteger();
  private boolean stopped;

  /** A database on the server, and how a client reaches it. */
  public record Access(String jdbcUrl, String user, String password, String name) {}

  private PostgresServer(
      Path bin,
      Path dir,
      @Nullable String runAs,
      int port,
      String superPassword,
      String testPassword) {
    this.bin = bin;
    this.dir = dir;
    this.runAs = runAs;
    this.port = port;
    this.superPassword = superPassword;
    this.testPassword = testPassword;
  }

  /**
   * The JVM's server, started on the first call. Skips the calling test when {@code
   * NFP_SKIP_POSTGRES=1}; fails it when PostgreSQL is not installed or does not start (a failed
   * start is not retried: every later caller gets the same error at once).
   */
  public static synchronized PostgresServer shared() {
    Assumptions.assumeFalse(
        "1".equals(System.getenv(SKIP_VARIABLE)),
        SKIP_VARIABLE + "=1: skipping a test that needs a PostgreSQL server");
    if (sharedFailure != null) {
      throw sharedFailure;
    }
    if (shared == null) {
      try {
        PostgresServer s = start();
        Runtime.getRuntime().addShutdownHook(new Thread(s::close, "postgres-test-server-stop"));
        shared = s;
      } catch (RuntimeException e) {
        sharedFailure = e;
        throw e;
      }
    }
    return shared;
  }

  /** Starts a new server; {@link #close()} stops it and deletes its folder. */
  public static PostgresServer start() {
    Path bin = findBinaries();
    String runAs = isRoot() ? SUPERUSER : null;
    Path dir;
    try {
      dir = Files.createTempDirectory("nfp-pg");
      if (runAs != null) {
        UserPrincipal owner =
            dir.getFileSystem().getUserPrincipalLookupService().lookupPrincipalByName(runAs);
        Files.setOwner(dir, owner);
      }
    } catch (IOException e) {
      throw new UncheckedIOException(
          "cannot prepare a folder for a PostgreSQL test server"
              + (runAs == null ? "" : " owned by the user " + runAs + " (PostgreSQL refuses root)"),
          e);
    }
    try {
      String superPassword = randomPassword();
      Path pwfile = dir.resolve("pwfile");
      Files.writeString(pwfile, superPassword + "\n", StandardCharsets.UTF_8);
      if (runAs != null) {
        Files.setOwner(pwfile, Files.getOwner(dir));
      }
      run(
          dir,
          runAs,
          "initdb",
          List.of(
              bin.resolve("initdb").toString(),
              "--pgdata=" + dir.resolve("data"),
              "--username=" + SUPERUSER,
              "--pwfile=" + pwfile,
              "--auth-local=trust",
              "--auth-host=scram-sha-256",
              "--encoding=UTF8",
              "--locale=C",
              "--no-sync"));
      Files.delete(pwfile);
      // A free port can be taken between looking and binding: try a few.
      IllegalStateException last = null;
      for (int attempt = 0; attempt < 3; attempt++) {
        int port = freePort();
        Files.deleteIfExists(dir.resolve("server.log")); // only this attempt's log in a failure
        try {
          run(
              dir,
              runAs,
              "pg_ctl start",
              List.of(
                  bin.resolve("pg_ctl").toString(),
                  "--pgdata=" + dir.resolve("data"),
                  "--log=" + dir.resolve("server.log"),
                  "--wait",
                  "--timeout=" + COMMAND_TIMEOUT_SECONDS,
                  "--options="
                      + String.join(
                          " ",
                          "-c listen_addresses=127.0.0.1",
                          "-c port=" + port,
                          "-c unix_socket_directories=" + dir,
                          // A throwaway server: durability buys nothing and costs time.
                          "-c fsync=off",
                          "-c synchronous_commit=off",
                          "-c full_page_writes=off"),
                  "start"));
        } catch (IllegalStateException e) {
          last = e;
          if (e.getMessage() != null && e.getMessage().contains("Address already in use")) {
            continue;
          }
          throw e;
        }
        PostgresServer server =
            new PostgresServer(bin, dir, runAs, port, superPassword, randomPassword());
        server.createTestUser();
        return server;
      }
      throw last;
    } catch (IOException | RuntimeException e) {
      deleteTree(dir);
      if (e instanceof IOException io) {
        throw new UncheckedIOException("cannot start a PostgreSQL test server in " + dir, io);
      }
      throw (RuntimeException) e;
    }
  }

  /** A new, empty database owned by the test user; never shared with another caller. */
  public Access createDatabase() {
    String name = "vnfm_test_" + databases.incrementAndGet();
    try (Connection c = superConnection("postgres");
        Statement s = c.createStatement()) {
      s.execute("CREATE DATABASE " + name + " OWNER " + TEST_USER);
    } catch (SQLException e) {
      throw new IllegalStateException(
          "cannot create the database " + name + " on the PostgreSQL test server: " + e, e);
    }
    return new Access(jdbcUrl(name), TEST_USER, testPassword, name);
  }

  /** The JDBC URL of a database on this server. */
  public String jdbcUrl(String database) {
    return "jdbc:postgresql://127.0.0.1:" + port + "/" + database;
  }

  public int port() {
    return port;
  }

  /** Stops the server at once (its data is thrown away) and deletes its folder. */
  @Override
  public synchronized void close() {
    if (stopped) {
      return;
    }
    stopped = true;
    try {
      run(
          dir,
          runAs,
          "pg_ctl stop",
          List.of(
              bin.resolve("pg_ctl").toString(),
              "--pgdata=" + dir.resolve("data"),
              "--mode=immediate",
              "--wait",
              "--timeout=" + COMMAND_TIMEOUT_SECONDS,
              "stop"));
    } finally {
      deleteTree(dir);
    }
  }

  private void createTestUser() {
    try (Connection c = superConnection("postgres");
        Statement s = c.createStatement()) {
      // The password is random hex: nothing in it needs quoting.
      s.execute("CREATE ROLE " + TEST_USER + " LOGIN PASSWORD '" + testPassword + "'");
    } catch (SQLException e) {
      close();
      throw new IllegalStateException(
          "cannot create the test user on the PostgreSQL test server: " + e, e);
    }
  }

  private Connection superConnection(String database) throws SQLException {
    Properties p = new Properties();
    p.setProperty("user", SUPERUSER);
    p.setProperty("password", superPassword);
    p.setProperty("connectTimeout", "10");
    return DriverManager.getConnection(jdbcUrl(database), p);
  }

  /**
   * Where {@code initdb} and {@code pg_ctl} are: the highest version under {@code
   * /usr/lib/postgresql}, else the {@code PATH}; an {@link AssertionError} saying how to install
   * PostgreSQL when neither has them.
   */
  static Path findBinaries() {
    return findBinaries(Path.of("/usr/lib/postgresql"), System.getenv("PATH"));
  }

  static Path findBinaries(Path debian, @Nullable String path) {
    if (Files.isDirectory(debian)) {
      try (Stream<Path> versions = Files.list(debian)) {
        Path best =
            versions
                .map(v -> v.resolve("bin"))
                .filter(PostgresServer::hasServerBinaries)
                .max(Comparator.comparing(PostgresServer::majorVersion))
                .orElse(null);
        if (best != null) {
          return best;
        }
      } catch (IOException e) {
        throw new UncheckedIOException("cannot list " + debian, e);
      }
    }
    if (path != null) {
      for (String entry : path.split(java.io.File.pathSeparator)) {
        if (!entry.isEmpty() && hasServerBinaries(Path.of(entry))) {
          return Path.of(entry);
        }
      }
    }
    throw new AssertionError(
        "PostgreSQL is not installed (no initdb and pg_ctl under "
            + debian
            + "/*/bin or on the PATH), and the VNFM's store tests run against a real PostgreSQL server: install"
            + " it (Debian: sudo apt-get install postgresql) or run bash .ci/run, which installs"
            + " it; or set "
            + SKIP_VARIABLE
            + "=1 to skip these tests (see docs/vnfm-database.md)");
  }

  private static boolean hasServerBinaries(Path bin) {
    return Files.isExecutable(bin.resolve("initdb")) && Files.isExecutable(bin.resolve("pg_ctl"));
  }

  private static int majorVersion(Path bin) {
    Path version = bin.getParent();
    try {
      return version == null ? -1 : Integer.parseInt(version.getFileName().toString());
    } catch (NumberFormatException e) {
      return -1;
    }
  }

  private static boolean isRoot() {
    try {
      return ((Integer) Files.getAttribute(Path.of("/proc/self"), "unix:uid")) == 0;
    } catch (IOException | UnsupportedOperationException e) {
      return "root".equals(System.getProperty("user.name"));
    }
  }

  private static int freePort() throws IOException {
    try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      return s.getLocalPort();
    }
  }

  private static String randomPassword() {
    byte[] b = new byte[16];
    new SecureRandom().nextBytes(b);
    return HexFormat.of().formatHex(b);
  }

  /**
   * Runs one PostgreSQL command in {@code dir}, as {@code runAs} when given, bounded in time. A
   * failure or a timeout is an {@link IllegalStateException} with the command's output and the
   * server's log.
   */
  private static void run(Path dir, @Nullable String runAs, String what, List<String> command) {
    List<String> full = new ArrayList<>();
    if (runAs != null) {
      full.addAll(List.of("runuser", "-u", runAs, "--"));
    }
    full.addAll(command);
    Path output = dir.resolve("command.out");
    try {
      // Output to a file, not a pipe: pg_ctl's server outlives it and would hold a pipe open.
      Process p =
          new ProcessBuilder(full)
              .directory(dir.toFile())
              .redirectErrorStream(true)
              .redirectOutput(output.toFile())
              .start();
      boolean finished = p.waitFor(COMMAND_TIMEOUT_SECONDS + 10, TimeUnit.SECONDS);
      if (!finished) {
        p.destroyForcibly();
        throw new IllegalStateException(
            "the PostgreSQL test server's %s did not finish in %d s%s"
                .formatted(what, COMMAND_TIMEOUT_SECONDS + 10, details(dir, output)));
      }
      if (p.exitValue() != 0) {
        throw new IllegalStateException(
            "the PostgreSQL test server's %s failed with exit code %d%s"
                .formatted(what, p.exitValue(), details(dir, output)));
      }
    } catch (IOException e) {
      throw new UncheckedIOException("cannot run " + String.join(" ", full), e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while running " + what, e);
    }
  }

  private static String details(Path dir, Path output) {
    StringBuilder b = new StringBuilder();
    b.append("\n--- output ---\n").append(readQuietly(output));
    Path log = dir.resolve("server.log");
    if (Files.exists(log)) {
      b.append("\n--- server log ---\n").append(readQuietly(log));
    }
    return b.toString();
  }

  private static String readQuietly(Path file) {
    try {
      return Files.readString(file, StandardCharsets.UTF_8);
    } catch (IOException e) {
      return "(cannot read " + file + ": " + e.getMessage() + ")";
    }
  }

  private static void deleteTree(Path dir) {
    if (!Files.exists(dir)) {
      return;
    }
    try (Stream<Path> files = Files.walk(dir)) {
      for (Path f : files.sorted(Comparator.reverseOrder()).toList()) {
        Files.deleteIfExists(f);
      }
    } catch (IOException e) {
      System.err.println("could not delete the PostgreSQL test folder " + dir + ": " + e);
    }
  }
}
