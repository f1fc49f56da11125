package org.nfpvnfm.bench;

import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.nio.ByteOrder;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.nfpvnfm.dpdk.classify.FlowClassifier;
import org.nfpvnfm.dpdk.packet.PacketParser;
import org.nfpvnfm.dpdk.packet.ParseStatus;
import org.nfpvnfm.dpdk.packet.ParsedPacket;
import org.nfpvnfm.tosca.SourceLocation;
import org.nfpvnfm.tosca.nfp.Classifier;
import org.nfpvnfm.tosca.nfp.PortRange;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

/**
 * The per-packet cost of {@link FlowClassifier} (a linear scan) as the rule count grows, on the
 * 64-byte IPv4/TCP frame of {@link ParserBenchmark}, held off-heap. Rule {@code i} is an ACL entry
 * of the usual shape: TCP, source 192.168.0.0/16, destination 10.0.i.0/24 (i below 256), ports
 * 80-443, each in its own graph. Run with {@code -prof gc}: nothing should allocate ({@code
 * gc.alloc.rate.norm} ≈ 0 B/op).
 *
 * <ul>
 *   <li>{@code ...LastRule}: the frame goes to 10.0.(rules-1).7, so every rule is tried;
 *   <li>{@code ...NoRule}: to 10.255.255.7, so every rule is tried and none matches (the worst
 *       case, an unclassified packet);
 *   <li>{@code parseOnly}: the parse alone, to subtract.
 * </ul>
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@State(Scope.Thread)
public class ClassifierBenchmark {

  private static final ValueLayout.OfInt U32 =
      ValueLayout.JAVA_INT_UNALIGNED.withOrder(ByteOrder.BIG_ENDIAN);

  /** Where {@link ParserBenchmark#ipv4Tcp}'s frame holds its destination address. */
  private static final int DIP_OFFSET = 14 + 16;

  @Param({"1", "10", "100"})
  int rules;

  MemorySegment toLastRule = MemorySegment.NULL;
  MemorySegment toNoRule = MemorySegment.NULL;
  final ParsedPacket packet = new ParsedPacket();
  final ParsedPacket parsedToLastRule = new ParsedPacket();
  FlowClassifier classifier = FlowClassifier.builder().build();

  @Setup(Level.Trial)
  public void deploy() {
    FlowClassifier.Builder b = FlowClassifier.builder();
    for (int i = 0; i < rules; i++) {
      b.add(i, List.of(rule(i)));
    }
    classifier = b.build();

    Arena arena = Arena.ofAuto();
    toLastRule = frameTo(arena, 0x0a00_0007 | (rules - 1) << 8);
    toNoRule = frameTo(arena, 0x0aff_ff07);
    expect(PacketParser.parse(toLastRule, parsedToLastRule), classifier.classify(parsedToLastRule));
    ParsedPacket p = new ParsedPacket();
    if (PacketParser.parse(toNoRule, p) != ParseStatus.OK
        || classifier.classify(p) != FlowClassifier.NO_GRAPH) {
      throw new IllegalStateException("the no-rule frame was classified: " + p);
    }
  }

  private void expect(ParseStatus status, int graph) {
    if (status != ParseStatus.OK || graph != rules - 1) {
      throw new IllegalStateException(
          "the last-rule frame: " + status + ", graph " + graph + " (expected: OK, " + rules + ")");
    }
  }

  private static Classifier rule(int i) {
    return new Classifier(
        "rule-" + i,
        null,
        null,
        null,
        List.of(),
        6,
        null,
        "192.168.0.0/16",
        "10.0." + i + ".0/24",
        null,
        new PortRange(80, 443),
        Map.of(),
        SourceLocation.ofFile("ClassifierBenchmark"));
  }

  private static MemorySegment frameTo(Arena arena, int dip) {
    byte[] frame = ParserBenchmark.ipv4Tcp(54 + 10);
    MemorySegment s = arena.allocate(frame.length, 64);
    MemorySegment.copy(MemorySegment.ofArray(frame), 0, s, 0, frame.length);
    s.set(
        U32,
        DIP_OFFSET,
        dip); // the IPv4 checksum goes stale: neither parser nor classifier reads it
    return s;
  }

  @Benchmark
  public int parseAndClassifyLastRule() {
    PacketParser.parse(toLastRule, packet);
    return classifier.classify(packet);
  }

  @Benchmark
  public int parseAndClassifyNoRule() {
    PacketParser.parse(toNoRule, packet);
    return classifier.classify(packet);
  }

  /** The classification alone, on an already parsed frame. */
  @Benchmark
  public int classifyLastRule() {
    return classifier.classify(parsedToLastRule);
  }

  @Benchmark
  public ParseStatus parseOnly() {
    return PacketParser.parse(toLastRule, packet);
  }
}
