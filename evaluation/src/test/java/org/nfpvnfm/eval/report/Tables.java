package org.nfpvnfm.eval.report;

import java.time.Instant;

/** Tables for the tests, on a fixed machine so that outputs can be compared whole. */
final class Tables {
  private Tables() {}

  static final Machine MACHINE =
      new Machine(
          2,
          2,
          "AMD EPYC",
          true,
          8L << 30,
          "Debian GNU/Linux 12 (bookworm)",
          "6.1.0-18-amd64",
          "25.0.3+9-LTS",
          "Eclipse Adoptium",
          "22.11.11",
          Instant.parse("2026-03-01T10:15:30Z"));

  /** Latency per NF, sequential and parallel, with a paper column missing a figure. */
  static ResultTable perNf() {
    return ResultTable.builder("exp1-per-nf", "Latency per NF, sequential vs parallel")
        .machine(MACHINE)
        .command("./nfp bench exp1 --packets 100000")
        .notes("64-byte frames at 1 Mpps.")
        .text("nf")
        .integer("packets", "")
        .decimal("sequential", "µs", 2)
        .decimal("parallel", "µs", 2)
        .decimal("paper", "µs", 1)
        .row("firewall", 100_000, 12.345, 8.5, 9.0)
        .row("nat", 100_000L, 10.0, 7.125, null)
        .row("ids | dpi", 99_998, 31.5, 20.25, 22.4)
        .build();
  }

  /** Latency against the degree of parallelism, one line per plan. */
  static ResultTable perDegree() {
    ResultTable.Builder b =
        ResultTable.builder("exp3-degree", "Latency vs degree of parallelism")
            .machine(MACHINE)
            .command("./nfp bench exp3")
            .integer("degree", "")
            .text("plan")
            .decimal("latency", "µs", 1)
            .decimal("throughput", "Mpps", 2);
    for (int d = 1; d <= 5; d++) {
      b.row(d, "sequential", 10.0 * d, 1.0 / d);
      b.row(d, "parallel", 10.0 + 1.5 * d, 0.9);
      b.row(d, "paper", 11.0 + 1.2 * d, 0.95);
    }
    return b.build();
  }

  /** The same, one column per plan: what {@link Charts#lines} draws. */
  static ResultTable perDegreeWide() {
    ResultTable.Builder b =
        ResultTable.builder("exp3-degree-wide", "Latency vs degree of parallelism")
            .machine(MACHINE)
            .command("./nfp bench exp3")
            .integer("degree", "")
            .decimal("sequential", "µs", 1)
            .decimal("parallel", "µs", 1)
            .decimal("paper", "µs", 1);
    for (int d = 1; d <= 5; d++) {
      b.row(d, 10.0 * d, d == 4 ? null : 10.0 + 1.5 * d, 11.0 + 1.2 * d);
    }
    return b.build();
  }
}
