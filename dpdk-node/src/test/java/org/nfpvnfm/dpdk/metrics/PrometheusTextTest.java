package org.nfpvnfm.dpdk.metrics;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

class PrometheusTextTest {

  @Test
  void writesHelpAndTypeOncePerFamilyInDeclarationOrder() {
    PrometheusText t = new PrometheusText();
    t.counter("b_total", "Bees.").sample(1L, "x", "1");
    t.gauge("a", "Aye.").sample(2.5);
    t.counter("b_total", "ignored").sample(3L, "x", "2");

    assertThat(t.text())
        .isEqualTo(
            """
            # HELP b_total Bees.
            # TYPE b_total counter
            b_total{x="1"} 1
            b_total{x="2"} 3
            # HELP a Aye.
            # TYPE a gauge
            a 2.5
            """);
  }

  @Test
  void escapesBackslashQuoteAndLineFeedInLabelValuesAndReadsThemBack() {
    PrometheusText t = new PrometheusText();
    String nasty = "a\\b \"c\"\nd}, e=\"f\"";
    t.gauge("g", "Help with a \\ and a\nline feed.").sample(1L, "v", nasty);

    assertThat(t.text()).contains("g{v=\"a\\\\b \\\"c\\\"\\nd}, e=\\\"f\\\"\"} 1");
    assertThat(t.text()).contains("# HELP g Help with a \\\\ and a\\nline feed.");
    Scrape s = Scrape.parse(t.text());
    assertThat(s.samples())
        .singleElement()
        .satisfies(x -> assertThat(x.label("v")).isEqualTo(nasty));
  }

  @Test
  void writesSummariesAndHistogramsWithTheirSuffixes() {
    PrometheusText t = new PrometheusText();
    Map<Double, Double> q = new LinkedHashMap<>();
    q.put(0.5, 0.001);
    q.put(0.99, 0.25);
    t.summary("lat_seconds", "Latency.").summary(q, null, 7, "g", "x");
    Histogram h = new Histogram(0.1, 1);
    h.observe(0.05);
    h.observe(0.5);
    h.observe(3);
    t.histogram("d_seconds", "Durations.").histogram(h.snapshot(), "op", "I");

    String text = t.text();
    assertThat(text)
        .contains(
            """
            lat_seconds{g="x",quantile="0.5"} 0.001
            lat_seconds{g="x",quantile="0.99"} 0.25
            lat_seconds_count{g="x"} 7
            """)
        .doesNotContain("lat_seconds_sum")
        .contains(
            """
            d_seconds_bucket{op="I",le="0.1"} 1
            d_seconds_bucket{op="I",le="1"} 2
            d_seconds_bucket{op="I",le="+Inf"} 3
            d_seconds_sum{op="I"} 3.55
            d_seconds_count{op="I"} 3
            """);
    Scrape s = Scrape.parse(text);
    assertThat(s.types())
        .containsEntry("lat_seconds", "summary")
        .containsEntry("d_seconds", "histogram");
    assertThat(s.value("d_seconds_count", "op", "I")).isEqualTo(3);
  }

  @Test
  void leavesOutFamiliesWithoutSamples() {
    PrometheusText t = new PrometheusText();
    t.counter("none_total", "Nothing.");
    assertThat(t.text()).isEmpty();
  }

  @Test
  void formatsWholeNumbersWithoutAFractionAndSpecialValuesAsPrometheusNamesThem() {
    assertThat(PrometheusText.format(3.0)).isEqualTo("3");
    assertThat(PrometheusText.format(0.000125)).isEqualTo("1.25E-4");
    assertThat(PrometheusText.format(Double.NaN)).isEqualTo("NaN");
    assertThat(PrometheusText.format(Double.POSITIVE_INFINITY)).isEqualTo("+Inf");
    assertThat(Double.parseDouble(PrometheusText.format(1e20))).isEqualTo(1e20);
  }

  @Test
  void refusesASeriesTwiceBadNamesAndATypeChange() {
    PrometheusText t = new PrometheusText();
    t.gauge("g", "G.").sample(1L, "a", "1");
    assertThatThrownBy(() -> t.gauge("g", "G.").sample(2L, "a", "1"))
        .hasMessageContaining("added twice");
    assertThatThrownBy(() -> t.counter("g", "G.")).hasMessageContaining("is a gauge");
    assertThatThrownBy(() -> t.gauge("1g", "G.")).hasMessageContaining("metric name");
    assertThatThrownBy(() -> t.gauge("h", "H.").sample(1L, "bad-label", "x"))
        .hasMessageContaining("label name");
    assertThatThrownBy(() -> t.gauge("h", "H.").sample(1L, "odd")).hasMessageContaining("pairs");
    assertThatThrownBy(() -> t.gauge("h", "H.").sample(1L, "a", "1", "a", "2"))
        .hasMessageContaining("twice");
  }
}
