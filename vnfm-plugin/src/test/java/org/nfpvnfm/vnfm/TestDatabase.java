package org.nfpvnfm.vnfm;

import java.nio.file.Path;
import org.nfpvnfm.vnfm.internal.store.Database;

/**
 * Test support: the databases the VNFM runs on, so that a test of anything stored runs on each of
 * them with one annotation, {@link OnEachDatabase}:
 *
 * <pre>{@code
 * @OnEachDatabase
 * void keepsAnInstanceAcrossARestart(TestDatabase db, @TempDir Path dir) {
 *   VnfmConfig config = db.config(dir);          // a fresh, empty database of this kind
 *   try (Vnfm vnfm = Vnfm.start(config)) { ... }
 *   try (Vnfm vnfm = Vnfm.start(config)) { ... } // the same database again
 * }
 * }</pre>
 *
 * <p>The test runs once per value, named after it ({@code on H2}, {@code on POSTGRES}); the
 * database comes first among the method's parameters, then whatever JUnit resolves
 * ({@code @TempDir}). Store code without a VNFM opens a {@link Database} with {@link #open(Path)}
 * instead (and {@link #open(VnfmConfig)} to reopen the same one).
 *
 * <p>{@link #H2} is the embedded default, a file under the data folder, so a fresh {@code @TempDir}
 * is a fresh database. {@link #POSTGRES} is a new database on the JVM's throwaway server ({@link
 * PostgresServer#shared()}): each {@link #config} or {@link #open} call creates one, so tests never
 * see each other's rows. Where PostgreSQL is not installed the POSTGRES run fails saying how to
 * install it; with {@code NFP_SKIP_POSTGRES=1} it is skipped, and the H2 run still runs.
 */
public enum TestDatabase {
  /** The embedded H2 database in the data folder (PostgreSQL mode), as the VNFM runs by default. */
  H2 {
    @Override
    VnfmConfig.DatabaseConfig database() {
      return new VnfmConfig.DatabaseConfig("", "", "", POOL_SIZE);
    }
  },
  /** A fresh database on a real PostgreSQL server, reached by {@code database.jdbcUrl}. */
  POSTGRES {
    @Override
    VnfmConfig.DatabaseConfig database() {
      PostgresServer.Access db = PostgresServer.shared().createDatabase();
      return new VnfmConfig.DatabaseConfig(db.jdbcUrl(), db.user(), db.password(), POOL_SIZE);
    }
  };

  /** Small: a test needs few connections, and a PostgreSQL server allows 100 in all. */
  private static final int POOL_SIZE = 2;

  abstract VnfmConfig.DatabaseConfig database();

  /**
   * A test configuration ({@link TestVnfm#config}) in {@code dataDir} on a fresh database of this
   * kind. Starting a VNFM twice with the one configuration is a restart on the same database.
   */
  public VnfmConfig config(Path dataDir) {
    VnfmConfig c = TestVnfm.config(dataDir);
    return new VnfmConfig(
        c.dataDir(), c.http(), database(), c.security(), c.nfvo(), c.nodes(), c.notifications());
  }

  /**
   * Opens (and migrates) a fresh database of this kind, for store tests without a VNFM; the H2 file
   * goes in {@code dataDir}. The caller closes it.
   */
  public Database open(Path dataDir) {
    return open(config(dataDir));
  }

  /** Opens (and migrates) the database of {@code config}, e.g. again after closing it. */
  public static Database open(VnfmConfig config) {
    return Database.open(
        new VnfmConfig.DatabaseConfig(
            config.jdbcUrl(),
            config.database().user(),
            config.database().password(),
            config.database().poolSize()));
  }
}
