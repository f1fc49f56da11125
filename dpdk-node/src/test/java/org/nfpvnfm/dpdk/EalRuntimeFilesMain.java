package org.nfpvnfm.dpdk;

import java.util.List;

/**
 * Run in a JVM of its own by {@link EalTest}: starts an EAL with the prefix given as its argument,
 * says where DPDK put its runtime files, and exits.
 */
public final class EalRuntimeFilesMain {
  private EalRuntimeFilesMain() {}

  public static void main(String[] args) {
    Eal.start(
        List.of("--no-huge", "--no-pci", "-m", "64", "--file-prefix", args[0], "--no-telemetry"));
    for (java.nio.file.Path dir : Eal.runtimeDirectories(args[0])) {
      if (java.nio.file.Files.isDirectory(dir)) {
        System.out.println("RUNTIME " + dir);
      }
    }
  }
}
