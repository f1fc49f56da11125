package org.nfpvnfm.eval.report;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class MachineTest {
  @TempDir Path root;

  private static final Clock CLOCK =
      Clock.fixed(Instant.parse("2026-03-01T10:15:30.250Z"), ZoneOffset.UTC);

  private static Machine machine(int jvm, int cpus, boolean vm, long mem, String dpdk) {
    return new Machine(
        jvm,
        cpus,
        "Intel(R) Xeon(R) Gold 6230 CPU @ 2.10GHz",
        vm,
        mem,
        "Debian GNU/Linux 12 (bookworm)",
        "6.1.0-18-amd64",
        "25.0.3+9-LTS",
        "Eclipse Adoptium",
        dpdk,
        Instant.parse("2026-03-01T10:15:30Z"));
  }

  @Test
  void stampsThisMachineWithEveryField() {
    Machine m = Machine.current();

    assertThat(m.jvmCores()).isPositive();
    assertThat(List.of(m.cpuModel(), m.os(), m.kernel(), m.jdkVersion(), m.jdkVendor()))
        .allSatisfy(v -> assertThat(v).isNotBlank());
    assertThat(m.dpdkVersion()).isNotBlank();
    assertThat(m.jdkVersion()).isEqualTo(System.getProperty("java.vm.version"));
    assertThat(m.measuredAt()).isBetween(Instant.now().minusSeconds(60), Instant.now());
    assertThat(m.label()).contains("JDK " + m.jdkVersion()).contains("DPDK ");
  }

  @Test
  void readsTheCpuMemoryAndOsOfThisLinuxMachine() {
    assumeTrue(Files.isReadable(Path.of("/proc/cpuinfo")), "not Linux");
    Machine m = Machine.current();

    assertThat(m.machineCpus()).isGreaterThanOrEqualTo(m.jvmCores());
    assertThat(m.cpuModel()).isNotEqualTo(Machine.UNKNOWN);
    assertThat(m.memoryTotalBytes()).isGreaterThan(64L << 20);
  }

  @Test
  void readsProcAndOsReleaseUnderTheGivenRoot() throws IOException {
    Files.createDirectories(root.resolve("proc"));
    Files.createDirectories(root.resolve("etc"));
    StringBuilder cpuinfo = new StringBuilder();
    for (int i = 0; i < 4; i++) {
      cpuinfo.append(
          """
          processor\t: %d
          vendor_id\t: GenuineIntel
          model name\t: Intel(R) Xeon(R) Gold 6230 CPU @ 2.10GHz
          flags\t\t: fpu vme sse sse2 hypervisor avx2

          """
              .formatted(i));
    }
    Files.writeString(root.resolve("proc/cpuinfo"), cpuinfo);
    Files.writeString(
        root.resolve("proc/meminfo"), "MemTotal:        8138228 kB\nMemFree:  1000 kB\n");
    Files.writeString(
        root.resolve("etc/os-release"),
        "NAME=\"Debian GNU/Linux\"\nPRETTY_NAME=\"Debian GNU/Linux 12 (bookworm)\"\n");
    List<List<String>> asked = new ArrayList<>();
    Function<List<String>, Optional<String>> tools =
        cmd -> {
          asked.add(cmd);
          return Optional.of("22.11.4");
        };

    Machine m = Machine.probe(root, tools, CLOCK);

    assertThat(m.machineCpus()).isEqualTo(4);
    assertThat(m.cpuModel()).isEqualTo("Intel(R) Xeon(R) Gold 6230 CPU @ 2.10GHz");
    assertThat(m.virtualMachine()).isTrue();
    assertThat(m.memoryTotalBytes()).isEqualTo(8138228L * 1024);
    assertThat(m.os()).isEqualTo("Debian GNU/Linux 12 (bookworm)");
    assertThat(m.dpdkVersion()).isEqualTo("22.11.4");
    assertThat(asked).containsExactly(List.of("pkg-config", "--modversion", "libdpdk"));
    assertThat(m.measuredAt()).isEqualTo(Instant.parse("2026-03-01T10:15:30Z"));
  }

  @Test
  void missingFilesAndToolsLeaveFieldsUnknown() {
    Machine m = Machine.probe(root.resolve("nothing-here"), cmd -> Optional.empty(), CLOCK);

    assertThat(m.machineCpus()).isZero();
    assertThat(m.cpuModel()).isEqualTo(Machine.UNKNOWN);
    assertThat(m.virtualMachine()).isFalse();
    assertThat(m.memoryTotalBytes()).isZero();
    assertThat(m.os()).isEqualTo(System.getProperty("os.name"));
    assertThat(m.dpdkVersion()).isEqualTo(Machine.UNKNOWN);
    assertThat(m.label())
        .startsWith(m.jvmCores() + " CPU unknown · DPDK unknown · JDK ")
        .doesNotContain("GiB");
  }

  @Test
  void fallsBackToTheDebianPackageVersionWithoutPkgConfig() {
    Machine m =
        Machine.probe(
            root,
            cmd ->
                cmd.getFirst().equals("dpkg-query")
                    ? Optional.of("22.11.11-0+deb12u1")
                    : Optional.empty(),
            CLOCK);

    assertThat(m.dpdkVersion()).isEqualTo("22.11.11-0+deb12u1");
  }

  @Test
  void runsToolsWithoutThrowingWhenTheyAreMissingOrFail() {
    assumeTrue(Files.isExecutable(Path.of("/bin/sh")), "no /bin/sh");

    assertThat(Machine.run(List.of("/bin/sh", "-c", "echo; echo ' 1.2.3 '; echo x")))
        .contains("1.2.3");
    assertThat(Machine.run(List.of("/bin/sh", "-c", "echo 1.2.3; exit 3"))).isEmpty();
    assertThat(Machine.run(List.of("nfp-no-such-tool-" + System.nanoTime()))).isEmpty();
  }

  @Test
  void labelSaysHowManyCoresTheJvmHasOfTheMachines() {
    assertThat(machine(2, 2, true, 8L << 30, "22.11.4").label())
        .isEqualTo(
            "2 vCPU (VM) Intel(R) Xeon(R) Gold 6230 CPU @ 2.10GHz · 8.0 GiB · DPDK 22.11.4 · JDK"
                + " 25.0.3+9-LTS");
    assertThat(machine(4, 16, false, 64L << 30, "unknown").label())
        .isEqualTo(
            "4 of 16 CPU Intel(R) Xeon(R) Gold 6230 CPU @ 2.10GHz · 64 GiB · DPDK unknown · JDK"
                + " 25.0.3+9-LTS");
  }
}
