package org.nfpvnfm.dpdk.plan;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.nfpvnfm.dpdk.DpdkTestSupport;
import org.nfpvnfm.dpdk.Eal;

/** Calibration measures this machine's real costs, each one plausible for a packet operation. */
@Tag("integration")
class CalibrationTest {

  @Test
  void measuresEveryCostOnThisMachine() {
    Eal eal = DpdkTestSupport.eal();
    Calibration c = Calibration.measure(eal);
    assertThat(c.cpus()).isEqualTo(eal.processCpuCount());
    if (c.cpus() >= 2) {
      // A ring hop between two cores: a cache line each way at least, never a millisecond.
      assertThat(c.hopNanos()).as(c.describe()).isBetween(5.0, 1_000_000.0);
    } else {
      assertThat(c.hopNanos()).isInfinite();
    }
    assertThat(c.packetNanos()).as(c.describe()).isBetween(1.0, 100_000.0);
    assertThat(c.shareNanos()).as(c.describe()).isBetween(0.5, 100_000.0);
    assertThat(c.headerCopyNanos()).as(c.describe()).isBetween(1.0, 100_000.0);
    assertThat(c.fullCopyNanos()).as(c.describe()).isBetween(1.0, 100_000.0);
    assertThat(c.fullCopyNanos(1500)).as(c.describe()).isGreaterThanOrEqualTo(c.fullCopyNanos());
    assertThat(c.mergeNanos()).as(c.describe()).isBetween(0.0, 100_000.0);
    assertThat(c.crossCoreNanos()).as(c.describe()).isBetween(0.0, 100_000.0);
    assertThat(eal.processCpuCount()).as("the thread was unpinned").isPositive();
  }
}
