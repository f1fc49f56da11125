package org.nfpvnfm.dpdk;

import java.util.List;
import java.util.Optional;
import org.jspecify.annotations.Nullable;
import org.nfpvnfm.dpdk.internal.ffm.Shim;
import org.nfpvnfm.dpdk.internal.ffm.ShimLibrary;
import org.nfpvnfm.dpdk.internal.ffm.ShimLoadException;

/**
 * DPDK's Environment Abstraction Layer, which a process can initialise once and clean up once:
 * after {@link #close()} no DPDK call works again in this JVM. {@link #start} is therefore guarded:
 * a second call with the same arguments returns the running EAL, one with other arguments fails.
 *
 * <p>rte_eal_init pins the calling thread to the main lcore's CPU; call it from a thread that may
 * stay there (the main thread, or the thread that will run the main lcore's loop).
 */
public final class Eal implements AutoCloseable {
  private static final Object LOCK = new Object();
  private static @Nullable Eal running;
  private static boolean closed;

  private final List<String> arguments;

  private Eal(List<String> arguments) {
    this.arguments = arguments;
  }

  /**
   * Starts the EAL with these arguments (without argv[0]), or returns the running one if it was
   * started with the same arguments.
   *
   * @throws DpdkException when the shim or DPDK cannot be loaded, the EAL refuses the arguments, it
   *     is already running with other arguments, or it was closed
   */
  public static Eal start(List<String> arguments) {
    List<String> args = List.copyOf(arguments);
    synchronized (LOCK) {
      Eal current = running;
      if (current != null) {
        if (current.arguments.equals(args)) {
          return current;
        }
        throw new DpdkException(
            "the EAL is already running with "
                + current.arguments
                + "; it cannot start again with "
                + args
                + " (expected: one EAL per process)",
            0);
      }
      if (closed) {
        throw new DpdkException(
            "the EAL was cleaned up in this process and cannot start again (DPDK allows one"
                + " initialisation per process)",
            0);
      }
      try {
        ShimLibrary.load();
      } catch (ShimLoadException e) {
        throw new DpdkException(
            e.getMessage() == null ? "cannot load the DPDK shim" : e.getMessage(), e);
      }
      int rc = Shim.ealInit("nfp-vnfm", args);
      if (rc < 0) {
        int errno = Shim.rteErrno();
        throw new DpdkException(
            "the DPDK EAL refused to start with "
                + args
                + ": "
                + Shim.strerror(errno)
                + " (rte_errno "
                + errno
                + "); DPDK's own messages on stderr say which argument",
            errno);
      }
      Eal eal = new Eal(args);
      running = eal;
      removeRuntimeDirectoryAtExit(args);
      return eal;
    }
  }

  /**
   * The EAL every test and benchmark of this process shares: no hugepages, no PCI scan, 256 MiB, a
   * per-process file prefix (so parallel runs do not share DPDK's runtime files), two virtual ports
   * ({@code net_null0}, {@code net_ring0}) and quiet logs. Started on the first call.
   */
  public static Eal startForTests() {
    return start(testArguments());
  }

  /** The arguments {@link #startForTests()} uses. */
  public static List<String> testArguments() {
    return List.of(
        "--no-huge",
        "--no-pci",
        "-m",
        "256",
        "--file-prefix",
        "nfp-test-" + ProcessHandle.current().pid(),
        "--no-telemetry",
        "--log-level=lib.eal:warning",
        "--vdev=net_null0",
        "--vdev=net_ring0");
  }

  /**
   * DPDK leaves the primary process's runtime files (config, memory-segment maps, the multi-process
   * socket) under {@code /var/run/dpdk/PREFIX} (root) or {@code $XDG_RUNTIME_DIR/dpdk/PREFIX} after
   * the process ends, and {@code --in-memory}, which would avoid them, cannot be combined with
   * {@code --no-huge}. No process can use them once this one is gone (a secondary process needs a
   * live primary), so they are removed when the JVM exits, which keeps test and benchmark runs from
   * piling up directories. Only the directory of this process's own {@code --file-prefix} is
   * touched.
   */
  private static void removeRuntimeDirectoryAtExit(List<String> args) {
    int i = args.indexOf("--file-prefix");
    if (i < 0 || i + 1 >= args.size()) {
      return;
    }
    String prefix = args.get(i + 1);
    if (prefix.isEmpty() || prefix.contains("/") || prefix.startsWith(".")) {
      return;
    }
    Runtime.getRuntime()
        .addShutdownHook(new Thread(() -> runtimeDirectories(prefix).forEach(Eal::deleteTree)));
  }

  /** Where DPDK 22.11 may have put the runtime files of {@code prefix}. */
  static List<java.nio.file.Path> runtimeDirectories(String prefix) {
    List<java.nio.file.Path> dirs = new java.util.ArrayList<>();
    dirs.add(java.nio.file.Path.of("/var/run/dpdk", prefix));
    String xdg = System.getenv("XDG_RUNTIME_DIR");
    if (xdg != null && !xdg.isBlank()) {
      dirs.add(java.nio.file.Path.of(xdg, "dpdk", prefix));
    }
    dirs.add(java.nio.file.Path.of("/tmp/dpdk", prefix));
    return dirs;
  }

  private static void deleteTree(java.nio.file.Path dir) {
    if (!java.nio.file.Files.isDirectory(dir, java.nio.file.LinkOption.NOFOLLOW_LINKS)) {
      return;
    }
    try (var files = java.nio.file.Files.walk(dir)) {
      files
          .sorted(java.util.Comparator.reverseOrder())
          .forEach(
              f -> {
                try {
                  java.nio.file.Files.deleteIfExists(f);
                } catch (java.io.IOException e) {
                  // At exit nothing can be done about it; the directory is only clutter.
                }
              });
    } catch (java.io.IOException e) {
      // As above: best effort.
    }
  }

  /** The running EAL, if one was started and not closed. */
  public static Optional<Eal> current() {
    synchronized (LOCK) {
      return Optional.ofNullable(running);
    }
  }

  static void requireRunning() {
    synchronized (LOCK) {
      if (running == null) {
        throw new IllegalStateException("the DPDK EAL is not running (expected: Eal.start first)");
      }
    }
  }

  public List<String> arguments() {
    return arguments;
  }

  public int lcoreCount() {
    return Shim.lcoreCount();
  }

  /**
   * Registers the calling thread (a worker the node starts, not one of the EAL's own) with DPDK and
   * returns its lcore id. A registered thread gets the mempools' per-lcore caches; an unregistered
   * one goes to the shared pool on every allocation and free. Call {@link #unregisterThread()}
   * before the thread ends, so that the id can be reused.
   *
   * @throws DpdkException when no lcore id is left (DPDK has {@code RTE_MAX_LCORE} of them)
   */
  public int registerThread() {
    int id = Shim.threadRegister();
    if (id < 0) {
      int errno = Shim.rteErrno();
      throw new DpdkException(
          "cannot register thread "
              + Thread.currentThread().getName()
              + " with DPDK: "
              + Shim.strerror(errno)
              + " (rte_errno "
              + errno
              + ")",
          errno);
    }
    return id;
  }

  /**
   * Pins the calling thread to one CPU: the {@code index}-th (modulo their number) of those the
   * process could use before the EAL started, and returns it. The EAL pins its main thread to the
   * main lcore's core, and threads it creates afterwards inherit that mask, so without this every
   * worker the node starts would share one core. A negative index unpins (all of the process's CPUs
   * again) and returns -1.
   *
   * @throws DpdkException when the CPU set is unknown or the kernel refuses it
   */
  public int pinThread(int index) {
    int rc = Shim.threadPin(index);
    if (rc < -1) {
      throw new DpdkException(
          "cannot pin thread " + Thread.currentThread().getName() + ": " + Shim.strerror(-rc), -rc);
    }
    return rc;
  }

  /** CPUs the process could run on before the EAL started (its workers' cores). */
  public int processCpuCount() {
    return Shim.processCpuCount();
  }

  /** Gives the calling thread's lcore id back (see {@link #registerThread()}). */
  public void unregisterThread() {
    Shim.threadUnregister();
  }

  /** The calling thread's lcore id, or -1 when it is neither an EAL thread nor registered. */
  public static int currentLcore() {
    return Shim.lcoreId();
  }

  /** Number of ethdev ports the EAL knows (vdevs and probed NICs). */
  public int portCount() {
    return Shim.ethCountAvailable();
  }

  /** Cleans up the EAL. Final: DPDK cannot be initialised again in this process. */
  @Override
  public void close() {
    synchronized (LOCK) {
      if (running != this) {
        return;
      }
      running = null;
      closed = true;
      int rc = Shim.ealCleanup();
      if (rc < 0) {
        throw new DpdkException("rte_eal_cleanup failed: " + Shim.strerror(-rc), -rc);
      }
    }
  }

  static DpdkException failure(String what, int errno) {
    return new DpdkException(what + ": " + Shim.strerror(errno) + " (errno " + errno + ")", errno);
  }
}
