package org.nfpvnfm.vnfm.internal.store;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import javax.sql.DataSource;
import org.jspecify.annotations.Nullable;
import org.nfpvnfm.vnfm.VnfmConfig;

/**
 * The VNFM's state: an embedded H2 database in a file by default, PostgreSQL when configured, both
 * through JDBC with the same SQL (H2 runs in its PostgreSQL mode). The schema is brought up to date
 * by {@link Migrations} when the database opens.
 *
 * <p>Every change to the state goes through {@link #inTransaction}: a service changes its rows and
 * queues what it must announce (notifications, events) in the same transaction, so a crash leaves
 * either both or neither.
 */
public final class Database implements AutoCloseable {

  /** Work done in one transaction. */
  @FunctionalInterface
  public interface Work<T> {
    T run(Connection c) throws SQLException;
  }

  /** Work done in one transaction, with nothing to return. */
  @FunctionalInterface
  public interface Action {
    void run(Connection c) throws SQLException;
  }

  private final HikariDataSource pool;
  private final boolean postgres;

  /** What to run after each open transaction commits, by its connection. */
  private final Map<Connection, List<Runnable>> afterCommit = new ConcurrentHashMap<>();

  private Database(HikariDataSource pool, boolean postgres) {
    this.pool = pool;
    this.postgres = postgres;
  }

  /** Opens the configured database and migrates its schema to this version's. */
  public static Database open(VnfmConfig.DatabaseConfig config) {
    HikariConfig h = new HikariConfig();
    h.setJdbcUrl(config.jdbcUrl());
    if (!config.user().isEmpty()) {
      h.setUsername(config.user());
    }
    if (!config.password().isEmpty()) {
      h.setPassword(config.password());
    }
    h.setMaximumPoolSize(config.poolSize());
    h.setPoolName("vnfm-db");
    h.setAutoCommit(false);
    h.setTransactionIsolation("TRANSACTION_READ_COMMITTED");
    HikariDataSource pool = new HikariDataSource(h);
    Database db = new Database(pool, config.jdbcUrl().startsWith("jdbc:postgresql:"));
    try {
      Migrations.migrate(db);
    } catch (RuntimeException e) {
      pool.close();
      throw e;
    }
    return db;
  }

  /** A lock held for as long as it is open (see {@link #tryExclusive}). */
  public interface Lease extends AutoCloseable {
    /** Whether the lock is still held (its session may have been lost with the server). */
    boolean held();

    @Override
    void close();
  }

  /**
   * Takes the lock {@code name} for this process unless another holds it: null then. On PostgreSQL
   * it is a session-level advisory lock on a connection of its own, outside the pool, so two VNFMs
   * sharing a database can agree which one does a job only one may do (publishing its events). The
   * embedded H2 database is open to one process at a time, which holds every such lock.
   */
  public @Nullable Lease tryExclusive(String name) {
    if (!postgres) {
      return new Lease() {
        @Override
        public boolean held() {
          return true;
        }

        @Override
        public void close() {}
      };
    }
    try {
      Connection c =
          java.sql.DriverManager.getConnection(
              pool.getJdbcUrl(), pool.getUsername(), pool.getPassword());
      try (java.sql.PreparedStatement p = c.prepareStatement("SELECT pg_try_advisory_lock(?)")) {
        p.setLong(1, name.hashCode());
        try (java.sql.ResultSet r = p.executeQuery()) {
          if (!r.next() || !r.getBoolean(1)) {
            c.close();
            return null;
          }
        }
      }
      return new Lease() {
        @Override
        public boolean held() {
          try {
            return c.isValid(2);
          } catch (SQLException e) {
            return false;
          }
        }

        @Override
        public void close() {
          try {
            c.close();
          } catch (SQLException e) {
            // Closing the session releases the lock either way.
          }
        }
      };
    } catch (SQLException e) {
      throw new StoreException(e);
    }
  }

  /** Whether this is a PostgreSQL server (rather than the embedded H2). */
  public boolean postgres() {
    return postgres;
  }

  public DataSource dataSource() {
    return pool;
  }

  /**
   * Runs {@code work} in one transaction: committed when it returns, rolled back when it throws. An
   * {@link SQLException} comes out as a {@link StoreException}.
   */
  public <T> T inTransaction(Work<T> work) {
    List<Runnable> then;
    T result;
    try (Connection c = pool.getConnection()) {
      try {
        result = work.run(c);
        c.commit();
      } catch (SQLException | RuntimeException e) {
        c.rollback();
        throw e;
      } finally {
        then = afterCommit.remove(c);
      }
    } catch (SQLException e) {
      throw new StoreException(e);
    }
    if (then != null) {
      then.forEach(Runnable::run);
    }
    return result;
  }

  /**
   * Runs {@code r} once the transaction of {@code tx} (one {@link #inTransaction} opened) has
   * committed, on the committing thread; never when it rolls back. What wakes a reader of rows the
   * transaction wrote (an outbox's relay) goes here, so the reader finds them.
   */
  public void afterCommit(Connection tx, Runnable r) {
    afterCommit.computeIfAbsent(tx, k -> new ArrayList<>(1)).add(r);
  }

  /** As {@link #inTransaction(Work)}, for work that returns nothing. */
  public void inTransaction(Action action) {
    inTransaction(
        c -> {
          action.run(c);
          return Boolean.TRUE;
        });
  }

  @Override
  public void close() {
    pool.close();
  }
}
