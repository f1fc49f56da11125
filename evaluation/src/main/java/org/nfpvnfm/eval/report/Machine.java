package org.nfpvnfm.eval.report;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;

/**
 * Where figures were measured: enough to tell a reader whether their machine compares, and nothing
 * that identifies it (no host name, no addresses).
 *
 * @param jvmCores the cores available to the JVM ({@link Runtime#availableProcessors()}), which a
 *     cgroup or an affinity mask can make fewer than the machine has
 * @param machineCpus the CPUs the machine has ({@code processor} entries of {@code /proc/cpuinfo}),
 *     0 where unknown
 * @param cpuModel the {@code model name} of {@code /proc/cpuinfo}, {@code "unknown"} where absent
 * @param virtualMachine whether the CPU flags carry {@code hypervisor}, as they do in a VM
 * @param memoryTotalBytes {@code MemTotal} of {@code /proc/meminfo}, 0 where unknown
 * @param os the distribution ({@code PRETTY_NAME} of {@code /etc/os-release}), else {@code os.name}
 * @param kernel the kernel release ({@code os.version})
 * @param jdkVersion {@code java.vm.version}
 * @param jdkVendor {@code java.vm.vendor}
 * @param dpdkVersion the DPDK the node was built against ({@code pkg-config --modversion libdpdk},
 *     else the {@code libdpdk-dev} package's version), {@code "unknown"} where neither answers
 * @param measuredAt when the run started, to the second (ISO-8601 UTC in every file)
 */
public record Machine(
    int jvmCores,
    int machineCpus,
    String cpuModel,
    boolean virtualMachine,
    long memoryTotalBytes,
    String os,
    String kernel,
    String jdkVersion,
    String jdkVendor,
    String dpdkVersion,
    Instant measuredAt) {

  /** What a field holds when nothing on the machine told it. */
  public static final String UNKNOWN = "unknown";

  public Machine {
    Objects.requireNonNull(cpuModel, "cpuModel");
    Objects.requireNonNull(os, "os");
    Objects.requireNonNull(kernel, "kernel");
    Objects.requireNonNull(jdkVersion, "jdkVersion");
    Objects.requireNonNull(jdkVendor, "jdkVendor");
    Objects.requireNonNull(dpdkVersion, "dpdkVersion");
    Objects.requireNonNull(measuredAt, "measuredAt");
    if (jvmCores < 0 || machineCpus < 0 || memoryTotalBytes < 0) {
      throw new IllegalArgumentException(
          "jvmCores: %d, machineCpus: %d, memoryTotalBytes: %d (expected: all >= 0, 0 = unknown)"
              .formatted(jvmCores, machineCpus, memoryTotalBytes));
    }
  }

  /**
   * This machine, now. Never throws for a missing file or tool: what it cannot learn is unknown.
   */
  public static Machine current() {
    return probe(Path.of("/"), Machine::run, Clock.systemUTC());
  }

  /**
   * The machine whose file system is at {@code root} ({@code root/proc/cpuinfo}, {@code
   * root/proc/meminfo}, {@code root/etc/os-release}), asking {@code command} for the output of a
   * tool (empty when it is missing or fails).
   */
  static Machine probe(Path root, Function<List<String>, Optional<String>> command, Clock clock) {
    List<String> cpuinfo = lines(root.resolve("proc/cpuinfo"));
    List<String> meminfo = lines(root.resolve("proc/meminfo"));
    List<String> osRelease = lines(root.resolve("etc/os-release"));

    int machineCpus = (int) cpuinfo.stream().filter(l -> key(l).equals("processor")).count();
    String cpuModel =
        cpuinfo.stream()
            .filter(l -> key(l).equals("model name"))
            .map(Machine::value)
            .filter(v -> !v.isEmpty())
            .findFirst()
            .orElse(UNKNOWN);
    boolean vm =
        cpuinfo.stream()
            .filter(l -> key(l).equals("flags"))
            .anyMatch(l -> List.of(value(l).split("\\s+", -1)).contains("hypervisor"));
    long memory =
        meminfo.stream()
            .filter(l -> key(l).equals("MemTotal"))
            .map(l -> kibibytes(value(l)))
            .findFirst()
            .orElse(0L);
    String os =
        osRelease.stream()
            .filter(l -> l.startsWith("PRETTY_NAME="))
            .map(l -> unquote(l.substring("PRETTY_NAME=".length())))
            .filter(v -> !v.isEmpty())
            .findFirst()
            .orElseGet(() -> property("os.name"));
    String dpdk =
        command
            .apply(List.of("pkg-config", "--modversion", "libdpdk"))
            .or(() -> command.apply(List.of("dpkg-query", "-W", "-f=${Version}", "libdpdk-dev")))
            .orElse(UNKNOWN);
    return new Machine(
        Runtime.getRuntime().availableProcessors(),
        machineCpus,
        cpuModel,
        vm,
        memory,
        os,
        property("os.version"),
        property("java.vm.version"),
        property("java.vm.vendor"),
        dpdk,
        clock.instant().truncatedTo(ChronoUnit.SECONDS));
  }

  /**
   * A one-line summary for captions, e.g. {@code 2 vCPU (VM) AMD EPYC · 24 GiB · DPDK 22.11.11 ·
   * JDK 25.0.3+9-LTS}; "2 of 16 CPU" where the JVM may use fewer cores than the machine has.
   */
  public String label() {
    StringBuilder s = new StringBuilder();
    if (machineCpus > 0 && machineCpus != jvmCores) {
      s.append(jvmCores).append(" of ").append(machineCpus);
    } else {
      s.append(jvmCores);
    }
    s.append(virtualMachine ? " vCPU (VM) " : " CPU ").append(cpuModel);
    if (memoryTotalBytes > 0) {
      s.append(" · ").append(gibibytes(memoryTotalBytes));
    }
    return s.append(" · DPDK ").append(dpdkVersion).append(" · JDK ").append(jdkVersion).toString();
  }

  private static String gibibytes(long bytes) {
    double gib = bytes / (1024.0 * 1024 * 1024);
    return gib >= 10
        ? "%d GiB".formatted(Math.round(gib))
        : String.format(Locale.ROOT, "%.1f GiB", gib);
  }

  private static List<String> lines(Path file) {
    try {
      return Files.readAllLines(file, StandardCharsets.UTF_8);
    } catch (IOException | RuntimeException e) {
      // Missing (not Linux, a container without /proc) or unreadable: the fields stay unknown.
      return List.of();
    }
  }

  /** The key of a {@code key : value} line of /proc/cpuinfo or /proc/meminfo. */
  private static String key(String line) {
    int colon = line.indexOf(':');
    return colon < 0 ? "" : line.substring(0, colon).strip();
  }

  private static String value(String line) {
    int colon = line.indexOf(':');
    return colon < 0 ? "" : line.substring(colon + 1).strip();
  }

  private static long kibibytes(String value) {
    // "24684092 kB": the kernel's kB are KiB.
    String[] parts = value.split("\\s+", -1);
    try {
      long n = Long.parseLong(parts[0]);
      return parts.length > 1 && parts[1].equalsIgnoreCase("kB") ? n * 1024 : n;
    } catch (NumberFormatException e) {
      return 0L;
    }
  }

  private static String unquote(String v) {
    String s = v.strip();
    if (s.length() >= 2
        && ((s.startsWith("\"") && s.endsWith("\"")) || (s.startsWith("'") && s.endsWith("'")))) {
      return s.substring(1, s.length() - 1);
    }
    return s;
  }

  private static String property(String name) {
    String v = System.getProperty(name);
    return v == null || v.isBlank() ? UNKNOWN : v;
  }

  /** The first line of what a tool prints when it exits 0 within 5 s, else empty. */
  static Optional<String> run(List<String> command) {
    Path out = null;
    Process p = null;
    try {
      // Output to a file, not a pipe: a tool that hangs with its output open cannot hang us.
      out = Files.createTempFile("nfp-machine-", ".out");
      p =
          new ProcessBuilder(command)
              .redirectOutput(out.toFile())
              .redirectError(ProcessBuilder.Redirect.DISCARD)
              .start();
      p.getOutputStream().close();
      if (!p.waitFor(5, TimeUnit.SECONDS) || p.exitValue() != 0) {
        return Optional.empty();
      }
      return Files.readAllLines(out, StandardCharsets.UTF_8).stream()
          .map(String::strip)
          .filter(l -> !l.isEmpty())
          .findFirst();
    } catch (IOException | RuntimeException e) {
      return Optional.empty(); // the tool is not installed, or no temporary file could be made
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return Optional.empty();
    } finally {
      if (p != null) {
        p.destroyForcibly();
      }
      if (out != null) {
        try {
          Files.deleteIfExists(out);
        } catch (IOException e) {
          // a stray empty file in the temporary directory
        }
      }
    }
  }
}
