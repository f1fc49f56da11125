package org.nfpvnfm.dpdk.classify;

import static org.assertj.core.api.Assertions.assertThat;
import static org.nfpvnfm.dpdk.classify.FlowClassifier.NO_GRAPH;

import java.lang.foreign.MemorySegment;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.nfpvnfm.dpdk.packet.PacketParser;
import org.nfpvnfm.dpdk.packet.ParsedPacket;
import org.nfpvnfm.dpdk.packet.PublicFrames;
import org.nfpvnfm.engine.Compilation;
import org.nfpvnfm.engine.NfpCompiler;
import org.nfpvnfm.engine.ServiceGraph;
import org.nfpvnfm.tosca.LoadResult;
import org.nfpvnfm.tosca.ToscaLoader;

/**
 * The classifiers of the shipped samples, loaded and compiled as a deployment would, against
 * crafted frames: the Tacker VNFFGD's ACL and the two SOL001 NSDs' NfpRule policies.
 */
class SampleClassifierTest {

  private static final int TACKER = 0;
  private static final int PAPER_NSD = 1;
  private static final int DC_NSD = 2;

  private static ServiceGraph tacker;
  private static ServiceGraph paperNsd;
  private static ServiceGraph dcNsd;
  private static FlowClassifier all;
  private final ParsedPacket p = new ParsedPacket();

  @BeforeAll
  static void deployAllThree() {
    tacker = graphOf("samples-vnfd/valid/paper-chain-tacker-vnffgd.yaml");
    paperNsd = graphOf("samples-vnfd/valid/paper-chain-sol004");
    dcNsd = graphOf("samples-vnfd/valid/datacenter-north-south");
    all =
        FlowClassifier.builder()
            .add(TACKER, tacker)
            .add(PAPER_NSD, paperNsd)
            .add(DC_NSD, dcNsd)
            .build();
  }

  /** The sample, found going up from the working directory (the module or the checkout). */
  private static Path sample(String relative) {
    for (Path dir = Path.of("").toAbsolutePath(); dir != null; dir = dir.getParent()) {
      Path path = dir.resolve(relative);
      if (Files.exists(path)) {
        return path;
      }
    }
    throw new IllegalStateException(relative + " not found above " + Path.of("").toAbsolutePath());
  }

  private static ServiceGraph graphOf(String relative) {
    LoadResult loaded = ToscaLoader.create().load(sample(relative));
    assertThat(loaded.errors()).as(relative).isEmpty();
    Compilation c = NfpCompiler.create().compile(loaded.nfpModel().orElseThrow());
    assertThat(c.ok()).as("%s: %s", relative, c.diagnostics()).isTrue();
    List<ServiceGraph> graphs = c.serviceGraphs();
    assertThat(graphs).as(relative).hasSize(1);
    return graphs.getFirst();
  }

  private int classify(byte[] sip, byte[] dip, int dport) {
    byte[] frame = PublicFrames.ethernet(0x0800, PublicFrames.ipv4Tcp(sip, dip, 0, 40000, dport));
    PacketParser.parse(MemorySegment.ofArray(frame), p);
    return all.classify(p);
  }

  private static byte[] ip(int a, int b, int c, int d) {
    return new byte[] {(byte) a, (byte) b, (byte) c, (byte) d};
  }

  @Test
  void eachSampleHasTheClassifierItsDescriptorWrites() {
    assertThat(tacker.classifiers())
        .singleElement()
        .satisfies(c -> assertThat(c.name()).isEqualTo("branch_web"));
    assertThat(paperNsd.classifiers()).hasSize(1);
    assertThat(dcNsd.classifiers()).hasSize(1);
    assertThat(all.ruleCount()).isEqualTo(3);
    assertThat(all.catchAllGraph()).isEqualTo(NO_GRAPH);
  }

  @Test
  void tackerAclTakesBranchWebTraffic() {
    // ip_proto 6, ip_src_prefix 172.16.0.0/12, destination_port_range 80-443
    assertThat(classify(ip(172, 16, 0, 1), ip(198, 51, 100, 7), 80)).isEqualTo(TACKER);
    assertThat(classify(ip(172, 31, 255, 254), ip(198, 51, 100, 7), 443)).isEqualTo(TACKER);
    assertThat(classify(ip(172, 32, 0, 1), ip(198, 51, 100, 7), 443)).isEqualTo(NO_GRAPH);
    assertThat(classify(ip(172, 16, 0, 1), ip(198, 51, 100, 7), 444)).isEqualTo(NO_GRAPH);
    assertThat(classify(ip(172, 16, 0, 1), ip(198, 51, 100, 7), 79)).isEqualTo(NO_GRAPH);
  }

  @Test
  void nfpRulesTakeTcpToTheirServerPrefixes() {
    // paper NSD: ipv4, tcp, destination 10.20.0.0/16; DC NSD: ipv4, tcp, destination 203.0.113.0/24
    assertThat(classify(ip(192, 0, 2, 1), ip(10, 20, 3, 4), 22)).isEqualTo(PAPER_NSD);
    assertThat(classify(ip(192, 0, 2, 1), ip(10, 21, 3, 4), 22)).isEqualTo(NO_GRAPH);
    assertThat(classify(ip(192, 0, 2, 1), ip(203, 0, 113, 80), 8443)).isEqualTo(DC_NSD);
    assertThat(classify(ip(192, 0, 2, 1), ip(203, 0, 114, 80), 8443)).isEqualTo(NO_GRAPH);
  }

  @Test
  void overlappingSamplesGoToTheFirstDeployed() {
    // Branch web traffic to the paper NSD's servers matches both; the VNFFG was deployed first.
    assertThat(classify(ip(172, 16, 0, 1), ip(10, 20, 0, 1), 80)).isEqualTo(TACKER);
    FlowClassifier nsdFirst =
        FlowClassifier.builder().add(PAPER_NSD, paperNsd).add(TACKER, tacker).build();
    byte[] frame =
        PublicFrames.ethernet(
            0x0800, PublicFrames.ipv4Tcp(ip(172, 16, 0, 1), ip(10, 20, 0, 1), 0, 40000, 80));
    PacketParser.parse(MemorySegment.ofArray(frame), p);
    assertThat(nsdFirst.classify(p)).isEqualTo(PAPER_NSD);
  }

  @Test
  void samplesTakeNoIpv6NorUdp() {
    PacketParser.parse(MemorySegment.ofArray(PublicFrames.ipv6Tcp()), p);
    assertThat(all.classify(p)).isEqualTo(NO_GRAPH);
    byte[] udp =
        PublicFrames.ethernet(
            0x0800, PublicFrames.ipv4Udp(ip(172, 16, 0, 1), ip(10, 20, 0, 1), 5000, 80));
    PacketParser.parse(MemorySegment.ofArray(udp), p);
    assertThat(all.classify(p)).isEqualTo(NO_GRAPH);
  }
}
