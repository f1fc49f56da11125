package org.nfpvnfm.nf.caching;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.nfpvnfm.nf.Frames.tcp4;

import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.nfpvnfm.nf.Frames;
import org.nfpvnfm.nf.NfConfig;
import org.nfpvnfm.nf.NfConfigException;
import org.nfpvnfm.nf.NfHarness;
import org.nfpvnfm.nf.NfHarness.Outcome;
import org.nfpvnfm.nf.NfRegistry;
import org.nfpvnfm.tosca.nfp.Access;
import org.nfpvnfm.tosca.nfp.PacketField;

@Tag("integration")
class CachingTest {
  private static NfHarness harness;

  @BeforeAll
  static void start() {
    harness = new NfHarness();
  }

  @AfterAll
  static void stop() {
    harness.close();
  }

  private static CachingNf caching(Map<String, ?> properties) {
    return (CachingNf) new CachingProvider().create(NfConfig.of("cache", properties));
  }

  private static byte[] get(String client, String target, String host) {
    return tcp4(
        client,
        40000,
        "192.0.2.80",
        80,
        "GET " + target + " HTTP/1.1\r\nHost: " + host + "\r\n\r\n");
  }

  private static CachingNf.UrlStats stats(CachingNf nf, String url) {
    return nf.urlStats().stream().filter(s -> s.url().equals(url)).findFirst().orElseThrow();
  }

  @Test
  void isFoundByTheRegistryAndReadsPayloadAndSipOnly() {
    assertThat(NfRegistry.load().find("caching")).isPresent();
    assertThat(new CachingProvider().profile().fields())
        .isEqualTo(Map.of(PacketField.SIP, Access.READ, PacketField.PAYLOAD, Access.READ));
  }

  @Test
  void countsRequestsPerUrlAndHitsOnTheSecondGet() {
    CachingNf nf = caching(Map.of());
    byte[] first = get("10.0.0.1", "/index.html", "Example.COM");
    List<Outcome> out =
        harness.run(
            nf,
            List.of(
                first,
                get("10.0.0.2", "/index.html", "example.com"),
                get("10.0.0.1", "/b", "example.com")));
    assertThat(out).noneMatch(Outcome::dropped);
    assertThat(out.getFirst().bytes()).isEqualTo(first);
    CachingNf.UrlStats index = stats(nf, "example.com/index.html");
    assertThat(index.requests()).isEqualTo(2);
    assertThat(index.misses()).isEqualTo(1);
    assertThat(index.hits()).isEqualTo(1);
    assertThat(index.clients()).isEqualTo(2);
    assertThat(nf.counters())
        .containsEntry("http_requests", 3L)
        .containsEntry("cache_hits", 1L)
        .containsEntry("cache_misses", 2L)
        .containsEntry("urls_tracked", 2L);
  }

  @Test
  void theLruEvictsTheLeastRecentlyUsedObject() {
    CachingNf nf = caching(Map.of("cache_capacity", 2));
    harness.run(
        nf,
        List.of(
            get("10.0.0.1", "/a", "h"), // miss: [a]
            get("10.0.0.1", "/b", "h"), // miss: [b a]
            get("10.0.0.1", "/a", "h"), // hit: [a b]
            get("10.0.0.1", "/c", "h"), // miss, evicts b: [c a]
            get("10.0.0.1", "/a", "h"), // hit
            get("10.0.0.1", "/b", "h"))); // miss, evicts c
    assertThat(nf.counters())
        .containsEntry("cache_hits", 2L)
        .containsEntry("cache_misses", 4L)
        .containsEntry("cache_evictions", 2L)
        .containsEntry("cache_objects", 2L);
    assertThat(stats(nf, "h/b").misses()).isEqualTo(2);
  }

  @Test
  void manyEvictionsKeepTheTableConsistent() {
    CachingNf nf = caching(Map.of("cache_capacity", 8, "url_table_size", 4));
    for (int round = 0; round < 3; round++) {
      for (int i = 0; i < 40; i++) {
        harness.run(nf, get("10.0.0.1", "/o" + i, "h"));
      }
    }
    // A cyclic scan over more objects than the cache holds never hits under LRU.
    assertThat(nf.counters())
        .containsEntry("cache_hits", 0L)
        .containsEntry("cache_misses", 120L)
        .containsEntry("urls_tracked", 4L)
        .containsEntry("urls_untracked", 108L);
    for (int i = 32; i < 40; i++) {
      harness.run(nf, get("10.0.0.1", "/o" + i, "h"));
    }
    assertThat(nf.counters()).containsEntry("cache_hits", 8L);
  }

  @Test
  void absoluteFormHeadAndPostAreRecognised() {
    CachingNf nf = caching(Map.of());
    harness.run(
        nf,
        List.of(
            tcp4(
                "10.0.0.1", 1, "10.0.0.2", 3128, "GET http://Proxy.example/x?q=1 HTTP/1.0\r\n\r\n"),
            tcp4("10.0.0.1", 1, "10.0.0.2", 80, "HEAD / HTTP/1.1\r\nhost:  h \r\n\r\n"),
            tcp4(
                "10.0.0.1",
                1,
                "10.0.0.2",
                80,
                "POST /form HTTP/1.1\r\nX: y\r\nHOST: h\r\n\r\nbody")));
    assertThat(nf.urlStats())
        .extracting(CachingNf.UrlStats::url)
        .containsExactlyInAnyOrder("proxy.example/x?q=1", "h/", "h/form");
    assertThat(nf.counters()).containsEntry("uncacheable", 1L).containsEntry("cache_misses", 2L);
  }

  @Test
  void nonHttpIncompleteAndMalformedFramesPassAndAreCounted() {
    CachingNf nf = caching(Map.of("max_url_length", 16));
    byte[] truncated = Arrays.copyOf(get("10.0.0.1", "/", "h"), 14 + 20 + 8);
    List<Outcome> out =
        harness.run(
            nf,
            List.of(
                tcp4("10.0.0.1", 1, "10.0.0.2", 80, "HTTP/1.1 200 OK\r\n\r\n"),
                tcp4("10.0.0.1", 1, "10.0.0.2", 80, "GET /no-version\r\n"),
                tcp4("10.0.0.1", 1, "10.0.0.2", 80, "GET / HTTP/1.1\r\nAccept: */*\r\n"),
                get("10.0.0.1", "/a-very-long-path-indeed", "h"),
                tcp4("10.0.0.1", 1, "10.0.0.2", 80, ""),
                Frames.arp(),
                truncated));
    assertThat(out).noneMatch(Outcome::dropped);
    assertThat(out.getLast().malformed()).isTrue();
    assertThat(nf.counters())
        .containsEntry("packets", 6L)
        .containsEntry("not_http", 2L)
        .containsEntry("http_incomplete", 1L)
        .containsEntry("url_too_long", 1L)
        .containsEntry("no_payload", 2L)
        .containsEntry("urls_tracked", 0L);
  }

  @Test
  void reportsEveryConfigurationProblem() {
    assertThatThrownBy(
            () ->
                caching(
                    Map.of(
                        "cache_capacity",
                        0,
                        "url_table_size",
                        "big",
                        "max_url_length",
                        8,
                        "ttl",
                        1)))
        .isInstanceOfSatisfying(
            NfConfigException.class,
            e ->
                assertThat(e.problems())
                    .hasSize(4)
                    .anyMatch(s -> s.startsWith("cache_capacity: 0"))
                    .anyMatch(s -> s.startsWith("url_table_size: big"))
                    .anyMatch(s -> s.startsWith("max_url_length: 8"))
                    .anyMatch(s -> s.startsWith("ttl: unknown property")));
  }
}
