package org.nfpvnfm.dpdk;

import java.util.List;

/** Run in a JVM of its own by {@link EalTest}: starts the EAL with an argument it does not know. */
public final class EalRefusalMain {
  static final int REFUSED = 3;

  private EalRefusalMain() {}

  public static void main(String[] args) {
    try {
      Eal.start(List.of("--no-huge", "--not-an-eal-option"));
    } catch (DpdkException e) {
      System.out.println("DpdkException: " + e.getMessage());
      System.exit(REFUSED);
    }
    System.out.println("the EAL accepted an unknown option");
    System.exit(1);
  }
}
