package org.nfpvnfm.events;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class DeduplicatorTest {

  @Test
  void answersFirstSeenOnceAndCountsTheRepeats() {
    Deduplicator d = new Deduplicator(10);
    assertThat(d.firstSeen("a")).isTrue();
    assertThat(d.firstSeen("b")).isTrue();
    assertThat(d.firstSeen("a")).isFalse();
    assertThat(d.firstSeen("a")).isFalse();
    assertThat(d.duplicates()).isEqualTo(2);
    assertThat(d.size()).isEqualTo(2);
  }

  @Test
  void forgetsTheLeastRecentlySeenIdBeyondItsCapacity() {
    Deduplicator d = new Deduplicator(2);
    d.firstSeen("a");
    d.firstSeen("b");
    assertThat(d.firstSeen("a")).isFalse(); // a is the most recent now
    d.firstSeen("c"); // pushes out b
    assertThat(d.contains("b")).isFalse();
    assertThat(d.contains("a")).isTrue();
    assertThat(d.size()).isEqualTo(2);
    assertThat(d.firstSeen("b")).isTrue();
  }

  @Test
  void containsNeitherCountsNorRefreshes() {
    Deduplicator d = new Deduplicator(2);
    d.firstSeen("a");
    d.firstSeen("b");
    assertThat(d.contains("a")).isTrue();
    d.firstSeen("c"); // a is still the least recent: it goes
    assertThat(d.contains("a")).isFalse();
    assertThat(d.duplicates()).isZero();
  }

  @Test
  void holdsAtMostItsCapacity() {
    Deduplicator d = new Deduplicator(1000);
    for (int i = 0; i < 10_000; i++) {
      assertThat(d.firstSeen("id-" + i)).isTrue();
    }
    assertThat(d.size()).isEqualTo(1000);
    assertThat(d.firstSeen("id-9999")).isFalse();
    assertThat(d.firstSeen("id-0")).isTrue();
  }

  @Test
  void refusesACapacityBelowOne() {
    assertThatThrownBy(() -> new Deduplicator(0))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("capacity is 0 (expected: 1 or more ids to remember)");
  }
}
