package org.nfpvnfm.dpdk.trace;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.nio.ByteBuffer;
import java.util.Arrays;
import java.util.HashMap;
import java.util.Iterator;
import java.util.Map;
import org.junit.jupiter.api.Test;

class FlowDistributionTest {

  /** Packets per flow, told apart by source address (each flow has one of its own). */
  private static int[] packetsPerFlow(FlowDistribution flows, int packets) {
    Map<Integer, Integer> bySource = new HashMap<>();
    Iterator<byte[]> frames =
        TraceGenerator.frames(
            TraceSpec.defaults()
                .withFlows(flows)
                .withSizes(SizeDistribution.fixed(64))
                .withPackets(packets));
    while (frames.hasNext()) {
      bySource.merge(ByteBuffer.wrap(frames.next()).getInt(26), 1, Integer::sum);
    }
    int[] counts = bySource.values().stream().mapToInt(Integer::intValue).toArray();
    Arrays.sort(counts);
    return counts;
  }

  @Test
  void underZipfTheHeaviestFlowCarriesFarMoreThanTheMedianFlow() {
    int[] counts = packetsPerFlow(FlowDistribution.parse("zipf:1000:1.1"), 100_000);
    int heaviest = counts[counts.length - 1];
    int median = counts[counts.length / 2];
    // P(flow 1) / P(flow 500) = 500^1.1, about 930; sampling noise leaves a wide margin.
    assertThat(heaviest).isGreaterThan(100 * Math.max(median, 1));
    // Flow 1 carries 1 / H(1000, 1.1) of the packets, about 17.9%.
    double h = 0;
    for (int k = 1; k <= 1000; k++) {
      h += Math.pow(k, -1.1);
    }
    assertThat(heaviest / 100_000.0).isCloseTo(1 / h, within(0.01));
  }

  @Test
  void theZipfSamplerMatchesTheExactProbabilitiesOfTheFirstRanks() {
    FlowDistribution d = FlowDistribution.zipf(50, 0.8);
    double h = 0;
    for (int k = 1; k <= 50; k++) {
      h += Math.pow(k, -0.8);
    }
    int[] counts = new int[51];
    SplitMix64 random = new SplitMix64(42);
    int n = 200_000;
    for (int i = 0; i < n; i++) {
      counts[d.sample(random)]++;
    }
    for (int k : new int[] {1, 2, 3, 10, 50}) {
      double p = Math.pow(k, -0.8) / h;
      double sd = Math.sqrt(n * p * (1 - p));
      assertThat((double) counts[k]).as("rank %d", k).isCloseTo(n * p, within(5 * sd));
    }
  }

  @Test
  void uniformFlowsGetAboutTheSameNumberOfPackets() {
    int[] counts = packetsPerFlow(FlowDistribution.parse("uniform:100"), 100_000);
    assertThat(counts).hasSize(100);
    // Chi-square with 99 degrees of freedom: mean 99, standard deviation 14. The seed is fixed,
    // so the bound (mean + 5 sd) cannot flake; it fails a sampler with any real bias.
    double chi2 = Arrays.stream(counts).mapToDouble(c -> (c - 1000.0) * (c - 1000.0) / 1000).sum();
    assertThat(chi2).isLessThan(99 + 5 * 14);
  }

  @Test
  void readsBackWhatItPrints() {
    for (String text : new String[] {"uniform:1", "uniform:1024", "zipf:10000:1.1", "zipf:8:2"}) {
      FlowDistribution d = FlowDistribution.parse(text);
      assertThat(d).hasToString(text);
      assertThat(FlowDistribution.parse(d.toString())).isEqualTo(d);
    }
    assertThat(FlowDistribution.parse("zipf:10:1.0")).hasToString("zipf:10:1");
    assertThat(FlowDistribution.parse("uniform:7").flows()).isEqualTo(7);
    assertThat(FlowDistribution.parse("zipf:7:1.5").exponent()).isEqualTo(1.5);
  }

  @Test
  void oneFlowCarriesEveryPacket() {
    assertThat(packetsPerFlow(FlowDistribution.uniform(1), 100)).containsExactly(100);
    assertThat(packetsPerFlow(FlowDistribution.zipf(1, 1), 100)).containsExactly(100);
  }

  @Test
  void rejectsWhatItCannotReadNamingTheTextAndWhatItExpects() {
    assertThatThrownBy(() -> FlowDistribution.parse("uniform:0"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("uniform:0: 0 flows (expected: 1 to 16777216)");
    assertThatThrownBy(() -> FlowDistribution.parse("uniform:16777217"))
        .hasMessageContaining("16777217 flows (expected: 1 to 16777216)");
    assertThatThrownBy(() -> FlowDistribution.parse("zipf:100:0"))
        .hasMessageContaining("Zipf exponent 0 (expected: above 0");
    assertThatThrownBy(() -> FlowDistribution.parse("zipf:100:11"))
        .hasMessageContaining("Zipf exponent 11 (expected: above 0 and at most 10");
    assertThatThrownBy(() -> FlowDistribution.parse("zipf:100:NaN"))
        .hasMessageContaining("\"NaN\" is not an exponent");
    assertThatThrownBy(() -> FlowDistribution.zipf(100, Double.NaN))
        .hasMessageContaining("Zipf exponent NaN");
    assertThatThrownBy(() -> FlowDistribution.parse("zipf:100:x"))
        .hasMessageContaining("\"x\" is not an exponent");
    assertThatThrownBy(() -> FlowDistribution.parse("zipf:100"))
        .hasMessageContaining("\"zipf:100\" (expected: uniform:N or zipf:N:S");
    assertThatThrownBy(() -> FlowDistribution.parse("uniform:-3"))
        .hasMessageContaining("\"-3\" is not a number of flows");
    assertThatThrownBy(() -> FlowDistribution.parse("normal:10"))
        .hasMessageContaining("\"normal:10\"");
  }
}
