package org.nfpvnfm.dpdk;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.nfpvnfm.dpdk.DpdkTestSupport.assertEveryMbufBack;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

@Tag("integration")
class PortTest {
  @BeforeAll
  static void eal() {
    DpdkTestSupport.eal();
  }

  /** A 60-byte Ethernet frame whose bytes all depend on {@code seed}. */
  private static byte[] frame(int seed) {
    byte[] frame = new byte[60];
    for (int i = 0; i < frame.length; i++) {
      frame[i] = (byte) (seed * 31 + i);
    }
    return frame;
  }

  @Test
  void packetsSentOnARingPortComeBackUnchanged() {
    // net_ring without arguments uses the same ring for rx and tx: a loopback port.
    try (Mempool pool = Mempool.create(DpdkTestSupport.uniqueName("pr"), 255);
        Port port = Port.attach("net_ring9");
        MbufBurst tx = new MbufBurst(16);
        MbufBurst rx = new MbufBurst(32)) {
      port.start(pool, 64, 64);
      for (int i = 0; i < 16; i++) {
        long mbuf = pool.allocate();
        Mbufs.append(mbuf, frame(i));
        tx.add(mbuf);
      }

      int sent = port.transmit(tx);
      tx.releaseFrom(sent);
      int received = port.receive(rx);

      assertThat(sent).as("packets the ring port took").isEqualTo(16);
      assertThat(received).as("packets back from the ring port").isEqualTo(16);
      for (int i = 0; i < received; i++) {
        assertThat(Mbufs.toByteArray(rx.get(i))).as("packet %d", i).containsExactly(frame(i));
      }
      rx.releaseAll();
      PortStats stats = port.stats();
      assertThat(stats.outPackets()).isEqualTo(16);
      assertThat(stats.inPackets()).isEqualTo(16);
      port.close();
      assertEveryMbufBack(pool);
    }
  }

  @Test
  void nullPortReceivesFullBurstsAndSwallowsWhatItSends() {
    try (Mempool pool = Mempool.create(DpdkTestSupport.uniqueName("pn"), 255);
        Port port = Port.attach("net_null9");
        MbufBurst burst = new MbufBurst(32)) {
      port.start(pool, 64, 64);

      for (int round = 0; round < 10; round++) {
        assertThat(port.receive(burst))
            .as("packets from net_null in round %d", round)
            .isEqualTo(32);
        assertThat(Mbufs.packetLength(burst.get(0))).as("net_null's packet size").isEqualTo(64);
        int sent = port.transmit(burst);
        assertThat(sent).isEqualTo(32);
        burst.releaseFrom(sent);
      }

      port.close();
      assertEveryMbufBack(pool);
    }
  }

  @Test
  void aVirtualDeviceWhosePortWasClosedCanBeAttachedAgain() {
    // Closing a port releases it, but its device stays on the bus: a named port (one the EAL
    // was started with) is gone after its first user closes it, and attaching the device by its
    // name must give it a new port rather than fail.
    Port.attach("net_null7");
    Port.named("net_null7").close();
    assertThatThrownBy(() -> Port.named("net_null7")).isInstanceOf(DpdkException.class);
    try (Mempool pool = Mempool.create(DpdkTestSupport.uniqueName("pa"), 255);
        Port again = Port.attach("net_null7");
        MbufBurst burst = new MbufBurst(8)) {
      again.start(pool, 64, 64);
      assertThat(again.receive(burst)).isEqualTo(8);
      burst.releaseFrom(0);
    }
  }

  @Test
  void pcapPortReplaysAFileIntoAnother(@TempDir Path dir) throws Exception {
    Path in = dir.resolve("in.pcap");
    Path out = dir.resolve("out.pcap");
    List<byte[]> packets = new ArrayList<>();
    for (int i = 0; i < 40; i++) {
      packets.add(frame(i));
    }
    PcapFiles.write(in, packets);

    try (Mempool pool = Mempool.create(DpdkTestSupport.uniqueName("pp"), 255);
        MbufBurst burst = new MbufBurst(32)) {
      Port port = Port.attach("net_pcap9,rx_pcap=" + in + ",tx_pcap=" + out);
      port.start(pool, 64, 64);
      int forwarded = 0;
      for (int idle = 0; idle < 100 && forwarded < packets.size(); idle++) {
        if (port.receive(burst) == 0) {
          continue;
        }
        int sent = port.transmit(burst);
        forwarded += sent;
        burst.releaseFrom(sent);
      }
      port.close();

      assertThat(forwarded).as("packets replayed from in.pcap").isEqualTo(packets.size());
      assertEveryMbufBack(pool);
    }

    List<byte[]> written = PcapFiles.read(out);
    assertThat(written).as("packets in out.pcap").hasSize(packets.size());
    for (int i = 0; i < packets.size(); i++) {
      assertThat(written.get(i)).as("packet %d of out.pcap", i).containsExactly(packets.get(i));
    }
  }

  /**
   * Header copies are two-segment chains; the virtual ports the tests and benchmarks use take them
   * as they are: net_ring passes the chain through, net_pcap writes the whole packet, net_null
   * frees every segment.
   */
  @Test
  void headerCopiesGoOutAsWholePackets(@TempDir Path dir) throws Exception {
    Path out = dir.resolve("out.pcap");
    byte[] big = new byte[300];
    for (int i = 0; i < big.length; i++) {
      big[i] = (byte) (i * 7);
    }
    try (Mempool pool = Mempool.create(DpdkTestSupport.uniqueName("pc"), 255);
        Mempool headers = Mempool.create(DpdkTestSupport.uniqueName("pch"), 255, 0, 256);
        MbufBurst burst = new MbufBurst(8)) {
      long original = pool.allocate();
      Mbufs.append(original, big);

      try (Port ring = Port.attach("net_ring8")) {
        ring.start(pool, 64, 64);
        burst.add(Mbufs.headerCopy(original, headers, 64));
        assertThat(ring.transmit(burst)).as("chains net_ring took").isEqualTo(1);
        burst.clear();
        assertThat(ring.receive(burst)).isEqualTo(1);
        assertThat(Mbufs.segments(burst.get(0))).as("segments after net_ring").isEqualTo(2);
        assertThat(DpdkTestSupport.packetBytes(burst.get(0))).containsExactly(big);
        burst.releaseAll();
      }
      try (Port pcap = Port.attach("net_pcap8,tx_pcap=" + out)) {
        pcap.start(pool, 64, 64);
        burst.add(Mbufs.headerCopy(original, headers, 64));
        assertThat(pcap.transmit(burst)).as("chains net_pcap took").isEqualTo(1);
        burst.clear();
      }
      try (Port nul = Port.attach("net_null8")) {
        nul.start(pool, 64, 64);
        burst.add(Mbufs.headerCopy(original, headers, 64));
        assertThat(nul.transmit(burst)).as("chains net_null took").isEqualTo(1);
        burst.clear();
        assertThat(nul.stats().outPackets()).as("packets net_null counted").isEqualTo(1);
      }
      Mbufs.release(original);
      assertEveryMbufBack(pool);
      assertEveryMbufBack(headers);
    }
    List<byte[]> written = PcapFiles.read(out);
    assertThat(written).as("packets in out.pcap").hasSize(1);
    assertThat(written.get(0)).as("the chain as net_pcap wrote it").containsExactly(big);
  }

  @Test
  void headerCopiesKeepThePortThePacketArrivedOn() {
    try (Mempool pool = Mempool.create(DpdkTestSupport.uniqueName("pm"), 255);
        Mempool headers = Mempool.create(DpdkTestSupport.uniqueName("pmh"), 63, 0, 256);
        Port port = Port.attach("net_null6");
        MbufBurst burst = new MbufBurst(1)) {
      port.start(pool, 64, 64);
      assertThat(port.receive(burst)).isEqualTo(1);
      long received = burst.get(0);
      assertThat(Mbufs.port(received)).as("port of the received packet").isEqualTo(port.id());

      // One segment (the bulk path), then a copy of that chain (the general path).
      long copy = Mbufs.headerCopy(received, headers, 32);
      long copyOfCopy = Mbufs.headerCopy(copy, headers, 16);

      assertThat(Mbufs.port(copy)).as("port of the header copy").isEqualTo(port.id());
      assertThat(Mbufs.port(copyOfCopy)).as("port of its header copy").isEqualTo(port.id());
      Mbufs.release(copyOfCopy);
      Mbufs.release(copy);
      burst.releaseAll();
      port.close();
      assertEveryMbufBack(pool);
      assertEveryMbufBack(headers);
    }
  }
}
