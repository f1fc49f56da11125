package org.nfpvnfm.bench;

import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.nio.ByteBuffer;
import java.util.concurrent.TimeUnit;
import org.nfpvnfm.dpdk.packet.Checksums;
import org.nfpvnfm.dpdk.packet.PacketFields;
import org.nfpvnfm.dpdk.packet.PacketParser;
import org.nfpvnfm.dpdk.packet.ParseStatus;
import org.nfpvnfm.dpdk.packet.ParsedPacket;
import org.nfpvnfm.tosca.nfp.PacketField;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

/**
 * The per-packet cost of {@link PacketParser}, {@link PacketFields} and {@link Checksums} on frames
 * held off-heap (native segments, as an mbuf's data will be), one reused {@link ParsedPacket} per
 * thread. Run with {@code -prof gc}: every benchmark should allocate nothing ({@code
 * gc.alloc.rate.norm} ≈ 0 B/op).
 *
 * <ul>
 *   <li>{@code ipv4Tcp64}: a 64-byte frame (no FCS): Ethernet, IPv4 without options, TCP without
 *       options, 10 bytes of data.
 *   <li>{@code ipv6Udp1514}: a full-MTU frame: Ethernet, IPv6, UDP, 1452 bytes of data (a 1500-byte
 *       IP packet, 1514 bytes on the wire without FCS).
 * </ul>
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@State(Scope.Thread)
public class ParserBenchmark {

  MemorySegment ipv4Tcp64 = MemorySegment.NULL;
  MemorySegment ipv6Udp1514 = MemorySegment.NULL;
  MemorySegment ipv4Tcp64Copy = MemorySegment.NULL;
  final ParsedPacket packet = new ParsedPacket();
  final ParsedPacket parsedV4 = new ParsedPacket();
  final ParsedPacket parsedV4Copy = new ParsedPacket();
  final ParsedPacket parsedV6 = new ParsedPacket();
  int counter;

  @Setup(Level.Trial)
  public void buildFrames() {
    Arena arena = Arena.ofAuto();
    ipv4Tcp64 = offHeap(arena, ipv4Tcp(54 + 10));
    ipv4Tcp64Copy = offHeap(arena, ipv4Tcp(54 + 10));
    ipv6Udp1514 = offHeap(arena, ipv6Udp(1514));
    for (MemorySegment s : new MemorySegment[] {ipv4Tcp64, ipv4Tcp64Copy, ipv6Udp1514}) {
      ParsedPacket p = new ParsedPacket();
      expectOk(PacketParser.parse(s, p));
      Checksums.rewriteAll(p);
      if (!Checksums.l4ChecksumValid(p)) {
        throw new IllegalStateException("bad L4 checksum in the benchmark's frame: " + p);
      }
    }
    expectOk(PacketParser.parse(ipv4Tcp64, parsedV4));
    expectOk(PacketParser.parse(ipv4Tcp64Copy, parsedV4Copy));
    expectOk(PacketParser.parse(ipv6Udp1514, parsedV6));
  }

  /** Parse a 64-byte IPv4/TCP frame and read its 5-tuple. */
  @Benchmark
  public long parseIpv4Tcp64FiveTuple() {
    ParsedPacket p = packet;
    PacketParser.parse(ipv4Tcp64, p);
    return PacketFields.get(p, PacketField.SIP) * 31
        ^ PacketFields.get(p, PacketField.DIP)
        ^ PacketFields.get(p, PacketField.PROTOCOL) << 40
        ^ PacketFields.get(p, PacketField.SPORT) << 16
        ^ PacketFields.get(p, PacketField.DPORT);
  }

  /** Parse a 1514-byte IPv6/UDP frame and read its 5-tuple (addresses as two longs each). */
  @Benchmark
  public long parseIpv6Udp1514FiveTuple() {
    ParsedPacket p = packet;
    PacketParser.parse(ipv6Udp1514, p);
    return PacketFields.ipv6High(p, PacketField.SIP)
        ^ PacketFields.ipv6Low(p, PacketField.SIP) * 31
        ^ PacketFields.ipv6High(p, PacketField.DIP) * 17
        ^ PacketFields.ipv6Low(p, PacketField.DIP)
        ^ PacketFields.get(p, PacketField.PROTOCOL) << 40
        ^ PacketFields.get(p, PacketField.SPORT) << 16
        ^ PacketFields.get(p, PacketField.DPORT);
  }

  /** A NAT's work on a parsed 64-byte IPv4/TCP frame: new SIP and SPORT, both checksums. */
  @Benchmark
  public int rewriteIpv4Tcp64SipSportAndChecksums() {
    ParsedPacket p = parsedV4;
    int c = ++counter;
    PacketFields.set(p, PacketField.SIP, 0x0a00_0000L | (c & 0xffff));
    PacketFields.set(p, PacketField.SPORT, c & 0xffff);
    return Checksums.rewriteAll(p);
  }

  /** A new DPORT on a parsed 1514-byte IPv6/UDP frame and its UDP checksum (1460 bytes summed). */
  @Benchmark
  public boolean rewriteIpv6Udp1514DportAndChecksum() {
    ParsedPacket p = parsedV6;
    PacketFields.set(p, PacketField.DPORT, ++counter & 0xffff);
    return Checksums.rewriteL4Checksum(p);
  }

  /**
   * The merger's work on a 64-byte IPv4/TCP frame: copy SIP, DIP, SPORT and DPORT from another
   * version's buffer, then both checksums.
   */
  @Benchmark
  public int mergeIpv4Tcp64FourFieldsAndChecksums() {
    ParsedPacket src = parsedV4;
    ParsedPacket dst = parsedV4Copy;
    PacketFields.copyField(PacketField.SIP, src, dst);
    PacketFields.copyField(PacketField.DIP, src, dst);
    PacketFields.copyField(PacketField.SPORT, src, dst);
    PacketFields.copyField(PacketField.DPORT, src, dst);
    return Checksums.rewriteAll(dst);
  }

  private static void expectOk(ParseStatus s) {
    if (s != ParseStatus.OK) {
      throw new IllegalStateException("benchmark frame parses as " + s + " (expected: OK)");
    }
  }

  private static MemorySegment offHeap(Arena arena, byte[] frame) {
    MemorySegment s = arena.allocate(frame.length, 64);
    MemorySegment.copy(MemorySegment.ofArray(frame), 0, s, 0, frame.length);
    return s;
  }

  private static void ethernet(ByteBuffer b, int etherType) {
    b.putLong(0x0011_2233_4455_6677L).putInt(0x8899_aabb).putShort((short) etherType);
  }

  /** Ethernet, IPv4 (no options), TCP (no options, ACK), data up to {@code frameLength}. */
  static byte[] ipv4Tcp(int frameLength) {
    ByteBuffer b = ByteBuffer.allocate(frameLength);
    ethernet(b, 0x0800);
    b.put((byte) 0x45).put((byte) 0).putShort((short) (frameLength - 14)).putShort((short) 1);
    b.putShort((short) 0x4000).put((byte) 64).put((byte) 6).putShort((short) 0);
    b.putInt(0xc0a8_0001).putInt(0xc0a8_00c7);
    b.putShort((short) 49152).putShort((short) 80).putInt(1).putInt(1);
    b.put((byte) 0x50).put((byte) 0x10).putShort((short) 512).putShort((short) 0);
    b.putShort((short) 0);
    while (b.hasRemaining()) {
      b.put((byte) b.position());
    }
    return b.array();
  }

  /** Ethernet, IPv6, UDP, data up to {@code frameLength}. */
  static byte[] ipv6Udp(int frameLength) {
    ByteBuffer b = ByteBuffer.allocate(frameLength);
    ethernet(b, 0x86dd);
    int payload = frameLength - 14 - 40;
    b.putInt(0x6000_0000).putShort((short) payload).put((byte) 17).put((byte) 64);
    b.putLong(0x2001_0db8_0000_0000L).putLong(1).putLong(0x2001_0db8_0000_0000L).putLong(0xfe);
    b.putShort((short) 5000).putShort((short) 4789).putShort((short) payload).putShort((short) 0);
    while (b.hasRemaining()) {
      b.put((byte) b.position());
    }
    return b.array();
  }
}
