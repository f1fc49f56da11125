package org.nfpvnfm.dpdk;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

@Tag("integration")
class EalTest {

  @Test
  void startsWithNullAndRingVirtualPorts() {
    Eal eal = DpdkTestSupport.eal();

    assertThat(eal.portCount())
        .as("ports (expected: at least net_null0 and net_ring0)")
        .isGreaterThanOrEqualTo(2);
    assertThat(Port.named("net_null0").name()).isEqualTo("net_null0");
    assertThat(Port.named("net_ring0").name()).isEqualTo("net_ring0");
    assertThat(eal.lcoreCount()).isPositive();
  }

  @Test
  void threadsStartedAfterTheEalMayRunOnEveryCpuOfTheProcess() throws Exception {
    Eal eal = DpdkTestSupport.eal();
    int[] seen = new int[1];
    // A thread inherits its creator's CPU mask: were the EAL's pinning of its caller kept, every
    // thread the process starts afterwards would share the main lcore's one core.
    Thread t =
        Thread.ofPlatform().start(() -> seen[0] = Runtime.getRuntime().availableProcessors());
    t.join();
    assertThat(seen[0]).isEqualTo(eal.processCpuCount());
    assertThat(Runtime.getRuntime().availableProcessors()).isEqualTo(eal.processCpuCount());
  }

  @Test
  void startingAgainWithTheSameArgumentsReturnsTheRunningEal() {
    assertThat(Eal.startForTests()).isSameAs(DpdkTestSupport.eal());
    assertThat(Eal.current()).containsSame(DpdkTestSupport.eal());
  }

  @Test
  void refusesToStartASecondTimeWithOtherArguments() {
    DpdkTestSupport.eal();

    assertThatThrownBy(() -> Eal.start(List.of("--no-huge")))
        .isInstanceOf(DpdkException.class)
        .hasMessageContaining("already running");
  }

  @Test
  void aWorkerThreadGetsItsOwnLcoreWhileRegistered() throws Exception {
    Eal eal = DpdkTestSupport.eal();
    int main = Eal.currentLcore();
    int[] seen = new int[3];
    Thread worker =
        new Thread(
            () -> {
              seen[0] = Eal.currentLcore();
              seen[1] = eal.registerThread();
              eal.unregisterThread();
              seen[2] = Eal.currentLcore();
            },
            "nfp-worker-test");
    worker.start();
    worker.join(10_000);

    assertThat(seen[0]).as("lcore of a thread DPDK does not know").isEqualTo(-1);
    assertThat(seen[1])
        .as("lcore after registering (main is %d)", main)
        .isNotNegative()
        .isNotEqualTo(main);
    assertThat(seen[2]).as("lcore after unregistering").isEqualTo(-1);
  }

  @Test
  void unknownPortNameIsAClearError() {
    DpdkTestSupport.eal();

    assertThatThrownBy(() -> Port.named("net_nothing9"))
        .isInstanceOf(DpdkException.class)
        .hasMessageContaining("no DPDK port named net_nothing9");
  }

  /**
   * A refused rte_eal_init may leave DPDK half-initialised, and this JVM's EAL is shared by every
   * test, so the refusal runs in a JVM of its own ({@link EalRefusalMain}).
   */
  @Test
  void ealRefusingItsArgumentsIsADpdkExceptionWithItsReason() throws Exception {
    String java = ProcessHandle.current().info().command().orElse("java");
    List<String> command = new ArrayList<>();
    command.add(java);
    command.add("--enable-native-access=ALL-UNNAMED");
    command.add("-cp");
    command.add(System.getProperty("java.class.path"));
    command.add(EalRefusalMain.class.getName());
    Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
    String output = readAll(process);
    assertThat(process.waitFor(60, TimeUnit.SECONDS)).as("forked JVM finished").isTrue();

    assertThat(process.exitValue())
        .as(
            "exit code of the forked JVM (expected: %d, a DpdkException); output:%n%s",
            EalRefusalMain.REFUSED, output)
        .isEqualTo(EalRefusalMain.REFUSED);
    assertThat(output)
        .contains("the DPDK EAL refused to start with [--no-huge, --not-an-eal-option]")
        .contains("rte_errno");
  }

  @Test
  void removesItsRuntimeFilesWhenTheProcessExits() throws Exception {
    String prefix = "nfp-test-exit-" + ProcessHandle.current().pid();
    String java = ProcessHandle.current().info().command().orElse("java");
    Process process =
        new ProcessBuilder(
                java,
                "--enable-native-access=ALL-UNNAMED",
                "-cp",
                System.getProperty("java.class.path"),
                EalRuntimeFilesMain.class.getName(),
                prefix)
            .redirectErrorStream(true)
            .start();
    String output = readAll(process);
    assertThat(process.waitFor(60, TimeUnit.SECONDS)).as("forked JVM finished").isTrue();
    assertThat(process.exitValue()).as("exit code; output:%n%s", output).isZero();

    // While it ran, DPDK had made its runtime directory; after the exit it is gone.
    assertThat(output).as("output of the forked JVM").contains("RUNTIME ");
    for (java.nio.file.Path dir : Eal.runtimeDirectories(prefix)) {
      assertThat(dir).as("runtime directory after exit").doesNotExist();
    }
  }

  private static String readAll(Process process) throws IOException {
    return new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
  }
}
