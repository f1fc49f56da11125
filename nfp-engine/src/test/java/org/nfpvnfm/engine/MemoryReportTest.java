package org.nfpvnfm.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;
import static org.nfpvnfm.tosca.nfp.BuiltInProfiles.COMPRESSION;
import static org.nfpvnfm.tosca.nfp.BuiltInProfiles.FIREWALL;
import static org.nfpvnfm.tosca.nfp.BuiltInProfiles.LOAD_BALANCER;
import static org.nfpvnfm.tosca.nfp.BuiltInProfiles.MONITOR;

import java.util.List;
import org.junit.jupiter.api.Test;

class MemoryReportTest {

  @Test
  void datacenterMixHasThePapersMeanPacketSize() {
    assertThat(PacketSizeMix.DATACENTER.meanBytes()).isCloseTo(724, within(1.0));
  }

  @Test
  void paperModelAtDegreeTwoOnTheDatacenterMixIsAboutNinePercent() {
    ServiceGraph g =
        ModelBuilder.graph()
            .nf("Monitor", MONITOR)
            .nf("LB", LOAD_BALANCER)
            .order("Monitor", "LB")
            .serviceGraph();
    MemoryReport r = MemoryReport.of(g, PacketSizeMix.DATACENTER);

    assertThat(r.degree()).isEqualTo(2);
    assertThat(r.paperOverhead()).isCloseTo(0.088, within(0.001));
    // One header copy: 64 bytes for every packet size of the mix.
    assertThat(r.headerCopies()).isEqualTo(1);
    assertThat(r.copiedBytes()).isCloseTo(64, within(1e-9));
    assertThat(r.descriptorBytes()).isEqualTo(256);
  }

  @Test
  void sharedBuffersCostNothingWhereThePaperModelChargesACopy() {
    ServiceGraph g = ModelBuilder.graph().nf("Monitor", MONITOR).nf("FW", FIREWALL).serviceGraph();
    MemoryReport r = MemoryReport.of(g, PacketSizeMix.of(724));

    assertThat(r.degree()).isEqualTo(2);
    assertThat(r.paperOverhead()).isGreaterThan(0);
    assertThat(r.copiedBytes()).isZero();
    assertThat(r.copiedOverhead()).isZero();
  }

  @Test
  void aPayloadWriterBesideAPayloadReaderCostsAFullCopy() {
    ServiceGraph g =
        ModelBuilder.graph()
            .nf("IDS", org.nfpvnfm.tosca.nfp.BuiltInProfiles.NIDS)
            .nf("ZIP", COMPRESSION)
            .order("IDS", "ZIP")
            .serviceGraph();
    MemoryReport r = MemoryReport.of(g, PacketSizeMix.of(1500));

    assertThat(g.buffers())
        .extracting(BufferEntry::copy)
        .containsExactly(CopyKind.SHARED, CopyKind.FULL_COPY);
    assertThat(r.copiedBytes()).isEqualTo(1500);
    assertThat(r.bySize())
        .singleElement()
        .satisfies(row -> assertThat(row.copiedOverhead()).isEqualTo(1.0));
  }

  @Test
  void rejectsAMixWhoseSharesDoNotAddUpToOne() {
    assertThatThrownBy(
            () ->
                new PacketSizeMix(
                    "bad",
                    List.of(new PacketSizeMix.Share(64, 0.5), new PacketSizeMix.Share(1500, 0.4))))
        .hasMessageContaining("0.900000")
        .hasMessageContaining("expected: 1");
  }
}
