package org.nfpvnfm.dpdk;

import static org.assertj.core.api.Assertions.assertThat;
import static org.nfpvnfm.dpdk.DpdkTestSupport.assertEveryMbufBack;

import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.NetworkInterface;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * Ports on real Linux interfaces, which is how a node without a DPDK NIC reaches a network: {@code
 * net_af_packet} on the loopback interface sees datagrams the JVM sends to itself, and {@code
 * net_tap} creates a kernel interface. Both need root (a raw socket, a tun device); where the
 * machine refuses, the test is skipped and says why.
 */
@Tag("integration")
class RealInterfaceTest {
  @BeforeAll
  static void eal() {
    DpdkTestSupport.eal();
  }

  private static Port attachOrSkip(String devargs) {
    try {
      return Port.attach(devargs);
    } catch (DpdkException e) {
      Assumptions.abort("cannot attach " + devargs + " here: " + e.getMessage());
      throw e;
    }
  }

  @Test
  void anAfPacketPortOnLoopbackReceivesADatagramSentThroughTheKernel() throws Exception {
    byte[] marker = ("nfp-" + ProcessHandle.current().pid()).getBytes(StandardCharsets.US_ASCII);
    try (Mempool pool = Mempool.create(DpdkTestSupport.uniqueName("af"), 1023);
        MbufBurst rx = new MbufBurst(32);
        DatagramSocket socket = new DatagramSocket()) {
      Port port = attachOrSkip("net_af_packet" + ProcessHandle.current().pid() % 100 + ",iface=lo");
      try {
        port.start(pool, 256, 256);
        boolean seen = false;
        long deadline = System.nanoTime() + 3_000_000_000L;
        while (!seen && System.nanoTime() < deadline) {
          socket.send(
              new DatagramPacket(marker, marker.length, InetAddress.getLoopbackAddress(), 9));
          Thread.sleep(10);
          int n = port.receive(rx);
          for (int i = 0; i < n && !seen; i++) {
            seen = contains(Mbufs.toByteArray(rx.get(i)), marker);
          }
          rx.releaseAll();
        }
        assertThat(seen).as("our datagram, read off lo through DPDK within 3 s").isTrue();
        assertThat(port.stats().inPackets()).isPositive();
      } finally {
        port.close();
      }
      assertEveryMbufBack(pool);
    }
  }

  @Test
  void aTapPortCreatesAKernelInterfaceAndTakesPacketsToSend() throws Exception {
    String iface = "nfptap" + ProcessHandle.current().pid() % 1000;
    try (Mempool pool = Mempool.create(DpdkTestSupport.uniqueName("tp"), 1023);
        MbufBurst tx = new MbufBurst(4)) {
      Port port = attachOrSkip("net_tap" + ProcessHandle.current().pid() % 100 + ",iface=" + iface);
      try {
        port.start(pool, 256, 256);
        assertThat(NetworkInterface.getByName(iface))
            .as("the kernel interface net_tap created")
            .isNotNull();
        for (int i = 0; i < 4; i++) {
          long mbuf = pool.allocate();
          byte[] frame = new byte[60];
          frame[0] = (byte) 0xff; // broadcast, so the kernel takes it whatever its address
          frame[5] = (byte) 0xff;
          Mbufs.append(mbuf, frame);
          tx.add(mbuf);
        }
        int sent = port.transmit(tx);
        tx.releaseFrom(sent);
        assertThat(sent).as("frames the tap took").isEqualTo(4);
      } finally {
        port.close();
      }
      assertThat(NetworkInterface.getByName(iface)).as("the interface after close").isNull();
      assertEveryMbufBack(pool);
    }
  }

  private static boolean contains(byte[] haystack, byte[] needle) {
    outer:
    for (int i = 0; i + needle.length <= haystack.length; i++) {
      for (int j = 0; j < needle.length; j++) {
        if (haystack[i + j] != needle[j]) {
          continue outer;
        }
      }
      return true;
    }
    return false;
  }
}
