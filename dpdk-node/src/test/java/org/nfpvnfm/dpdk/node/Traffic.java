package org.nfpvnfm.dpdk.node;

import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

/**
 * Reproducible test traffic: Ethernet frames of IPv4 and IPv6, TCP and UDP, some VLAN-tagged, over
 * a number of flows, with sizes from 64 to 1500 bytes and a sequence number in every payload.
 */
final class Traffic {
  private static final int[] SIZES = {64, 64, 128, 256, 512, 724, 1024, 1500};

  /** Bytes of the {@link #tagged} trailer: flow id, then index in the trace, both big-endian. */
  static final int TAG_BYTES = 8;

  /** Where a tagged frame came from: its flow and its index in the trace. */
  record Tag(int flow, int index) {}

  private Traffic() {}

  static List<byte[]> mixed(long seed, int packets, int flows) {
    SplittableRandom random = new SplittableRandom(seed);
    List<byte[]> out = new ArrayList<>(packets);
    for (int i = 0; i < packets; i++) {
      int flow = random.nextInt(flows);
      int size = SIZES[random.nextInt(SIZES.length)];
      out.add(frame(seed, flow, size, i));
    }
    return out;
  }

  /**
   * As {@link #mixed}, but every frame carries its flow and its index in the trace in an 8-byte
   * Ethernet trailer after the IP packet. The parser does not count bytes after the IP total length
   * as payload, so no NF field covers the trailer (a PAYLOAD write stops before it) and it leaves
   * the node as it came, even when an NF pushes or pops a VLAN tag at the front: {@link #tag} reads
   * it back from an output frame.
   */
  static List<byte[]> tagged(long seed, int packets, int flows) {
    SplittableRandom random = new SplittableRandom(seed);
    List<byte[]> out = new ArrayList<>(packets);
    for (int i = 0; i < packets; i++) {
      int flow = random.nextInt(flows);
      int size = SIZES[random.nextInt(SIZES.length)];
      byte[] frame = frame(seed, flow, size, i);
      out.add(
          ByteBuffer.allocate(frame.length + TAG_BYTES).put(frame).putInt(flow).putInt(i).array());
    }
    return out;
  }

  /** The trailer of a frame from {@link #tagged}. */
  static Tag tag(byte[] frame) {
    ByteBuffer b = ByteBuffer.wrap(frame, frame.length - TAG_BYTES, TAG_BYTES);
    return new Tag(b.getInt(), b.getInt());
  }

  /** One frame of flow {@code flow}: the flow fixes addresses, ports, protocol, tagging, family. */
  static byte[] frame(long seed, int flow, int size, int sequence) {
    SplittableRandom f = new SplittableRandom(seed * 31 + flow);
    boolean v6 = f.nextInt(8) == 0;
    boolean vlan = f.nextInt(6) == 0;
    boolean tcp = f.nextBoolean();
    int sport = 1024 + f.nextInt(60000);
    int dport = f.nextBoolean() ? 80 : 1 + f.nextInt(65535);
    int l2 = vlan ? 18 : 14;
    int l3 = v6 ? 40 : 20;
    int l4 = tcp ? 20 : 8;
    int total = Math.max(size, l2 + l3 + l4 + 4);
    ByteBuffer b = ByteBuffer.allocate(total);
    b.putLong(0x001122334455L << 16).position(6);
    b.putShort((short) 0x6677).putInt(0x8899aa00 | flow & 0xff);
    if (vlan) {
      b.putShort((short) 0x8100).putShort((short) (100 + flow % 4000));
    }
    b.putShort((short) (v6 ? 0x86dd : 0x0800));
    int ipPayload = total - l2 - l3;
    if (v6) {
      b.putInt(0x60000000 | flow & 0xfffff).putShort((short) ipPayload);
      b.put((byte) (tcp ? 6 : 17)).put((byte) 64);
      b.putLong(0x20010db800000000L).putLong(flow + 1L);
      b.putLong(0x20010db800000001L).putLong(f.nextLong());
    } else {
      b.put((byte) 0x45).put((byte) (f.nextInt(64) << 2)).putShort((short) (l3 + ipPayload));
      b.putShort((short) sequence).putShort((short) 0x4000).put((byte) 64);
      b.put((byte) (tcp ? 6 : 17)).putShort((short) 0);
      b.putInt(0x0a000000 | flow).putInt(0xc0a80000 | f.nextInt(1 << 16));
    }
    b.putShort((short) sport).putShort((short) dport);
    if (tcp) {
      b.putInt(sequence).putInt(0).putShort((short) 0x5010).putShort((short) 512);
      b.putShort((short) 0).putShort((short) 0);
    } else {
      b.putShort((short) (ipPayload)).putShort((short) 0);
    }
    b.putInt(sequence);
    while (b.hasRemaining()) {
      b.put((byte) (sequence + b.position()));
    }
    return b.array();
  }
}
