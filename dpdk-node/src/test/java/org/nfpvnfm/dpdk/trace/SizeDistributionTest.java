package org.nfpvnfm.dpdk.trace;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.util.Iterator;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;

class SizeDistributionTest {

  /** Frame sizes of a trace, counted; IPv4 only, so no size is raised to fit IPv6 headers. */
  private static Map<Integer, Integer> sizes(SizeDistribution d, int packets) {
    Map<Integer, Integer> counts = new TreeMap<>();
    Iterator<byte[]> frames =
        TraceGenerator.frames(TraceSpec.defaults().withSizes(d).withPackets(packets));
    while (frames.hasNext()) {
      counts.merge(frames.next().length, 1, Integer::sum);
    }
    return counts;
  }

  private static double mean(Map<Integer, Integer> counts) {
    long bytes = 0;
    long n = 0;
    for (Map.Entry<Integer, Integer> e : counts.entrySet()) {
      bytes += (long) e.getKey() * e.getValue();
      n += e.getValue();
    }
    return (double) bytes / n;
  }

  @Test
  void theDataCentreMixHasAnExactMeanOf724Bytes() {
    SizeDistribution dc = SizeDistribution.parse("dc");
    assertThat(dc).isSameAs(SizeDistribution.DATA_CENTRE);
    assertThat(dc.mean()).isEqualTo(724.0);
    int[] table = {60, 66, 128, 256, 512, 1024, 1400, 1514};
    double total = 0;
    double weighted = 0;
    for (int size : table) {
      total += dc.probability(size);
      weighted += size * dc.probability(size);
    }
    assertThat(total).isCloseTo(1.0, within(1e-12));
    assertThat(weighted).isCloseTo(724.0, within(1e-9));
    assertThat(dc.probability(700)).isZero();
    // Bimodal: most frames small or near the MTU, few in between.
    double small = dc.probability(60) + dc.probability(66) + dc.probability(128);
    double large = dc.probability(1400) + dc.probability(1514);
    assertThat(small).isCloseTo(0.49, within(1e-12));
    assertThat(large).isCloseTo(0.43, within(1e-12));
  }

  @Test
  void aDataCentreTraceOf100000PacketsHasAMeanWithinOnePercentOf724() {
    Map<Integer, Integer> counts = sizes(SizeDistribution.DATA_CENTRE, 100_000);
    assertThat(mean(counts)).isCloseTo(724.0, within(7.24));
    assertThat(counts.keySet()).containsExactly(60, 66, 128, 256, 512, 1024, 1400, 1514);
  }

  @Test
  void aFixedSizeGivesEveryFrameThatSize() {
    SizeDistribution d = SizeDistribution.parse("64");
    assertThat(d.mean()).isEqualTo(64.0);
    assertThat(d.min()).isEqualTo(64);
    assertThat(d.max()).isEqualTo(64);
    assertThat(sizes(d, 1000)).containsExactly(Map.entry(64, 1000));
    assertThat(sizes(SizeDistribution.fixed(1514), 100)).containsExactly(Map.entry(1514, 100));
  }

  @Test
  void aUniformRangeGivesEverySizeInItAndNoOther() {
    SizeDistribution d = SizeDistribution.parse("uniform:64-127");
    assertThat(d.mean()).isEqualTo(95.5);
    assertThat(d.probability(64)).isEqualTo(1.0 / 64);
    assertThat(d.probability(128)).isZero();
    Map<Integer, Integer> counts = sizes(d, 64_000);
    assertThat(counts.keySet()).hasSize(64).allMatch(s -> s >= 64 && s <= 127);
    // About 1000 each: a fixed seed, and a bound 6 standard deviations wide.
    assertThat(counts.values()).allMatch(c -> Math.abs(c - 1000) < 200);
    assertThat(mean(counts)).isCloseTo(95.5, within(0.5));
    assertThat(SizeDistribution.uniform(60, 1514).mean()).isEqualTo(787.0);
  }

  @Test
  void imixIsSevenFourOneOf60_590And1514ByteFrames() {
    SizeDistribution imix = SizeDistribution.parse("imix");
    assertThat(imix.mean()).isEqualTo(4294.0 / 12);
    assertThat(imix.probability(60)).isEqualTo(7.0 / 12);
    assertThat(imix.probability(590)).isEqualTo(4.0 / 12);
    assertThat(imix.probability(1514)).isEqualTo(1.0 / 12);
    Map<Integer, Integer> counts = sizes(imix, 12_000);
    assertThat(counts.keySet()).containsExactly(60, 590, 1514);
    assertThat(counts.get(60)).isBetween(6700, 7300);
    assertThat(counts.get(590)).isBetween(3700, 4300);
    assertThat(counts.get(1514)).isBetween(850, 1150);
  }

  @Test
  void readsBackWhatItPrints() {
    for (String text : new String[] {"64", "uniform:64-1500", "imix", "dc"}) {
      SizeDistribution d = SizeDistribution.parse(text);
      assertThat(d).hasToString(text);
      assertThat(SizeDistribution.parse(d.toString())).isEqualTo(d);
    }
    assertThat(SizeDistribution.parse(" DataCenter ")).isEqualTo(SizeDistribution.DATA_CENTRE);
  }

  @Test
  void rejectsWhatItCannotReadNamingTheTextAndWhatItExpects() {
    assertThatThrownBy(() -> SizeDistribution.parse("gauss"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("\"gauss\"")
        .hasMessageContaining("expected: a frame size in bytes such as 64, uniform:MIN-MAX");
    assertThatThrownBy(() -> SizeDistribution.parse("40"))
        .hasMessageContaining("frame size 40")
        .hasMessageContaining("expected: 60 to 1514 bytes");
    assertThatThrownBy(() -> SizeDistribution.parse("1518"))
        .hasMessageContaining("frame size 1518 (expected: 60 to 1514");
    assertThatThrownBy(() -> SizeDistribution.parse("uniform:1500-64"))
        .hasMessageContaining("MIN 1500 > MAX 64 (expected: MIN <= MAX)");
    assertThatThrownBy(() -> SizeDistribution.parse("uniform:64"))
        .hasMessageContaining("no range (expected: uniform:MIN-MAX");
    assertThatThrownBy(() -> SizeDistribution.parse("uniform:a-100"))
        .hasMessageContaining("\"a\" is not a size");
    assertThatThrownBy(() -> SizeDistribution.parse(""))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> SizeDistribution.parse("99999999999"))
        .hasMessageContaining("is not a size");
  }
}
