package org.nfpvnfm.vnfm;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Test support: an {@code nfp} command ({@code org.nfpvnfm.cli.Nfp}) in a JVM of its own, as an
 * operator would run it, on this test JVM's class path. Its output goes to a log file, which {@link
 * #awaitLine} reads and {@link #tail} quotes in assertion messages. {@link #close} ends it and any
 * process it started, whatever state the test left it in.
 */
public final class NfpProcess implements AutoCloseable {
  /**
   * The launcher's flags ({@code ./nfp}), and a JVM that starts fast and stays small: the commands
   * do little work in a test, and several JVMs share two cores.
   */
  private static final List<String> JVM_FLAGS =
      List.of(
          "--enable-native-access=ALL-UNNAMED",
          "--sun-misc-unsafe-memory-access=allow",
          "-XX:TieredStopAtLevel=1",
          "-XX:+UseSerialGC",
          "-Xmx256m");

  private static final Duration STOP_TIMEOUT = Duration.ofSeconds(30);
  private static final Duration KILL_TIMEOUT = Duration.ofSeconds(10);

  private final String name;
  private final Process process;
  private final Path log;
  private volatile boolean suspended;

  private NfpProcess(String name, Process process, Path log) {
    this.name = name;
    this.process = process;
    this.log = log;
  }

  /**
   * Runs {@code nfp ARGS...} in a new JVM, its output (stdout and stderr) in {@code dir/NAME.log}.
   */
  public static NfpProcess start(String name, Path dir, List<String> args) {
    List<String> command = new ArrayList<>();
    command.add(javaBinary());
    command.addAll(JVM_FLAGS);
    command.add("-cp");
    command.add(classPath());
    command.add("org.nfpvnfm.cli.Nfp");
    command.addAll(args);
    Path log = dir.resolve(name + ".log");
    try {
      Process p =
          new ProcessBuilder(command)
              .directory(dir.toFile())
              .redirectErrorStream(true)
              .redirectOutput(log.toFile())
              .start();
      return new NfpProcess(name, p, log);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot start nfp " + args, e);
    }
  }

  private static String javaBinary() {
    Path fromHome = Path.of(System.getProperty("java.home"), "bin", "java");
    if (Files.isExecutable(fromHome)) {
      return fromHome.toString();
    }
    return ProcessHandle.current().info().command().orElse("java");
  }

  /**
   * The test JVM's class path. Surefire (3.x) starts the test JVM from a manifest-only jar but sets
   * {@code java.class.path} to the real class path inside it; should it ever be that jar alone, its
   * manifest's {@code Class-Path} is the class path.
   */
  private static String classPath() {
    String cp = System.getProperty("java.class.path", "");
    if (cp.contains(java.io.File.pathSeparator) || !cp.endsWith(".jar")) {
      return cp;
    }
    try (java.util.jar.JarFile jar = new java.util.jar.JarFile(cp)) {
      java.util.jar.Manifest m = jar.getManifest();
      String entries = m == null ? null : m.getMainAttributes().getValue("Class-Path");
      if (entries == null || entries.isBlank()) {
        return cp;
      }
      List<String> paths = new ArrayList<>();
      for (String e : entries.trim().split("\\s+")) {
        paths.add(Path.of(java.net.URI.create(e).getPath()).toString());
      }
      return String.join(java.io.File.pathSeparator, paths);
    } catch (IOException | IllegalArgumentException e) {
      return cp;
    }
  }

  public String name() {
    return name;
  }

  public long pid() {
    return process.pid();
  }

  public boolean isAlive() {
    return process.isAlive();
  }

  /**
   * Waits (up to {@code timeout}) for a line of the output that {@code pattern} finds, and returns
   * the match. Fails, with the output's tail, when the process ends or the time is up first.
   */
  public Matcher awaitLine(Pattern pattern, Duration timeout) throws InterruptedException {
    Instant deadline = Instant.now().plus(timeout);
    while (true) {
      for (String line : lines()) {
        Matcher m = pattern.matcher(line);
        if (m.find()) {
          return m;
        }
      }
      if (!process.isAlive()) {
        throw new AssertionError(
            name
                + " exited with "
                + process.exitValue()
                + " before printing a line matching /"
                + pattern
                + "/; its output:\n"
                + tail());
      }
      if (Instant.now().isAfter(deadline)) {
        throw new AssertionError(
            name
                + " printed no line matching /"
                + pattern
                + "/ within "
                + timeout
                + "; its output:\n"
                + tail());
      }
      Thread.sleep(50);
    }
  }

  private List<String> lines() {
    try {
      return Files.readAllLines(log, StandardCharsets.UTF_8);
    } catch (IOException e) {
      return List.of();
    }
  }

  /** The last lines of the output, for an assertion message. */
  public String tail() {
    List<String> lines = lines();
    List<String> last = lines.subList(Math.max(0, lines.size() - 40), lines.size());
    return "--- " + name + " (" + log + ") ---\n" + String.join("\n", last);
  }

  /**
   * Asks the process to stop (SIGTERM, as Ctrl-C or {@code systemctl stop} would) and waits up to
   * {@code timeout}; returns its exit status, or empty when it is still running then.
   */
  public Optional<Integer> stop(Duration timeout) throws InterruptedException {
    process.destroy();
    if (process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
      return Optional.of(process.exitValue());
    }
    return Optional.empty();
  }

  /**
   * Freezes the process (SIGSTOP), as a hung machine: the kernel still accepts connections to its
   * sockets, but nothing answers. {@link #resume} (or {@link #close}) lets it go on.
   */
  public void suspend() throws IOException, InterruptedException {
    signal("STOP");
    suspended = true;
  }

  /** Lets a {@link #suspend suspended} process go on (SIGCONT). */
  public void resume() throws IOException, InterruptedException {
    signal("CONT");
    suspended = false;
  }

  private void signal(String name) throws IOException, InterruptedException {
    Process kill =
        new ProcessBuilder("kill", "-" + name, Long.toString(process.pid()))
            .redirectErrorStream(true)
            .start();
    String output = new String(kill.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    if (!kill.waitFor(KILL_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS) || kill.exitValue() != 0) {
      throw new AssertionError("kill -" + name + " " + process.pid() + " failed: " + output);
    }
  }

  /** Kills the process at once (SIGKILL), as a crash or a lost machine would, and waits. */
  public void kill() throws InterruptedException {
    process.descendants().forEach(ProcessHandle::destroyForcibly);
    process.destroyForcibly();
    if (!process.waitFor(KILL_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS)) {
      throw new AssertionError(name + " (pid " + process.pid() + ") survived SIGKILL");
    }
  }

  /**
   * Ends the process and what it started, whatever its state: SIGTERM, then SIGKILL when it has not
   * ended within a bound. Does nothing when it has ended.
   */
  @Override
  public void close() {
    List<ProcessHandle> children = process.descendants().toList();
    try {
      if (suspended && process.isAlive()) {
        // A stopped process would hold SIGTERM until continued.
        resume();
      }
      if (process.isAlive() && stop(STOP_TIMEOUT).isEmpty()) {
        kill();
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      process.destroyForcibly();
    } catch (IOException | AssertionError e) {
      process.destroyForcibly();
    } finally {
      children.forEach(ProcessHandle::destroyForcibly);
    }
  }
}
